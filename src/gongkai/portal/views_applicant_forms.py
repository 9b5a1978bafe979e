"""Forms of the applicant's own page: opening it (tracking code and the phone or e-mail given, then the one-time
code), answering the 补正, withdrawing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.public_forms import PublicFormMixin, PublicUploadsMixin

REPLY_FILE_FIELDS = ("file1", "file2", "file3")


class AccessRequestForm(PublicFormMixin):
    tracking_code = forms.CharField(label=_("查询码"), max_length=16,
                                    widget=forms.TextInput(attrs={"autocomplete": "off"}))
    contact = forms.CharField(label=_("申请时填写的手机号码或电子邮箱"), max_length=254,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def clean_tracking_code(self):
        return self.cleaned_data["tracking_code"].strip().upper()


class AccessCodeForm(forms.Form):
    code = forms.RegexField(label=_("验证码"), regex=r"^\s*[0-9]{6}\s*$", max_length=12,
                            error_messages={"invalid": _("验证码为6位数字。")},
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class CorrectionReplyForm(PublicUploadsMixin, PublicFormMixin):
    max_text_chars = 4000
    upload_fields = REPLY_FILE_FIELDS

    text = forms.CharField(label=_("补正内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("请针对补正告知书列明的事项逐项说明。"))
    file1 = forms.FileField(label=_("补正材料（PDF/JPG/PNG，选填）"), required=False)
    file2 = forms.FileField(label=_("补正材料"), required=False)
    file3 = forms.FileField(label=_("补正材料"), required=False)


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("我确认撤回本申请。撤回后本机关终止处理，不再作出答复。"),
                                 error_messages={"required": _("请勾选确认撤回。")})
    reason = forms.CharField(label=_("撤回理由（选填）"), max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
