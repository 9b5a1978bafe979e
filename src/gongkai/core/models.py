"""Shared kernel models: the append-only event log, the outbox, job marks (the abstract timestamped base is in
``model_bases``)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.model_bases import TimeStampedModel  # noqa: F401 (the areas' models import it from here)


class AppendOnlyError(Exception):
    pass


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("events are append-only")

    def delete(self):
        raise AppendOnlyError("events are append-only")

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class Event(models.Model):
    """One change made through a service: who, when, what, from/to, why, under which legal basis.

    Rows are never updated or deleted by the application (guards here, and a database trigger refuses UPDATE).
    """

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField(_("操作人名称"), max_length=150, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("对象"), max_length=300, blank=True)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    from_state = models.CharField(_("原状态"), max_length=64, blank=True)
    to_state = models.CharField(_("新状态"), max_length=64, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    payload = models.JSONField(_("附加数据"), default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="event_object_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("events are append-only")

    # In words, for history pages, exports and the API (gongkai.core.event_vocabulary).
    @property
    def action_label(self) -> str:
        from gongkai.core.event_vocabulary import action_label

        return action_label(self.action)

    @property
    def from_state_label(self) -> str:
        from gongkai.core.event_vocabulary import event_state_label

        return event_state_label(self, self.from_state)

    @property
    def to_state_label(self) -> str:
        from gongkai.core.event_vocabulary import event_state_label

        return event_state_label(self, self.to_state)

    @property
    def changes(self):
        from gongkai.core.event_vocabulary import event_changes

        return event_changes(self)


class JobLease(models.Model):
    """Who runs a timed job now, on databases without advisory locks (SQLite): one row per running job.

    Taken in an immediate write transaction, so two processes cannot both see the job free; a holder that dies
    leaves a lease that expires at ``expires_at``.
    """

    name = models.CharField(_("任务"), max_length=100, primary_key=True)
    holder = models.CharField(_("持有者"), max_length=64)
    acquired_at = models.DateTimeField(_("取得时间"))
    expires_at = models.DateTimeField(_("到期时间"))

    class Meta:
        verbose_name = _("定时任务租约")
        verbose_name_plural = _("定时任务租约")

    def __str__(self) -> str:
        return f"{self.name} ({self.holder})"


class JobMark(models.Model):
    """A side effect of timed work that has been done: one row per (job, key), the key naming the object and
    the due date. Inserted in the transaction of the side effect, so the unique constraint makes it happen once
    even when two runs of the job overlap."""

    job = models.CharField(_("任务"), max_length=100)
    key = models.CharField(_("键"), max_length=200)
    done_at = models.DateTimeField(_("完成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("定时任务完成记录")
        verbose_name_plural = _("定时任务完成记录")
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="core_jobmark_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.key}"


class OutboxMessage(models.Model):
    """A mail or SMS to send, written in the transaction of the change that causes it and sent by a timed job
    with retries; failed sends stay here for staff to see and retry."""

    class Channel(models.TextChoices):
        MAIL = "mail", _("邮件")
        SMS = "sms", _("短信")

    class State(models.TextChoices):
        QUEUED = "queued", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices, default=Channel.MAIL)
    recipient = models.CharField(_("收件人"), max_length=254)
    subject = models.CharField(_("主题"), max_length=300, blank=True)
    body = models.TextField(_("正文"))
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    # Null once sent, or once the retries are used up (only a staff "retry now" sends it again).
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    # The agency whose work caused the message (its materialised path), so administrators see their own.
    agency_path = models.CharField(_("机构路径"), max_length=255, blank=True, db_index=True)
    # Names the cause ("cases.reminder:12:2024-06-03:a@b.cn"): the same cause never queues a second message.
    dedupe_key = models.CharField(_("去重键"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="core_outbox_due")]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], condition=~models.Q(dedupe_key=""),
                                    name="core_outbox_dedupe"),
            models.CheckConstraint(condition=models.Q(state__in=["queued", "sent", "failed"]),
                                   name="core_outbox_state"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk} {self.get_state_display()}"


class TaskFailure(models.Model):
    """A queue task that failed (raised, or ran a timed job that failed), for staff on /staff/queue/. The
    arguments name the job and period; no personal data is passed to tasks."""

    task = models.CharField(_("任务"), max_length=200)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    arguments = models.TextField(_("参数"), blank=True)
    error = models.TextField(_("错误"))
    failed_at = models.DateTimeField(_("失败时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("失败的队列任务")
        verbose_name_plural = _("失败的队列任务")
        ordering = ["-failed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} {self.failed_at:%Y-%m-%d %H:%M}"


class BackgroundWork(models.Model):
    """Long work a staff page started (a catalog import, a report's statistics), run beside the request — in a
    thread of the web process, or by a queue worker when there is a broker — with its progress and its outcome
    for the page that follows it (``gongkai.core.background``). Bookkeeping like ``JobMark``: the work itself
    records its events through the services it calls."""

    class State(models.TextChoices):
        WAITING = "waiting", _("等待开始")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("未完成")

    kind = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=16, choices=State.choices, default=State.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    arguments = models.JSONField(default=dict)           # what the runner needs, apart from the file
    data = models.BinaryField(blank=True, default=b"")   # an uploaded file, dropped when the work ends
    result = models.JSONField(default=dict)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["started_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class SweepRun(models.Model):
    """One run of a long sweep (core.sweeps): the chunks it was cut into when it started, shared by the queue's
    workers or worked through by the in-process timer. A chunk is done when its ``JobMark`` (job
    ``sweep:<id>``, key ``<first>-<last>``) exists; the run is finished when every chunk is."""

    name = models.CharField(_("任务"), max_length=100)
    argument = models.CharField(_("参数"), max_length=100, blank=True)
    chunks = models.JSONField(_("分块"), default=list)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    queued = models.BooleanField(_("已交给任务队列"), default=False)

    class Meta:
        verbose_name = _("分块任务")
        verbose_name_plural = _("分块任务")
        indexes = [models.Index(fields=["name", "-started_at"], name="core_sweeprun_latest")]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"
