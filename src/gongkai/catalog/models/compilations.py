from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.file_storage import attachments_storage
from gongkai.core.models import TimeStampedModel


class Compilation(TimeStampedModel):
    """An edition of 政务文件汇编: chosen published items with cover and table of contents."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("编印机构"), on_delete=models.PROTECT,
                               related_name="compilations")
    title = models.CharField(_("汇编名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    edition = models.PositiveSmallIntegerField(_("期数"))
    issued_on = models.DateField(_("印发日期"))
    copies = models.PositiveIntegerField(_("印数（份）"), default=0)
    copies_distributed = models.PositiveIntegerField(_("赠阅发放（份）"), default=0)
    distributed_to = models.CharField(_("发放范围"), max_length=300, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="catalog/compilations/", blank=True, storage=attachments_storage)
    docx = models.FileField(_("DOCX"), upload_to="catalog/compilations/", blank=True, storage=attachments_storage)

    class Meta:
        verbose_name = _("政务文件汇编")
        verbose_name_plural = _("政务文件汇编")
        ordering = ["-year", "-edition"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "edition"], name="compilation_edition_unique")]

    def __str__(self) -> str:
        return f"{self.title}（{self.year}年第{self.edition}期）"


class CompilationEntry(models.Model):
    compilation = models.ForeignKey(Compilation, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT, related_name="compilation_entries")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["compilation", "position"]
        constraints = [models.UniqueConstraint(fields=["compilation", "item"], name="compilation_entry_unique")]

    def __str__(self) -> str:
        return f"{self.compilation_id}#{self.position}"
