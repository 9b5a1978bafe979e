"""Staff pages for the applicant's side: accepting a 补正 the applicant gave online, releasing files to the
applicant, and the office's notice wording (mail and SMS) and fee payment details."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.policy import agencies_where, can
from gongkai.backoffice.access import require_open, staff_required
from gongkai.cases import selectors
from gongkai.cases.domain.notices import NOTICE_EVENT_LABELS, NOTICE_PLACEHOLDERS
from gongkai.cases.fee_payment import payment_details_for
from gongkai.cases.notify import notice_template
from gongkai.cases.selectors_applicant import correction_reply_file, notice_template_history
from gongkai.cases.services import (
    accept_correction_reply,
    release_file,
    save_fee_payment_details,
    save_notice_template,
)
from gongkai.core.downloads import file_download
from gongkai.core.errors import DomainError
from gongkai.core.uploads import public_type, read_head


class AcceptReplyForm(forms.Form):
    received_on = forms.DateField(label=_lazy("收到补正的日期"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class ReleaseForm(forms.Form):
    file = forms.FileField(label=_lazy("提供给申请人的文件"))


class NoticeForm(forms.Form):
    event = forms.ChoiceField(label=_lazy("事项"), choices=[(k.value, v) for k, v in NOTICE_EVENT_LABELS.items()])
    channel = forms.ChoiceField(label=_lazy("渠道"), choices=[("mail", _lazy("邮件")), ("sms", _lazy("短信"))])
    subject = forms.CharField(label=_lazy("邮件主题"), max_length=200, required=False)
    body = forms.CharField(label=_lazy("正文"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)


class PaymentForm(forms.Form):
    collecting_unit = forms.CharField(label=_lazy("执收单位"), max_length=200)
    method = forms.CharField(label=_lazy("缴费方式"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    payment_code = forms.CharField(label=_lazy("非税缴款码或执收单位编码"), max_length=100, required=False)
    payment_url = forms.CharField(label=_lazy("网上缴费地址（https://）"), max_length=200, required=False)
    bank_account = forms.CharField(label=_lazy("收款账户（户名、开户银行、账号）"), required=False, max_length=500,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    budget_subject = forms.CharField(label=_lazy("收入科目"), max_length=100, required=False,
                                     initial="103049950 其他缴入国库的行政事业性收费")
    contact = forms.CharField(label=_lazy("咨询电话"), max_length=100, required=False)


@staff_required
@require_POST
def accept_online_correction(request, pk):
    app = selectors.access_case(request.user, pk, action="case.handle")
    form = AcceptReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写正确的日期。"))
        return redirect("backoffice:case_detail", pk=app.pk)
    try:
        accept_correction_reply(actor=request.user, app=app, received_on=form.cleaned_data["received_on"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已受理网上补正，答复期限重新计算。"))
    return redirect("backoffice:case_detail", pk=app.pk)


@staff_required
def correction_file(request, pk):
    found = correction_reply_file(pk)
    if found is None:
        raise Http404
    if not can(request.user, "case.view_personal_data", found.reply.correction.application):
        raise PermissionDenied(_("您无权查看该附件"))
    return file_download(found.file.open("rb"), filename=found.name, kind=found.content_type)


@staff_required
@require_POST
def release(request, pk):
    app = selectors.access_case(request.user, pk, action="case.handle")
    form = ReleaseForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要提供的文件。"))
        return redirect("backoffice:case_detail", pk=app.pk)
    upload = form.cleaned_data["file"]
    try:
        # Served with the type the bytes show (PDF, JPG, PNG), else as octet-stream: never the declared type.
        release_file(actor=request.user, app=app, name=upload.name[-100:], content=upload,
                     content_type=public_type(read_head(upload)) or "application/octet-stream")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("文件已提供给申请人，申请人可在“我的申请”页面下载。"))
    return redirect("backoffice:case_detail", pk=app.pk)


@staff_required
def notices(request):
    require_open(request.user, "case.configure", _("您无权设置通知模板"))
    agencies = list(agencies_where(request.user, "case.configure").order_by("path"))
    code = request.GET.get("agency") or request.POST.get("agency") or agencies[0].code
    agency = next((a for a in agencies if a.code == code), None)
    if agency is None:
        raise PermissionDenied(_("您无权设置该机关的通知模板"))
    event = request.GET.get("event", "received")
    channel = request.GET.get("channel", "mail")
    if event not in {k.value for k in NOTICE_EVENT_LABELS} or channel not in {"mail", "sms"}:
        event, channel = "received", "mail"
    subject, body = notice_template(agency, event, channel)
    details = payment_details_for(agency)
    which = request.POST.get("form")
    notice_form = NoticeForm(request.POST if which == "notice" else None,
                             initial={"event": event, "channel": channel, "subject": subject, "body": body})
    payment_initial = {name: getattr(details, name) for name in PaymentForm.base_fields} if details else {}
    payment_form = PaymentForm(request.POST if which == "payment" else None, initial=payment_initial)
    status = 200
    if which == "notice":
        if notice_form.is_valid():
            try:
                save_notice_template(actor=request.user, agency=agency, **notice_form.cleaned_data)
            except DomainError as exc:
                notice_form.add_error(None, exc.message)
            else:
                messages.success(request, _("通知模板已保存"))
                data = notice_form.cleaned_data
                return redirect(f"{request.path}?agency={agency.code}&event={data['event']}&channel={data['channel']}")
        status = 400
    elif which == "payment":
        if payment_form.is_valid():
            try:
                save_fee_payment_details(actor=request.user, agency=agency, **payment_form.cleaned_data)
            except DomainError as exc:
                payment_form.add_error(None, exc.message)
            else:
                messages.success(request, _("缴费方式已保存"))
                return redirect(f"{request.path}?agency={agency.code}")
        status = 400
    return render(request, "backoffice/cases/notices.html", {
        "agencies": agencies, "agency": agency, "notice_form": notice_form, "payment_form": payment_form,
        "placeholders": NOTICE_PLACEHOLDERS, "events": NOTICE_EVENT_LABELS, "event": event, "channel": channel,
        "payment_inherited": details is not None and details.agency_id != agency.pk,
        "history": notice_template_history(agency),
    }, status=status)
