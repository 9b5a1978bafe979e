from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import labels
from gongkai.core.models import TimeStampedModel


class NegativeListEntry(TimeStampedModel):
    """负面清单: a matter the agency must not disclose; its wording in an item is a finding."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("机构"), on_delete=models.CASCADE,
                               related_name="negative_list")
    term = models.CharField(_("事项或关键词"), max_length=100)
    basis = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("负面清单")
        verbose_name_plural = _("负面清单")
        constraints = [models.UniqueConstraint(fields=["agency", "term"], name="negative_list_unique")]

    def __str__(self) -> str:
        return self.term


class SensitiveWord(TimeStampedModel):
    """错敏词 with a suggested replacement; agency-less rows apply everywhere."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("机构"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="sensitive_words")
    word = models.CharField(_("错敏词"), max_length=50)
    replacement = models.CharField(_("建议改为"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("错敏词")
        verbose_name_plural = _("错敏词")
        constraints = [
            models.UniqueConstraint(fields=["agency", "word"], name="sensitive_word_unique"),
            models.UniqueConstraint(fields=["word"], condition=models.Q(agency__isnull=True),
                                    name="sensitive_word_global_unique"),
        ]

    def __str__(self) -> str:
        return self.word


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    RESOLVED = "resolved", _("已修改")
    OVERRIDDEN = "overridden", _("审核人确认可发布")


class ScreeningFinding(models.Model):
    item = models.ForeignKey("catalog.Item", on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("类型"), max_length=20, choices=labels.choices(labels.FINDING))
    field = models.CharField(_("位置"), max_length=120)
    match = models.CharField(_("内容"), max_length=120)
    suggestion = models.CharField(_("建议"), max_length=100, blank=True)
    # Where the finding is in the original text of ``field`` (characters, from 0), for the highlight.
    start = models.PositiveIntegerField(_("起始位置"), null=True, blank=True)
    end = models.PositiveIntegerField(_("结束位置"), null=True, blank=True)
    status = models.CharField(_("处理状态"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    override_reason = models.TextField(_("确认理由"), blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("审查发现")
        verbose_name_plural = _("审查发现")
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "kind", "field", "match"], name="finding_unique"),
            models.CheckConstraint(condition=~models.Q(status="overridden") | ~models.Q(override_reason=""),
                                   name="finding_override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.match}"
