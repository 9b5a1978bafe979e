"""The public application form (条例 art. 29) and the status lookup."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.cases.labels_intake import (
    APPLICANT_TYPE_CHOICES,
    DELIVERY_CHOICES,
    ID_TYPE_CHOICES,
    PROVISION_FORM_CHOICES,
)
from gongkai.core.public_forms import PublicFormMixin, PublicUploadsMixin


class ApplicationForm(PublicUploadsMixin, PublicFormMixin):
    max_text_chars = 8000
    upload_fields = ("attachment1", "attachment2", "attachment3")

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_TYPE_CHOICES,
                                       initial="natural_person", widget=forms.RadioSelect)
    applicant_name = forms.CharField(label=_("姓名或单位名称"), max_length=200)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=ID_TYPE_CHOICES, initial="resident_id",
                                help_text=_("法人或其他组织请选择统一社会信用代码。"))
    id_number = forms.CharField(label=_("证件号码"), max_length=40,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    contact_person = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False,
                             help_text=_("填写后，各环节的通知会发送到此邮箱。"))
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    postcode = forms.RegexField(label=_("邮政编码"), regex=r"^[0-9]{6}$", required=False,
                                error_messages={"invalid": _("邮政编码应为6位数字")})
    description = forms.CharField(label=_("所需政府信息的名称或内容描述"), max_length=3000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    document_ref = forms.CharField(label=_("文号或索引号（如知道）"), max_length=200, required=False)
    purpose = forms.CharField(label=_("用途（选填）"), max_length=300, required=False)
    provision_form = forms.ChoiceField(label=_("信息提供形式"), choices=PROVISION_FORM_CHOICES, initial="electronic",
                                       widget=forms.RadioSelect)
    delivery = forms.ChoiceField(label=_("获取方式"), choices=DELIVERY_CHOICES, initial="email",
                                 widget=forms.RadioSelect)
    attachment1 = forms.FileField(label=_("附件（身份证明等，PDF/JPG/PNG）"), required=False)
    attachment2 = forms.FileField(label=_("附件"), required=False)
    attachment3 = forms.FileField(label=_("附件"), required=False)


class StatusForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=16, widget=forms.TextInput(attrs={"autocomplete": "off"}))
