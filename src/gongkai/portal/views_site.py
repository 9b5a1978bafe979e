"""An agency's site and its unified 政府信息公开 column (国办公开办函〔2019〕61号: 指南, 制度, 法定主动公开内容, 年报)."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404

from gongkai.agencies.selectors import children, public_agencies
from gongkai.cases.remedies import guide_remedies
from gongkai.catalog.selectors import public_items
from gongkai.catalog.selectors_catalog_page import catalog_rows
from gongkai.catalog.selectors_terms import statutory_roots, statutory_terms
from gongkai.core.query_params import query_int, query_year
from gongkai.portal.page_cache import cached_page, counted
from gongkai.portal.site_frame import render_site_page
from gongkai.portal.site_lists import filter_lists, site_lists
from gongkai.sites.column_texts import column_texts

LIST_SIZE = 20
MAX_PAGE = 500   # deep catalog pages: 10,000 newest items; beyond that the filters and search narrow it down


def site_agency(code: str):
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        raise Http404("没有该机构")
    return agency


def site_context(agency, column: str) -> dict:
    """What the site layout shows of a page's agency; its ancestors (the breadcrumbs) are read only when the
    layout is drawn, which a page rendered into its site's frame does not do (portal.site_frame)."""
    def ancestors():
        ancestor_ids = [int(p) for p in agency.path.split("/") if p and int(p) != agency.pk]
        return sorted(public_agencies().filter(pk__in=ancestor_ids), key=lambda a: a.depth)

    return {"agency": agency, "column": column, "agency_ancestors": ancestors, "search_agency": agency}


@counted
@cached_page
def site(request, code):
    agency = site_agency(code)
    items = public_items().filter(agency__path__startswith=agency.path).order_by("-published_on", "-id")
    context = site_context(agency, "site")
    context.update({
        "latest": list(items[:10]),
        "sub_agencies": list(children(agency)),
        "statutory_roots": statutory_roots(),
    })
    return render_site_page(request, "portal/site/home.html", context)


@counted
@cached_page
def guide(request, code):
    agency = site_agency(code)
    context = site_context(agency, "guide")
    context["texts"] = column_texts(agency)
    context["sections"] = agency.office_sections or []
    context["remedies"] = guide_remedies(agency)
    return render_site_page(request, "portal/site/guide.html", context)


@counted
@cached_page
def rules(request, code):
    agency = site_agency(code)
    context = site_context(agency, "rules")
    context["texts"] = column_texts(agency)
    context["rule_items"] = list(
        public_items().filter(agency=agency, title__contains="政府信息公开").order_by("-published_on", "-id")[:20]
    )
    return render_site_page(request, "portal/site/rules.html", context)


@counted
@cached_page
def statutory(request, code):
    agency = site_agency(code)
    terms = statutory_terms()
    items = public_items().filter(agency=agency, statutory_item__isnull=False).order_by("-published_on", "-id")
    by_term: dict[int, list] = {}
    for item in items[:2000]:
        by_term.setdefault(item.statutory_item_id, []).append(item)
    groups = []
    for root in (t for t in terms if t.parent_id is None):
        rows = [(t, by_term.get(t.pk, [])[:5], len(by_term.get(t.pk, []))) for t in terms if t.parent_id == root.pk]
        groups.append((root, rows))
    context = site_context(agency, "statutory")
    context["groups"] = groups
    return render_site_page(request, "portal/site/statutory.html", context)


@counted
@cached_page
def catalog(request, code):
    lists = site_lists(code, site_agency)   # the agency and its sub-agencies: once per generation of the site
    filters = filter_lists()
    agency = lists.agency
    chosen = {s: request.GET.get(s, "") for s in ("topic", "genre", "statutory")}
    year = query_year(request, quiet=True) or None   # a cached page shows no messages: a bad year is ignored
    sub = request.GET.get("agency", "")
    rows = catalog_rows(agency.path, **chosen, year=year, agency=sub)   # counted and paged by prepared queries
    paginator = Paginator(rows, LIST_SIZE)
    number = min(query_int(request, "page", default=1, low=1, quiet=True), MAX_PAGE)
    page = paginator.get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    context = site_context(agency, "catalog")
    context.update({
        "page": page, "terms": filters.terms, "chosen": chosen, "year": year, "sub": sub,
        "sub_agencies": lists.sub_agencies,
        # (value, label) pairs: the options render in one call ({% select_options %}), not a template loop each.
        "choices": {**filters.choices, "agency": lists.agency_choices,
                    "year": [(y, y) for y in range(dt.date.today().year, 2007, -1)]},
        "query_string": query.urlencode(), "capped": paginator.num_pages > MAX_PAGE,
    })
    # Its headings, labels and filters' frame are drawn once per site and language: from its sub-agencies only
    # (portal.page_frame); the options chosen, the count, the rows and the pages are rendered per request.
    return render_site_page(request, "portal/site/catalog.html", context, own=(lists.stamp, ("sub_agencies",)))
