"""Atom and JSON feeds of an agency's published information (and of one category or 重点领域), for the
higher-level portal to pull. Withdrawn items leave the feeds (public_items excludes them)."""

import json

from django.http import Http404, HttpResponse
from django.utils import feedgenerator

from gongkai.agencies.selectors import public_agencies
from gongkai.catalog import selectors
from gongkai.catalog.selectors_terms import feed_term
from gongkai.portal.page_cache import cached_page

FEED_LIMIT = 50


def _scope(code: str, category: str | None):
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        raise Http404("没有这个机构")
    term = None
    if category:
        term = feed_term(category)
        if term is None:
            raise Http404("没有这个类别")
    items = list(selectors.feed_items(code, category, limit=FEED_LIMIT))
    title = f"{agency.name} · 政府信息公开" + (f" · {term.label}" if term else "")
    return agency, term, items, title


def _self_url(request) -> str:
    return request.build_absolute_uri(request.path)


@cached_page
def atom(request, code, category=None):
    agency, _term, items, title = _scope(code, category)
    feed = feedgenerator.Atom1Feed(
        title=title, link=request.build_absolute_uri(f"/gk/{agency.code}/"), description=title,
        language="zh-CN", feed_url=_self_url(request), feed_guid=_self_url(request),
    )
    for item in items:
        feed.add_item(
            title=item.title,
            link=request.build_absolute_uri(item.public_path),
            description=item.summary or item.body_text[:300],
            unique_id=f"tag:{request.get_host()},{item.published_on:%Y-%m-%d}:item-{item.pk}",
            pubdate=item.published_at,
            updateddate=item.updated_at,
            author_name=item.agency.name,
            categories=[c for c in (item.category.label if item.category_id else "",
                                    item.focus.label if item.focus_id else "") if c],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


@cached_page
def json_feed(request, code, category=None):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the catalog metadata under ``_gongkai``."""
    agency, _term, items, title = _scope(code, category)
    body = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": request.build_absolute_uri(f"/gk/{agency.code}/"),
        "feed_url": _self_url(request),
        "language": "zh-CN",
        "items": [
            {
                "id": request.build_absolute_uri(item.public_path),
                "url": request.build_absolute_uri(item.public_path),
                "title": item.title,
                "summary": item.summary,
                "content_text": item.body_text,
                "date_published": item.published_at.isoformat() if item.published_at else None,
                "date_modified": item.updated_at.isoformat(),
                "authors": [{"name": item.agency.name}],
                "tags": [c for c in (item.category.label if item.category_id else "",
                                     item.focus.label if item.focus_id else "") if c],
                "_gongkai": {
                    "index_number": item.index_number, "doc_number": item.doc_number,
                    "written_on": item.written_on.isoformat() if item.written_on else None,
                    "published_on": item.published_on.isoformat() if item.published_on else None,
                    "topic": item.topic.label if item.topic_id else "", "genre": item.genre.label if item.genre_id else "",
                    "validity": item.get_validity_display(),
                },
            }
            for item in items
        ],
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1),
                        content_type="application/feed+json; charset=utf-8")
