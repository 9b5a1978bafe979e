from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.taxonomies import SCHEME_LABELS, Scheme


class Term(models.Model):
    """One entry of a taxonomy (主题分类, 体裁, 内容类别, 重点领域, 法定主动公开内容). Shipped defaults are
    loaded by a data migration; deployments may add their own."""

    scheme = models.CharField(_("分类体系"), max_length=20, choices=[(s.value, SCHEME_LABELS[s]) for s in Scheme])
    code = models.CharField(_("代码"), max_length=40)
    label = models.CharField(_("名称"), max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("分类")
        verbose_name_plural = _("分类")
        ordering = ["scheme", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="term_scheme_code_unique")]

    def __str__(self) -> str:
        return self.label
