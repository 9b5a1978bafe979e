"""The PDF side of redaction, with PyMuPDF: opening an upload safely, reading each character with its box,
finding what to withhold (terms, the personal-data finder of screening, regions) and applying it.

Applying removes what lies under each box from the file (text, image pixels, vector paths that touch it) rather
than painting over it; annotations and form fields are first flattened into the page so that their visible text
is redacted like any other, and everything a reader does not see on the page is dropped: the information
dictionary and XMP metadata, embedded files and file attachments, hidden layers (``layers.strip_hidden_layers``),
bookmarks, links, JavaScript, thumbnails and the glyphs of fonts no longer used.
"""

import unicodedata
from dataclasses import dataclass, field

import pymupdf
from django.utils.translation import gettext_lazy as _

from gongkai.cases.domain.redaction import GROUND_OF, Ground, MarkKind, Region
from gongkai.cases.redaction.layers import strip_hidden_layers
from gongkai.catalog.domain.screening import FINDING_LABELS, MASKS, mask, personal_data_hits
from gongkai.core.errors import ValidationFailed

# Whitespace kept so that separators inside numbers reach the finder; ligatures kept, folded by NFKC below.
# No TEXT_MEDIABOX_CLIP: text placed outside the visible page is still in the file and must be found.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES
FILL = (0, 0, 0)
PDF_MAGIC = b"%PDF-"


class UnreadableDocument(ValidationFailed):
    code = "redaction_unreadable"


def open_pdf(data: bytes, *, max_pages: int) -> pymupdf.Document:
    """The upload as a PDF document, or a message saying plainly why not."""
    if PDF_MAGIC not in data[:1024]:
        raise UnreadableDocument(_("该文件不是 PDF 文件（也不是可以转换的 DOCX、XLSX 文件）。"), code="cases.not_pdf")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:   # MuPDF raises its own error types for every kind of damage
        raise UnreadableDocument(_("该 PDF 文件已损坏，无法打开。"), code="cases.pdf_damaged") from None
    if doc.needs_pass:
        doc.close()
        raise UnreadableDocument(_("该 PDF 文件设有打开密码（已加密），无法处理：请提供未加密的文件。"), code="cases.pdf_encrypted")
    if doc.page_count == 0:
        doc.close()
        raise UnreadableDocument(_("该 PDF 文件没有页面。"), code="cases.pdf_empty")
    if doc.page_count > max_pages:
        count = doc.page_count
        doc.close()
        raise UnreadableDocument(_("该 PDF 文件有 %(count)s 页，超过每次处理的上限 %(max_pages)s 页：请拆分后分别处理。"), code="cases.pdf_too_long", count=count, max_pages=max_pages)
    return doc


@dataclass
class PageText:
    """The characters of a page in reading order, each with its box; ``None`` boxes are the line ends."""

    chars: list[tuple[str, pymupdf.Rect | None]] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)   # for each character, the number of its line

    @property
    def text(self) -> str:
        return "".join(c for c, _box in self.chars)

    def folded(self) -> tuple[str, list[int]]:
        """NFKC-folded text without whitespace, and for each of its characters the index into ``chars``: a term
        is found also across a line break, in full-width letters or with spaces put between its characters."""
        out, index = [], []
        for i, (ch, _box) in enumerate(self.chars):
            for folded in unicodedata.normalize("NFKC", ch):
                if not folded.isspace():
                    out.append(folded)
                    index.append(i)
        return "".join(out), index

    def boxes(self, indices) -> list[pymupdf.Rect]:
        """The union box of the given characters on each line they are on."""
        rects: list[pymupdf.Rect] = []
        last_line = None
        for i in sorted(set(indices)):
            box = self.chars[i][1]
            if box is None or box.is_empty:
                continue
            line = self.line_of[i]
            if rects and line == last_line:
                rects[-1] = rects[-1] | box
            else:
                rects.append(pymupdf.Rect(box))
            last_line = line
        return rects


