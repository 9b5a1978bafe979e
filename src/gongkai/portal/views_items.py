"""The item page (metadata block, body, attachments, 解读) and attachment downloads; withdrawn items are 410."""

import datetime as dt

from django.http import Http404

from gongkai.catalog.selectors import public_attachments, public_item_page, public_links
from gongkai.core.downloads import file_download
from gongkai.portal.page_cache import cached_page, counted
from gongkai.portal.site_frame import render_site_page
from gongkai.portal.views_errors import gone
from gongkai.portal.views_site import site_context


def _public_item_or_error(request, code, pk):
    found, status = public_item_page(code, pk)
    if status == "withdrawn":
        return None, gone(request)
    if found is None:
        raise Http404("没有该信息")
    return found, None


@counted
@cached_page
def item(request, code, pk):
    found, error = _public_item_or_error(request, code, pk)
    if error:
        return error
    context = site_context(found.agency, "catalog")   # the agency came with the item, active
    related = {i.pk: i for i in public_links(pk__in=[pk for pk in (found.interprets_id, found.abolished_by_id)
                                                            if pk])}
    context.update({
        "item": found,
        "attachments": public_attachments(found),
        # Unordered in SQL: an item has a handful of 解读, and ORDER BY would tempt SQLite into walking every
        # published item by date instead of looking them up by interprets_id.
        "interpretations": sorted(public_links(interprets=found).order_by(),
                                  key=lambda i: (i.published_on or dt.date.min, i.pk), reverse=True),
        "interprets": related.get(found.interprets_id),
        "abolished_by": related.get(found.abolished_by_id),
    })
    response = render_site_page(request, "portal/item.html", context)
    response.counted_item_id = found.pk   # the item this page showed, for the page-view count (kept in the cache)
    return response


def attachment(request, code, pk, attachment_id):
    found, error = _public_item_or_error(request, code, pk)
    if error:
        return error
    file = found.attachments.filter(pk=attachment_id).first()
    if file is None:
        raise Http404("没有该附件")
    return file_download(file.file.open("rb"), filename=file.original_name, kind=file.kind)
