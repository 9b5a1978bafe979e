import datetime as dt
import json
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.calendars.domain.notice import NoticeError, parse_notice
from gongkai.calendars.management import PACKAGE_ONLY
from gongkai.calendars.models import CalendarYear
from gongkai.calendars.official import PACKAGE_YEARS, calendar_for_reading
from gongkai.calendars.services import set_calendar_year
from gongkai.core.actors import System
from gongkai.core.command import Finding, GongkaiCommand
from gongkai.core.errors import DomainError
from gongkai.core.progress import Progress


class Command(GongkaiCommand):
    help = "工作日历：import 文件.json（导入某年放假安排）；show 年份（列出放假和调休日）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="导入一年的放假安排（JSON，含通知文号）")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        show = sub.add_parser("show", help="列出一年的放假和调休上班日")
        show.add_argument("year", type=int)

    def handle(self, *args, verb, **options):
        if verb == "import":
            self._import(Path(options["file"]), dry_run=options["dry_run"])
        else:
            self._show(options["year"])

    def _import(self, path: Path, *, dry_run: bool):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"文件不是有效的 UTF-8 JSON：{exc}") from None
        try:
            notice = parse_notice(data)
        except NoticeError as exc:
            raise Finding("放假安排有误：\n" + "\n".join(f"  - {p}" for p in exc.problems)) from None
        if dry_run:
            self.stdout.write(f"检查通过：{notice.year}年 放假{len(notice.holidays)}天 调休上班{len(notice.workdays)}天")
            return
        try:
            with Progress(self.stderr, "重新计算依赖工作日的期限") as progress:
                change = set_calendar_year(actor=System, notice=notice, on_progress=progress)
        except DomainError as exc:
            raise Finding(str(exc)) from None
        verb = "已导入" if change.created else "已更新"
        self.stdout.write(
            f"{verb}{change.year}年放假安排（{notice.document_number}）：放假{len(notice.holidays)}天，"
            f"调休上班{len(notice.workdays)}天；状态变化的日期{len(change.changed_dates)}个"
        )
        for name, count in change.recomputed.items():
            self.stdout.write(f"  重新计算期限 {name}: {count}")
        for moved in change.moved:
            self.stdout.write(f"    {moved.describe()}")

    def _show(self, year: int):
        if not 2000 <= year <= 2100:
            raise CommandError("年份应在 2000 至 2100 之间")
        calendar, from_database = calendar_for_reading()
        if not from_database:
            self.stderr.write(str(PACKAGE_ONLY))
        stored = CalendarYear.objects.filter(year=year).first() if from_database else None
        if stored:
            self.stdout.write(f"{year}年：{stored.document_number}（{stored.get_source_display()}）")
        elif year in PACKAGE_YEARS:
            self.stdout.write(f"{year}年：国务院办公厅放假通知（随 chinesecalendar 提供）")
        else:
            self.stdout.write(f"{year}年：暂无官方放假安排（provisional），按《全国年节及纪念日放假办法》跳过法定节假日")
        day = dt.date(year, 1, 1)
        while day.year == year:
            status = calendar.status(day)
            if status.reason not in {"工作日", "周六", "周日"}:
                kind = "上班" if status.working else "放假"
                self.stdout.write(f"{day.isoformat()} {kind} {status.reason}")
            day += dt.timedelta(days=1)
