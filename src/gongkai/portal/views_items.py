"""The item page (metadata block, body, attachments, 解读) and attachment downloads; withdrawn items are 410."""

import datetime as dt

from django.http import FileResponse, Http404
from django.shortcuts import render

from gongkai.catalog.selectors import item_status_for_public, public_item, public_items
from gongkai.portal.page_cache import cached_page, counted
from gongkai.portal.views_errors import gone
from gongkai.portal.views_site import site_agency, site_context


def _public_item_or_error(request, code, pk):
    status = item_status_for_public(code, pk)
    if status == "withdrawn":
        return None, gone(request)
    if status != "published":
        raise Http404("没有该信息")
    return public_item(code, pk), None


@counted
@cached_page
def item(request, code, pk):
    found, error = _public_item_or_error(request, code, pk)
    if error:
        return error
    agency = site_agency(code)
    context = site_context(agency, "catalog")
    context.update({
        "item": found,
        "attachments": list(found.attachments.all()),
        # Unordered in SQL: an item has a handful of 解读, and ORDER BY would tempt SQLite into walking every
        # published item by date instead of looking them up by interprets_id.
        "interpretations": sorted(public_items().filter(interprets=found).order_by(),
                                  key=lambda i: (i.published_on or dt.date.min, i.pk), reverse=True),
        "interprets": public_items().filter(pk=found.interprets_id).first() if found.interprets_id else None,
        "abolished_by": public_items().filter(pk=found.abolished_by_id).first() if found.abolished_by_id else None,
    })
    return render(request, "portal/item.html", context)


def attachment(request, code, pk, attachment_id):
    found, error = _public_item_or_error(request, code, pk)
    if error:
        return error
    file = found.attachments.filter(pk=attachment_id).first()
    if file is None:
        raise Http404("没有该附件")
    return FileResponse(file.file.open("rb"), as_attachment=True, filename=file.original_name)
