"""The portal's own records: editable text around generated column pages. (Page views are counted in
gongkai.search, below the reports that read them.)"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.model_bases import TimeStampedModel


class ColumnText(TimeStampedModel):
    """Staff-written text shown before or after a generated column page (指南, 制度)."""

    class Column(models.TextChoices):
        GUIDE_INTRO = "guide_intro", _("政府信息公开指南：正文前")
        GUIDE_OUTRO = "guide_outro", _("政府信息公开指南：正文后")
        RULES = "rules", _("政府信息公开制度")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    column = models.CharField(_("栏目"), max_length=20, choices=Column.choices)
    body = models.TextField(_("内容"), blank=True)

    class Meta:
        verbose_name = _("栏目文字")
        verbose_name_plural = _("栏目文字")
        constraints = [models.UniqueConstraint(fields=["agency", "column"], name="column_text_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.column}"
