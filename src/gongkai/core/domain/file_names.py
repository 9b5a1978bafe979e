"""The name an uploaded file is stored under: short enough for any file system and for the column.

A file system refuses names over 255 bytes, and a Chinese character is 3 bytes in UTF-8: a citizen's scan named
with ~100 Chinese characters made the application form fail (HTTP 500). The original name is kept in the
database for display and downloads; the stored name only has to be recognisable and safe.
"""

MAX_NAME_BYTES = 120   # well under 255, leaving room for the suffix the storage adds when a name is taken
_MAX_EXTENSION = 10


def stored_file_name(filename: str, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``filename`` without directories or control characters, cut at a character boundary to ``max_bytes``
    bytes of UTF-8, keeping a short extension."""
    base = str(filename).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().strip(".") or "file"
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem or len(extension) > _MAX_EXTENSION or not extension.isalnum():
        stem, extension = base, ""
    suffix = f".{extension.lower()}" if extension else ""
    room = max_bytes - len(suffix.encode())
    cut = stem.encode()[:room].decode("utf-8", errors="ignore").strip() or "file"
    return cut + suffix
