"""The verifier: reads a redacted PDF again, as someone who received it would (and as someone who takes it
apart would), and proves what the plan withheld is gone.

Each check is a row of the verification record, passed or failed with what it found (masked where it is
personal data). Pages drawn mostly from images (scans) cannot be proved by their text: they are listed for a
person to confirm on the preview, and the record is not ``passed`` until one has.
"""

from dataclasses import asdict, dataclass, field

import pymupdf

from gongkai.cases.domain.redaction import Verdict, verdict_of
from gongkai.cases.redaction.pdf import CATALOG_KEEP, Plan, centre_in, count, open_pdf, page_text
from gongkai.catalog.domain.screening import FINDING_LABELS, MASKS, mask, personal_data_hits

# A page whose images cover this share of its area is a scan or a picture: its text cannot be proved.
IMAGE_PAGE_SHARE = 0.2
# The inside of a box, away from the edge where a neighbouring glyph or anti-aliasing may touch it.
INSET = 1.0
RAW_SCAN_LIMIT = 16 * 1024 * 1024


@dataclass
class Check:
    code: str
    label: str
    passed: bool
    detail: str = ""
    page: int | None = None


@dataclass
class Verification:
    verdict: Verdict
    checks: list[Check] = field(default_factory=list)
    unproven_pages: list[int] = field(default_factory=list)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def as_json(self) -> dict:
        return {"verdict": str(self.verdict), "unproven_pages": self.unproven_pages,
                "checks": [asdict(c) for c in self.checks]}


def _inset(rect) -> pymupdf.Rect:
    r = pymupdf.Rect(rect)
    return pymupdf.Rect(r.x0 + INSET, r.y0 + INSET, r.x1 - INSET, r.y1 - INSET)


def verify(data: bytes, plan: Plan, *, max_pages: int) -> Verification:
    try:
        return _verify(data, plan, max_pages=max_pages)
    except Exception as exc:  # a file the checks cannot read through is not proved: it fails, it never passes
        return Verification(Verdict.FAILED, [Check("verifier_error", "核验程序读完整个文件", False,
                                                   type(exc).__name__)])


def _verify(data: bytes, plan: Plan, *, max_pages: int) -> Verification:
    checks: list[Check] = []
    unproven: list[int] = []

    def check(code: str, label: str, problems: list[str], page: int | None = None) -> None:
        checks.append(Check(code, label, not problems, "；".join(problems[:20]), page))

    try:
        doc = open_pdf(data, max_pages=max_pages)
    except Exception as exc:
        return Verification(Verdict.FAILED, [Check("open", "输出文件可以打开", False, str(exc))])
    try:
        boxes_of: dict[int, list[pymupdf.Rect]] = {}
        for box in plan.boxes:
            boxes_of.setdefault(box.page, []).append(pymupdf.Rect(box.rect))
        texts = [page_text(page) for page in doc]
        whole = "".join(t.folded()[0] for t in texts)

        survived = [f"{w.label}（仍有{count(whole, w.text) - w.allowed}处）" for w in plan.withheld
                    if count(whole, w.text) > w.allowed]
        check("text_withheld", "不予公开的文字已从文字层删除", survived)

        found = []
        for number, text in enumerate(texts, start=1):
            for hit in personal_data_hits(text.text):
                found.append(f"第{number}页 {FINDING_LABELS[hit.kind]} {mask(hit.value, *MASKS[hit.kind])}")
        check("text_personal_data", "文字层中没有个人信息（身份证号码、手机号码、银行卡号）", found)

        under = []
        for number, text in enumerate(texts, start=1):
            for rect in boxes_of.get(number, ()):
                inner = _inset(rect)
                left = "".join(ch for ch, b in text.chars if b is not None and centre_in(b, inner)).strip()
                if left:
                    under.append(f"第{number}页遮盖区域内仍有文字（{len(left)}个字符）")
        check("text_under_boxes", "遮盖区域内没有文字", under)

        check("hidden_text", "没有被图形遮住而仍可复制的文字", _covered_text(doc))
        _metadata_checks(doc, plan, check)
        _structure_checks(doc, check)
        check("raw_objects", "文件的任何对象中都没有不予公开的文字", _raw_scan(doc, plan))

        for number, page in enumerate(doc, start=1):
            boxes = boxes_of.get(number, [])
            problems, doubtful = _image_checks(doc, page, boxes)
            if boxes:
                check("image_pixels", "遮盖区域下的图片像素已清除", problems, number)
                check("vector_under_boxes", "遮盖区域内没有矢量图形", _vector_checks(page, boxes), number)
                check("rendered_boxes", "遮盖区域显示为实心块", _rendered_checks(page, boxes), number)
            # Glyphs without a Unicode value (a font without ToUnicode) read as U+FFFD: their text proves nothing.
            unreadable = any(ch == "\ufffd" for ch, _ in texts[number - 1].chars)
            if doubtful or unreadable or _image_share(page) >= IMAGE_PAGE_SHARE:
                unproven.append(number)
    finally:
        doc.close()
    failures = sum(1 for c in checks if not c.passed)
    return Verification(verdict_of(failures, len(unproven)), checks, unproven)


