from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.index_numbers import PERIOD_LABELS, PREFIX_SOURCE_LABELS, Period, PrefixSource


class ImportWithFindings(models.TextChoices):
    REVIEW = "review", _("进入审核，处理后发布")
    REFUSE = "refuse", _("整个文件不予导入")


class CatalogSettings(models.Model):
    """An agency's catalog rules. Agencies without a row use the defaults (national guide format)."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="catalog_settings")
    index_prefix_source = models.CharField(
        _("索引号前段码"), max_length=20, default=PrefixSource.ORG_CODE,
        choices=[(s.value, PREFIX_SOURCE_LABELS[s]) for s in PrefixSource],
    )
    index_period = models.CharField(
        _("索引号期间"), max_length=10, default=Period.YEAR, choices=[(p.value, PERIOD_LABELS[p]) for p in Period]
    )
    index_serial_width = models.PositiveSmallIntegerField(_("流水号位数"), default=5)
    # 三同步 (spec §6.2): a policy's interpretation is published with it, or marked not required.
    interpretation_required = models.BooleanField(_("政策文件须同步发布解读"), default=True)
    # The local "within N working days after the policy" rule (e.g. 郑州: 3); 0 = at the same time.
    interpretation_grace_days = models.PositiveSmallIntegerField(_("解读最迟发布（工作日）"), default=0)
    # Bulk import (条例 art. 17 review also for imported rows): rows with screening findings are never published
    # by the import; by default they wait in the review queue, where each finding is fixed or overridden with a
    # reason. Clean rows are published at once only when the office switches that on.
    import_with_findings = models.CharField(_("导入时有审查发现的行"), max_length=10,
                                            choices=ImportWithFindings.choices, default=ImportWithFindings.REVIEW)
    import_publishes_clean_rows = models.BooleanField(_("导入时无审查发现的行直接发布"), default=False)

    class Meta:
        verbose_name = _("目录设置")
        verbose_name_plural = _("目录设置")
        constraints = [
            models.CheckConstraint(condition=models.Q(index_serial_width__gte=3, index_serial_width__lte=8),
                                   name="catalog_settings_serial_width"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · 目录设置"
