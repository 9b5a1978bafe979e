"""The forms of the cases area's steps, one per step of ``cases.domain.states.STEPS`` that a person or an
integration takes, and the choices of its fields. The back office renders them; the API binds a step's JSON
values to the same form, so both validate a step alike before the same service takes it (``cases.steps``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.cases.models.choices import (
    APPEAL_KIND_CHOICES,
    APPEAL_OUTCOME_CHOICES,
    APPLICANT_TYPE_CHOICES,
    CONSULTATION_KIND_CHOICES,
    DELIVERY_CHOICES,
    DELIVERY_METHOD_CHOICES,
    FEE_METHOD_CHOICES,
    ID_TYPE_CHOICES,
    LETTER_KIND_CHOICES,
    POSTAL_SERVICE_CHOICES,
    PROVISION_FORM_CHOICES,
    REPLY_TYPE_CHOICES,
    RESULT_CHOICES,
)
from gongkai.core.time import local_today

__all__ = [
    "APPEAL_KIND_CHOICES",
    "APPEAL_OUTCOME_CHOICES",
    "APPLICANT_TYPE_CHOICES",
    "DELIVERY_CHOICES",
    "ID_TYPE_CHOICES",
    "LETTER_KIND_CHOICES",
    "PROVISION_FORM_CHOICES",
    "RESULT_CHOICES",
    "STEP_FORMS",
    "AcceptForm",
    "AssignForm",
    "CloseForm",
    "ConfirmReceiptForm",
    "ConsultationForm",
    "CorrectionForm",
    "DecideForm",
    "DelayForm",
    "DeliverForm",
    "EndConsultationForm",
    "ExtendForm",
    "FeeNoticeForm",
    "PaymentForm",
    "ReceiveCorrectionForm",
    "TransferForm",
    "WithdrawForm",
    "date_field",
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MANUAL_RESULTS = [(code, label) for code, label in RESULT_CHOICES if code not in {"other_no_correction",
                                                                                   "other_unpaid_fee"}]


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=DATE, initial=local_today, **kwargs)


class ConfirmReceiptForm(forms.Form):
    confirmed_on = date_field(_("与申请人确认之日"))
    note = forms.CharField(label=_("确认方式说明"), required=False, max_length=300)


class CorrectionForm(forms.Form):
    items = forms.CharField(label=_("需要补正的事项（一次性告知）"), widget=forms.Textarea(attrs={"rows": 3}))
    period_days = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=30, initial=10)
    on = date_field(_("告知日期"))


class ReceiveCorrectionForm(forms.Form):
    received_on = date_field(_("收到补正后申请的日期"))
    corrected_description = forms.CharField(label=_("补正后的内容描述"), required=False,
                                            widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    on = date_field(_("受理日期"))


class AssignForm(forms.Form):
    handler = forms.ChoiceField(label=_("承办人"))
    section = forms.CharField(label=_("承办科室"), required=False, max_length=100)

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [(u.pk, u.get_full_name() or u.username) for u in handlers]


class TransferForm(forms.Form):
    to_agency = forms.ChoiceField(label=_("转至机关或部门"))
    reason = forms.CharField(label=_("转办理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].choices = [(a.code, a.name) for a in agencies]


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("征求对象类型"), choices=CONSULTATION_KIND_CHOICES)
    party = forms.CharField(label=_("征求对象"), max_length=200)
    sent_on = date_field(_("发函日期"))


class EndConsultationForm(forms.Form):
    consultation = forms.ChoiceField(label=_("征求意见"))
    replied_on = date_field(_("收到意见日期（逾期未答复的填期满日）"))
    opinion = forms.CharField(label=_("意见（未答复的留空）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].choices = [(c.pk, f"{c.party}（{c.sent_on}）") for c in consultations]


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))
    notice_on = date_field(_("告知申请人日期"))


class DelayForm(forms.Form):
    until = forms.DateField(label=_("合理延迟答复期限"), widget=DATE)
    reason = forms.CharField(label=_("理由（《条例》第三十五条）"), widget=forms.Textarea(attrs={"rows": 2}))
    notice_on = date_field(_("告知申请人日期"))


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(label=_("计收方式"), choices=FEE_METHOD_CHOICES, widget=forms.RadioSelect)
    pages = forms.IntegerField(label=_("页数（按量计收）"), min_value=1, required=False)
    on = date_field(_("通知日期"))


class PaymentForm(forms.Form):
    paid_on = date_field(_("缴费日期"))
    amount = forms.DecimalField(label=_("实收金额（元）"), max_digits=10, decimal_places=2)
    receipt_number = forms.CharField(label=_("财政票据号码"), max_length=60)


class DecideForm(forms.Form):
    result = forms.ChoiceField(label=_("办理结果"), choices=MANUAL_RESULTS)
    reply_type = forms.ChoiceField(label=_("答复类型（《条例》第三十六条）"),
                                   choices=[("", "—"), *REPLY_TYPE_CHOICES], required=False)
    reasons = forms.CharField(label=_("答复内容和理由"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    legal_basis = forms.CharField(label=_("法律依据（留空则按办理结果填写）"), required=False, max_length=300)
    withheld_what = forms.CharField(label=_("不予公开的部分（部分公开时必填）"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    withheld_why = forms.CharField(label=_("不予公开的理由（部分公开时必填）"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    catalog_index_numbers = forms.CharField(label=_("已主动公开信息的索引号"), required=False, max_length=500)
    responsible_organ = forms.CharField(label=_("负责公开的机关及联系方式"), required=False, max_length=300)
    decided_on = date_field(_("答复日期"))


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class DeliverForm(forms.Form):
    """A typed delivery (国办公开办函〔2016〕235号); which fields are needed depends on the method, and the
    service says which are missing."""

    method = forms.ChoiceField(label=_("送达方式"), choices=[("", _("请选择")), *DELIVERY_METHOD_CHOICES])
    signed_on = forms.DateField(label=_("签收日期（直接、委托送达）"), widget=DATE, required=False)
    signed_by = forms.CharField(label=_("签收人（申请人或其法定代理人）"), max_length=100, required=False)
    entrusted_organ = forms.CharField(label=_("受委托代为送达的行政机关（委托送达）"), max_length=200, required=False)
    posted_on = forms.DateField(label=_("交邮日期（邮寄送达）"), widget=DATE, required=False)
    postal_service = forms.ChoiceField(label=_("邮政企业（邮寄送达）"), required=False,
                                       choices=[("", "—"), *POSTAL_SERVICE_CHOICES])
    waybill_number = forms.CharField(label=_("邮件号码（邮寄送达）"), max_length=30, required=False)
    sent_at = forms.DateTimeField(label=_("发送时间（电子送达）"), widget=DATETIME, required=False)
    address = forms.CharField(label=_("电子送达地址（留空则用申请人的电子邮箱）"), max_length=300, required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class CloseForm(forms.Form):
    on = date_field(_("办结日期"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回说明"), required=False, max_length=300)
    on = date_field(_("撤回日期"))


# step -> the form that validates its values (the steps of ``cases.domain.steps.staff_steps()``)
STEP_FORMS: dict[str, type[forms.Form]] = {
    "confirm_receipt": ConfirmReceiptForm,
    "request_correction": CorrectionForm,
    "receive_correction": ReceiveCorrectionForm,
    "accept": AcceptForm,
    "assign": AssignForm,
    "transfer": TransferForm,
    "start_consultation": ConsultationForm,
    "end_consultation": EndConsultationForm,
    "extend": ExtendForm,
    "set_reasonable_delay": DelayForm,
    "issue_fee_notice": FeeNoticeForm,
    "record_payment": PaymentForm,
    "decide": DecideForm,
    "deliver": DeliverForm,
    "close": CloseForm,
    "withdraw": WithdrawForm,
}
