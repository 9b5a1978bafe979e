"""The search page: the same selector as ``gongkai search``, at most GONGKAI_SEARCH_SLOTS at once (ADR 0069)."""

from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import public_agencies, public_agency_choices
from gongkai.catalog.domain.disclosure import VALIDITY_LABELS
from gongkai.catalog.selectors import term_choices
from gongkai.portal.search_frame import frame
from gongkai.portal.search_slots import search_slot
from gongkai.portal.templatetags.portal_forms import select_options
from gongkai.portal.templatetags.search_results import search_results
from gongkai.search import selectors

VALIDITY_CHOICES = [(str(code), label) for code, label in VALIDITY_LABELS.items()]
RETRY_AFTER_SECONDS = 2


def search(request):
    with search_slot() as free:
        if not free:
            return _busy(request)
        return _search(request)


def _search(request):
    params = request.GET
    agency = None
    problems = []
    if params.get("agency"):
        agency = public_agencies().filter(code=params["agency"]).first()
        if agency is None:
            problems.append(_("没有该机构，已在全部机构中检索。"))
    query = params.get("q", "")
    page = None
    if query.strip() or "q" in params:
        page = selectors.search(query, agency=agency, topic=params.get("topic", ""), genre=params.get("genre", ""),
                                validity=params.get("validity", ""), year_from=params.get("from"),
                                year_to=params.get("to"), sort=params.get("sort", "relevance"),
                                cursor=params.get("after"))
        problems += page.problems
    return _page(request, query=query, agency=agency, page=page, problems=problems)


def _busy(request):
    """Too many searches at once on this server: the form, with the query kept, and "try again" (503)."""
    response = _page(request, query=request.GET.get("q", ""), agency=None, page=None,
                     problems=[_("检索的人较多，请几秒后再试。")], status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _page(request, *, query, agency, page, problems, status=200):
    """The page's frame (rendered once, gongkai.portal.search_frame) with this search's holes filled in."""
    params = request.GET
    base = params.copy()
    base.pop("after", None)
    base.pop("p", None)
    try:
        number = max(int(params.get("p", "1")), 1)
    except ValueError:
        number = 1
    filtered = any(params.get(k) for k in ("agency", "topic", "genre", "validity", "from", "to", "sort"))
    holes = {
        "title_query": escape(query) + " - " if query else "", "query": escape(query),
        "filtered_open": " open" if filtered else "",
        # The same for every query: read from the shared cache, not from the database on each search.
        "agency_options": select_options(public_agency_choices(), agency.code if agency else ""),
        "topic_options": select_options(term_choices("topic", top_level=True), params.get("topic", "")),
        "genre_options": select_options(term_choices("genre"), params.get("genre", "")),
        "validity_options": select_options(VALIDITY_CHOICES, params.get("validity", "")),
        "year_from": escape(params.get("from", "")), "year_to": escape(params.get("to", "")),
        "date_selected": " selected" if params.get("sort") == "date" else "",
        "problems": "".join(f'<p class="notice" role="alert">{escape(p)}</p>' for p in problems),
        "results": search_results(page, number, base.urlencode()) if page and page.ran else "",
    }
    return HttpResponse(frame(request, agency).fill(holes), status=status)
