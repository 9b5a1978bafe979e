import datetime as dt

from django.core.management.base import CommandError

from gongkai.calendars.management import PACKAGE_ONLY
from gongkai.calendars.official import add_working_days, calendar_for_reading
from gongkai.core.command import GongkaiCommand


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”格式不正确，应为 YYYY-MM-DD") from None


class Command(GongkaiCommand):
    help = "工作日计算：add 起算日 N（第N个工作日）、between 开始 结束、is 日期。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help="起算日之后第N个工作日")
        add.add_argument("start")
        add.add_argument("days")
        add.add_argument("--explain", action="store_true", help="逐日列出计入或跳过的日期及原因")
        between = sub.add_parser("between", help="两个日期之间的工作日数（不含开始日，含结束日）")
        between.add_argument("start")
        between.add_argument("end")
        is_ = sub.add_parser("is", help="某日是否工作日")
        is_.add_argument("date")

    def handle(self, *args, verb, **options):
        calendar, from_database = calendar_for_reading()
        if not from_database:
            self.stderr.write(str(PACKAGE_ONLY))
        if verb == "add":
            start = _parse_date(options["start"])
            try:
                days = int(options["days"])
            except ValueError:
                raise CommandError(f"工作日数“{options['days']}”应为非负整数") from None
            if days < 0 or days > 2000:
                raise CommandError("工作日数应在 0 至 2000 之间")
            result = add_working_days(start, days, calendar=calendar)
            self.stdout.write(result.due.isoformat())
            if result.provisional:
                self.stdout.write("provisional")
            if options["explain"]:
                for line in result.explain():
                    self.stdout.write(line)
        elif verb == "between":
            start, end = _parse_date(options["start"]), _parse_date(options["end"])
            self.stdout.write(str(calendar.working_days_between(start, end)))
            if calendar.range_is_provisional(start, end):
                self.stdout.write("provisional")
        else:
            status = calendar.status(_parse_date(options["date"]))
            self.stdout.write(f"{'工作日' if status.working else '休息日'} {status.reason}")
            if status.provisional:
                self.stdout.write("provisional")
