"""The public 政府信息公开年报 column: each agency's published reports, every version, downloads, a feed."""

from urllib.parse import quote

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_page

from gongkai.agencies.selectors import agency_by_code
from gongkai.core.query_params import query_int
from gongkai.reports import selectors
from gongkai.reports.renderers.document import document_of
from gongkai.reports.renderers.export import CONTENT_TYPES
from gongkai.reports.renderers.export import render as render_as
from gongkai.reports.renderers.html import render_html

DOWNLOADS = ("pdf", "docx", "xlsx", "json")


def _agency(code: str):
    try:
        return agency_by_code(code)
    except ObjectDoesNotExist:
        raise Http404 from None


def _published(agency, year: int, version: int | None):
    try:
        return selectors.public_report(agency, year, version)
    except ObjectDoesNotExist:
        raise Http404 from None


def _version(request) -> int | None:
    return query_int(request, "v", low=1, quiet=True)


def annual_reports(request, code):
    agency = _agency(code)
    return render(request, "portal/reports/list.html",
                  {"agency": agency, "reports": selectors.public_report_years(agency)})


def annual_report(request, code, year):
    agency = _agency(code)
    report = _published(agency, year, _version(request))
    versions = selectors.public_versions(report)
    return render(request, "portal/reports/detail.html", {
        "agency": agency, "report": report, "versions": versions, "latest": versions[-1],
        "document_html": render_html(document_of(report), standalone=False), "downloads": DOWNLOADS,
    })


@cache_page(300)
def annual_report_download(request, code, year, fmt):
    if fmt not in DOWNLOADS:
        raise Http404
    report = _published(_agency(code), year, _version(request))
    document = document_of(report)
    response = HttpResponse(render_as(document, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.filename)}.{fmt}"
    return response


class AnnualReportFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, code):
        return _agency(code)

    def title(self, agency):
        return f"{agency.name} 政府信息公开工作年度报告"

    def link(self, agency):
        return reverse("portal:annual_reports", kwargs={"code": agency.code})

    def items(self, agency):
        return selectors.published_reports(agency)[:30]

    def item_title(self, report):
        suffix = f"（第{report.version}版，更正）" if report.version > 1 else ""
        return f"{report.agency.name}{report.year}年度政府信息公开工作年度报告{suffix}"

    def item_description(self, report):
        return report.correction_note or f"{report.get_form_display()}"

    def item_link(self, report):
        url = reverse("portal:annual_report", kwargs={"code": report.agency.code, "year": report.year})
        return f"{url}?v={report.version}"

    def item_pubdate(self, report):
        return report.published_at
