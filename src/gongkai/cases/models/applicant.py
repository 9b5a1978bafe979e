"""The applicant's side: one-time codes for the applicant's page, the 补正 answered online, the files released
to the applicant, the notices' wording per agency, and each agency's way of paying a fee notice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.domain.notices import NOTICE_CHANNEL_LABELS, NOTICE_EVENT_LABELS
from gongkai.cases.models.applications import Application
from gongkai.cases.models.handling import Correction
from gongkai.core.domain.file_names import stored_file_name
from gongkai.core.file_storage import attachments_storage
from gongkai.core.models import TimeStampedModel


class AccessCode(models.Model):
    """A one-time code sent to the phone or e-mail the applicant gave; kept only as a keyed hash."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="access_codes")
    channel = models.CharField(_("发送渠道"), max_length=8, choices=[("mail", _("邮件")), ("sms", _("短信"))])
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("发送时间"), db_index=True)
    expires_at = models.DateTimeField(_("失效时间"))
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申请人验证码")
        verbose_name_plural = _("申请人验证码")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application} {self.created_at:%Y-%m-%d %H:%M}"


class CorrectionReply(TimeStampedModel):
    """The applicant's answer to the 补正告知书 given on the applicant's page; the officer accepts it with the
    ``receive_correction`` step (条例 art. 30), which restarts the clock."""

    correction = models.OneToOneField(Correction, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField(_("补正内容"))
    submitted_at = models.DateTimeField(_("提交时间"))
    submitted_on = models.DateField(_("提交日期"))
    accepted_at = models.DateTimeField(_("受理补正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网上补正")
        verbose_name_plural = _("网上补正")

    def __str__(self) -> str:
        return f"{self.correction.application} 网上补正"


def reply_file_path(instance, filename: str) -> str:
    return f"cases/{instance.reply.correction.application.tracking_code}/correction/{stored_file_name(filename)}"


class CorrectionReplyFile(models.Model):
    reply = models.ForeignKey(CorrectionReply, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("文件"), upload_to=reply_file_path, max_length=300,
                            storage=attachments_storage)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("补正附件")
        verbose_name_plural = _("补正附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


def released_file_path(instance, filename: str) -> str:
    return f"cases/{instance.application.tracking_code}/released/{stored_file_name(filename)}"


class ReleasedFile(TimeStampedModel):
    """A file given to the applicant (the disclosed information); the applicant downloads it from their page."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="released_files")
    file = models.FileField(_("文件"), upload_to=released_file_path, max_length=300,
                            storage=attachments_storage)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    released_on = models.DateField(_("提供日期"))
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("提供的政府信息文件")
        verbose_name_plural = _("提供的政府信息文件")
        ordering = ["released_on", "id"]

    def __str__(self) -> str:
        return self.name


class NoticeTemplate(TimeStampedModel):
    """An agency's wording of a notice to applicants (mail or SMS) for one event; the nearest agency up the tree
    wins, then the built-in default of ``cases.domain.notices``. Each save is an event (the versions)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="notice_templates")
    event = models.CharField(_("事项"), max_length=24, choices=[(k.value, v) for k, v in NOTICE_EVENT_LABELS.items()])
    channel = models.CharField(_("渠道"), max_length=8, choices=list(NOTICE_CHANNEL_LABELS.items()))
    subject = models.CharField(_("邮件主题"), max_length=200, blank=True)
    body = models.TextField(_("正文"))

    class Meta:
        verbose_name = _("通知模板")
        verbose_name_plural = _("通知模板")
        constraints = [models.UniqueConstraint(fields=["agency", "event", "channel"], name="notice_template_unique")]

    def __str__(self) -> str:
        return f"{self.get_event_display()}（{self.get_channel_display()}）"


class FeePaymentDetails(TimeStampedModel):
    """How an agency's fee notices are paid (国办函〔2020〕109号: through the 非税收入 system into the treasury of
    the same level); printed in the 收费通知书 and on the applicant's page. The nearest agency up the tree wins."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="fee_payment_details")
    collecting_unit = models.CharField(_("执收单位"), max_length=200)
    method = models.TextField(_("缴费方式"), help_text=_("如：通过某某省非税收入统一缴款平台或指定代理银行缴纳"))
    payment_code = models.CharField(_("非税缴款码或执收单位编码"), max_length=100, blank=True)
    payment_url = models.URLField(_("网上缴费地址"), blank=True)
    bank_account = models.TextField(_("收款账户（户名、开户银行、账号）"), blank=True)
    budget_subject = models.CharField(_("收入科目"), max_length=100, default="103049950 其他缴入国库的行政事业性收费")
    contact = models.CharField(_("咨询电话"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("缴费方式")
        verbose_name_plural = _("缴费方式")

    def __str__(self) -> str:
        return f"{self.agency} {self.collecting_unit}"