def _covered_text(doc: pymupdf.Document) -> list[str]:
    """Text over which an opaque shape was painted later: what a box drawn on top (not a redaction) leaves."""
    problems = []
    for page in doc:
        fills = [(d["seqno"], pymupdf.Rect(d["rect"])) for d in page.get_drawings()
                 if d.get("fill") is not None and (d.get("fill_opacity") or 0) >= 1]
        if not fills:
            continue
        hidden = 0
        for span in page.get_texttrace():
            for char in span["chars"]:
                box = pymupdf.Rect(char[3])
                if not chr(char[0]).strip() or box.is_empty:
                    continue
                if any(seqno > span["seqno"] and centre_in(box, rect) for seqno, rect in fills):
                    hidden += 1
        if hidden:
            problems.append(f"第{page.number + 1}页有{hidden}个字符被图形覆盖但未删除")
    return problems


def _metadata_checks(doc: pymupdf.Document, plan: Plan, check) -> None:
    left = [f"{key}" for key, value in (doc.metadata or {}).items()
            if key not in {"format", "encryption"} and value]
    xml = doc.get_xml_metadata()
    if xml.strip():
        left.append("XMP")
    check("metadata", "文档属性（标题、作者、主题、关键词等）和 XMP 元数据已清除", left)


def _structure_checks(doc: pymupdf.Document, check) -> None:
    catalog = doc.pdf_catalog()
    attachments = []
    if doc.embfile_count():
        attachments.append(f"{doc.embfile_count()}个嵌入文件")
    layers, forms, scripts = [], [], []
    for xref in range(1, doc.xref_length()):
        kind = doc.xref_get_key(xref, "Type")[1]
        if kind in {"/EmbeddedFile", "/Filespec"} or doc.xref_get_key(xref, "EF")[0] != "null":
            attachments.append(f"对象{xref}")
        if kind in {"/OCG", "/OCMD"} or doc.xref_get_key(xref, "OC")[0] != "null":
            layers.append(f"对象{xref}")
        if doc.xref_get_key(xref, "JS")[0] != "null" or doc.xref_get_key(xref, "S")[1] == "/JavaScript":
            scripts.append(f"对象{xref}")
    if doc.xref_get_key(catalog, "OCProperties")[0] != "null":
        layers.append("OCProperties")
    if doc.xref_get_key(catalog, "AcroForm")[0] != "null":
        forms.append("AcroForm")
    annots = sum(len(list(page.annots() or ())) + len(list(page.widgets() or ())) + len(page.get_links())
                 for page in doc)
    if annots:
        forms.append(f"{annots}个注释、表单域或链接")
    check("attachments", "没有附件和嵌入文件", attachments)
    check("annotations", "注释和表单域已并入页面（没有留下注释、表单域和链接）", forms)
    check("layers", "没有隐藏图层（可选内容）", layers)
    check("javascript", "没有脚本", scripts)
    check("outline", "没有书签", ["书签"] if doc.get_toc() else [])
    extra = [key for key in doc.xref_get_keys(catalog) if key not in {"Type", *CATALOG_KEEP}]
    check("catalog", "文档目录中只有页面（没有表单、名称树、结构树等条目）", extra)


def _encodings(text: str) -> list[bytes]:
    forms = {text.encode("utf-8"), text.encode("utf-16-be")}
    if not text.isascii():
        forms.add(("".join(f"{b:02X}" for b in text.encode("utf-16-be"))).encode())
    return [f for f in forms if len(f) >= 4]


def _raw_scan(doc: pymupdf.Document, plan: Plan) -> list[str]:
    """Every object and decoded stream other than images, for the withheld texts as bytes: what a metadata
    field, a form value or a stray object would hold them as."""
    needles = [(w.label, _encodings(w.text)) for w in plan.withheld if w.allowed == 0 and w.text]
    if not needles:
        return []
    found = set()
    for xref in range(1, doc.xref_length()):
        try:
            chunks = [doc.xref_object(xref, compressed=True).encode("latin-1", "replace")]
            if doc.xref_is_stream(xref) and not _binary_stream(doc, xref):
                stream = doc.xref_stream(xref) or b""
                if len(stream) <= RAW_SCAN_LIMIT:
                    chunks.append(stream)
        except Exception:   # an object MuPDF cannot decode is left to the other checks
            continue
        upper = [c.upper() for c in chunks]
        for label, forms in needles:
            if any(f in c or f.upper() in u for f in forms for c, u in zip(chunks, upper, strict=True)):
                found.add(f"{label}（对象{xref}）")
    return sorted(found)


