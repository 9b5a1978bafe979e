"""Money is Decimal yuan with two places, rounded half up as Chinese fiscal receipts are."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
WAN = Decimal("10000")


def yuan(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_wan_yuan(value: Decimal | int | str, places: int = 4) -> Decimal:
    """Annual-report table 二 reports fees in 万元; the precision is UNCONFIRMED (spec §7.6), four places by default."""
    return (Decimal(value) / WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
