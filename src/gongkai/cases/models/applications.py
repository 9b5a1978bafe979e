"""The application (政府信息公开申请) and its attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.states import State
from gongkai.cases.models.choices import (
    APPLICANT_TYPE_CHOICES,
    CHANNEL_CHOICES,
    DELIVERY_CHOICES,
    ID_TYPE_CHOICES,
    PROVISION_FORM_CHOICES,
    STATE_CHOICES,
)
from gongkai.cases.personal_data import EncryptedTextField
from gongkai.core.domain.file_names import stored_file_name
from gongkai.core.file_storage import attachments_storage
from gongkai.core.models import TimeStampedModel


class Application(TimeStampedModel):
    agency = models.ForeignKey(Agency, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="applications")
    # The applicant's key to the public status page: random, carries no personal data.
    tracking_code = models.CharField(_("查询码"), max_length=16, unique=True, editable=False)
    state = models.CharField(_("状态"), max_length=24, choices=STATE_CHOICES, default=State.REGISTERED)
    channel = models.CharField(_("申请方式"), max_length=20, choices=CHANNEL_CHOICES)

    # Applicant (条例 art. 29(1)). Personal data: shown only to the handling agency's case roles.
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=24, choices=ID_TYPE_CHOICES)
    # Encrypted at rest (cases.personal_data); never filtered on: ``applicant_key`` is the blind index.
    id_number = EncryptedTextField(_("证件号码"))
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    # A one-way digest of the identifier: counts an applicant's pieces per month and finds earlier cases
    # without comparing identifiers in clear.
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False)

    # The information sought (art. 29(2)) and the form wanted (art. 29(3)).
    description = models.TextField(_("所需信息的内容描述"))
    document_ref = models.CharField(_("文号或索引号"), max_length=200, blank=True)
    purpose = models.CharField(_("用途（选填）"), max_length=300, blank=True)
    provision_form = models.CharField(_("信息提供形式"), max_length=20, choices=PROVISION_FORM_CHOICES)
    delivery = models.CharField(_("获取方式"), max_length=20, choices=DELIVERY_CHOICES)
    pieces = models.PositiveIntegerField(_("件数（一事一申请拆分后）"), default=1)

    # Receipt (art. 31): when it arrived, who registered it, and the legal receipt date once known.
    arrived_on = models.DateField(_("到达日期"))
    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)
    receipt_confirmed_at = models.DateTimeField(_("确认收到时间"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    oral_record = models.TextField(_("口头申请记录"), blank=True)

    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="handled_applications")
    section = models.CharField(_("承办科室"), max_length=100, blank=True)

    # Art. 35 reasonable delay, fixed by the organ and notified to the applicant.
    delay_until = models.DateField(_("合理延迟答复期限"), null=True, blank=True)
    delay_notice_on = models.DateField(_("延迟告知日期"), null=True, blank=True)
    delay_reason = models.TextField(_("延迟理由"), blank=True)

    # Stored copy of the clock (cases.domain.clock), rewritten by services and by the calendar recomputer.
    reply_due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("期限暂定"), default=False)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    payment_due_on = models.DateField(_("缴费期限"), null=True, blank=True)

    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_method = models.CharField(_("送达方式"), max_length=100, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "state"], name="application_agency_state"),
            models.Index(fields=["applicant_key", "agency", "received_on"], name="application_applicant_month"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(pieces__gte=1), name="application_pieces_positive"),
            models.CheckConstraint(
                condition=~models.Q(state__in=["accepted", "in_progress", "consultation", "fee_pending", "decided",
                                               "delivered", "closed", "correction_pending"])
                | models.Q(received_on__isnull=False),
                name="application_received_before_handling",
            ),
            models.CheckConstraint(
                condition=models.Q(applicant_type=ApplicantType.NATURAL_PERSON) | ~models.Q(id_type="resident_id"),
                name="application_org_has_no_resident_id",
            ),
        ]

    def __str__(self) -> str:
        # Events and logs show this: never the applicant's name or identifiers.
        return self.tracking_code

    @property
    def is_natural_person(self) -> bool:
        return self.applicant_type == ApplicantType.NATURAL_PERSON


def attachment_path(instance, filename: str) -> str:
    return f"cases/{instance.application.tracking_code}/{stored_file_name(filename)}"


class Attachment(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300,
                            storage=attachments_storage)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
