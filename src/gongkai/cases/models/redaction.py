"""A redaction for 部分公开 (《条例》第三十七条) and its verification record: the source file, what was marked and
why, the verified output, the hashes of both, who did it and who released it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.cases.models.applications import Application
from gongkai.core.file_storage import redactions_storage
from gongkai.core.models import TimeStampedModel


class RedactionStatus(models.TextChoices):
    DRAFT = "draft", _("待遮盖")
    PASSED = "passed", _("核验通过")
    FAILED = "failed", _("核验未通过")
    NEEDS_CONFIRMATION = "needs_confirmation", _("待人工确认")


def redaction_path(instance, filename: str) -> str:
    return f"cases/{instance.application.tracking_code}/redactions/{filename}"


class RedactionRecord(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="redactions")
    original_name = models.CharField(_("原文件名"), max_length=200)
    # A DOCX/XLSX is converted to PDF first: the hash of what was uploaded, then of the PDF redacted.
    converted_from = models.CharField(_("转换自"), max_length=8, blank=True)
    original_sha256 = models.CharField(_("原文件 SHA-256"), max_length=64)
    source = models.FileField(_("待遮盖的 PDF"), upload_to=redaction_path, max_length=300,
                              storage=redactions_storage)
    source_sha256 = models.CharField(_("待遮盖 PDF 的 SHA-256"), max_length=64)
    page_count = models.PositiveIntegerField(_("页数"))
    status = models.CharField(_("状态"), max_length=20, choices=RedactionStatus.choices,
                              default=RedactionStatus.DRAFT)
    # What was withheld and why: each mark with its kind, page, box, ground and article (personal data masked).
    marks = models.JSONField(_("遮盖内容"), default=list, blank=True)
    verification = models.JSONField(_("核验记录"), default=dict, blank=True)
    output = models.FileField(_("遮盖后的 PDF"), upload_to=redaction_path, max_length=300, blank=True,
                              storage=redactions_storage)
    output_sha256 = models.CharField(_("遮盖后 PDF 的 SHA-256"), max_length=64, blank=True)
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("遮盖人"))
    redacted_at = models.DateTimeField(_("遮盖时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("人工确认人"))
    confirmed_at = models.DateTimeField(_("人工确认时间"), null=True, blank=True)
    confirmation_note = models.TextField(_("人工确认说明"), blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("提供人"))
    released_at = models.DateTimeField(_("提供时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("遮盖核验记录")
        verbose_name_plural = _("遮盖核验记录")
        ordering = ["id"]
        constraints = [
            # Only a verified output may be released, and a passed record has its output and hash.
            models.CheckConstraint(condition=models.Q(released_at__isnull=True) | models.Q(status="passed"),
                                   name="redaction_released_only_passed"),
            models.CheckConstraint(condition=~models.Q(status="passed") | ~models.Q(output_sha256=""),
                                   name="redaction_passed_has_output"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.original_name}"
