"""Whole numbers typed by visitors: ASCII digits only, within what a 64-bit database column holds.

``str.isdigit()`` and ``int()`` accept superscripts and other scripts' digits (``"²".isdigit()`` is true and
``int("١٢")`` is 12), and Python integers have no upper bound while SQLite and PostgreSQL stop at 2**63 - 1:
either reached the database as an error. Every number from a URL, a query string or a cursor is read here.
"""

MAX_ID = 2**63 - 1          # the largest value of a SQLite INTEGER and a PostgreSQL bigint
_MAX_DIGITS = len(str(MAX_ID))


def ascii_int(value, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """The integer written in ``value`` when it is ASCII digits (a leading minus only if ``low`` < 0) within
    [low, high]; otherwise None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        digits = text[1:] if text.startswith("-") and low < 0 else text
        if not digits or len(digits) > _MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
            return None
        number = int(text)
    return number if low <= number <= high else None
