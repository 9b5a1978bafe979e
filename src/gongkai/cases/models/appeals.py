"""Reconsideration and litigation arising from disclosure work: the records table 四 counts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.domain.appeals import AppealOutcome
from gongkai.cases.models.applications import Application
from gongkai.cases.models.choices import APPEAL_KIND_CHOICES, APPEAL_OUTCOME_CHOICES
from gongkai.core.models import TimeStampedModel


class Appeal(TimeStampedModel):
    agency = models.ForeignKey(Agency, verbose_name=_("被申请人/被告机关"), on_delete=models.PROTECT,
                               related_name="appeals")
    application = models.ForeignKey(Application, verbose_name=_("关联申请"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=32, choices=APPEAL_KIND_CHOICES)
    body = models.CharField(_("复议机关或受理法院"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("申请或起诉日期"), db_index=True)
    decided_on = models.DateField(_("决定或裁判日期"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=APPEAL_OUTCOME_CHOICES, default=AppealOutcome.PENDING)
    summary = models.TextField(_("摘要"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(outcome="pending", decided_on__isnull=True)
                           | (~models.Q(outcome="pending") & models.Q(decided_on__isnull=False))),
                name="appeal_decided_has_date_and_outcome",
            ),
            models.CheckConstraint(condition=models.Q(decided_on__isnull=True)
                                   | models.Q(decided_on__gte=models.F("filed_on")),
                                   name="appeal_decided_after_filing"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"
