"""Forms of the staff case pages: registration, letters, appeals. The forms of the steps are the cases area's
own (``gongkai.cases.forms``), shared with the API."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gongkai.cases.domain.receipt import CHANNEL_LABELS
from gongkai.cases.forms import (
    APPEAL_KIND_CHOICES,
    APPEAL_OUTCOME_CHOICES,
    APPLICANT_TYPE_CHOICES,
    DELIVERY_CHOICES,
    ID_TYPE_CHOICES,
    LETTER_KIND_CHOICES,
    PROVISION_FORM_CHOICES,
    RESULT_CHOICES,
    DeliverForm,
    date_field,
)
from gongkai.core.uploads import public_type, read_head

STAFF_CHANNELS = [(c.value, _(label)) for c, label in CHANNEL_LABELS.items() if c.value != "online"]


class RegisterForm(forms.Form):
    agency = forms.ChoiceField(label=_("受理机关"))
    channel = forms.ChoiceField(label=_("申请方式"), choices=STAFF_CHANNELS)
    arrived_on = date_field(_("到达（提交、签收）日期"))
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_TYPE_CHOICES)
    applicant_name = forms.CharField(label=_("姓名或单位名称"), max_length=200)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=ID_TYPE_CHOICES)
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    contact_person = forms.CharField(label=_("联系人"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=6, required=False)
    description = forms.CharField(label=_("所需信息的内容描述"), widget=forms.Textarea(attrs={"rows": 4}))
    document_ref = forms.CharField(label=_("文号或索引号"), max_length=200, required=False)
    provision_form = forms.ChoiceField(label=_("信息提供形式"), choices=PROVISION_FORM_CHOICES)
    delivery = forms.ChoiceField(label=_("获取方式"), choices=DELIVERY_CHOICES)
    oral_record = forms.CharField(label=_("口头申请记录（口头申请时必填）"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label=_("扫描件或附件（PDF/JPG/PNG，选填）"), required=False)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return []
        if upload.size > settings.GONGKAI_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件过大。"))
        mime = public_type(read_head(upload))   # by content; the file itself is stored in chunks
        if mime is None:
            raise forms.ValidationError(_("只接受 PDF、JPG 或 PNG 文件。"))
        return [(upload.name[-100:], upload, mime)]

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.code, a.name) for a in agencies]


class LetterDeliveryForm(DeliverForm):
    evidence = forms.FileField(label=_("送达凭证（送达回证、邮寄凭证的扫描件，PDF/JPEG/PNG，选填）"), required=False)

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload and upload.size > settings.GONGKAI_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件过大。"))
        if upload and public_type(read_head(upload)) is None:
            raise forms.ValidationError(_("送达凭证只接受 PDF、JPEG 或 PNG 文件。"))
        return upload


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("文书类型"), choices=LETTER_KIND_CHOICES)
    result = forms.ChoiceField(label=_("办理结果（仅答复书）"), choices=[("", "—"), *RESULT_CHOICES], required=False)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}))


class AppealForm(forms.Form):
    agency = forms.ChoiceField(label=_("被申请人/被告机关"))
    tracking_code = forms.CharField(label=_("关联申请的查询码（选填）"), required=False, max_length=16)
    kind = forms.ChoiceField(label=_("类型"), choices=APPEAL_KIND_CHOICES)
    body = forms.CharField(label=_("复议机关或受理法院"), max_length=200)
    case_number = forms.CharField(label=_("案号"), required=False, max_length=100)
    filed_on = date_field(_("申请或起诉日期"))
    summary = forms.CharField(label=_("摘要"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.code, a.name) for a in agencies]


class AppealOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("结果"), choices=[c for c in APPEAL_OUTCOME_CHOICES if c[0] != "pending"])
    decided_on = date_field(_("决定或裁判日期"))
