"""Attachment types from content (magic bytes, not the file name) and their text, for search and screening.

Extraction is bounded: a 700 KB DOCX can hold gigabytes of zeros. Archives are judged by their declared
sizes and compression ratio before anything is inflated, text is kept up to a number of characters, and the
clock is watched; a bound that stops extraction is said to the editor, never a crash.
"""

import io
import re
import time
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.core.uploads import has_markup

ALLOWED_KINDS = {"pdf", "doc", "docx", "xls", "xlsx", "ofd", "jpg", "png"}
KIND_LABELS = {"pdf": "PDF", "doc": "Word 97-2003", "docx": "Word", "xls": "Excel 97-2003", "xlsx": "Excel",
               "ofd": "OFD 版式文件", "jpg": "JPEG 图片", "png": "PNG 图片"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_CHARS = 2_000_000      # of text kept from one attachment (search and screening read it)
MAX_MEMBERS = 10_000       # files inside one DOCX/XLSX/OFD
RATIO_FLOOR = 1024 * 1024  # small parts compress well by nature; the ratio limit applies above 1 MB


def _zip_kind(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def sniff(data: bytes, name: str = "") -> str | None:
    """The attachment kind of ``data`` judged from its bytes, or None if it is not an allowed type.
    ``name`` only separates the two legacy Office formats, which share one container (OLE2). Bytes that begin
    with HTML or script markup are refused whatever else they look like (a PDF that is also a web page)."""
    if has_markup(data[:4096]):
        return None
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "xls" if name.lower().endswith(".xls") or b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data[:65536] \
            else "doc"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    guess = filetype.guess(data[:8192])
    if guess is not None and guess.extension in {"jpg", "png"}:
        return guess.extension
    return None


@dataclass(frozen=True)
class Extraction:
    text: str
    problem: str = ""         # for the editor: why the text is missing or cut short ("" when complete)
    inflated_bytes: int = 0   # bytes decompressed from an archive to get the text


class _Stop(Exception):
    pass


@dataclass
class _Budget:
    """The bounds of one extraction. A zip member is never inflated beyond its declared size (Python's
    zipfile stops there and checks the CRC), so checking the declared sizes before opening is a real bound;
    the clock is checked between pages, paragraphs and rows."""

    max_bytes: int
    max_ratio: int
    deadline: float
    chars: int = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Stop(_("提取文字超过时间限制，已停止：只提取了部分文字，请人工检查附件内容。"))

    def add(self, text: str) -> str:
        self.chars += len(text)
        if self.chars > MAX_CHARS:
            raise _Stop(_("附件文字过多，只提取了前 %(n)s 字，请人工检查其余内容。") % {"n": MAX_CHARS})
        return text


def _budget() -> _Budget:
    return _Budget(max_bytes=int(settings.GONGKAI_EXTRACTION_MAX_BYTES),
                   max_ratio=int(settings.GONGKAI_EXTRACTION_MAX_RATIO),
                   deadline=time.monotonic() + float(settings.GONGKAI_EXTRACTION_SECONDS))


def _inspect_zip(archive: zipfile.ZipFile, budget: _Budget) -> int:
    """The declared inflated size of the archive, or _Stop when it is beyond the size or ratio limit."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _Stop(_("附件内含文件过多（%(n)s 个），未提取文字，请人工检查附件内容。") % {"n": len(infos)})
    total = 0
    for info in infos:
        total += info.file_size
        if total > budget.max_bytes:
            raise _Stop(_("附件解压后超过 %(mb)s MB，未提取文字（可能是压缩炸弹），请人工检查附件内容。")
                        % {"mb": budget.max_bytes // (1024 * 1024)})
        if info.file_size > RATIO_FLOOR and info.file_size > budget.max_ratio * max(info.compress_size, 1):
            raise _Stop(_("附件压缩比异常（超过 %(ratio)s 倍），未提取文字（可能是压缩炸弹），请人工检查附件内容。")
                        % {"ratio": budget.max_ratio})
    return total


def extract(data: bytes, kind: str) -> Extraction:
    """Plain text of a document within the size, ratio and time bounds; "" for images and the binary legacy
    formats (doc, xls). A file beyond a bound or damaged yields what was read and a problem for the editor."""
    budget = _budget()
    parts: list[str] = []
    inflated = 0
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            for page in PdfReader(io.BytesIO(data)).pages:   # pypdf bounds each stream it inflates
                budget.tick()
                parts.append(budget.add(page.extract_text() or ""))
        elif kind in ("docx", "xlsx", "ofd"):
            archive = zipfile.ZipFile(io.BytesIO(data))
            inflated = _inspect_zip(archive, budget)
            {"docx": _docx, "xlsx": _xlsx, "ofd": _ofd}[kind](data, archive, budget, parts)
    except _Stop as stop:
        return Extraction("\n".join(parts).strip(), str(stop.args[0]), inflated)
    except Exception:  # a damaged file still uploads; it just yields no text
        return Extraction("", str(_("未能从附件提取文字（文件可能已损坏），请人工检查附件内容。")), inflated)
    return Extraction("\n".join(parts).strip(), "", inflated)


def _docx(data, archive, budget, parts) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        budget.tick()
        parts.append(budget.add(paragraph.text))
    for table in document.tables:
        for row in table.rows:
            budget.tick()
            parts.append(budget.add("\t".join(cell.text for cell in row.cells)))


def _xlsx(data, archive, budget, parts) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            budget.tick()
            cells = [str(v) for v in row if v is not None]
            if cells:
                parts.append(budget.add("\t".join(cells)))


def _ofd(data, archive, budget, parts) -> None:
    texts = []
    for member in sorted(n for n in archive.namelist() if n.endswith("Content.xml")):
        budget.tick()
        xml = archive.read(member).decode("utf-8", errors="replace")
        texts += re.findall(r"<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>", xml)
    parts.append(budget.add("".join(texts)))


def extract_text(data: bytes, kind: str) -> str:
    return extract(data, kind).text
