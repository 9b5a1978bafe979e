"""Staff pages of the catalog for the 公开办: bulk import, 公开清单 compliance, settings and screening lists,
and 政务文件汇编."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.policy import agencies_where
from gongkai.backoffice.access import require_open, staff_required
from gongkai.backoffice.forms_catalog import ImportForm
from gongkai.catalog import selectors, selectors_staff, services
from gongkai.catalog.compilation_documents import compilation_data, render_docx, render_pdf
from gongkai.catalog.domain.matters import PERIODICITY_LABELS, days_late
from gongkai.catalog.forms import MatterForm, SettingsForm
from gongkai.catalog.services.configuration import SETTINGS_FIELDS
from gongkai.core import background
from gongkai.core.errors import DomainError
from gongkai.core.time import local_today


@staff_required
def catalog_import(request):
    """The upload form; a valid upload becomes background work (``core.background``) and the browser follows
    it on the work's page: a progress bar while the rows are checked, screened and written, then the report."""
    require_open(request.user, "catalog.import", "只有公开办发布人和管理员可以批量导入")
    agencies = agencies_where(request.user, "catalog.import").order_by("path")
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        agency = form.cleaned_data["agency"]
        dry_run = form.cleaned_data["dry_run"]
        label = (_("检查目录文件：%(name)s") if dry_run else _("导入目录文件：%(name)s")) % {"name": upload.name}
        work = background.start("catalog.import", actor=request.user, label=label, data=upload.read(),
                                arguments={"name": upload.name, "agency_id": agency.pk if agency else None,
                                           "dry_run": dry_run})
        return redirect("backoffice:work_detail", pk=work.pk)
    return render(request, "backoffice/catalog/import.html", {"form": form, "report": None})


@staff_required
def compliance(request):
    today = local_today()
    agency_code = request.GET.get("agency", "")
    only_problems = request.GET.get("problems") == "1"
    obligations = selectors.matter_compliance(request.user, today, agency_code=agency_code,
                                              only_problems=only_problems)
    rows = [(o, days_late(o.due_on, o.fulfilled_on, today)) for o in obligations[:500]]
    matters = selectors.visible_matters(request.user).filter(is_active=True)
    if agency_code:
        matters = matters.filter(agency__code=agency_code)
    configurable = agencies_where(request.user, "catalog.configure").order_by("path")
    return render(request, "backoffice/catalog/compliance.html", {
        "rows": rows, "matters": matters, "today": today, "agency_code": agency_code, "only_problems": only_problems,
        "periodicities": list(PERIODICITY_LABELS.items()), "configurable": configurable,
    })


