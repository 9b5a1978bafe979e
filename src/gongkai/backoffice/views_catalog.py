"""Staff pages of the catalog: item list with filters, writing and editing, the item page with its review
actions, screening findings, attachments, revisions and history, and the review queue."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies import selectors as agency_selectors
from gongkai.agencies.policy import agencies_where, can
from gongkai.backoffice.access import may_open, require_open, staff_required
from gongkai.backoffice.forms_catalog import (
    AttachmentForm,
    ChannelsForm,
    ReasonForm,
    ScheduleForm,
    ValidityForm,
)
from gongkai.catalog import selectors, selectors_staff, services
from gongkai.catalog.domain.revisions import compare
from gongkai.catalog.domain.states import STATUS_LABELS, Status, available
from gongkai.catalog.forms import ItemForm
from gongkai.catalog.selectors_terms import category_terms
from gongkai.catalog.services.attachments import max_attachment_bytes
from gongkai.catalog.services.items import REVISION_FIELDS
from gongkai.core.errors import DomainError, ValidationFailed
from gongkai.core.query_params import query_int, query_year
from gongkai.core.time import local_today

ACTION_LABELS = {
    "submit": "提交审核", "review": "审核通过", "reject_review": "退回", "secrecy_review": "保密审查通过",
    "reject_secrecy": "退回", "publish": "发布", "schedule": "定时发布", "unschedule": "取消定时",
    "reject_publish": "退回", "withdraw": "撤稿",
}
FIELD_LABELS = selectors_staff.item_field_labels(REVISION_FIELDS)


@staff_required
def item_list(request):
    g = request.GET
    qs = selectors.filter_items(
        selectors.staff_items(request.user), status=g.get("status", ""), agency=g.get("agency", ""),
        category=g.get("category", ""), q=g.get("q", "").strip(), year=query_year(request),
        normative=g.get("normative") == "1",
    ).order_by("-updated_at", "-id")
    page = Paginator(qs, 50).get_page(g.get("page"))
    query = g.copy()
    query.pop("page", None)
    return render(request, "backoffice/catalog/item_list.html", {
        "page": page, "filters": g, "query": query.urlencode(),
        "statuses": list(STATUS_LABELS.items()),
        "agencies": agency_selectors.visible_agencies(request.user).order_by("path"),
        "categories": category_terms(),
        "may_create": may_open(request.user, "item.edit"),
    })


@staff_required
def item_new(request):
    require_open(request.user, "item.edit", "您没有编辑信息的岗位")
    agencies = agencies_where(request.user, "item.edit").order_by("path")
    agency = agencies.filter(code=request.GET.get("agency") or request.POST.get("agency")).first() or agencies.first()
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存为草稿")
            return redirect("backoffice:catalog_item", pk=item.pk)
    return render(request, "backoffice/catalog/item_form.html",
                  {"form": form, "agency": agency, "agencies": agencies, "item": None})


@staff_required
def item_edit(request, pk):
    item = selectors.access_item(request.user, pk)
    # The form edits its own copy: ``item`` stays as stored, for the service to compare with.
    form = ItemForm(request.POST or None, instance=selectors.access_item(request.user, pk), agency=item.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(actor=request.user, item=item, reason=request.POST.get("reason", ""),
                                 **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存")
            return redirect("backoffice:catalog_item", pk=item.pk)
    return render(request, "backoffice/catalog/item_form.html", {"form": form, "agency": item.agency, "item": item})


@staff_required
def item_detail(request, pk):
    item = selectors.access_item(request.user, pk)
    user = request.user
    actions = [(t.name, ACTION_LABELS[t.name], t.needs_reason) for t in available(Status(item.status))
               if can(user, t.permission, item) and not t.name.startswith("reject_")]
    may_reject = any(t.name.startswith("reject_") and can(user, t.permission, item) for t in available(Status(item.status)))
    findings = selectors_staff.item_findings(item)
    return render(request, "backoffice/catalog/item_detail.html", {
        "item": item, "actions": actions, "may_reject": may_reject,
        "findings": findings, "open_findings": [f for f in findings if f.status == "open"],
        "may_override": can(user, "item.override_screening", item),
        "may_edit": (item.status == Status.DRAFT and can(user, "item.edit", item))
        or (item.status == Status.PUBLISHED and can(user, "item.publish", item)),
        "may_set_validity": item.status == Status.PUBLISHED and can(user, "item.set_validity", item),
        "may_channels": item.status == Status.PUBLISHED and can(user, "item.publish", item),
        "attachments": item.attachments.all(), "attachment_form": AttachmentForm(),
        "reason_form": ReasonForm(), "schedule_form": ScheduleForm(), "channels_form": ChannelsForm(),
        "validity_form": ValidityForm(initial={"validity": item.validity}),
        "channels": item.channels.all(), "revisions": item.revisions.order_by("-number"),
        "interpretations": item.interpretations.all(), "co_issuers": item.co_issuers.all(),
        "history": agency_selectors.history(user, item), "today": local_today(),
    })


@staff_required
@require_POST
def item_action(request, pk, action):
    item = selectors.access_item(request.user, pk)
    reason = request.POST.get("reason", "")
    calls = {
        "submit": lambda: services.submit_item(actor=request.user, item=item),
        "review": lambda: services.review_item(actor=request.user, item=item, comment=reason),
        "secrecy_review": lambda: services.secrecy_review_item(actor=request.user, item=item, comment=reason),
        "reject": lambda: services.reject_item(actor=request.user, item=item, reason=reason),
        "publish": lambda: services.publish_item(actor=request.user, item=item,
                                                 channels=tuple(request.POST.getlist("channels") or ["portal"])),
        "unschedule": lambda: services.unschedule_item(actor=request.user, item=item),
        "withdraw": lambda: services.withdraw_item(actor=request.user, item=item, reason=reason),
        "not_required": lambda: services.mark_interpretation_not_required(actor=request.user, item=item,
                                                                          reason=reason),
    }
    try:
        if action == "schedule":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                raise DomainError("请填写正确的定时发布时间")
            services.schedule_item(actor=request.user, item=item, at=form.cleaned_data["at"])
        elif action in calls:
            calls[action]()
        else:
            raise DomainError("未知操作")
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已完成：" + ACTION_LABELS.get(action, {"reject": "退回", "not_required": "标注无需解读"}
                                                             .get(action, action)))
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
@require_POST
def finding_override(request, pk, finding_pk):
    item = selectors.access_item(request.user, pk)
    finding = selectors_staff.item_finding(item, finding_pk)
    try:
        services.override_finding(actor=request.user, finding=finding, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已确认该审查发现可以发布，理由已记录")
    return redirect(reverse("backoffice:catalog_item", kwargs={"pk": item.pk}) + "#screening")


@staff_required
@require_POST
def attachment_add(request, pk):
    item = selectors.access_item(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件")
    else:
        upload = form.cleaned_data["file"]
        try:
            if upload.size > max_attachment_bytes():   # refused before it is read into memory
                raise ValidationFailed(f"附件过大：不能超过 {max_attachment_bytes() // (1024 * 1024)} MB")
            attachment = services.add_attachment(actor=request.user, item=item, name=upload.name,
                                                 data=upload.read())
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "附件已上传")
            if attachment.extraction_problem:
                messages.warning(request, attachment.extraction_problem)
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    item = selectors.access_item(request.user, pk)
    try:
        services.remove_attachment(actor=request.user,
                                   attachment=selectors_staff.item_attachment(item, attachment_pk))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
@require_POST
def item_validity(request, pk):
    item = selectors.access_item(request.user, pk)
    form = ValidityForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("请检查有效性和日期")
        data = form.cleaned_data
        by_key = data["abolished_by"].strip()
        if data["validity"] == "abolished" and item.normative_kind:
            by = selectors_staff.item_by_reference(by_key)
            if by_key and by is None:
                raise DomainError("找不到废止文件")
            services.abolish_document(actor=request.user, item=item, by=by, on=data["on"], reason=data["reason"])
        else:
            services.set_validity(actor=request.user, item=item, validity=data["validity"], on=data["on"],
                                  reason=data["reason"])
    except DomainError as exc:
        messages.error(request, str(exc))
    except TypeError:
        messages.error(request, "请填写日期")
    else:
        messages.success(request, "有效性已更新")
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
@require_POST
def item_channels(request, pk):
    item = selectors.access_item(request.user, pk)
    form = ChannelsForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("请选择渠道")
        added = services.record_channels(actor=request.user, item=item, channels=form.cleaned_data["channels"],
                                         on=local_today())
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已登记 {len(added)} 个新渠道")
    return redirect("backoffice:catalog_item", pk=item.pk)


@staff_required
def item_revisions(request, pk):
    item = selectors.access_item(request.user, pk)
    revisions = {r.number: r for r in item.revisions.all()}
    newest = max(revisions) if revisions else 1
    a = query_int(request, "a", low=1, quiet=True) or max(1, newest - 1)
    b = query_int(request, "b", low=1, quiet=True) or newest
    if a not in revisions or b not in revisions:
        messages.error(request, "版本不存在")
        return redirect("backoffice:catalog_item", pk=item.pk)
    diffs = compare(revisions[a].data, revisions[b].data, REVISION_FIELDS)
    return render(request, "backoffice/catalog/item_revisions.html", {
        "item": item, "a": revisions[a], "b": revisions[b], "numbers": sorted(revisions),
        "diffs": [(FIELD_LABELS[d.field], d) for d in diffs],
    })


@staff_required
def review_queue(request):
    items = selectors.review_queue(request.user)
    return render(request, "backoffice/catalog/review_queue.html", {"items": items[:200], "total": items.count()})
