"""The dashboard's data: one table per chart, built from each area's selectors. The HTML shows the tables,
ECharts draws them, and the XLSX export writes them — all from the same ``Chart`` object."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.selectors import agency_names
from gongkai.cases.selectors_dashboard import ApplicationFigures, application_figures
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
    return agency_names(ids)


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


NO_APPLICATIONS = ApplicationFigures()


def applications_monthly(agency_ids, year: int) -> Chart:
    figures = application_figures(agency_ids=agency_ids, year=year, by="month")
    chart = Chart("applications_monthly", _("依申请公开：每月新收、办结与按期答复率"),
                  [_("月份"), _("新收申请"), _("办结"), _("按期答复率（%）")], bars=[1, 2], lines=[3])
    for month in range(1, 13):
        f = figures.get(month, NO_APPLICATIONS)
        chart.rows.append([MONTHS[month - 1], f.received, f.concluded, f.on_time_rate])
    return chart


def applications_agencies(agency_ids, year: int) -> Chart:
    figures = application_figures(agency_ids=agency_ids, year=year, by="agency")
    units = [unit for unit, f in figures.items() if f.received or f.concluded]
    names = _names(units)
    chart = Chart("applications_agencies", _("依申请公开：各单位新收、办结与按期答复率"),
                  [_("单位"), _("新收申请"), _("办结"), _("按期答复率（%）")], bars=[1, 2], lines=[3])
    for unit in sorted(units, key=lambda u: (-figures[u].received, names.get(u, ""))):
        f = figures[unit]
        chart.rows.append([names.get(unit, str(unit)), f.received, f.concluded, f.on_time_rate])
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
