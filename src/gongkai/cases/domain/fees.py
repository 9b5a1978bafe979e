"""信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号; spec §4, §7.2). Money in Decimal yuan.

Art. 3: per application the organ uses exactly one method, 按件计收 or 按量计收, both excess-progressive.
Art. 4 (按件): the same applicant's pieces within one calendar month: 1–10 free, 11–30 at 100 元/件, then bands
of ten pieces, each band 100 元/件 dearer (31–40: 200, 41–50: 300, …).
Art. 5 (按量): pages of one application: 1–30 free, 31–100 at 10 元/页, 101–200 at 20 元/页, from 201 at 40 元/页.
Whether pages accumulate across a month is not stated (spec §4): they are counted per application.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from gongkai.core.domain.money import yuan

BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


class FeeMethod(StrEnum):
    PER_PIECE = "per_piece"
    PER_VOLUME = "per_volume"


FEE_METHOD_LABELS = {FeeMethod.PER_PIECE: "按件计收", FeeMethod.PER_VOLUME: "按量计收"}


@dataclass(frozen=True)
class QuoteLine:
    first: int               # first piece/page of the tier (ordinal)
    last: int
    quantity: int
    unit_price: Decimal
    amount: Decimal
    unit: str                # 件 or 页

    @property
    def text(self) -> str:
        return (f"第{self.first}—{self.last}{self.unit}：{self.quantity}{self.unit} × {self.unit_price} 元/{self.unit}"
                f" = {self.amount} 元")


@dataclass(frozen=True)
class Quote:
    method: FeeMethod
    lines: tuple[QuoteLine, ...]
    total: Decimal
    basis: str = BASIS


def piece_unit_price(n: int) -> Decimal:
    """The price of the applicant's n-th piece in a calendar month (art. 4)."""
    if n < 1:
        raise ValueError("piece ordinals start at 1")
    if n <= 10:
        return Decimal("0")
    if n <= 30:
        return Decimal("100")
    return Decimal(100 * (2 + (n - 31) // 10))


def _band_end(n: int) -> int:
    if n <= 10:
        return 10
    if n <= 30:
        return 30
    return 40 + 10 * ((n - 31) // 10)


def quote_pieces(pieces: int, *, already_this_month: int = 0) -> Quote:
    """Fee for ``pieces`` pieces of one application, the applicant having had ``already_this_month`` before it."""
    if pieces < 1 or already_this_month < 0:
        raise ValueError("件数应为正整数")
    lines: list[QuoteLine] = []
    n, last = already_this_month + 1, already_this_month + pieces
    while n <= last:
        upto = min(_band_end(n), last)
        quantity = upto - n + 1
        unit = piece_unit_price(n)
        lines.append(QuoteLine(n, upto, quantity, yuan(unit), yuan(unit * quantity), "件"))
        n = upto + 1
    return Quote(FeeMethod.PER_PIECE, tuple(lines), yuan(sum((ln.amount for ln in lines), Decimal("0"))))


PAGE_TIERS = ((1, 30, Decimal("0")), (31, 100, Decimal("10")), (101, 200, Decimal("20")), (201, None, Decimal("40")))


def quote_pages(pages: int) -> Quote:
    if pages < 1:
        raise ValueError("页数应为正整数")
    lines = []
    for low, high, price in PAGE_TIERS:
        if pages < low:
            break
        upto = pages if high is None else min(high, pages)
        quantity = upto - low + 1
        lines.append(QuoteLine(low, upto, quantity, yuan(price), yuan(price * quantity), "页"))
    return Quote(FeeMethod.PER_VOLUME, tuple(lines), yuan(sum((ln.amount for ln in lines), Decimal("0"))))
