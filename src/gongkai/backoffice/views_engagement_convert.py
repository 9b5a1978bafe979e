"""Staff pages that turn a mailbox message into an application for government information and back
(the work itself is in ``backoffice.conversions``)."""

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.policy import can
from gongkai.backoffice.access import staff_required
from gongkai.backoffice.conversions import convert_application_to_message, convert_message_to_application
from gongkai.cases.domain.applicants import APPLICANT_TYPE_LABELS
from gongkai.cases.labels_intake import DELIVERY_CHOICES, ID_TYPE_CHOICES, PROVISION_FORM_CHOICES
from gongkai.cases.selectors import access_case
from gongkai.cases.services_intake import ApplicantInput
from gongkai.core.errors import DomainError
from gongkai.engagement.domain.mailbox import Category
from gongkai.engagement.labels import CATEGORY_CHOICES
from gongkai.engagement.selectors import access_message


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(label=gettext_lazy("申请人类型"),
                                       choices=[(k.value, v) for k, v in APPLICANT_TYPE_LABELS.items()])
    applicant_name = forms.CharField(label=gettext_lazy("申请人姓名或名称"), max_length=200)
    id_type = forms.ChoiceField(label=gettext_lazy("证件类型"), choices=ID_TYPE_CHOICES)
    id_number = forms.CharField(label=gettext_lazy("证件号码"), max_length=40)
    contact_person = forms.CharField(label=gettext_lazy("联系人（法人或其他组织）"), max_length=60, required=False)
    phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=40, required=False)
    email = forms.EmailField(label=gettext_lazy("电子邮箱"), required=False)
    address = forms.CharField(label=gettext_lazy("通信地址"), max_length=200, required=False)
    description = forms.CharField(label=gettext_lazy("所需政府信息的名称、文号或者便于查询的其他特征性描述"),
                                  widget=forms.Textarea)
    provision_form = forms.ChoiceField(label=gettext_lazy("信息提供形式"), choices=PROVISION_FORM_CHOICES)
    delivery = forms.ChoiceField(label=gettext_lazy("获取方式"), choices=DELIVERY_CHOICES)


class ToMessageForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("来信类别"),
                                 choices=[c for c in CATEGORY_CHOICES if c[0] != Category.MISDIRECTED.value])
    subject = forms.CharField(label=gettext_lazy("标题"), max_length=200)


@staff_required
def message_to_application(request, pk):
    message = access_message(request.user, pk)
    if not can(request.user, "case.register", message.agency) or not can(
            request.user, "engagement.handle", message.agency):
        raise PermissionDenied(_("您无权将来信转为申请"))
    form = ApplicationForm(request.POST or None, initial={
        "applicant_type": "natural_person", "applicant_name": message.writer_name, "phone": message.writer_phone,
        "email": message.writer_email, "description": message.body, "provision_form": "electronic",
        "delivery": "email" if message.writer_email else "post"})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                app = convert_message_to_application(actor=request.user, message=message,
                                                     applicant=ApplicantInput(**form.cleaned_data))
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                flash.success(request, _("已转为政府信息公开申请 %(code)s") % {"code": app.tracking_code})
                return redirect("backoffice:engagement_message", pk=message.pk)
    return render(request, "backoffice/engagement/convert.html",
                  {"form": form, "message": message, "title": _("转为政府信息公开申请")}, status=status)


@staff_required
def application_to_message(request, case_pk):
    app = access_case(request.user, case_pk, action="case.handle")
    if not can(request.user, "engagement.handle", app.agency):
        raise PermissionDenied(_("您无权将申请转入信箱"))
    form = ToMessageForm(request.POST or None, initial={"category": Category.COMPLAINT.value,
                                                         "subject": app.description[:60]})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                message = convert_application_to_message(actor=request.user, app=app, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                flash.success(request, _("已转入信箱办理，查询码 %(code)s") % {"code": message.tracking_code})
                return redirect("backoffice:engagement_message", pk=message.pk)
    return render(request, "backoffice/engagement/convert.html",
                  {"form": form, "app": app, "title": _("按信访、举报、投诉转入信箱办理")}, status=status)
