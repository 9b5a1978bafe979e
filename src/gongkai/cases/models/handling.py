"""What happens to an application on the way to a decision: 补正, consultations, extension, fee, decision."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.cases.models.applications import Application
from gongkai.cases.models.choices import (
    CONSULTATION_KIND_CHOICES,
    FEE_METHOD_CHOICES,
    REPLY_TYPE_CHOICES,
    RESULT_CHOICES,
)
from gongkai.core.models import TimeStampedModel


class Correction(TimeStampedModel):
    """条例 art. 30: one notice per application (一次性告知), hence one-to-one."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="correction")
    requested_on = models.DateField(_("补正告知日期"))
    period_days = models.PositiveIntegerField(_("补正期限（工作日）"))
    items = models.TextField(_("需要补正的事项"))
    received_on = models.DateField(_("收到补正后申请的日期"), null=True, blank=True)
    corrected_description = models.TextField(_("补正后的内容描述"), blank=True)

    class Meta:
        verbose_name = _("补正")
        verbose_name_plural = _("补正")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_days__gte=1), name="correction_period_positive"),
            models.CheckConstraint(condition=models.Q(received_on__isnull=True)
                                   | models.Q(received_on__gte=models.F("requested_on")),
                                   name="correction_received_after_request"),
        ]

    def __str__(self) -> str:
        return f"{self.application} 补正"


class Consultation(TimeStampedModel):
    """Arts. 32 and 34: the consulted party's time is excluded from the reply period."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("征求对象类型"), max_length=20, choices=CONSULTATION_KIND_CHOICES)
    party = models.CharField(_("征求对象"), max_length=200)
    sent_on = models.DateField(_("发函日期"))
    reply_due_on = models.DateField(_("答复期限"))
    replied_on = models.DateField(_("收到意见日期或期满日"), null=True, blank=True)
    opinion = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(replied_on__isnull=True)
                                   | models.Q(replied_on__gte=models.F("sent_on")),
                                   name="consultation_reply_after_sending"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()}"


class Extension(TimeStampedModel):
    """Art. 33 ¶2: one extension, approved by the head of the disclosure office, notified to the applicant."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="extension")
    days = models.PositiveIntegerField(_("延长工作日数"))
    # Empty when an integration recorded the approval given elsewhere (its event names the token).
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批准人"), on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    approved_on = models.DateField(_("批准日期"))
    notice_on = models.DateField(_("告知申请人日期"))
    reason = models.TextField(_("延期理由"))

    class Meta:
        verbose_name = _("延期答复")
        verbose_name_plural = _("延期答复")
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gte=1, days__lte=20), name="extension_at_most_20_days"),
        ]

    def __str__(self) -> str:
        return f"{self.application} 延期{self.days}个工作日"


class Fee(TimeStampedModel):
    """国办函〔2020〕109号 art. 3: exactly one method per application, hence one-to-one."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="fee")
    method = models.CharField(_("计收方式"), max_length=20, choices=FEE_METHOD_CHOICES)
    first_piece = models.PositiveIntegerField(_("本月第几件起"), null=True, blank=True)
    pieces = models.PositiveIntegerField(_("件数"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    quote_lines = models.JSONField(_("计费明细"), default=list)
    amount = models.DecimalField(_("应收金额（元）"), max_digits=10, decimal_places=2)
    notice_on = models.DateField(_("收费通知日期"))
    payment_due_on = models.DateField(_("缴费期限"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    paid_amount = models.DecimalField(_("实收金额（元）"), max_digits=10, decimal_places=2, default=Decimal("0"))
    receipt_number = models.CharField(_("财政票据号码"), max_length=60, blank=True)
    lapsed_on = models.DateField(_("逾期未缴日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息处理费")
        verbose_name_plural = _("信息处理费")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(method="per_piece", pieces__isnull=False, first_piece__isnull=False,
                                    pages__isnull=True)
                           | models.Q(method="per_volume", pages__isnull=False, pieces__isnull=True,
                                      first_piece__isnull=True)),
                name="fee_exactly_one_method",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0) & models.Q(paid_amount__gte=0),
                                   name="fee_amounts_not_negative"),
            models.CheckConstraint(condition=models.Q(paid_on__isnull=True) | ~models.Q(receipt_number=""),
                                   name="fee_payment_has_receipt"),
            models.CheckConstraint(condition=models.Q(paid_on__isnull=True) | models.Q(lapsed_on__isnull=True),
                                   name="fee_paid_or_lapsed"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_method_display()} {self.amount}"


class Decision(TimeStampedModel):
    """The one result of an application: a row of table 三 (one-to-one), with basis, reply type and reasons."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="decision")
    result = models.CharField(_("办理结果"), max_length=40, choices=RESULT_CHOICES)
    reply_type = models.CharField(_("答复类型"), max_length=8, choices=REPLY_TYPE_CHOICES, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    # Art. 37: what was withheld from a partial disclosure and why.
    withheld_what = models.TextField(_("不予公开的部分"), blank=True)
    withheld_why = models.TextField(_("不予公开的理由"), blank=True)
    # Art. 36(1): where the already-disclosed information is: the catalog items, and their 索引号 as written
    # into the letter (kept as text so the letter stays right if an item is later withdrawn).
    catalog_items = models.ManyToManyField("catalog.Item", verbose_name=_("已主动公开的信息"), blank=True,
                                           related_name="case_decisions")
    catalog_index_numbers = models.TextField(_("已主动公开信息的索引号"), blank=True)
    # Art. 36(5): the organ responsible, when it can be determined.
    responsible_organ = models.CharField(_("负责公开的机关及联系方式"), max_length=300, blank=True)
    decided_on = models.DateField(_("答复日期"), db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("决定人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("答复决定")
        verbose_name_plural = _("答复决定")
        constraints = [
            models.CheckConstraint(condition=~models.Q(result="partial")
                                   | (~models.Q(withheld_what="") & ~models.Q(withheld_why="")),
                                   name="decision_partial_says_what_and_why"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.result}"
