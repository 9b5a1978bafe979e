"""Hidden layers (optional content, PDF 32000-1 §8.11) out of a PDF before redaction.

Content in a layer that is switched off is neither drawn nor extracted as text by MuPDF, so a verifier reading
the page would never see it, and a reader who switches the layer on would. It is therefore cut out of the
content streams (the marked-content sections ``/OC … BDC … EMC`` and the XObjects and annotations that name a
hidden layer); the visible layers' content is kept as plain content, and the layer definitions are removed.
A membership dictionary (OCMD) is judged by its policy; a visibility expression (``/VE``) is treated as hidden:
cutting too much loses nothing that may be released.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject

OC = NameObject("/OC")


def _hidden_groups(root) -> tuple[set, bool]:
    """The indirect references of the layers off by default, and whether the document has layers at all."""
    props = root.get("/OCProperties")
    if props is None:
        return set(), False
    props = props.get_object()
    groups = {ref.idnum for ref in props.get("/OCGs", ArrayObject())}
    default = props.get("/D", DictionaryObject()).get_object()
    on = {ref.idnum for ref in default.get("/ON", ArrayObject())}
    off = {ref.idnum for ref in default.get("/OFF", ArrayObject())}
    if default.get("/BaseState") == "/OFF":
        off |= groups - on
    return off, True


def _is_hidden(obj, hidden: set) -> bool:
    ref = getattr(obj, "idnum", None)
    obj = obj.get_object() if obj is not None else None
    if not isinstance(obj, DictionaryObject):
        return False
    if obj.get("/Type") == "/OCMD":
        if "/VE" in obj:
            return True
        members = obj.get("/OCGs")
        members = [members] if members is not None and not isinstance(members, ArrayObject) else (members or [])
        states = [m.idnum not in hidden for m in members]
        policy = obj.get("/P", "/AnyOn")
        visible = {"/AllOn": all(states), "/AnyOff": not all(states), "/AllOff": not any(states)}.get(
            policy, any(states))
        return not visible
    return ref in hidden


def _filter(stream_owner, resources, reader, hidden: set, seen: set) -> None:
    content = ContentStream(stream_owner.get_contents() if hasattr(stream_owner, "get_contents")
                            else stream_owner, reader)
    properties = (resources or {}).get("/Properties", DictionaryObject()).get_object() if resources else {}
    xobjects = (resources or {}).get("/XObject", DictionaryObject()).get_object() if resources else {}
    kept, skipping = [], 0
    for operands, operator in content.operations:
        if skipping:
            if operator in (b"BDC", b"BMC"):
                skipping += 1
            elif operator == b"EMC":
                skipping -= 1
            elif operator in (b"q", b"Q"):
                kept.append((operands, operator))   # a section may open a state that is closed after it
            continue
        if operator == b"BDC" and operands and operands[0] == OC:
            prop = operands[1]
            target = properties.get(prop) if isinstance(prop, NameObject) else prop
            if _is_hidden(target, hidden):
                skipping = 1
                continue
            kept.append(([OC], b"BMC"))
            continue
        if operator == b"Do" and operands:
            xobject = xobjects.get(operands[0])
            if xobject is not None and _is_hidden(xobject.get_object().get("/OC"), hidden):
                continue
        kept.append((operands, operator))
    content.operations = kept
    if hasattr(stream_owner, "replace_contents"):
        stream_owner.replace_contents(content)
    else:
        stream_owner.set_data(content.get_data())
    for name in list(xobjects.keys()) if xobjects else ():
        xobject = xobjects[name].get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            _filter(xobject, xobject.get("/Resources", DictionaryObject()).get_object(), reader, hidden, seen)


def strip_hidden_layers(data: bytes) -> bytes:
    """``data`` without the content of hidden layers and without layer definitions; unchanged when the
    document has no layers."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    _, has_layers = _hidden_groups(reader.trailer["/Root"])
    if not has_layers:
        return data
    writer = PdfWriter(clone_from=reader)
    # After cloning, object numbers may change: read the hidden set again from the writer's catalog.
    hidden_ids, _ = _hidden_groups(writer._root_object)
    seen: set = set()
    for page in writer.pages:
        resources = page.get("/Resources", DictionaryObject()).get_object()
        if page.get_contents() is not None:
            _filter(page, resources, writer, hidden_ids, seen)
        annots = page.get("/Annots")
        if annots is not None:
            annots = annots.get_object()
            kept = ArrayObject(a for a in annots if not _is_hidden(a.get_object().get("/OC"), hidden_ids))
            page[NameObject("/Annots")] = kept
    del writer._root_object[NameObject("/OCProperties")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