def _binary_stream(doc: pymupdf.Document, xref: int) -> bool:
    """Images and font programs: pixels and glyph outlines, where a short text would match by chance."""
    subtype = doc.xref_get_key(xref, "Subtype")[1]
    return (subtype in {"/Image", "/Type1C", "/CIDFontType0C", "/OpenType"}
            or doc.xref_get_key(xref, "Length1")[0] != "null")


def _axis_aligned(m: pymupdf.Matrix) -> bool:
    return (abs(m.b) < 1e-6 and abs(m.c) < 1e-6) or (abs(m.a) < 1e-6 and abs(m.d) < 1e-6)


def _region_blank(pix: pymupdf.Pixmap, transform: pymupdf.Matrix, rect: pymupdf.Rect) -> bool:
    """Whether the pixels of the image under ``rect`` (page space) are all one colour."""
    inverse = ~transform
    area = (rect * inverse)
    x0, x1 = sorted((area.x0 * pix.width, area.x1 * pix.width))
    y0, y1 = sorted((area.y0 * pix.height, area.y1 * pix.height))
    clip = pymupdf.IRect(int(x0) + 1, int(y0) + 1, int(x1) - 1, int(y1) - 1) & pymupdf.IRect(0, 0, pix.width,
                                                                                        pix.height)
    if clip.is_empty:
        return True
    return pix.color_count(clip=clip) <= 1


def _image_checks(doc, page, boxes) -> tuple[list[str], bool]:
    problems, doubtful = [], False
    if not boxes:
        return problems, doubtful
    for info in page.get_image_info(xrefs=True):
        bbox = pymupdf.Rect(info["bbox"])
        hits = [_inset(b) & bbox for b in boxes if bbox.intersects(_inset(b))]
        hits = [h for h in hits if not h.is_empty]
        if not hits:
            continue
        transform = pymupdf.Matrix(info["transform"])
        xref = info.get("xref") or 0
        if not xref or not _axis_aligned(transform):
            doubtful = True   # an inline or rotated image: left to the person who confirms
            continue
        layers = [xref]
        smask = doc.xref_get_key(xref, "SMask")
        if smask[0] == "xref":
            layers.append(int(smask[1].split()[0]))
        for layer in layers:
            pix = pymupdf.Pixmap(doc, layer)
            if any(not _region_blank(pix, transform, hit) for hit in hits):
                problems.append(f"图片（对象{layer}）在遮盖区域下仍有内容")
    return problems, doubtful


def _vector_checks(page, boxes) -> list[str]:
    """Paths inside a box other than the box's own fill (a rectangle exactly on it, painted by the redaction)."""
    problems = []
    own = [pymupdf.Rect(b) for b in boxes]
    for drawing in page.get_drawings():
        rect = pymupdf.Rect(drawing["rect"])
        inside = [b for b in boxes if rect.intersects(_inset(b))]
        if not inside:
            continue
        is_fill = (drawing.get("fill") is not None and drawing.get("color") in (None, drawing.get("fill"))
                   and all(item[0] == "re" for item in drawing["items"]))
        if is_fill and any(abs(rect.x0 - o.x0) < 1 and abs(rect.y0 - o.y0) < 1 and abs(rect.x1 - o.x1) < 1
                           and abs(rect.y1 - o.y1) < 1 for o in own):
            continue
        problems.append(f"矢量图形 ({rect.x0:.0f}, {rect.y0:.0f}, {rect.x1:.0f}, {rect.y1:.0f})")
    return problems[:10]


def _rendered_checks(page, boxes) -> list[str]:
    problems = []
    for box in boxes:
        inner = _inset(box) & page.rect
        if inner.is_empty or inner.width < 1 or inner.height < 1:
            continue
        pix = page.get_pixmap(clip=inner, dpi=72, annots=False, alpha=False)
        if pix.color_count() > 1:
            problems.append(f"区域 ({inner.x0:.0f}, {inner.y0:.0f}) 显示的不是实心块")
    return problems


def _image_share(page) -> float:
    area = abs(page.rect)
    if not area:
        return 0.0
    covered = sum(abs(pymupdf.Rect(i["bbox"]) & page.rect) for i in page.get_image_info())
    return min(1.0, covered / area)

