"""Requests whose address carries a NUL character are refused with 400 before any view reads them.

No text of this platform may contain NUL: PostgreSQL refuses it in every text column (``DataError``, HTTP 500
before this check), and SQLite stores it where no one can see it. Django's form fields already reject it; the
query string and the path are read by views directly, so they are checked here, once.
"""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _


def _has_nul(text: str) -> bool:
    return "\x00" in text or "%00" in text


class RefuseNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.META.get("QUERY_STRING", "")) or "\x00" in request.path_info:
            raise BadRequest(_("网址中含有不允许的空字符（%00），请检查后重试。"))
        return self.get_response(request)