def page_text(page: pymupdf.Page) -> PageText:
    result = PageText()
    line_number = 0
    for block in page.get_text("rawdict", flags=TEXT_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for char in span["chars"]:
                    result.chars.append((char["c"], pymupdf.Rect(char["bbox"])))
                    result.line_of.append(line_number)
            result.chars.append(("\n", None))
            result.line_of.append(line_number)
            line_number += 1
    return result


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def term_boxes(text: PageText, term: str) -> list[pymupdf.Rect]:
    needle = fold(term)
    if not needle:
        return []
    haystack, index = text.folded()
    found, start = [], haystack.find(needle)
    while start >= 0:
        found.extend(text.boxes(index[start:start + len(needle)]))
        start = haystack.find(needle, start + len(needle))
    return found


@dataclass(frozen=True)
class Suggestion:
    """A finding of the personal-data finder on a page: ticked by default in the form."""

    key: str          # page:offset, stable for the same source file
    page: int         # 1-based
    kind: str
    label: str        # 身份证号码 …
    masked: str       # shown to the officer and kept in the record
    value: str        # the digits: checked absent from the output, never stored
    rects: tuple[tuple[float, float, float, float], ...]


def personal_suggestions(doc: pymupdf.Document) -> list[Suggestion]:
    found = []
    for number, page in enumerate(doc, start=1):
        text = page_text(page)
        for hit in personal_data_hits(text.text):
            rects = text.boxes(range(hit.start, hit.end))
            found.append(Suggestion(
                key=f"{number}:{hit.start}", page=number, kind=str(hit.kind), label=FINDING_LABELS[hit.kind],
                masked=mask(hit.value, *MASKS[hit.kind]), value=hit.value,
                rects=tuple(tuple(round(v, 2) for v in r) for r in rects),
            ))
    return found


@dataclass(frozen=True)
class Box:
    page: int                                   # 1-based
    rect: tuple[float, float, float, float]
    kind: MarkKind
    ground: Ground
    what: str                                   # the term, the masked finding, or the region's coordinates


@dataclass(frozen=True)
class Withheld:
    """A text the output must not contain more than ``allowed`` times (terms and personal data: never)."""

    kind: MarkKind
    text: str
    allowed: int
    label: str


@dataclass
class Plan:
    boxes: list[Box] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)   # terms absent from the text layer (perhaps in images)


def count(haystack: str, needle: str) -> int:
    return haystack.count(needle) if needle else 0


def plan_redaction(doc: pymupdf.Document, *, terms: list[tuple[str, Ground]], regions: list[tuple[Region, Ground]],
                   personal: list[Suggestion], personal_ground: Ground) -> Plan:
    """The boxes to redact and what the verifier must then find absent."""
    plan = Plan()
    texts = [page_text(page) for page in doc]
    whole = "".join(t.folded()[0] for t in texts)
    for term, ground in terms:
        hits = 0
        for number, text in enumerate(texts, start=1):
            for rect in term_boxes(text, term):
                plan.boxes.append(Box(number, tuple(rect), MarkKind.TERM, ground, term))
                hits += 1
        if not hits:
            plan.not_found.append(term)
        plan.withheld.append(Withheld(MarkKind.TERM, fold(term), 0, term))
    for suggestion in personal:
        for rect in suggestion.rects:
            plan.boxes.append(Box(suggestion.page, rect, MarkKind.PERSONAL, personal_ground, suggestion.masked))
        plan.withheld.append(Withheld(MarkKind.PERSONAL, suggestion.value, 0,
                                      f"{suggestion.label} {suggestion.masked}"))
    for region, ground in regions:
        rect = pymupdf.Rect(region.x0, region.y0, region.x1, region.y1)
        what = f"第{region.page}页 ({region.x0:g}, {region.y0:g}, {region.x1:g}, {region.y1:g})"
        plan.boxes.append(Box(region.page, tuple(rect), MarkKind.REGION, ground, what))
        # The text under the region, line by line: the output must hold each piece at least once less than the
        # source did (the same words may rightly stay elsewhere on the page).
        text = texts[region.page - 1]
        pieces: dict[int, list[str]] = {}
        for i, (ch, box) in enumerate(text.chars):
            if box is not None and centre_in(box, rect):
                pieces.setdefault(text.line_of[i], []).append(ch)
        for piece in pieces.values():
            folded = fold("".join(piece))
            if folded:
                plan.withheld.append(Withheld(MarkKind.REGION, folded, max(0, count(whole, folded) - 1), what))
    return plan


