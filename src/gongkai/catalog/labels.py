"""Translatable labels of the catalog's domain codes (the domain keeps the Chinese labels as plain data; the
interfaces show these). Statutory labels (条例 art. 20 items, legal bases) stay exact Chinese everywhere."""

from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.disclosure import DisclosureMode, Scope, Validity
from gongkai.catalog.domain.facts import Channel
from gongkai.catalog.domain.screening import FindingKind
from gongkai.catalog.domain.states import Status

STATUS = {
    Status.DRAFT: _("草稿"), Status.SUBMITTED: _("待审核"), Status.REVIEWED: _("待保密审查"),
    Status.SECRECY_REVIEWED: _("待发布"), Status.SCHEDULED: _("定时发布"), Status.PUBLISHED: _("已发布"),
    Status.WITHDRAWN: _("已撤稿"),
}
CHANNEL = {
    Channel.PORTAL: _("门户网站"), Channel.WEIBO: _("政务微博"), Channel.WEIXIN: _("政务微信"),
    Channel.UPPER_PORTAL: _("报送上级门户"), Channel.COMPILATION: _("政务文件汇编"), Channel.BULLETIN: _("公开栏"),
}
FINDING = {
    FindingKind.NEGATIVE_LIST: _("负面清单事项"), FindingKind.SENSITIVE_WORD: _("错敏词"),
    FindingKind.ID_NUMBER: _("身份证号码"), FindingKind.MOBILE: _("手机号码"), FindingKind.BANK_CARD: _("银行卡号"),
}
DISCLOSURE_MODE = {
    DisclosureMode.PROACTIVE: _("主动公开"), DisclosureMode.ON_REQUEST: _("依申请公开"),
    DisclosureMode.WITHHELD: _("不予公开"),
}
SCOPE = {Scope.PUBLIC: _("面向全社会"), Scope.REGION: _("本行政区域"), Scope.PARTIES: _("特定对象")}
VALIDITY = {Validity.VALID: _("有效"), Validity.EXPIRED: _("失效"), Validity.ABOLISHED: _("废止")}


def choices(labels: dict) -> list[tuple[str, object]]:
    return [(code.value, label) for code, label in labels.items()]
