"""Engagement and work records: schema and constraints only. Services in ``services`` write them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.models import TimeStampedModel
from gongkai.engagement.domain.mailbox import Status
from gongkai.engagement.domain.records import ArchiveKind
from gongkai.engagement.labels import (  # noqa: F401 (the choices are read from here too)
    ARCHIVE_CHOICES,
    CATEGORY_CHOICES,
    CHANNEL_CHOICES,
    OUTREACH_CHOICES,
    RATING_CHOICES,
    RATING_FORM_CHOICES,
    STATUS_CHOICES,
)


class Message(TimeStampedModel):
    """One item of the mailbox or hotline (信箱 / 公开电话), or a letter."""

    agency = models.ForeignKey(Agency, verbose_name=_("受理机关"), on_delete=models.PROTECT,
                               related_name="messages")
    department = models.ForeignKey(Agency, verbose_name=_("承办单位"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="assigned_messages")
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    # Only a hash of the writer's private link is kept: whoever reads the database cannot rate for them.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(_("渠道"), max_length=10, choices=CHANNEL_CHOICES)
    category = models.CharField(_("类别"), max_length=12, choices=CATEGORY_CHOICES)
    status = models.CharField(_("状态"), max_length=10, choices=STATUS_CHOICES, default=Status.RECEIVED.value)
    writer_name = models.CharField(_("姓名"), max_length=60, blank=True)
    writer_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    writer_email = models.EmailField(_("电子邮箱"), blank=True)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    consent_to_publish = models.BooleanField(_("同意公开（隐去个人信息）"), default=False)
    received_at = models.DateTimeField(_("收到时间"))
    received_on = models.DateField(_("收到日期"), db_index=True)
    reply_due_on = models.DateField(_("答复期限"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    # The day the message left the open states (答复, 不予受理 or 转为申请): what "办结" counts.
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    decline_reason = models.CharField(_("不予受理理由"), max_length=300, blank=True)
    overdue_flagged_on = models.DateField(_("标记超期日期"), null=True, blank=True)
    public_question = models.TextField(_("公开的问题（已隐去个人信息）"), blank=True)
    public_answer = models.TextField(_("公开的答复"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    rating = models.CharField(_("满意度评价"), max_length=12, choices=RATING_CHOICES, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    # Conversions between a message and an application keep both records; the link is by reference because
    # cases and engagement are independent apps (the conversion itself lives in backoffice.conversions).
    linked_application_code = models.CharField(_("关联的政府信息公开申请"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("来信来电")
        verbose_name_plural = _("来信来电")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["agency", "received_on"], name="message_agency_received")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.REPLIED.value) | (Q(replied_on__isnull=False) & ~Q(reply="")),
                name="message_replied_has_reply"),
            models.CheckConstraint(condition=Q(rating="") | Q(status=Status.REPLIED.value),
                                   name="message_rating_only_after_reply"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | (Q(consent_to_publish=True) & Q(status=Status.REPLIED.value)
                                                          & ~Q(public_question="") & ~Q(public_answer="")),
                name="message_published_with_consent"),
            models.CheckConstraint(condition=~Q(status=Status.CONVERTED.value) | ~Q(linked_application_code=""),
                                   name="message_converted_has_application"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.subject}"


class OutreachRecord(TimeStampedModel):
    """A response to public concern, a press conference, an online interview or a policy interpretation."""

    agency = models.ForeignKey(Agency, verbose_name=_("机关"), on_delete=models.PROTECT,
                               related_name="outreach_records")
    kind = models.CharField(_("类型"), max_length=30, choices=OUTREACH_CHOICES)
    held_on = models.DateField(_("日期"), db_index=True)
    topic = models.CharField(_("主题"), max_length=300)
    form = models.CharField(_("形式"), max_length=60, blank=True, help_text=_("如：文字、图解、视频、新闻稿"))
    url = models.URLField(_("链接"), blank=True)
    notes = models.TextField(_("说明"), blank=True)
    # The published items a response or interpretation is about (the policy document it interprets, …).
    items = models.ManyToManyField("catalog.Item", verbose_name=_("关联的主动公开信息"), blank=True,
                                   related_name="outreach_records")
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("回应与解读")
        verbose_name_plural = _("回应与解读")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["agency", "kind", "held_on"], name="outreach_agency_kind_on")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()} {self.topic}"


class ArchiveRecord(TimeStampedModel):
    """Reading-room and archive work for a day or a stretch of days (件, 卷, 人次, 页)."""

    agency = models.ForeignKey(Agency, verbose_name=_("机关"), on_delete=models.PROTECT,
                               related_name="archive_records")
    kind = models.CharField(_("类型"), max_length=12, choices=ARCHIVE_CHOICES)
    recorded_on = models.DateField(_("日期"), db_index=True)
    items = models.PositiveIntegerField(_("件"), default=0)
    volumes = models.PositiveIntegerField(_("卷"), default=0)
    visitors = models.PositiveIntegerField(_("人次"), default=0)
    pages = models.PositiveIntegerField(_("页"), default=0)
    recipient = models.CharField(_("接收单位"), max_length=200, blank=True)
    notes = models.CharField(_("说明"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("档案与查阅记录")
        verbose_name_plural = _("档案与查阅记录")
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=ArchiveKind.APPRAISAL.value, visitors=0, pages=0)
                           & (Q(items__gt=0) | Q(volumes__gt=0)))
                | Q(kind=ArchiveKind.READING.value, items=0, volumes=0, pages=0, visitors__gt=0)
                | Q(kind=ArchiveKind.COPYING.value, items=0, volumes=0, visitors=0, pages__gt=0)
                | (Q(kind=ArchiveKind.DELIVERY.value, volumes=0, visitors=0, pages=0, items__gt=0)
                   & ~Q(recipient="")),
                name="archive_record_quantities_match_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.recorded_on} {self.get_kind_display()}"


class Training(TimeStampedModel):
    agency = models.ForeignKey(Agency, verbose_name=_("组织单位"), on_delete=models.PROTECT,
                               related_name="trainings")
    held_on = models.DateField(_("日期"), db_index=True)
    topic = models.CharField(_("主题"), max_length=300)
    participants = models.PositiveIntegerField(_("参训人数"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("说明"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("业务培训")
        verbose_name_plural = _("业务培训")
        ordering = ["-held_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(participants__gt=0), name="training_has_participants")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class StaffingReport(TimeStampedModel):
    """How many people an agency has engaged in disclosure work, as of a date."""

    agency = models.ForeignKey(Agency, verbose_name=_("机关"), on_delete=models.PROTECT,
                               related_name="staffing_reports")
    as_of = models.DateField(_("统计日期"))
    people = models.PositiveIntegerField(_("从事信息公开工作人数"))
    full_time = models.PositiveIntegerField(_("其中专职人数"), default=0)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("工作人员情况")
        verbose_name_plural = _("工作人员情况")
        ordering = ["-as_of", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "as_of"], name="staffing_one_per_agency_date"),
            models.CheckConstraint(condition=Q(full_time__lte=models.F("people")),
                                   name="staffing_full_time_within_people"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.as_of} {self.people}"


class Periodical(TimeStampedModel):
    """A periodical such as 《今日万盛》."""

    agency = models.ForeignKey(Agency, verbose_name=_("主办机关"), on_delete=models.PROTECT,
                               related_name="periodicals")
    title = models.CharField(_("刊名"), max_length=100)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("刊物")
        verbose_name_plural = _("刊物")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["agency", "title"], name="periodical_title_per_agency")]

    def __str__(self) -> str:
        return f"《{self.title}》"


class PeriodicalIssue(TimeStampedModel):
    periodical = models.ForeignKey(Periodical, verbose_name=_("刊物"), on_delete=models.PROTECT,
                                   related_name="issues")
    number = models.CharField(_("期号"), max_length=40)
    published_on = models.DateField(_("出版日期"), db_index=True)
    copies = models.PositiveIntegerField(_("印数"))
    distributed_to = models.CharField(_("发放范围"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("刊物期次")
        verbose_name_plural = _("刊物期次")
        ordering = ["-published_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["periodical", "number"], name="issue_number_unique")]

    def __str__(self) -> str:
        return f"{self.periodical} {self.number}"

    @property
    def agency(self):
        return self.periodical.agency
