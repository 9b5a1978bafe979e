"""Model choices built from the pure domain codes (labels translated at display time)."""

from django.utils.translation import gettext_lazy as _

from gongkai.cases.domain.appeals import APPEAL_KIND_LABELS, APPEAL_OUTCOME_LABELS
from gongkai.cases.domain.applicants import APPLICANT_TYPE_LABELS
from gongkai.cases.domain.clock import PAUSE_LABELS, PauseKind
from gongkai.cases.domain.delivery import DELIVERY_METHOD_LABELS, POSTAL_SERVICE_LABELS
from gongkai.cases.domain.fees import FEE_METHOD_LABELS
from gongkai.cases.domain.receipt import CHANNEL_LABELS
from gongkai.cases.domain.results import REPLY_TYPE_LABELS, RESULT_ROWS
from gongkai.cases.domain.states import STATE_LABELS


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(code.value, _(label)) for code, label in labels.items()]


STATE_CHOICES = _choices(STATE_LABELS)
CHANNEL_CHOICES = _choices(CHANNEL_LABELS)
APPLICANT_TYPE_CHOICES = _choices(APPLICANT_TYPE_LABELS)
RESULT_CHOICES = [(row.result.value, row.label) for row in RESULT_ROWS]
_NUMERALS = "一二三四五六七"
REPLY_TYPE_CHOICES = [(code.value, f"第三十六条第（{_NUMERALS[int(code.value.split('.')[1]) - 1]}）项")
                      for code in REPLY_TYPE_LABELS]
FEE_METHOD_CHOICES = _choices(FEE_METHOD_LABELS)
APPEAL_KIND_CHOICES = _choices(APPEAL_KIND_LABELS)
APPEAL_OUTCOME_CHOICES = _choices(APPEAL_OUTCOME_LABELS)
DELIVERY_METHOD_CHOICES = _choices(DELIVERY_METHOD_LABELS)
POSTAL_SERVICE_CHOICES = [(code, _(label)) for code, label in POSTAL_SERVICE_LABELS.items()]
CONSULTATION_KIND_CHOICES = [(k.value, _(PAUSE_LABELS[k])) for k in (PauseKind.THIRD_PARTY, PauseKind.OTHER_ORGAN)]

ID_TYPE_CHOICES = [
    ("resident_id", _("居民身份证")),
    ("passport", _("护照")),
    ("hk_macao_permit", _("港澳居民来往内地通行证")),
    ("taiwan_permit", _("台湾居民来往大陆通行证")),
    ("foreign_permanent", _("外国人永久居留身份证")),
    ("uscc", _("统一社会信用代码")),
    ("other", _("其他有效证件")),
]

PROVISION_FORM_CHOICES = [
    ("paper", _("纸质文本")),
    ("electronic", _("电子文本")),
    ("inspect", _("当场查阅、抄录")),
]

DELIVERY_CHOICES = [
    ("post", _("邮寄")),
    ("email", _("电子邮件")),
    ("pickup", _("当面领取")),
    ("online", _("网上获取")),
    ("fax", _("传真")),
]

LETTER_KIND_CHOICES = [
    ("receipt", _("申请登记回执")),
    ("acceptance", _("受理通知书")),
    ("correction", _("补正申请告知书")),
    ("extension", _("延期答复告知书")),
    ("consultation", _("征求意见函")),
    ("delay", _("延迟答复告知书")),
    ("fee", _("收费通知书")),
    ("decision", _("政府信息公开申请答复书")),
    ("withdrawal", _("撤回申请确认书")),
    ("abandonment", _("终止处理告知书")),
    ("transfer", _("转办告知书")),
]
