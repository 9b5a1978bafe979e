"""Every file the platform hands out (attachments, application files and ID scans, letters, case files,
compilations) goes through here: always a download (``Content-Disposition: attachment`` with the RFC 6266
``filename*`` form for Chinese names), ``X-Content-Type-Options: nosniff``, and a content type taken from
what the platform judged the bytes to be, never from the file's name. A file the platform does not know is
``application/octet-stream``.
"""

from urllib.parse import quote

from django.http import FileResponse, HttpResponse

SAFE_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
    "jpg": "image/jpeg",
    "png": "image/png",
    "zip": "application/zip",
    "json": "application/json",
}
OCTET_STREAM = "application/octet-stream"


def safe_content_type(kind_or_type: str) -> str:
    """The content type for a kind ("pdf") or a stored type ("application/pdf"), if it is one we serve."""
    value = (kind_or_type or "").strip().lower()
    if value in SAFE_TYPES:
        return SAFE_TYPES[value]
    return value if value in SAFE_TYPES.values() else OCTET_STREAM


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 ``filename*`` (RFC 6266 §4.3, RFC 5987)."""
    name = (filename or "download").replace("\\", "/").rsplit("/", 1)[-1].replace("\r", "").replace("\n", "")
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"%;\\' else "_" for c in name)
    return f"attachment; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{quote(name, safe='')}"


def _harden(response, filename: str):
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_download(fileobj, *, filename: str, kind: str) -> FileResponse:
    """Stream a stored file as a download (``kind``: a kind such as "pdf" or a stored content type)."""
    response = FileResponse(fileobj, content_type=safe_content_type(kind))
    return _harden(response, filename)


def bytes_download(data: bytes, *, filename: str, kind: str) -> HttpResponse:
    """A generated document (a letter, a compilation, a case file) as a download."""
    return _harden(HttpResponse(data, content_type=safe_content_type(kind)), filename)
