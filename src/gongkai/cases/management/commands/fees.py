"""``gongkai fees quote --pieces N [--already M]`` / ``--pages N``: the 信息处理费 for N pieces in one month or N
pages of one application. The first line is the total as a plain number with two decimals."""

from django.core.management.base import CommandError

from gongkai.cases.domain.fees import FEE_METHOD_LABELS, quote_pages, quote_pieces
from gongkai.core.command import GongkaiCommand


class Command(GongkaiCommand):
    help = "信息处理费计算（国办函〔2020〕109号）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        quote = sub.add_parser("quote", help="按件或按量计算收费金额")
        group = quote.add_mutually_exclusive_group(required=True)
        group.add_argument("--pieces", type=int, help="同一申请人当月的件数（按件计收）")
        group.add_argument("--pages", type=int, help="一件申请的页数（按量计收）")
        quote.add_argument("--already", type=int, default=0, help="本月此前已有的件数（按件计收时）")

    def handle(self, *args, action, pieces=None, pages=None, already=0, **options):
        try:
            if pieces is not None:
                result = quote_pieces(pieces, already_this_month=already)
            else:
                if already:
                    raise CommandError("--already 只适用于按件计收。")
                result = quote_pages(pages)
        except ValueError as exc:
            raise CommandError(f"数量应为正整数：{exc}") from exc
        self.stdout.write(f"{result.total:.2f}")
        self.stdout.write(f"{FEE_METHOD_LABELS[result.method]}，{result.basis}")
        for line in result.lines:
            self.stdout.write(line.text)
