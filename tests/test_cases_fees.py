"""信息处理费 (国办函〔2020〕109号): the tiers, table-driven, and the ``gongkai fees quote`` command."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.cases.domain.fees import piece_unit_price, quote_pages, quote_pieces


@pytest.mark.parametrize(("n", "price"), [
    (1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (35, 200), (40, 200), (41, 300), (50, 300), (51, 400),
    (61, 500),
])
def test_unit_price_of_the_nth_piece_in_a_month(n, price):
    assert piece_unit_price(n) == Decimal(price)


@pytest.mark.parametrize(("pieces", "already", "total"), [
    (10, 0, "0.00"), (11, 0, "100.00"), (30, 0, "2000.00"), (35, 0, "3000.00"), (1, 34, "200.00"),
    (5, 30, "1000.00"), (12, 0, "200.00"), (25, 20, "4500.00"),
])
def test_per_piece_totals(pieces, already, total):
    assert quote_pieces(pieces, already_this_month=already).total == Decimal(total)


def test_per_piece_quote_lists_each_tier():
    lines = quote_pieces(35).lines
    assert [(ln.first, ln.last, ln.quantity, ln.unit_price, ln.amount) for ln in lines] == [
        (1, 10, 10, Decimal("0.00"), Decimal("0.00")),
        (11, 30, 20, Decimal("100.00"), Decimal("2000.00")),
        (31, 35, 5, Decimal("200.00"), Decimal("1000.00")),
    ]


@pytest.mark.parametrize(("pages", "total"), [
    (1, "0.00"), (30, "0.00"), (31, "10.00"), (100, "700.00"), (101, "720.00"), (200, "2700.00"),
    (201, "2740.00"), (250, "4700.00"),
])
def test_per_volume_totals(pages, total):
    assert quote_pages(pages).total == Decimal(total)


def test_per_volume_quote_lists_each_tier():
    assert [ln.text for ln in quote_pages(250).lines] == [
        "第1—30页：30页 × 0.00 元/页 = 0.00 元",
        "第31—100页：70页 × 10.00 元/页 = 700.00 元",
        "第101—200页：100页 × 20.00 元/页 = 2000.00 元",
        "第201—250页：50页 × 40.00 元/页 = 2000.00 元",
    ]


@pytest.mark.parametrize(("args", "first_line"), [
    (["--pieces", "35"], "3000.00"), (["--pages", "250"], "4700.00"), (["--pieces", "1", "--already", "34"], "200.00"),
    (["--pieces", "3"], "0.00"),
])
def test_cli_prints_the_total_first(args, first_line):
    out = StringIO()
    call_command("fees", "quote", *args, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == first_line
    assert any("109号" in line for line in lines[1:])


@pytest.mark.parametrize("args", [["--pieces", "0"], ["--pages", "-1"], ["--pages", "3", "--already", "2"]])
def test_cli_refuses_bad_numbers(args):
    with pytest.raises(CommandError):
        call_command("fees", "quote", *args, stdout=StringIO())