def centre_in(box: pymupdf.Rect, rect: pymupdf.Rect) -> bool:
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return rect.x0 <= cx <= rect.x1 and rect.y0 <= cy <= rect.y1


# The catalog keeps only what a page viewer needs; everything else in it (forms, layers, bookmarks, names of
# embedded files, scripts, XMP, the structure tree with its alternate texts, stray keys) is dropped.
CATALOG_KEEP = ("Pages", "Lang", "Version")
# Keys of other objects that carry text or behaviour a reader of the page does not see.
OBJECT_KEYS = ("Metadata", "PieceInfo", "AA", "Thumb", "OC", "StructParents")


def _rewrite_catalog(doc: pymupdf.Document) -> None:
    catalog = doc.pdf_catalog()
    kept = []
    for key in CATALOG_KEEP:
        kind, value = doc.xref_get_key(catalog, key)
        if kind != "null":
            kept.append(f"/{key} {value}")
    doc.update_object(catalog, "<< /Type /Catalog " + " ".join(kept) + " >>")


def apply_redaction(data: bytes, boxes: list[Box], *, max_pages: int) -> bytes:
    """The source with every box redacted and the hidden parts of the file removed: the bytes to verify."""
    doc = open_pdf(data, max_pages=max_pages)
    if doc.get_ocgs():
        doc.close()
        try:
            data = strip_hidden_layers(data)
        except Exception:   # pypdf's errors for a file it cannot take apart
            raise UnreadableDocument(_("该 PDF 文件含有隐藏图层，但其结构无法解析，不能保证删除隐藏内容：请另存为不含图层的 PDF 后重新上传。"), code="cases.pdf_layers_unreadable") from None
        doc = open_pdf(data, max_pages=max_pages)
    try:
        doc.bake(annots=True, widgets=True)
        by_page: dict[int, list[Box]] = {}
        for box in boxes:
            by_page.setdefault(box.page, []).append(box)
        for number, page_boxes in by_page.items():
            page = doc[number - 1]
            for box in page_boxes:
                page.add_redact_annot(pymupdf.Rect(box.rect), fill=FILL, cross_out=False)
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                                  graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                                  text=pymupdf.PDF_REDACT_TEXT_REMOVE)
        doc.scrub(attached_files=True, clean_pages=True, embedded_files=True, hidden_text=True, javascript=True,
                  metadata=True, redactions=True, remove_links=True, reset_fields=True, reset_responses=True,
                  thumbnails=True, xml_metadata=True)
        for page in doc:
            for annot in list(page.annots() or ()):
                page.delete_annot(annot)
        doc.set_toc([])
        doc.set_metadata({})
        doc.del_xml_metadata()
        for xref in range(1, doc.xref_length()):
            for key in OBJECT_KEYS:
                if doc.xref_get_key(xref, key)[0] != "null":
                    doc.xref_set_key(xref, key, "null")
        try:
            doc.subset_fonts()
        except Exception:  # a font MuPDF cannot subset stays whole: only the glyph set, not the text, is shown
            pass
        _rewrite_catalog(doc)
        return doc.tobytes(garbage=4, deflate=True, deflate_images=True, deflate_fonts=True, clean=True,
                           encryption=pymupdf.PDF_ENCRYPT_NONE, no_new_id=True)
    finally:
        doc.close()


def ground_article(ground: Ground) -> str:
    return GROUND_OF[ground].article


def page_sizes(doc: pymupdf.Document) -> list[tuple[float, float]]:
    return [(page.rect.width, page.rect.height) for page in doc]


def render_png(data: bytes, page_number: int, *, dpi: int, outline: list[tuple] = (), max_pages: int) -> bytes:
    """A page as PNG; ``outline`` draws the planned boxes in red on a copy (the file is not changed)."""
    doc = open_pdf(data, max_pages=max_pages)
    try:
        if not 1 <= page_number <= doc.page_count:
            raise UnreadableDocument(_("页码%(page_number)s不存在（共%(pages)s页）。"), code="cases.page_missing", page_number=page_number, pages=doc.page_count)
        page = doc[page_number - 1]
        for rect in outline:
            page.draw_rect(pymupdf.Rect(rect), color=(0.85, 0, 0), width=1.2)
        return page.get_pixmap(dpi=dpi, annots=False).tobytes("png")
    finally:
        doc.close()
