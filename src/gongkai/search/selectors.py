"""Search, as the portal and the ``gongkai search`` command ask it: one code path for both."""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gongkai.core.domain.numbers import ascii_int
from gongkai.search.backends import Filters, backend_for
from gongkai.search.domain import analysis
from gongkai.search.domain.highlight import snippet, spans
from gongkai.search.domain.keys import year_range
from gongkai.search.labels import QUERY_PROBLEMS
from gongkai.search.models import SearchDocument

COUNT_CAP = 1_000
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
_CURSOR = re.compile(r"^([012])-([0-9]{0,19})$")
SORTS = ("relevance", "date")


@dataclass
class Hit:
    doc: SearchDocument
    in_title: bool
    title_html: SafeString
    snippet_html: SafeString
    snippet_text: str


@dataclass
class SearchPage:
    query: str
    words: tuple[str, ...] = ()
    problems: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    exact: list[SearchDocument] = field(default_factory=list)
    total: int = 0
    total_capped: bool = False
    next_cursor: str = ""
    is_first_page: bool = True
    sort: str = "relevance"

    @property
    def ran(self) -> bool:
        return bool(self.words)


def _html(parts) -> SafeString:
    return mark_safe("".join(f"<mark>{escape(p)}</mark>" if hit else escape(p) for p, hit in parts))


def _year(value, problems: list[str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        year = 0
    if not 1949 <= year <= 2100:
        problems.append(_("年份“%(value)s”无效，已忽略（应为1949至2100之间的四位数字）。") % {"value": value})
        return None
    return year


def build_filters(*, agency=None, topic="", genre="", validity="", year_from=None, year_to=None,
                  problems: list[str]) -> Filters:
    low_year, high_year = _year(year_from, problems), _year(year_to, problems)
    if low_year and high_year and low_year > high_year:
        low_year, high_year = high_year, low_year
        problems.append(_("起始年份晚于截止年份，已自动对调。"))
    min_key, max_key = year_range(low_year, high_year)
    return Filters(agency_id=agency.pk if agency else None, agency_path=agency.path if agency else "",
                   topic=topic or "", genre=genre or "", validity=validity or "", min_key=min_key, max_key=max_key)


def _parse_cursor(cursor: str | None, sort: str) -> tuple[int, int | None] | None:
    match = _CURSOR.match(cursor or "")
    if not match:
        return None
    tier, key = int(match.group(1)), (ascii_int(match.group(2)) if match.group(2) else None)
    if match.group(2) and key is None:   # past 64 bits: no sort key is that large, start from the top
        return None
    if (sort == "date") != (tier == 0):
        return None
    return tier, key


def _keys_for_page(backend, words, filters, sort, cursor, limit) -> tuple[list[tuple[int, int]], str]:
    """(tier, sort key) pairs of one page and the cursor of the next, walking tiers newest first."""
    if sort == "date":
        before = cursor[1] if cursor else None
        keys = backend.page(words, filters, title_only=None, before=before, limit=limit + 1)
        nxt = f"0-{keys[limit - 1]}" if len(keys) > limit else ""
        return [(0, k) for k in keys[:limit]], nxt
    tier, before = cursor if cursor else (1, None)
    out: list[tuple[int, int]] = []
    if tier == 1:
        keys = backend.page(words, filters, title_only=True, before=before, limit=limit + 1)
        if len(keys) > limit:
            return [(1, k) for k in keys[:limit]], f"1-{keys[limit - 1]}"
        out = [(1, k) for k in keys]
        before = None
    room = limit - len(out)
    keys = backend.page(words, filters, title_only=False, before=before, limit=room + 1)
    out += [(2, k) for k in keys[:room]]
    if len(keys) > room:
        return out, (f"2-{keys[room - 1]}" if room else "2-")
    return out, ""


def exact_lookup(raw: str) -> list[SearchDocument]:
    """Documents whose 文号 or 索引号 is exactly the query (brackets and spaces forgiven)."""
    key = analysis.doc_number_key(raw)
    # Every 文号 carries its year and number, every 索引号 its digits (GB/T 33482): a query without a digit
    # (most searches: words) cannot be one, and the lookup, a query of its own, is skipped.
    if len(key) < 4 or not any("0" <= c <= "9" for c in key):
        return []
    by_number = SearchDocument.objects.filter(doc_number_key=key)
    by_index = SearchDocument.objects.filter(index_number_key=key)
    return list((by_number | by_index).order_by("-sort_key")[:10])


def search(query: str | None, *, agency=None, topic: str = "", genre: str = "", validity: str = "",
           year_from=None, year_to=None, sort: str = "relevance", cursor: str | None = None,
           limit: int = PAGE_SIZE) -> SearchPage:
    page = SearchPage(query=(query or "").strip(), sort=sort if sort in SORTS else "relevance")
    parsed = analysis.parse_query(query)
    if not parsed.ok:
        page.problems.append(str(QUERY_PROBLEMS[parsed.problem]))
        return page
    limit = max(1, min(int(limit), MAX_PAGE_SIZE))
    filters = build_filters(agency=agency, topic=topic, genre=genre, validity=validity, year_from=year_from,
                            year_to=year_to, problems=page.problems)
    page.words = parsed.words
    backend = backend_for(connection)
    parsed_cursor = _parse_cursor(cursor, page.sort)
    page.is_first_page = parsed_cursor is None
    # The count first: on PostgreSQL it gathers the newest matches, from which the first page is then taken.
    count = backend.count(parsed.words, filters, cap=COUNT_CAP)
    pairs, page.next_cursor = _keys_for_page(backend, parsed.words, filters, page.sort, parsed_cursor, limit)
    docs = SearchDocument.objects.in_bulk([k for _tier, k in pairs], field_name="sort_key")
    for tier, key in pairs:
        doc = docs.get(key)
        if doc is None:
            continue
        parts = snippet(doc.summary + " " + doc.body if doc.summary else doc.body, parsed.words)
        page.hits.append(Hit(doc=doc, in_title=tier == 1, title_html=_html(spans(doc.title, parsed.words)),
                             snippet_html=_html(parts), snippet_text="".join(p for p, _hit in parts)))
    page.total, page.total_capped = min(count, COUNT_CAP), count > COUNT_CAP
    if page.is_first_page:
        page.exact = exact_lookup(page.query)
    return page


def page_view_totals(*, agency_ids, start, end) -> dict:
    """Views per site (item_id None) in [start, end], for staff figures and the annual report."""
    from django.db.models import Sum

    from gongkai.search.models import PageView

    rows = (PageView.objects.filter(agency_id__in=list(agency_ids), item_id__isnull=True, day__gte=start,
                                    day__lte=end).values("agency_id").annotate(total=Sum("count")))
    return {row["agency_id"]: row["total"] for row in rows}


def top_viewed_items(*, agency_ids, start, end, limit: int = 10) -> list[tuple[int, int]]:
    """(item id, views) of the most viewed items in [start, end]."""
    from django.db.models import Sum

    from gongkai.search.models import PageView

    rows = (PageView.objects.filter(agency_id__in=list(agency_ids), item_id__isnull=False, day__gte=start,
                                    day__lte=end).values("item_id").annotate(total=Sum("count"))
            .order_by("-total", "item_id")[:limit])
    return [(row["item_id"], row["total"]) for row in rows]
