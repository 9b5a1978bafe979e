"""Staff pages of the work records (responses and interpretations, archives, training, staffing,
periodicals) and the year's figures as the annual report will count them, with the records behind each."""

import datetime as dt

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.views_engagement_forms import RECORD_FORMS, with_agencies
from gongkai.core.errors import DomainError
from gongkai.core.form_errors import add_domain_error
from gongkai.core.query_params import query_year
from gongkai.core.time import local_today
from gongkai.engagement import services_records as records
from gongkai.engagement.domain.figures import ALL_FIGURES
from gongkai.engagement.selectors import period_figures, records_for_figure
from gongkai.engagement.selectors_records import RECORD_KINDS, periodical_titled, record_table

RECORD_TABS = [
    ("outreach", gettext_lazy("回应与解读")), ("archive", gettext_lazy("档案与查阅")),
    ("training", gettext_lazy("业务培训")), ("staffing", gettext_lazy("工作人员")),
    ("periodical", gettext_lazy("刊物")),
]
FIGURE_LABELS = {
    "mailbox_received": gettext_lazy("信箱、公开电话来件"), "mailbox_accepted": gettext_lazy("受理"),
    "mailbox_completed": gettext_lazy("办结"), "mailbox_rated": gettext_lazy("参与评价"),
    "mailbox_satisfied": gettext_lazy("满意（含基本满意）"),
    "suggestions_and_complaints": gettext_lazy("建言献策和投诉信件"),
    "concern_responses": gettext_lazy("回应公众关注热点或重大舆情"), "press_conferences": gettext_lazy("新闻发布会"),
    "online_interviews": gettext_lazy("在线访谈"), "interpretations_of_normative": gettext_lazy("解读的规范性文件"),
    "other_interpretations": gettext_lazy("其他类政策解读稿件"), "periodical_issues": gettext_lazy("刊物期数"),
    "periodical_copies": gettext_lazy("刊物印数"), "archive_items_appraised": gettext_lazy("档案鉴定（件）"),
    "archive_volumes_appraised": gettext_lazy("档案鉴定（卷）"), "archive_visitors": gettext_lazy("查档人次"),
    "archive_pages_copied": gettext_lazy("复制档案（页）"),
    "archive_items_delivered": gettext_lazy("送交档案馆、图书馆（件）"),
    "trainings": gettext_lazy("业务培训（次）"), "training_participants": gettext_lazy("参训人次"),
    "disclosure_staff": gettext_lazy("从事信息公开工作人员"),
    "disclosure_staff_agencies": gettext_lazy("有工作人员的部门（镇街）"),
}


def may_see_dashboard(user) -> bool:
    return agencies_where(user, "dashboard.view").exists()


def _save(actor, kind: str, data: dict, writable: list):
    code = data.pop("agency")
    agency = next(a for a in writable if a.code == code)   # the form offers only these
    if kind == "outreach":
        return records.record_outreach(actor=actor, agency=agency, **data)
    if kind == "archive":
        return records.record_archive_work(actor=actor, agency=agency, **data)
    if kind == "training":
        return records.record_training(actor=actor, agency=agency, **data)
    if kind == "staffing":
        return records.report_staffing(actor=actor, agency=agency, **data)
    title = data.pop("title").strip().strip("《》")
    periodical = periodical_titled(agency, title) or records.create_periodical(actor=actor, agency=agency,
                                                                               title=title)
    return records.record_issue(actor=actor, periodical=periodical, **data)


@staff_required
def record_list(request, kind):
    if kind not in RECORD_KINDS:
        raise Http404
    writable = list(agencies_where(request.user, "engagement.handle").order_by("path"))
    form = with_agencies(RECORD_FORMS[kind](request.POST or None), writable) if writable else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("您无权登记工作记录"))
        status = 400
        if form.is_valid():
            try:
                _save(request.user, kind, dict(form.cleaned_data), writable)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                flash.success(request, _("已登记"))
                return redirect("backoffice:engagement_records", kind=kind)
    table = record_table(request.user, kind)
    page = Paginator(table.records, 50).get_page(request.GET.get("page"))
    rows = [table.row(record) for record in page.object_list]
    return render(request, "backoffice/engagement/record_list.html", {
        "tab": kind, "record_tabs": RECORD_TABS, "may_see_dashboard": may_see_dashboard(request.user), "title": dict(RECORD_TABS)[kind], "form": form, "page": page,
        "headers": table.headers, "rows": rows,
    }, status=status)


def _period(request):
    today = local_today()
    year = query_year(request, default=today.year - 1, low=2000, high=today.year)
    return year, dt.date(year, 1, 1), dt.date(year, 12, 31)


def _scope(request):
    visible = agencies_where(request.user, "engagement.view")
    roots = [a for a in visible.order_by("path") if not any(a.path.startswith(b.path) and a.pk != b.pk
                                                              for b in visible)]
    code = request.GET.get("agency") or (roots[0].code if roots else "")
    agency = visible.filter(code=code).first()
    if agency is None:
        raise PermissionDenied(_("您无权查看该机关的数字"))
    ids = list(visible.filter(path__startswith=agency.path).values_list("pk", flat=True))
    return agency, ids, roots


@staff_required
def figures(request):
    year, start, end = _period(request)
    agency, ids, roots = _scope(request)
    values = period_figures(agency_ids=ids, start=start, end=end)
    rows = [(name, FIGURE_LABELS[name], getattr(values, name)) for name in FIGURE_LABELS]
    return render(request, "backoffice/engagement/figures.html", {
        "tab": "figures", "record_tabs": RECORD_TABS, "may_see_dashboard": may_see_dashboard(request.user), "year": year, "agency": agency, "rows": rows,
        "values": values, "roots": roots, "years": range(local_today().year, 2009, -1),
    })


@staff_required
def figure_records(request, figure):
    if figure not in ALL_FIGURES:
        raise Http404
    year, start, end = _period(request)
    agency, ids, _roots = _scope(request)
    qs = records_for_figure(agency_ids=ids, start=start, end=end, figure=figure)
    page = Paginator(qs.order_by("pk"), 100).get_page(request.GET.get("page"))
    return render(request, "backoffice/engagement/figure_records.html", {
        "tab": "figures", "record_tabs": RECORD_TABS, "may_see_dashboard": may_see_dashboard(request.user), "year": year, "agency": agency, "figure": figure,
        "label": FIGURE_LABELS.get(figure, figure), "page": page,
    })
