"""Annual reports: a frozen snapshot per version, declared table-二 figures, imported past reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.models import TimeStampedModel
from gongkai.reports.domain.forms import FORM_LABELS, ReportForm


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class AnnualReport(TimeStampedModel):
    """One version of an agency's report for a year. Generating freezes the data into ``snapshot``; a
    published version is never changed — a correction is a new version with a note."""

    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveIntegerField(_("报告年度"))
    form = models.CharField(_("格式"), max_length=10, choices=[(f.value, FORM_LABELS[f]) for f in ReportForm])
    version = models.PositiveIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    scope = models.ManyToManyField(Agency, verbose_name=_("汇总的机构"), related_name="+", blank=True)
    snapshot = models.JSONField(_("冻结数据"))
    narrative = models.JSONField(_("正文"), default=dict)
    generated_at = models.DateTimeField(_("生成时间"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    # The date printed under the report: the day the office signs and publishes it (2008 条例 art. 31: by
    # 31 March; 2019 条例 art. 49: by 31 January), not the day the platform recorded the publication.
    signed_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self", verbose_name=_("更正的版本"), null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    correction_note = models.TextField(_("更正说明"), blank=True)

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "agency__path", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="report_version_unique"),
            models.UniqueConstraint(
                fields=["agency", "year"], condition=Q(status="draft"), name="report_one_draft_per_year"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="report_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(version=1, corrects__isnull=True) | Q(version__gt=1, corrects__isnull=False),
                name="report_correction_has_origin",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(correction_note=""), name="report_correction_has_note"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_on__isnull=False), name="report_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year}年度政府信息公开工作年度报告（第{self.version}版）"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class DeclaredFigure(TimeStampedModel):
    """A table-二 cell with no record in the platform (许可/处罚/强制 decisions, 行政事业性收费 income),
    entered by staff with its source; every change is an event."""

    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    cell = models.CharField(_("单元格"), max_length=200)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=4)
    source = models.CharField(_("数据来源"), max_length=300)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("填报数字")
        verbose_name_plural = _("填报数字")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "cell"], name="declared_figure_unique"),
            models.CheckConstraint(condition=~Q(source=""), name="declared_figure_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.cell} = {self.value}"


class PastReport(TimeStampedModel):
    """A report published outside the platform, imported (JSON or XLSX) as history for cross-year checks."""

    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    form = models.CharField(_("格式"), max_length=10)
    tables = models.JSONField(_("表格数据"))
    source_name = models.CharField(_("来源文件"), max_length=300)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("往年报告")
        verbose_name_plural = _("往年报告")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="past_report_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}（导入）"


class ReportParticular(TimeStampedModel):
    """A fact of an agency's year that the report states in words and no other record holds — who leads the
    disclosure work, the name the public knows the portal by — entered by the office; every change is an
    event. Keys: ``reports.domain.legacy_records.PARTICULARS``."""

    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    key = models.CharField(_("事项"), max_length=40)
    text = models.CharField(_("内容"), max_length=300)

    class Meta:
        verbose_name = _("年度报告事项")
        verbose_name_plural = _("年度报告事项")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "key"], name="report_particular_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="report_particular_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.key}：{self.text}"
