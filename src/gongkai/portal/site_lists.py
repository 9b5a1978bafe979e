"""What a site's catalog page (目录) shows that depends on no request, computed once and kept in this process, not
read on every request: the site's agency and its sub-agencies (the 机构 filter), per site and language; the
filter lists of the taxonomies (主题分类, 体裁, 法定主动公开内容), for every site. The page's own content — the
count and the page of rows for the request's filters — is read on every request.

A site's lists are kept for the generations its cached pages are keyed on (``page_cache``: everything, and the
site's scope, which every publication and withdrawal in the site or below it and every change of its agency
bumps) and the version of the agencies' list (``core.cached_lists``: any agency saved). The filter lists are
kept for the full generation and the version of the terms' list (any term saved). So neither is older than a
cached copy of the page would be; drawn right after a change, a site's lists are read from the primary database
(a replica may lag behind). At most ``page_cache.TIMEOUT`` (``portal.frame_store``).
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from gongkai.agencies.selectors import PUBLIC_AGENCY_CHOICES, children
from gongkai.catalog.selectors import TERM_CHOICES
from gongkai.catalog.selectors_terms import filter_term_rows
from gongkai.core.cached_lists import version
from gongkai.core.db_router import reads_from_primary
from gongkai.portal import page_cache
from gongkai.portal.frame_store import FrameStore

MAX_SITES = 512
_sites = FrameStore(MAX_SITES)
_terms = FrameStore(1)


@dataclass(frozen=True)
class SiteLists:
    agency: object   # the site's agency (agencies.selectors)
    sub_agencies: list
    agency_choices: list[tuple[str, str]]   # (code, name) of the sub-agencies, as {% select_options %} takes them
    stamp: tuple   # what they are current for


@dataclass(frozen=True)
class FilterLists:
    terms: dict[str, list[dict]]   # code, label, parent_id of the active terms of each filter
    choices: dict[str, list[tuple[str, str]]]   # topic, genre, statutory as {% select_options %} takes them


def site_lists(code: str, site_agency) -> SiteLists:
    """The lists of the site of agency ``code``, its agency found by ``site_agency(code)`` (which raises Http404
    when there is none: nothing is kept then)."""
    stamps = page_cache.generations([page_cache.EVERYTHING, page_cache.site_scope(code)])
    stamp = (*stamps, version(PUBLIC_AGENCY_CHOICES))

    def draw() -> SiteLists:
        if page_cache.changed_recently(stamps):
            with reads_from_primary():
                return _site(site_agency(code), stamp)
        return _site(site_agency(code), stamp)

    return _sites.get_or_draw((get_language(), code), draw, stamp=stamp)


def _site(agency, stamp) -> SiteLists:
    sub_agencies = list(children(agency))
    return SiteLists(agency=agency, sub_agencies=sub_agencies,
                     agency_choices=[(s.code, s.display_name) for s in sub_agencies], stamp=stamp)


def filter_lists() -> FilterLists:
    """The catalog's filter lists of the taxonomies, the same for every site."""
    return _terms.get_or_draw("terms", _filters, stamp=(page_cache.generation(), version(TERM_CHOICES)))


def _filters() -> FilterLists:
    terms = filter_term_rows()
    return FilterLists(terms=terms, choices={
        "topic": [(t["code"], ("— " if t["parent_id"] else "") + t["label"]) for t in terms["topic"]],
        "genre": [(t["code"], t["label"]) for t in terms["genre"]],
        "statutory": [(t["code"], t["label"]) for t in terms["statutory"] if t["parent_id"]],
    })
