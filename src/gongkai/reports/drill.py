"""What is behind each number of a report (the drill-down): one reader per figure and per table cell.

A reader returns the records the figure counts — the frozen ids of the snapshot for applications and appeals
(the tables' cells and the counted figures of 三, 四, 五), the same selector the count used for items,
engagement records, 汇编 editions and the agencies of a roll-up — or, for a figure computed from others (a
rate), the figures it is computed from, and for a declared figure its declarations with their source. The
records' number (or, for a figure that adds up quantities, the sum of their quantities) is the figure.

Who answers for a report (``report.records.view``: the publishing office, the supervisor) sees every record
behind it, listed without personal data; a record opens where the user may open it. Others see the records
they may open and the rest by number.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.policy import can
from gongkai.engagement.domain.figures import ALL_FIGURES, ARCHIVE_FIGURES
from gongkai.reports import sources
from gongkai.reports.domain.forms import ReportForm
from gongkai.reports.domain.legacy_records import rate
from gongkai.reports.domain.reconcile import t3_cell_label, t4_cell_label
from gongkai.reports.domain.snapshot import drill_ids
from gongkai.reports.domain.statistics import year_bounds

PAGE = 500

# Engagement figures that add up a quantity of their records, not the records themselves.
QUANTITIES = {
    **{figure: quantity for figure, (_kind, quantity) in ARCHIVE_FIGURES.items()},
    "periodical_copies": "copies", "training_participants": "participants", "disclosure_staff": "people",
}
# A rate opens the figures it is computed from: (numerator, denominator).
DERIVED = {
    "satisfaction_rate": (("mailbox_satisfied", gettext_lazy("满意和基本满意的评价")),
                          ("mailbox_rated", gettext_lazy("作出评价的来件"))),
    "mailbox_acceptance_rate": (("mailbox_accepted", gettext_lazy("受理的来件")),
                                ("mailbox_received", gettext_lazy("系统来件"))),
    "mailbox_completion_rate": (("mailbox_completed", gettext_lazy("办结的来件")),
                                ("mailbox_received", gettext_lazy("系统来件"))),
}
PART_LABELS = {figure: label for parts in DERIVED.values() for figure, label in parts}
SHARE_LABELS = {"new": gettext_lazy("本年新收申请"), "results_total": gettext_lazy("本年办结申请"),
                "carried_out": gettext_lazy("结转下年度"), "appeals": gettext_lazy("行政复议、行政诉讼"),
                "items": gettext_lazy("主动公开政府信息")}
# Counted figures whose records are those of table cells (a report frozen before ``figure_ids`` existed).
FIGURE_CELLS = {
    "applications_received": [("table3", "new", "total")],
    "applications_concluded": [("table3", "results_total", "total")],
    "applications_pending": [("table3", "carried_out", "total")],
    "reconsiderations": [("table4", "reconsideration", "total")],
    "lawsuits": [("table4", "direct_suit", "total"), ("table4", "suit_after_reconsideration", "total")],
}
NORMATIVE_CELLS = {"2021": [("table2", "第二十条第（一）项|规章", "本年制发件数"),
                            ("table2", "第二十条第（一）项|行政规范性文件", "本年制发件数")],
                   "2019": [("table2", "第二十条第（一）项|规章", "本年新制作数量"),
                            ("table2", "第二十条第（一）项|规范性文件", "本年新制作数量")]}
APPEAL_FIGURES = frozenset({"reconsiderations", "lawsuits"})


@dataclass
class Behind:
    """The records behind one number: ``total`` records (their quantities summing to ``quantity`` where the
    figure adds quantities), ``rows`` the page shown; or the ``parts`` a derived figure is computed from."""

    label: str
    figure: object
    total: int = 0
    rows: list[dict] = field(default_factory=list)
    quantity: object = None
    parts: list[dict] = field(default_factory=list)
    declared: bool = False
    page: int = 1
    pages: int = 1

    @property
    def hidden(self) -> int:
        return sum(1 for r in self.rows if r.get("hidden"))


@dataclass
class Listing:
    total: int
    fetch: Callable[[int, int], list[dict]]
    quantity: object = None


class Context:
    def __init__(self, user, report):
        self.user, self.report, self.snapshot = user, report, report.snapshot
        self.scope_ids = [a["id"] for a in self.snapshot.get("scope", [])]
        self.names = {a["id"]: a["name"] for a in self.snapshot.get("scope", [])}
        self.start, self.end = year_bounds(report.year)
        self.answers_for = can(user, "report.records.view", report.agency)


def _url(name: str, pk: int) -> str | None:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def _number(value):
    if isinstance(value, str):
        value = Decimal(value)
    if isinstance(value, Decimal):
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else value
    return value or 0


def _empty() -> Listing:
    return Listing(0, lambda _o, _n: [])


# --- listings of records -------------------------------------------------------------------------------

def _items(ctx: Context, queryset) -> Listing:
    queryset = queryset.order_by("-published_on", "pk")

    def fetch(offset, limit):
        items = list(queryset[offset:offset + limit])
        opened = set(sources.item_rows(ctx.user, [i.pk for i in items]).values_list("pk", flat=True))
        return [_item_row(ctx, i, i.pk in opened) for i in items]

    return Listing(queryset.count(), fetch)


def _item_row(ctx: Context, item, opened: bool) -> dict:
    if not opened and not ctx.answers_for:
        return _hidden(item.pk)
    return {"text": f"{item.index_number} {item.title}", "agency": item.agency.name, "date": item.published_on,
            "url": _url("backoffice:catalog_item", item.pk) if opened else None}


def _chained(listings: list[Listing]) -> Listing:
    """Several listings one after the other (an item counted once per channel it went out on)."""
    def fetch(offset, limit):
        rows = []
        for listing in listings:
            if offset >= listing.total:
                offset -= listing.total
                continue
            rows += listing.fetch(offset, limit - len(rows))
            offset = 0
            if len(rows) >= limit:
                break
        return rows

    return Listing(sum(listing.total for listing in listings), fetch)


def _hidden(record_id: int) -> dict:
    # Counted in the figure but outside what this user may open: listed by number only.
    return {"text": f"#{record_id}", "agency": "", "date": None, "url": None, "hidden": True}


def _cases(ctx: Context, ids: list[int], amounts: dict | None = None) -> Listing:
    summaries = ctx.snapshot.get("cases", {})

    def fetch(offset, limit):
        page = ids[offset:offset + limit]
        opened = {c.pk: c for c in sources.case_rows(ctx.user, page)}
        rows = []
        for pk in page:
            case, summary = opened.get(pk), summaries.get(str(pk))
            if case is not None:
                row = {"text": case.tracking_code, "agency": case.agency.name, "date": case.received_on,
                       "url": _url("backoffice:case_detail", pk)}
            elif summary and ctx.answers_for:
                code, agency_id, received_on = summary
                row = {"text": code, "agency": ctx.names.get(agency_id, ""), "url": None,
                       "date": dt.date.fromisoformat(received_on) if isinstance(received_on, str) else received_on}
            else:
                row = _hidden(pk)
            if amounts is not None:
                row["quantity"] = _number(amounts.get(str(pk), 0))
            rows.append(row)
        return rows

    quantity = sum((Decimal(amounts[str(i)]) for i in ids if str(i) in amounts), Decimal("0")) \
        if amounts is not None else None
    return Listing(len(ids), fetch, _number(quantity) if quantity is not None else None)


def _appeals(ctx: Context, ids: list[int]) -> Listing:
    cases = ctx.snapshot.get("appeal_cases", {})
    summaries = ctx.snapshot.get("cases", {})

    def fetch(offset, limit):
        rows = []
        for appeal_id in ids[offset:offset + limit]:
            case_id = cases.get(str(appeal_id))
            summary = summaries.get(str(case_id)) if case_id else None
            text = f"#{appeal_id}" + (f"（{_('申请')} {summary[0]}）" if summary else "")
            opened = case_id and can_open_case(ctx, case_id)
            rows.append({"text": text, "agency": ctx.names.get(summary[1], "") if summary else "", "date": None,
                         "url": _url("backoffice:case_detail", case_id) if opened else None})
        return rows

    return Listing(len(ids), fetch)


def can_open_case(ctx: Context, case_id: int) -> bool:
    return sources.case_rows(ctx.user, [case_id]).exists()


def _engagement(ctx: Context, figure: str, queryset=None) -> Listing:
    if queryset is None:
        queryset = sources.engagement_records(agency_ids=ctx.scope_ids, year=ctx.report.year, figure=figure)
    quantity_field = QUANTITIES.get(figure)
    queryset = queryset.order_by("pk")

    def fetch(offset, limit):
        rows = []
        for record in queryset[offset:offset + limit]:
            row = {"text": str(record), "agency": _agency_name(ctx, record), "date": _date_of(record), "url": None}
            if quantity_field:
                row["quantity"] = getattr(record, quantity_field) or 0
            rows.append(row)
        return rows

    quantity = sources.sum_of(queryset, quantity_field) if quantity_field else None
    return Listing(queryset.count(), fetch, quantity)


def _agency_name(ctx: Context, record) -> str:
    agency_id = getattr(record, "agency_id", None)
    if agency_id is None and hasattr(record, "periodical"):
        agency_id = record.periodical.agency_id
    return ctx.names.get(agency_id, "")


def _date_of(record):
    for name in ("received_on", "held_on", "recorded_on", "published_on", "as_of"):
        if getattr(record, name, None):
            return getattr(record, name)
    return None


def _rows(rows: list[dict]) -> Listing:
    return Listing(len(rows), lambda offset, limit: rows[offset:offset + limit])


def _declared(entry: dict) -> Listing:
    rows = [{"text": f"{e['agency']}：{e['value']}（{_('来源')}：{e['source']}；{e['by']}）", "agency": e["agency"],
             "date": None, "url": None, "quantity": _number(e["value"])} for e in entry.get("sources", [])]
    listing = _rows(rows)
    listing.quantity = _number(sum((Decimal(e["value"]) for e in entry.get("sources", [])), Decimal("0")))
    return listing


def _compilations(ctx: Context, what: str) -> Listing:
    editions = sources.compilation_editions(agency_ids=ctx.scope_ids, year=ctx.report.year)
    if what == "documents":
        entries = sources.compilation_entries(editions)
        return _rows([{"text": f"{e.compilation.title} {_('第%(n)s期') % {'n': e.compilation.edition}} · "
                               f"{e.item.index_number} {e.item.title}",
                       "agency": e.item.agency.name, "date": e.item.published_on,
                       "url": _url("backoffice:catalog_item", e.item_id)} for e in entries])
    rows = [{"text": f"{e.title} {_('第%(n)s期') % {'n': e.edition}}", "agency": ctx.names.get(e.agency_id, ""),
             "date": e.issued_on, "url": None,
             **({"quantity": e.copies_distributed} if what == "copies" else {})} for e in editions]
    listing = _rows(rows)
    if what == "copies":
        listing.quantity = sum(e.copies_distributed for e in editions)
    return listing


def _agencies(ctx: Context, *, with_website: bool) -> Listing:
    own = ctx.report.agency_id
    agencies = sources.scope_agencies(ctx.scope_ids)
    rows = [{"text": f"{a.name}" + (f"（{a.website}）" if with_website else ""), "agency": a.name, "date": None,
             "url": None} for a in agencies if (a.website if with_website else a.pk != own)]
    return _rows(rows)


def _sections(ctx: Context) -> Listing:
    sections = (ctx.snapshot.get("particulars") or {}).get("office_sections") or []
    office = (ctx.snapshot.get("particulars") or {}).get("office_name", "")
    return _rows([{"text": name, "agency": office, "date": None, "url": None} for name in sections])


def _cells(ctx: Context, cells) -> list[int]:
    return [i for t, r, c in cells for i in drill_ids(ctx.snapshot, t, r, c)]


# --- the reader of each figure -------------------------------------------------------------------------

def _figure_ids(ctx: Context, key: str) -> list[int] | None:
    frozen = ctx.snapshot.get("figure_ids")
    if frozen is not None and key in frozen:
        return list(frozen[key])
    if key in FIGURE_CELLS:
        return _cells(ctx, FIGURE_CELLS[key])
    return None


def figure_listing(ctx: Context, key: str) -> Listing:
    """The records one counted figure of the report counts."""
    year, ids = ctx.report.year, ctx.scope_ids
    if key == "items_published":
        return _items(ctx, sources.published_items(agency_ids=ids, year=year))
    if key == "normative_issued":
        return _items(ctx, sources.items_by_id(_cells(ctx, NORMATIVE_CELLS[ctx.snapshot["tables"]["form"]])))
    if key.startswith("channel_"):
        return _items(ctx, sources.channel_items(agency_ids=ids, year=year, channel=key[len("channel_"):]))
    if key.startswith("focus_"):
        return _items(ctx, sources.focus_items(agency_ids=ids, year=year, focus=key[len("focus_"):]))
    if key == "own_portal_items":
        return _items(ctx, sources.channel_items(agency_ids=[ctx.report.agency_id], year=year, channel="portal"))
    if key in ("publications_all_channels", "new_media_items"):
        channels = sorted(ctx.snapshot.get("channel_labels", {})) if key == "publications_all_channels" \
            else ["weibo", "weixin"]
        return _chained([_items(ctx, sources.channel_items(agency_ids=ids, year=year, channel=c)) for c in channels])
    if key == "fees_collected":
        return _cases(ctx, _figure_ids(ctx, key) or [], amounts=ctx.snapshot.get("fee_amounts", {}))
    found = _figure_ids(ctx, key)
    if found is not None:
        return _appeals(ctx, found) if key in APPEAL_FIGURES else _cases(ctx, found)
    if key.startswith("periodical:"):
        title = key.split(":", 1)[1]
        records = sources.engagement_records(agency_ids=ids, year=year, figure="periodical_issues")
        return _engagement(ctx, "periodical_issues", records.filter(periodical__title=title))
    if key in ALL_FIGURES:
        return _engagement(ctx, key)
    if key.startswith("compilation_"):
        return _compilations(ctx, key[len("compilation_"):])
    if key in ("units", "unit_websites"):
        return _agencies(ctx, with_website=key == "unit_websites")
    if key == "office_sections":
        return _sections(ctx)
    raise KeyError(key)


def _paged(behind: Behind, listing: Listing, page: int) -> Behind:
    behind.total, behind.quantity = listing.total, listing.quantity
    behind.pages = max(1, -(-listing.total // PAGE))
    behind.page = min(max(1, page), behind.pages)
    behind.rows = listing.fetch((behind.page - 1) * PAGE, PAGE)
    return behind


def _cell_label(report, table, row, column) -> str:
    if table == "table3":
        return t3_cell_label(row, column, trial_2019=report.form == ReportForm.TRIAL_2019)
    if table == "table4":
        return t4_cell_label(row, column)
    return f"表二 {row.replace('|', ' ')} / {column}"


def behind(user, report, table: str, row: str, column: str = "", page: int = 1) -> Behind:
    """What is behind one number of ``report``. Raises KeyError for a number the report does not have."""
    ctx = Context(user, report)
    snapshot = report.snapshot
    declared = snapshot.get("declared", {})
    if table == "fig":
        figure = next((f for f in snapshot.get("figures", []) if f["key"] == row), None)
        if figure is None:
            if row not in PART_LABELS:
                raise KeyError(row)
            listing = figure_listing(ctx, row)
            return _paged(Behind(str(PART_LABELS[row]), listing.total), listing, page)
        result = Behind(figure["label"], _number(figure["value"]))
        if f"legacy|{row}" in declared:
            result.declared = True
            return _paged(result, _declared(declared[f"legacy|{row}"]), page)
        if row in DERIVED:
            for part, label in DERIVED[row]:
                result.parts.append({"key": part, "label": str(label), "value": figure_listing(ctx, part).total})
            numerator, denominator = (p["value"] for p in result.parts)
            result.quantity = rate(numerator, denominator)
            return result
        return _paged(result, figure_listing(ctx, row), page)
    if table == "agency":
        share = snapshot["per_agency"][row]
        agency_id = int(row)
        if agency_id not in ctx.names or column not in SHARE_LABELS:
            raise KeyError(row)
        label = f"{ctx.names[agency_id]} · {SHARE_LABELS[column]}"
        if column == "items":
            listing = _items(ctx, sources.published_items(agency_ids=[agency_id], year=report.year))
            return _paged(Behind(label, share.get("items", 0)), listing, page)
        ids = share["ids"][column]
        value = sum(share.get("table4", {}).values()) if column == "appeals" else len(ids)
        listing = _appeals(ctx, ids) if column == "appeals" else _cases(ctx, ids)
        return _paged(Behind(label, value), listing, page)
    if table == "table2" and f"{row}|{column}" in declared:
        entry = declared[f"{row}|{column}"]
        result = Behind(_cell_label(report, table, row, column), _number(entry["value"]), declared=True)
        return _paged(result, _declared(entry), page)
    if table not in ("table2", "table3", "table4"):
        raise KeyError(table)
    value = _number(snapshot["tables"][table][row][column])
    ids = drill_ids(snapshot, table, row, column)
    listing = _appeals(ctx, ids) if table == "table4" else _cases(ctx, ids) if table == "table3" \
        else _items(ctx, sources.items_by_id(ids))
    return _paged(Behind(_cell_label(report, table, row, column), value), listing, page)
