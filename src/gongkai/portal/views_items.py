"""The item page (metadata block, body, attachments, 解读) and attachment downloads; withdrawn items are 410."""

from django.http import Http404

from gongkai.catalog.selectors import public_item_page
from gongkai.catalog.selectors_item_page import item_page
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
    page, status = item_page(code, pk)   # three prepared queries: the item, its attachments, its links
    if status == "withdrawn":
        return gone(request)
    if page is None:
        raise Http404("没有该信息")
    context = site_context(page.item.agency, "catalog")   # the agency came with the item, active
    context.update({"item": page.item, "attachments": page.attachments, "interpretations": page.interpretations,
                    "interprets": page.interprets, "abolished_by": page.abolished_by})
    response = render_site_page(request, "portal/item.html", context)
    response.counted_item_id = page.item.pk   # the item this page showed, for the page-view count (kept in the cache)
    return response


def attachment(request, code, pk, attachment_id):
    found, error = _public_item_or_error(request, code, pk)
    if error:
        return error
    file = found.attachments.filter(pk=attachment_id).first()
    if file is None:
        raise Http404("没有该附件")
    return file_download(file.file.open("rb"), filename=file.original_name, kind=file.kind)
