"""The 政府网站工作年度报表 of a site on its pages (国办函〔2018〕12号): each published year as HTML, PDF and
XLSX, and the collection of every site's 报表 under an agency (the column of a province's or department's
portal)."""

from django.http import Http404, HttpResponse

from gongkai.portal.page_cache import cached_page
from gongkai.portal.site_frame import render_site_page
from gongkai.portal.views_site import site_agency, site_context
from gongkai.sites import yearly, yearly_documents
from gongkai.sites.selectors import site_for_agency_path


def _site(code):
    agency = site_agency(code)
    site = site_for_agency_path(agency.path)
    if site is None or site.agency_id != agency.pk:
        raise Http404("该机关没有开设网站")
    return agency, site


def _published(site, year):
    report = yearly.yearly_report(site, year)
    if report.published_at is None:
        raise Http404("该年度报表尚未发布")
    return report


@cached_page
def site_reports(request, code):
    agency, site = _site(code)
    context = site_context(agency, "site_reports")
    context.update({"site": site, "reports": yearly.published_reports(site),
                    "collection": yearly.published_collection(agency)})
    return render_site_page(request, "portal/site/site_reports.html", context)


@cached_page
def site_report(request, code, year):
    agency, site = _site(code)
    context = site_context(agency, "site_reports")
    context.update({"site": site, "report": _published(site, year)})
    return render_site_page(request, "portal/site/site_report.html", context)


def site_report_download(request, code, year, fmt):
    agency, site = _site(code)
    if fmt not in yearly_documents.CONTENT_TYPES:
        raise Http404("没有这种格式")
    report = _published(site, year)
    content = yearly_documents.render_pdf(report) if fmt == "pdf" else yearly_documents.render_xlsx(report)
    response = HttpResponse(content, content_type=yearly_documents.CONTENT_TYPES[fmt])
    filename = f"site-report-{agency.code}-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