@staff_required
@require_POST
def matter_create(request):
    form = MatterForm(request.POST)
    form.fields["agency"].queryset = agencies_where(request.user, "catalog.configure")
    if not form.is_valid():
        messages.error(request, "请完整填写公开清单事项：" + "；".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        data = dict(form.cleaned_data)
        try:
            services.create_matter(actor=request.user, agency=data.pop("agency"), **data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已加入公开清单")
    return redirect("backoffice:catalog_compliance")


@staff_required
@require_POST
def matter_trigger(request, pk):
    matter = get_object_or_404(selectors.visible_matters(request.user), pk=pk)
    try:
        triggered_on = dt.date.fromisoformat(request.POST.get("triggered_on", ""))
        services.record_matter_trigger(actor=request.user, matter=matter, label=request.POST.get("label", ""),
                                       triggered_on=triggered_on)
    except ValueError:
        messages.error(request, "请填写正确的起算日期")
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已登记，公开期限已计算")
    return redirect("backoffice:catalog_compliance")


@staff_required
def catalog_settings(request):
    require_open(request.user, "catalog.configure", "您无权设置目录")
    agencies = agencies_where(request.user, "catalog.configure").order_by("path")
    agency = agencies.filter(code=request.GET.get("agency") or request.POST.get("agency")).first() or agencies.first()
    instance = selectors_staff.catalog_settings_for(agency)
    form = SettingsForm(request.POST if request.POST.get("form") == "settings" else None, instance=instance)
    if request.method == "POST":
        try:
            kind = request.POST.get("form")
            if kind == "settings" and form.is_valid():
                services.configure_catalog(actor=request.user, agency=agency,
                                           **{f: form.cleaned_data[f] for f in SETTINGS_FIELDS})
            elif kind == "negative":
                services.add_negative_list_entry(actor=request.user, agency=agency, term=request.POST.get("term", ""),
                                                 basis=request.POST.get("basis", ""))
            elif kind == "negative_remove":
                entry = selectors_staff.negative_list_entry(agency, request.POST.get("entry"))
                services.remove_negative_list_entry(actor=request.user, entry=entry)
            elif kind == "word":
                services.add_sensitive_word(actor=request.user, agency=agency, word=request.POST.get("word", ""),
                                            replacement=request.POST.get("replacement", ""))
            else:
                raise DomainError("请检查填写的内容")
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已保存")
            return redirect(f"{request.path}?agency={agency.code}")
    return render(request, "backoffice/catalog/settings.html", {
        "agency": agency, "agencies": agencies, "form": form,
        "negative": selectors_staff.negative_list(agency),
        "words": selectors_staff.sensitive_words(agency),
    })


@staff_required
def compilations(request):
    editions = selectors_staff.visible_compilations(request.user)
    managing = agencies_where(request.user, "compilation.manage").order_by("path")
    candidates = []
    g = request.GET
    if managing.exists() and g.get("start") and g.get("end"):
        try:
            start, end = dt.date.fromisoformat(g["start"]), dt.date.fromisoformat(g["end"])
        except ValueError:
            messages.error(request, "日期格式有误")
        else:
            candidates = selectors.public_items().filter(
                agency__in=managing, published_on__range=(start, end)
            ).order_by("published_on", "id")
            if g.get("normative") == "1":
                candidates = candidates.exclude(normative_kind="")
            candidates = candidates[:300]
    return render(request, "backoffice/catalog/compilations.html", {
        "editions": editions, "managing": managing, "candidates": candidates, "filters": g, "today": local_today(),
    })


@staff_required
@require_POST
def compilation_create(request):
    agency = agencies_where(request.user, "compilation.manage").filter(code=request.POST.get("agency")).first()
    if agency is None:
        raise PermissionDenied("您无权编印汇编")
    items = selectors_staff.items_in_order(request.POST.getlist("items"))
    try:
        compilation = services.create_compilation(
            actor=request.user, agency=agency, title=request.POST.get("title", ""),
            year=int(request.POST.get("year") or 0), edition=int(request.POST.get("edition") or 0),
            issued_on=dt.date.fromisoformat(request.POST.get("issued_on", "")), items=items,
            copies=int(request.POST.get("copies") or 0),
        )
    except ValueError:
        messages.error(request, "请填写年度、期数、印数和印发日期")
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已编印{compilation}，共 {len(items)} 件文件")
    return redirect("backoffice:catalog_compilations")


def _compilation(request, pk):
    return selectors_staff.access_compilation(request.user, pk)


@staff_required
def compilation_document(request, pk, fmt):
    if fmt not in {"pdf", "docx"}:
        raise Http404
    compilation = _compilation(request, pk)
    data = compilation_data(compilation)
    name = f"compilation-{compilation.year}-{compilation.edition}"
    if fmt == "pdf":
        response = HttpResponse(render_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(
            render_docx(data),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_required
@require_POST
def compilation_distribute(request, pk):
    compilation = _compilation(request, pk)
    try:
        services.record_compilation_distribution(actor=request.user, compilation=compilation,
                                                 copies=int(request.POST.get("copies") or 0),
                                                 distributed_to=request.POST.get("to", ""))
    except ValueError:
        messages.error(request, "份数应为整数")
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "发放已登记")
    return redirect("backoffice:catalog_compilations")
