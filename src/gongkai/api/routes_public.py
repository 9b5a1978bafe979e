"""Public reads: agencies and their disclosure offices, published items, search, the changes feed, published
annual reports and the working-day calendar. Each answers what the portal answers, through the same selectors."""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from gongkai.agencies.selectors import agency_by_code, children, public_agencies
from gongkai.api import cursors
from gongkai.api.errors import READ_ERRORS, ApiError, not_found
from gongkai.api.schemas import (
    AgencyDetailOut,
    AgencyOut,
    ChangeOut,
    ChangePage,
    ItemOut,
    ItemPage,
    agency_detail_out,
    agency_out,
    item_out,
)
from gongkai.calendars.official import add_working_days, current_calendar
from gongkai.catalog.selectors import public_changes, public_item, published_items
from gongkai.reports.selectors import public_report_tables, public_report_years
from gongkai.search import selectors as search_selectors

router = Router(tags=["public"])

MAX_LIMIT = 100
Limit = Field(20, ge=1, le=MAX_LIMIT)
Code = Path(..., min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")


def _agency(code: str):
    try:
        return agency_by_code(code)
    except ObjectDoesNotExist:
        raise not_found(_("没有该机构。")) from None


def _agency_filter(code: str | None, path: str):
    if not code:
        return None
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        raise ApiError(422, "unknown_agency", _("没有该机构。"), [{"path": path, "message": _("没有该机构。")}])
    return agency


# ------------------------------------------------------------------------------------------------ agencies


@router.get("/agencies", response={200: list[AgencyOut], **READ_ERRORS}, summary="机构列表")
def list_agencies(request):
    agencies = list(public_agencies().select_related("parent").order_by("path", "sort_order"))
    return [agency_out(a, a.parent.code if a.parent_id else None) for a in agencies]


@router.get("/agencies/{code}", response={200: AgencyDetailOut, **READ_ERRORS},
            summary="机构及其政府信息公开工作机构")
def get_agency(request, code: str = Code):
    agency = _agency(code)
    parent = agency.parent.code if agency.parent_id and agency.parent.is_active else None
    return agency_detail_out(agency, parent, [c.code for c in children(agency)])


# --------------------------------------------------------------------------------------------------- items


class ItemFilters(Schema):
    agency: str | None = Field(None, max_length=50, description="机构代码：含其下属机构")
    topic: str | None = Field(None, max_length=40, description="主题分类代码（含下级分类）")
    genre: str | None = Field(None, max_length=40, description="体裁代码")
    validity: Literal["valid", "expired", "abolished"] | None = Field(None, description="有效性")
    published_from: dt.date | None = Field(None, description="发布日期起")
    published_to: dt.date | None = Field(None, description="发布日期止")
    doc_number: str | None = Field(None, max_length=100, description="文号（完全一致）")
    index_number: str | None = Field(None, max_length=40, description="索引号（完全一致）")
    cursor: str | None = Field(None, max_length=200)
    limit: int = Limit


@router.get("/items", response={200: ItemPage, **READ_ERRORS}, summary="已发布的信息（主动公开目录）")
def list_items(request, filters: Query[ItemFilters]):
    agency = _agency_filter(filters.agency, "query.agency")
    qs = published_items(
        agency_path=agency.path if agency else "", topic=filters.topic or "", genre=filters.genre or "",
        validity=filters.validity or "", published_from=filters.published_from,
        published_to=filters.published_to, doc_number=filters.doc_number or "",
        index_number=filters.index_number or "", after=cursors.date_and_id(filters.cursor),
    )
    rows = list(qs[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    nxt = cursors.encode(rows[-1].published_on, rows[-1].pk) if more else None
    return ItemPage(items=[item_out(i) for i in rows], next_cursor=nxt)


@router.get("/agencies/{code}/items/{key}", response={200: ItemOut, **READ_ERRORS},
            summary="一条已发布的信息（按编号或索引号）")
def get_item(request, code: str = Code, key: str = Path(..., min_length=1, max_length=40)):
    try:
        return item_out(public_item(code, key))
    except ObjectDoesNotExist:
        raise not_found(_("没有该信息，或已撤销。")) from None


class ChangeQuery(Schema):
    agency: str | None = Field(None, max_length=50, description="机构代码：含其下属机构")
    cursor: str | None = Field(None, max_length=200, description="上次返回的 next_cursor；首次不填")
    limit: int = Limit


@router.get("/changes", response={200: ChangePage, **READ_ERRORS},
            summary="变更订阅：某一游标之后发布、更正或撤销的信息（报送上级门户）")
def list_changes(request, params: Query[ChangeQuery]):
    agency = _agency_filter(params.agency, "query.agency")
    after = cursors.time_and_id(params.cursor)
    rows = list(public_changes(agency_path=agency.path if agency else "", after=after)[: params.limit])
    changes = [ChangeOut(change="withdrawn" if i.status == "withdrawn" else "published", changed_at=i.updated_at,
                         item=item_out(i)) for i in rows]
    # The cursor never goes back: an empty page hands back the cursor it was given.
    nxt = cursors.encode(rows[-1].updated_at, rows[-1].pk) if rows else (params.cursor or "")
    return ChangePage(changes=changes, next_cursor=nxt)


# -------------------------------------------------------------------------------------------------- search


class SearchQuery(Schema):
    q: str = Field(..., max_length=200, description="检索词（与门户检索页相同）")
    agency: str | None = Field(None, max_length=50)
    topic: str | None = Field(None, max_length=40)
    genre: str | None = Field(None, max_length=40)
    validity: Literal["valid", "expired", "abolished"] | None = None
    year_from: int | None = Field(None, ge=1949, le=2100)
    year_to: int | None = Field(None, ge=1949, le=2100)
    sort: Literal["relevance", "date"] = "relevance"
    cursor: str | None = Field(None, max_length=40)
    limit: int = Limit


class HitOut(Schema):
    key: str
    title: str
    url: str
    agency_name: str
    published_on: dt.date | None
    doc_number: str
    index_number: str
    in_title: bool
    snippet: str


class DocOut(Schema):
    key: str
    title: str
    url: str
    doc_number: str
    index_number: str


class SearchOut(Schema):
    query: str
    words: list[str]
    problems: list[str]
    total: int
    total_capped: bool
    hits: list[HitOut]
    exact: list[DocOut]
    next_cursor: str


@router.get("/search", response={200: SearchOut, **READ_ERRORS}, summary="全文检索（与门户检索页同一结果）")
def search(request, params: Query[SearchQuery]):
    agency = _agency_filter(params.agency, "query.agency")
    page = search_selectors.search(params.q, agency=agency, topic=params.topic or "", genre=params.genre or "",
                                   validity=params.validity or "", year_from=params.year_from,
                                   year_to=params.year_to, sort=params.sort, cursor=params.cursor,
                                   limit=params.limit)
    return SearchOut(
        query=page.query, words=list(page.words), problems=[str(p) for p in page.problems], total=page.total,
        total_capped=page.total_capped, next_cursor=page.next_cursor,
        hits=[HitOut(key=h.doc.key, title=h.doc.title, url=h.doc.url,
                     agency_name=str(h.doc.extra.get("agency_name", "")), published_on=h.doc.published_on,
                     doc_number=h.doc.doc_number, index_number=h.doc.index_number, in_title=h.in_title,
                     snippet=h.snippet_text) for h in page.hits],
        exact=[DocOut(key=d.key, title=d.title, url=d.url, doc_number=d.doc_number, index_number=d.index_number)
               for d in page.exact],
    )


# ------------------------------------------------------------------------------------------ annual reports


class ReportYearOut(Schema):
    year: int
    version: int
    form: str
    signed_on: dt.date | None


class ReportOut(ReportYearOut):
    published_at: dt.datetime | None
    tables: dict[str, Any]
    findings: list[dict[str, Any]]


@router.get("/agencies/{code}/reports", response={200: list[ReportYearOut], **READ_ERRORS},
            summary="已发布的年度报告")
def list_reports(request, code: str = Code):
    return [ReportYearOut(year=r.year, version=r.version, form=r.form, signed_on=r.signed_on)
            for r in public_report_years(_agency(code))]


@router.get("/agencies/{code}/reports/{year}", response={200: ReportOut, **READ_ERRORS},
            summary="年度报告的统计表（国办公开办函〔2021〕30号格式）")
def get_report(request, code: str = Code, year: int = Path(..., ge=2008, le=2100)):
    agency = _agency(code)
    try:
        return ReportOut(**public_report_tables(agency, year))
    except ObjectDoesNotExist:
        raise not_found(_("该年度的报告尚未发布。")) from None


# ------------------------------------------------------------------------------------------------ calendar


class AddOut(Schema):
    start: dt.date
    days: int
    due: dt.date
    provisional: bool = Field(description="计算用到尚未发布放假安排的年份（暂按周末推算）")


class BetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int
    provisional: bool


DAY_RANGE = (dt.date(1990, 1, 1), dt.date(2100, 12, 31))


def _in_range(day: dt.date, path: str) -> None:
    if not DAY_RANGE[0] <= day <= DAY_RANGE[1]:
        message = _("日期应在1990年至2100年之间。")
        raise ApiError(422, "date_out_of_range", message, [{"path": path, "message": message}])


@router.get("/calendar/add", response={200: AddOut, **READ_ERRORS}, summary="工作日推算：起算日加若干工作日")
def calendar_add(request, start: dt.date, days: int = Query(..., ge=0, le=3650)):
    _in_range(start, "query.start")
    result = add_working_days(start, days)
    return AddOut(start=result.start, days=result.days, due=result.due, provisional=result.provisional)


@router.get("/calendar/between", response={200: BetweenOut, **READ_ERRORS},
            summary="两日之间的工作日数（不含起算日）")
def calendar_between(request, start: dt.date, end: dt.date):
    _in_range(start, "query.start")
    _in_range(end, "query.end")
    if abs((end - start).days) > 3660:
        message = _("两日相隔不能超过十年。")
        raise ApiError(422, "range_too_long", message, [{"path": "query.end", "message": message}])
    calendar = current_calendar()
    return BetweenOut(start=start, end=end, working_days=calendar.working_days_between(start, end),
                      provisional=calendar.range_is_provisional(start, end))

