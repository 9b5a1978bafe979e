from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.matters import PERIODICITY_LABELS, Periodicity
from gongkai.core.models import TimeStampedModel


class DisclosureMatter(TimeStampedModel):
    """公开清单: a matter the agency must disclose, on what basis, by whom, within what time."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("机构"), on_delete=models.PROTECT,
                               related_name="disclosure_matters")
    title = models.CharField(_("公开事项"), max_length=200)
    content = models.TextField(_("公开内容"), blank=True)
    basis = models.CharField(_("公开依据"), max_length=300)
    responsible_unit = models.CharField(_("责任单位（科室）"), max_length=100)
    periodicity = models.CharField(_("公开时限类型"), max_length=20,
                                   choices=[(p.value, PERIODICITY_LABELS[p]) for p in Periodicity])
    limit_days = models.PositiveSmallIntegerField(_("时限（天）"), default=20)
    limit_in_working_days = models.BooleanField(_("按工作日计算"), default=True)
    statutory_item = models.ForeignKey("catalog.Term", verbose_name=_("法定主动公开内容"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("公开清单事项")
        verbose_name_plural = _("公开清单事项")
        ordering = ["agency", "id"]

    def __str__(self) -> str:
        return self.title


class MatterObligation(models.Model):
    """One occurrence of a matter that must be disclosed by ``due_on`` (a period's release, or an event such as
    a budget's approval), and the item that fulfilled it."""

    matter = models.ForeignKey(DisclosureMatter, on_delete=models.CASCADE, related_name="obligations")
    label = models.CharField(_("期次/事由"), max_length=100)
    triggered_on = models.DateField(_("起算日期"))
    due_on = models.DateField(_("公开期限"), db_index=True)
    item = models.ForeignKey("catalog.Item", verbose_name=_("履行的信息"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="obligations")
    fulfilled_on = models.DateField(_("公开日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("公开义务")
        verbose_name_plural = _("公开义务")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["matter", "label"], name="obligation_matter_label_unique")]

    def __str__(self) -> str:
        return f"{self.matter} · {self.label}"
