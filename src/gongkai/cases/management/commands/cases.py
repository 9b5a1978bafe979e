"""``gongkai cases overdue [--agency CODE]``: open applications past their reply date, one per line."""

from django.core.management.base import CommandError

from gongkai.agencies.models import Agency
from gongkai.calendars.official import current_calendar
from gongkai.cases.domain.states import STATE_LABELS, State
from gongkai.cases.selectors import overdue_cases
from gongkai.core.command import GongkaiCommand
from gongkai.core.time import local_today


class Command(GongkaiCommand):
    help = "依申请公开：列出逾期未答复的申请"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        overdue = sub.add_parser("overdue", help="逾期未答复的申请")
        overdue.add_argument("--agency", help="机构代码，如 wsjkq-ghj")

    def handle(self, *args, action, agency=None, **options):
        if agency and not Agency.objects.filter(code=agency).exists():
            raise CommandError(f"没有代码为 {agency} 的机构。")
        today = local_today()
        calendar = current_calendar()
        rows = list(overdue_cases(today=today, agency_code=agency))
        for app in rows:
            late = -calendar.working_days_between(today, app.reply_due_on)
            self.stdout.write(f"{app.tracking_code}\t{app.agency.code}\t{STATE_LABELS[State(app.state)]}\t"
                              f"答复期限 {app.reply_due_on.isoformat()}\t逾期 {late} 个工作日")
        self.stdout.write(f"共 {len(rows)} 件逾期。")
