"""The one reader of numbers in query strings (``?year=``, ``?page=``, ``?v=``): a bad value is ignored with a
message in the user's language, or answered 400 when the page cannot do without it; never an exception.

Every value goes through ``gongkai.core.domain.numbers.ascii_int`` (ASCII digits within 64 bits).
"""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.domain.numbers import MAX_ID, ascii_int

FIRST_YEAR, LAST_YEAR = 1949, 2100

LABELS = {"year": gettext_lazy("年份"), "page": gettext_lazy("页码")}


def _complain(request, name: str, value: str, low: int, high: int, *, strict: bool, quiet: bool) -> None:
    label = LABELS.get(name, name)
    shown = value if len(value) <= 24 else value[:24] + "…"
    text = _("%(label)s“%(value)s”无效，已忽略（应为%(low)s至%(high)s之间的整数）。") % {
        "label": label, "value": shown, "low": low, "high": high}
    if strict:
        raise BadRequest(text)
    if not quiet and hasattr(request, "_messages"):
        messages.warning(request, text)


def query_int(request, name: str, *, default: int | None = None, low: int = 0, high: int = MAX_ID,
              strict: bool = False, quiet: bool = False, params=None) -> int | None:
    """``request.GET[name]`` as an integer in [low, high]; absent or empty gives ``default``. A bad value gives
    ``default`` and a warning message (``quiet``: no message; ``strict``: 400 Bad Request with the message)."""
    params = request.GET if params is None else params
    value = params.get(name, "")
    if value == "":
        return default
    number = ascii_int(value, low=low, high=high)
    if number is None:
        _complain(request, name, value, low, high, strict=strict, quiet=quiet)
        return default
    return number


def query_year(request, name: str = "year", *, default: int | None = None, low: int = FIRST_YEAR,
               high: int = LAST_YEAR, strict: bool = False, quiet: bool = False, params=None) -> int | None:
    return query_int(request, name, default=default, low=low, high=high, strict=strict, quiet=quiet, params=params)
