"""The document properties of an attachment that travel with the file to the public (author, title, subject,
keywords, comments): screened like the text, because an office file often carries its writer's name or phone.

Read from the stored file at screening time, bounded: only the small properties part of an Office file, only
the information dictionary of a PDF. Anything unreadable gives no properties (the text extraction reports it).
"""

import zipfile
from typing import BinaryIO
from xml.etree import ElementTree

MAX_PROPERTIES_BYTES = 256 * 1024
OFFICE_PARTS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "OFD.xml")
PDF_KEYS = ("/Author", "/Title", "/Subject", "/Keywords", "/Creator", "/Producer")


def _office_properties(stream: BinaryIO) -> list[str]:
    values = []
    with zipfile.ZipFile(stream) as archive:
        for name in OFFICE_PARTS:
            try:
                info = archive.getinfo(name)
            except KeyError:
                continue
            if info.file_size > MAX_PROPERTIES_BYTES:
                continue
            root = ElementTree.fromstring(archive.read(info))
            values.extend(el.text.strip() for el in root.iter() if el.text and el.text.strip())
    return values


def _pdf_properties(stream: BinaryIO) -> list[str]:
    from pypdf import PdfReader

    info = PdfReader(stream).metadata or {}
    return [str(info[key]).strip() for key in PDF_KEYS if key in info and str(info[key]).strip()]


def document_properties(stream: BinaryIO, kind: str) -> str:
    """The properties of a stored attachment (a seekable binary file) as text."""
    try:
        if kind in {"docx", "xlsx", "ofd"}:
            return "；".join(_office_properties(stream))
        if kind == "pdf":
            return "；".join(_pdf_properties(stream))
    except Exception:
        # A damaged file has no readable properties; its text extraction reports the damage.
        return ""
    return ""
