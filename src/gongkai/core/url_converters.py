"""Path converters for ids and years: ASCII digits within the database's range, or the URL does not match.

Django's ``int`` converter accepts any length, so ``/items/18446744073709551616/`` reached the database as an
integer overflow (HTTP 500). A converter whose ``to_python`` raises ``ValueError`` makes the resolver treat the
URL as not matching: the visitor gets the ordinary 404 page.
"""

from django.urls import register_converter

from gongkai.core.domain.numbers import MAX_ID, ascii_int


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = ascii_int(value, low=0, high=MAX_ID)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter(IdConverter):
    regex = "[0-9]{4}"


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(YearConverter, "year")
