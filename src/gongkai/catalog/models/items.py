from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import labels
from gongkai.catalog.domain.disclosure import NON_DISCLOSURE_BASES, DisclosureMode, Scope, Validity
from gongkai.catalog.domain.facts import NORMATIVE_KIND_LABELS, NormativeKind
from gongkai.catalog.domain.public_paths import public_item_path
from gongkai.catalog.domain.states import Status
from gongkai.core.domain.file_names import stored_file_name
from gongkai.core.file_storage import attachments_storage
from gongkai.core.models import TimeStampedModel


class Item(TimeStampedModel):
    """One piece of government information in the agency's catalog (政府信息公开目录, 条例 art. 12)."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("发布机构"), on_delete=models.PROTECT,
                               related_name="catalog_items")
    co_issuers = models.ManyToManyField("agencies.Agency", verbose_name=_("联合发文机构"), blank=True,
                                        related_name="co_issued_items")
    title = models.CharField(_("名称"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True, help_text=_("保存时清理为安全的 HTML"))
    body_text = models.TextField(_("正文纯文本"), blank=True, editable=False)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    generated_on = models.DateField(_("生成日期"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    # 条例 art. 26: due 20 working days after 成文日期; stored, recomputed when the calendar changes.
    disclosure_due_on = models.DateField(_("应公开期限"), null=True, blank=True, db_index=True)

    index_number = models.CharField(_("索引号"), max_length=40, blank=True, editable=False)
    index_period = models.CharField(max_length=6, blank=True, editable=False)
    index_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)

    topic = models.ForeignKey("catalog.Term", verbose_name=_("主题分类"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+", limit_choices_to={"scheme": "topic"})
    genre = models.ForeignKey("catalog.Term", verbose_name=_("体裁"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+", limit_choices_to={"scheme": "genre"})
    category = models.ForeignKey("catalog.Term", verbose_name=_("内容类别"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", limit_choices_to={"scheme": "category"})
    focus = models.ForeignKey("catalog.Term", verbose_name=_("重点领域"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+", limit_choices_to={"scheme": "focus"})
    statutory_item = models.ForeignKey(
        "catalog.Term", verbose_name=_("法定主动公开内容"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"scheme": "statutory"},
    )
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)

    disclosure_mode = models.CharField(
        _("公开方式"), max_length=20, default=DisclosureMode.PROACTIVE,
        choices=labels.choices(labels.DISCLOSURE_MODE),
    )
    non_disclosure_basis = models.CharField(
        _("不公开依据"), max_length=30, blank=True, choices=list(NON_DISCLOSURE_BASES.items())
    )
    scope = models.CharField(_("公开范围"), max_length=20, default=Scope.PUBLIC,
                             choices=labels.choices(labels.SCOPE))
    validity = models.CharField(_("有效性"), max_length=20, default=Validity.VALID,
                                choices=labels.choices(labels.VALIDITY))
    validity_changed_on = models.DateField(_("失效/废止日期"), null=True, blank=True)

    # Normative documents (规章, 行政规范性文件).
    normative_kind = models.CharField(
        _("规范性文件类别"), max_length=20, blank=True,
        choices=[(k.value, NORMATIVE_KIND_LABELS[k]) for k in NormativeKind],
    )
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    # These three links are empty on almost every item: partial indexes (Meta) instead of full ones, whose
    # statistics would count the empty rows as one huge value and steer SQLite away from them.
    abolished_by = models.ForeignKey("self", verbose_name=_("废止文件"), null=True, blank=True, db_index=False,
                                     on_delete=models.PROTECT, related_name="abolishes")
    amends = models.ForeignKey("self", verbose_name=_("修订的文件"), null=True, blank=True, db_index=False,
                               on_delete=models.PROTECT, related_name="amendments")
    # 解读: this item interprets ``interprets``.
    interprets = models.ForeignKey("self", verbose_name=_("解读的政策文件"), null=True, blank=True, db_index=False,
                                   on_delete=models.PROTECT, related_name="interpretations")
    interpretation_not_required = models.BooleanField(_("无需解读"), default=False)
    matter = models.ForeignKey("catalog.DisclosureMatter", verbose_name=_("公开清单事项"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="items")

    status = models.CharField(_("状态"), max_length=20, default=Status.DRAFT, db_index=True,
                              choices=labels.choices(labels.STATUS))
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤稿时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤稿理由"), blank=True)
    rejection_reason = models.TextField(_("退回理由"), blank=True)
    revision = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "published_on"], name="item_agency_status_pub"),
            models.Index(fields=["index_number"], name="item_index_number"),
            # The portal's lists (a government's catalog over all its departments, the home page's latest
            # items) walk this newest first and stop after a page, instead of sorting every published item.
            models.Index(fields=["status", "published_on", "id"], name="item_status_pub_id"),
            *[models.Index(fields=[link], condition=models.Q(**{f"{link}__isnull": False}), name=f"item_{link}")
              for link in ("interprets", "abolished_by", "amends")],
            # Normative documents are a few dozen among a million items: the annual report's table 二 reads
            # them through this partial index instead of scanning an agency's items.
            models.Index(fields=["agency", "written_on"], condition=~models.Q(normative_kind=""),
                         name="item_normative"),
        ]
        constraints = [
            # 索引号 is unique once assigned (目录系统实施指引).
            models.UniqueConstraint(fields=["index_number"], condition=~models.Q(index_number=""),
                                    name="item_index_number_unique"),
            models.UniqueConstraint(fields=["agency", "index_period", "index_serial"],
                                    condition=models.Q(index_serial__isnull=False), name="item_index_serial_unique"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "withdrawn"]) | ~models.Q(index_number=""),
                name="item_published_has_index_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "withdrawn"]) | models.Q(published_on__isnull=False),
                name="item_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(disclosure_mode="proactive", non_disclosure_basis="")
                | (~models.Q(disclosure_mode="proactive") & ~models.Q(non_disclosure_basis="")),
                name="item_non_disclosure_has_basis",
            ),
            models.CheckConstraint(
                condition=models.Q(validity="valid") | models.Q(validity_changed_on__isnull=False),
                name="item_invalid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_path(self) -> str:
        """Path of the public item page (portal:item)."""
        return public_item_path(self.agency.code, self.pk)

    @property
    def is_normative(self) -> bool:
        return bool(self.normative_kind)


class IndexCounter(models.Model):
    """Last 索引号 serial used by an agency in a period. Locked (SELECT … FOR UPDATE) in the publishing
    transaction, so concurrent publications get consecutive, distinct serials."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=6)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "period"], name="index_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.period}: {self.last_serial}"


class ItemChannel(models.Model):
    """A channel a published item went to (the seed report counts items per channel)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("发布渠道"), max_length=20, choices=labels.choices(labels.CHANNEL))
    sent_on = models.DateField(_("发布日期"))

    class Meta:
        verbose_name = _("发布渠道")
        verbose_name_plural = _("发布渠道")
        constraints = [models.UniqueConstraint(fields=["item", "channel"], name="item_channel_unique")]
        indexes = [models.Index(fields=["channel", "sent_on"], name="item_channel_sent")]

    def __str__(self) -> str:
        return f"{self.item_id} · {self.get_channel_display()}"


class ItemRevision(models.Model):
    """A saved version of an item's content, for side-by-side comparison."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版本"))
    data = models.JSONField(_("内容"))
    created_at = models.DateTimeField(_("保存时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="item_revision_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"


def attachment_path(instance, filename: str) -> str:
    return f"catalog/{instance.item.agency_id}/{instance.item_id}/{stored_file_name(filename)}"


class Attachment(TimeStampedModel):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300,
                            storage=attachments_storage)
    original_name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("提取的文字"), blank=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.original_name
