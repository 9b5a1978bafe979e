"""The dashboard's data: one table per chart, built from each area's selectors. The HTML shows the tables,
ECharts draws them, and the XLSX export writes them — all from the same ``Chart`` object."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.selectors_report import report_applications
from gongkai.catalog.selectors import item_counts, published_count
from gongkai.engagement.domain.stats import MailboxStats
from gongkai.engagement.selectors import mailbox_stats

MONTHS = [f"{m}月" for m in range(1, 13)]


@dataclass
class Chart:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    bars: list[int] = field(default_factory=list)    # column indexes drawn as bars (counts)
    lines: list[int] = field(default_factory=list)   # column indexes drawn as lines on the % axis
    days: list[int] = field(default_factory=list)    # column indexes drawn as lines in working days (own chart)
    note: str = ""

    def as_json(self) -> dict:
        return {"key": self.key, "title": str(self.title), "columns": [str(c) for c in self.columns],
                "rows": [[_plain(v) for v in row] for row in self.rows], "bars": self.bars, "lines": self.lines,
                "days": self.days, "axes": {"count": str(_("数量")), "days": str(_("工作日"))}}


def _plain(value):
    return float(value) if hasattr(value, "as_tuple") else value


def _names(ids) -> dict[int, str]:
    return {a.pk: a.short_name or a.name for a in Agency.objects.filter(pk__in=list(ids))}


def _months(agency_ids, year: int):
    stats = mailbox_stats(agency_ids=agency_ids, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), by="month")
    return [(month, stats.get(month, EMPTY)) for month in range(1, 13)]


EMPTY = MailboxStats(0, 0, 0, None, 0, 0)


def mailbox_monthly(agency_ids, year: int) -> Chart:
    chart = Chart("mailbox_monthly", _("信箱、公开电话：每月来件、按期答复率与满意率"),
                  [_("月份"), _("来件"), _("已答复"), _("按期答复率（%）"), _("满意率（%）")],
                  bars=[1, 2], lines=[3, 4])
    for month, s in _months(agency_ids, year):
        chart.rows.append([MONTHS[month - 1], s.received, s.replied, s.on_time_rate, s.satisfaction_rate])
    return chart


def mailbox_response_time(agency_ids, year: int) -> Chart:
    chart = Chart("mailbox_response_time", _("信箱、公开电话：每月平均答复用时"),
                  [_("月份"), _("平均答复用时（工作日）"), _("按期答复"), _("超期答复")], days=[1])
    for month, s in _months(agency_ids, year):
        chart.rows.append([MONTHS[month - 1], s.mean_working_days, s.on_time, s.replied - s.on_time])
    return chart


def mailbox_units(agency_ids, year: int) -> Chart:
    stats = mailbox_stats(agency_ids=agency_ids, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), by="unit")
    rows = sorted(stats.items(), key=lambda row: (-row[1].received, row[0]))
    names = _names(unit for unit, _s in rows)
    chart = Chart("mailbox_units", _("信箱、公开电话：各单位办理情况"),
                  [_("承办单位"), _("来件"), _("已答复"), _("平均答复用时（工作日）"), _("满意率（%）")],
                  bars=[1, 2], lines=[4])
    for unit, s in rows:
        chart.rows.append([names.get(unit, str(unit)), s.received, s.replied, s.mean_working_days,
                           s.satisfaction_rate])
    return chart


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
    return first, last


def items_monthly(agency_ids, year: int) -> Chart:
    chart = Chart("items_monthly", _("主动公开：每月公开信息数"), [_("月份"), _("公开信息（条）")], bars=[1])
    for month in range(1, 13):
        first, last = _month_bounds(year, month)
        chart.rows.append([MONTHS[month - 1], published_count(agency_ids=agency_ids, start=first, end=last)])
    return chart


def items_agencies(agency_ids, year: int) -> Chart:
    counts = item_counts(agency_ids=agency_ids, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), by="agency")
    names = _names(int(k) for k in counts)
    chart = Chart("items_agencies", _("主动公开：各单位公开信息数"), [_("单位"), _("公开信息（条）")], bars=[1])
    for agency_id, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        chart.rows.append([names.get(int(agency_id), agency_id), n])
    return chart


def _decisions(facts, year: int) -> dict[int, tuple[dt.date, bool]]:
    """case id -> (answered on, late) for the answers delivered in ``year``: timeliness at the answer's legal
    time point (国办公开办函〔2016〕235号第四条: 签收之日 / 交邮之日), as the cases area reports it."""
    return {f.case_id: (f.answered_on, bool(f.late)) for f in facts
            if f.answered_on is not None and f.answered_on.year == year}


def _rate(decided: int, late: int):
    return round((decided - late) * 100 / decided, 1) if decided else None


def applications_monthly(agency_ids, year: int) -> Chart:
    facts = report_applications(agency_ids=list(agency_ids), year=year)
    received = Counter(f.received_on.month for f in facts if f.received_on.year == year)
    concluded = Counter(f.concluded_on.month for f in facts if f.concluded_on and f.concluded_on.year == year)
    decided, late = Counter(), Counter()
    for on, was_late in _decisions(facts, year).values():
        decided[on.month] += 1
        late[on.month] += was_late
    chart = Chart("applications_monthly", _("依申请公开：每月新收、办结与按期答复率"),
                  [_("月份"), _("新收申请"), _("办结"), _("按期答复率（%）")], bars=[1, 2], lines=[3])
    for month in range(1, 13):
        chart.rows.append([MONTHS[month - 1], received[month], concluded[month], _rate(decided[month], late[month])])
    return chart


def applications_agencies(agency_ids, year: int) -> Chart:
    facts = report_applications(agency_ids=list(agency_ids), year=year)
    agency_of = {f.case_id: f.agency_id for f in facts}
    received = Counter(f.agency_id for f in facts if f.received_on.year == year)
    concluded = Counter(f.agency_id for f in facts if f.concluded_on and f.concluded_on.year == year)
    decided, late = Counter(), Counter()
    for case_id, (_on, was_late) in _decisions(facts, year).items():
        decided[agency_of[case_id]] += 1
        late[agency_of[case_id]] += was_late
    units = set(received) | set(concluded)
    names = _names(units)
    chart = Chart("applications_agencies", _("依申请公开：各单位新收、办结与按期答复率"),
                  [_("单位"), _("新收申请"), _("办结"), _("按期答复率（%）")], bars=[1, 2], lines=[3])
    for unit in sorted(units, key=lambda u: (-received[u], names.get(u, ""))):
        chart.rows.append([names.get(unit, str(unit)), received[unit], concluded[unit],
                           _rate(decided[unit], late[unit])])
    return chart


BUILDERS = {
    "mailbox_monthly": mailbox_monthly,
    "mailbox_response_time": mailbox_response_time,
    "mailbox_units": mailbox_units,
    "items_monthly": items_monthly,
    "items_agencies": items_agencies,
    "applications_monthly": applications_monthly,
    "applications_agencies": applications_agencies,
}
