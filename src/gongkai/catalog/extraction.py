"""Attachment types from content (magic bytes, not the file name) and their text, for search and screening."""

import io
import re
import zipfile

import filetype

ALLOWED_KINDS = {"pdf", "doc", "docx", "xls", "xlsx", "ofd", "jpg", "png"}
KIND_LABELS = {"pdf": "PDF", "doc": "Word 97-2003", "docx": "Word", "xls": "Excel 97-2003", "xlsx": "Excel",
               "ofd": "OFD 版式文件", "jpg": "JPEG 图片", "png": "PNG 图片"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    ``name`` only separates the two legacy Office formats, which share one container (OLE2)."""
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


def extract_text(data: bytes, kind: str) -> str:
    """Plain text of a document; "" for images and the binary legacy formats (doc, xls)."""
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            return "\n".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages).strip()
        if kind == "docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.append("\t".join(cell.text for cell in row.cells))
            return "\n".join(parts).strip()
        if kind == "xlsx":
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            lines = []
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    cells = [str(v) for v in row if v is not None]
                    if cells:
                        lines.append("\t".join(cells))
            return "\n".join(lines).strip()
        if kind == "ofd":
            archive = zipfile.ZipFile(io.BytesIO(data))
            texts = []
            for member in sorted(n for n in archive.namelist() if n.endswith("Content.xml")):
                xml = archive.read(member).decode("utf-8", errors="replace")
                texts += re.findall(r"<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>", xml)
            return "".join(texts).strip()
    except Exception:  # a damaged file still uploads; it just yields no text
        return ""
    return ""
