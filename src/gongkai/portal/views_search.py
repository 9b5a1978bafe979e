"""The search page: the same selector as ``gongkai search``."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.agencies.selectors import public_agencies, public_agency_choices
from gongkai.catalog.domain.disclosure import VALIDITY_LABELS
from gongkai.catalog.selectors import term_choices
from gongkai.search import selectors

VALIDITY_CHOICES = [(str(code), label) for code, label in VALIDITY_LABELS.items()]


def search(request):
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
    base = params.copy()
    base.pop("after", None)
    base.pop("p", None)
    try:
        number = max(int(params.get("p", "1")), 1)
    except ValueError:
        number = 1
    context = {
        "query": query, "page": page, "problems": problems, "agency": agency, "search_agency": agency,
        # The same for every query: read from the shared cache, not from the database on each search.
        "agencies": public_agency_choices(),
        "topics": term_choices("topic", top_level=True),
        "genres": term_choices("genre"),
        "filtered": any(params.get(k) for k in ("agency", "topic", "genre", "validity", "from", "to", "sort")),
        "validities": VALIDITY_CHOICES, "params": params, "base_query": base.urlencode(), "number": number,
    }
    return render(request, "portal/search.html", context)
