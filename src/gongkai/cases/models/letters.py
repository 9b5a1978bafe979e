"""告知书: templates the disclosure office edits, and each letter as issued (text frozen at issue)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.models.applications import Application
from gongkai.cases.models.choices import LETTER_KIND_CHOICES, RESULT_CHOICES
from gongkai.core.models import TimeStampedModel


class LetterTemplate(TimeStampedModel):
    """An agency's wording for a kind of letter (and, for decisions, a result); the nearest agency up the tree
    wins, then the built-in default of ``cases.domain.letters``."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LETTER_KIND_CHOICES)
    result = models.CharField(_("办理结果"), max_length=40, choices=RESULT_CHOICES, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "result"], name="letter_template_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Letter(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LETTER_KIND_CHOICES)
    number = models.CharField(_("文书编号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    issued_on = models.DateField(_("出具日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_method = models.CharField(_("送达方式"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="letter_number_unique")]

    def __str__(self) -> str:
        return f"{self.application} {self.title}"
