"""告知书: templates the disclosure office edits, and each letter as issued (text frozen at issue)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.models.applications import Application
from gongkai.cases.models.choices import (
    DELIVERY_METHOD_CHOICES,
    LETTER_KIND_CHOICES,
    POSTAL_SERVICE_CHOICES,
    RESULT_CHOICES,
)
from gongkai.core.domain.file_names import stored_file_name
from gongkai.core.file_storage import letters_storage
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


def original_path(instance, filename: str) -> str:
    return f"cases/{instance.application.tracking_code}/letters/{stored_file_name(filename)}"


def evidence_path(instance, filename: str) -> str:
    return f"cases/{instance.letter.application.tracking_code}/delivery/{stored_file_name(filename)}"


class Letter(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LETTER_KIND_CHOICES)
    number = models.CharField(_("文书编号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    issued_on = models.DateField(_("出具日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # Stored copy of the delivery's legal time point and method label (the ``Delivery`` row is the record).
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_method = models.CharField(_("送达方式"), max_length=100, blank=True)
    # The PDF as it went out, frozen when its delivery is recorded: the bytes a court is given, and their hash.
    original_pdf = models.FileField(_("送达文书原件"), upload_to=original_path, max_length=300, blank=True,
                                    storage=letters_storage)
    original_sha256 = models.CharField(_("原件哈希（SHA-256）"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="letter_number_unique")]

    def __str__(self) -> str:
        return f"{self.application} {self.title}"


class Delivery(TimeStampedModel):
    """How a letter reached the applicant (国办公开办函〔2016〕235号) and the legal time point of its timeliness:
    签收之日 for 直接送达 and 委托送达, 交邮之日 for 邮寄 (only through a 邮政企业), 发送之日 for 电子送达."""

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="delivery")
    method = models.CharField(_("送达方式"), max_length=20, choices=DELIVERY_METHOD_CHOICES)
    time_point_on = models.DateField(_("期限计算时点"))
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    signed_by = models.CharField(_("签收人"), max_length=100, blank=True)
    entrusted_organ = models.CharField(_("受委托送达的机关"), max_length=200, blank=True)
    posted_on = models.DateField(_("交邮日期"), null=True, blank=True)
    postal_service = models.CharField(_("邮政企业"), max_length=20, choices=POSTAL_SERVICE_CHOICES, blank=True)
    waybill_number = models.CharField(_("邮件号码"), max_length=30, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    address = models.CharField(_("送达地址"), max_length=300, blank=True)
    content_sha256 = models.CharField(_("送达内容哈希（SHA-256）"), max_length=64, blank=True)
    evidence = models.FileField(_("送达凭证"), upload_to=evidence_path, max_length=300, blank=True,
                                storage=letters_storage)
    evidence_name = models.CharField(_("凭证文件名"), max_length=200, blank=True)
    evidence_sha256 = models.CharField(_("凭证哈希（SHA-256）"), max_length=64, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(method__in=["direct", "entrusted"], signed_on__isnull=False,
                                    time_point_on=models.F("signed_on"))
                           | models.Q(method="post", posted_on__isnull=False, time_point_on=models.F("posted_on"))
                           & ~models.Q(postal_service="") & ~models.Q(waybill_number="")
                           | models.Q(method="electronic", sent_at__isnull=False) & ~models.Q(content_sha256="")),
                name="delivery_has_its_time_point",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter.number} {self.get_method_display()}"
