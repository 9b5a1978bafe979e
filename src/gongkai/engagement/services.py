"""The only writers of mailbox and hotline messages (信箱 / 公开电话 / 来信).

Work records (responses, interviews, archives, training, staffing, periodicals) are written by
``services_records``.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.calendars.official import current_calendar
from gongkai.core.actors import PublicActor, System, is_public
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed, gettext_noop
from gongkai.core.events import record_event, snapshot
from gongkai.core.time import local_date, local_today
from gongkai.engagement import policy
from gongkai.engagement.domain import mailbox as rules
from gongkai.engagement.domain.redaction import personal_data_found, redacted
from gongkai.engagement.models import Message

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAILBOX_BASIS = "《中华人民共和国政府信息公开条例》第六条、第十三条"


def reply_working_days() -> int:
    return int(getattr(settings, "GONGKAI_MAILBOX_REPLY_WORKING_DAYS", rules.DEFAULT_REPLY_WORKING_DAYS))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require(actor, action: str, obj) -> None:
    if not can(actor, action, obj):
        raise NotAllowed(_("您无权办理此来信"), action=action)


def _require_handler(actor, message: Message) -> None:
    if policy.may(actor, "engagement.handle", message):
        return
    raise NotAllowed(_("您无权办理此来信"), action="engagement.handle")


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update(of=("self",)).select_related("agency", "department").get(pk=message.pk)


def _move(message: Message, verb: str) -> rules.Status:
    to = rules.next_status(rules.Status(message.status), verb)
    if to is None:
        raise InvalidTransition(_("当前状态（%(status)s）下不能执行此操作"), code="engagement.wrong_state", verb=verb, status=message.get_status_display())
    return to


def _clean_text(value: str, label: str, *, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("请填写%(label)s"), code="engagement.required", label=label)
    if len(value) > limit:
        raise ValidationFailed(_("%(label)s过长（%(length)s 字），请控制在 %(limit)s 字以内"), code="engagement.too_long", label=label, length=len(value), limit=limit)
    return value


@transaction.atomic
def submit_message(
    *, actor, agency: Agency, channel: str, category: str, subject: str, body: str, writer_name: str = "",
    writer_phone: str = "", writer_email: str = "", consent_to_publish: bool = False, received_at=None,
    linked_application_code: str = "", is_demo: bool = False,
) -> tuple[Message, str]:
    """Register a message. Returns it with the writer's private token (shown once; only its hash is kept).

    The public writes through the portal (``actor=Public``, channel ``web``); staff enter calls and letters.
    """
    channel = rules.Channel(channel)
    category = rules.Category(category)
    if is_public(actor):
        if channel is not rules.Channel.WEB:
            raise ValidationFailed(_("公众只能通过网上信箱提交"), code="engagement.web_only")
    else:
        _require(actor, "engagement.handle", agency)
    if not agency.is_active:
        raise ValidationFailed(_("该机关已停用，无法受理来信"), code="engagement.agency_inactive")
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationFailed(_("收到时间不能晚于现在"), code="engagement.received_in_future")
    received_on = local_date(received_at)
    token = secrets.token_urlsafe(24)
    message = Message(
        agency=agency, channel=channel.value, category=category.value,
        subject=_clean_text(subject, gettext_noop("标题"), limit=200), body=_clean_text(body, gettext_noop("内容"), limit=10000),
        writer_name=_clean_text(writer_name, gettext_noop("姓名"), limit=60, required=False),
        writer_phone=_clean_text(writer_phone, gettext_noop("联系电话"), limit=40, required=False),
        writer_email=_clean_text(writer_email, gettext_noop("电子邮箱"), limit=254, required=False),
        consent_to_publish=bool(consent_to_publish), received_at=received_at, received_on=received_on,
        reply_due_on=rules.reply_due_on(received_on, current_calendar(), reply_working_days(),
                                        count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY),
        linked_application_code=linked_application_code, token_hash=hash_token(token), is_demo=is_demo,
    )
    for _attempt in range(5):
        message.tracking_code = "X" + received_on.strftime("%Y%m%d") + "".join(
            secrets.choice(TRACKING_ALPHABET) for _ in range(5))
        try:
            with transaction.atomic():
                message.save()
            break
        except IntegrityError:
            if Message.objects.filter(tracking_code=message.tracking_code).exists():
                continue
            raise
    else:
        raise ValidationFailed(_("生成查询码失败，请重试"), code="engagement.tracking_code_failed")
    record_event(
        actor=actor, obj=message, action="message.received", to_state=message.status,
        after=snapshot(message, ["channel", "category", "subject", "received_on", "reply_due_on"]),
        payload={"application": linked_application_code} if linked_application_code else None,
        actor_label="公众（网上信箱）" if is_public(actor) else "",
    )
    return message, token


@transaction.atomic
def accept_message(*, actor, message: Message) -> Message:
    message = _locked(message)
    _require_handler(actor, message)
    to = _move(message, "accept")
    message.status, message.accepted_on = to.value, local_today()
    message.save(update_fields=["status", "accepted_on", "updated_at"])
    record_event(actor=actor, obj=message, action="message.accepted", from_state="received", to_state=to.value)
    return message


@transaction.atomic
def assign_message(*, actor, message: Message, department: Agency, note: str = "") -> Message:
    """Hand the message to a department or town under the receiving agency (or the agency itself)."""
    message = _locked(message)
    _require(actor, "engagement.handle", message.agency)
    if rules.Status(message.status) not in rules.OPEN_STATUSES:
        raise InvalidTransition(_("已办结的来信不能再转办"), code="engagement.closed")
    if not department.path.startswith(message.agency.path) or not department.is_active:
        raise ValidationFailed(_("只能转交本机关或其下属单位办理"), code="engagement.target_elsewhere")
    before = {"department": message.department_id}
    message.department = department
    fields = ["department", "updated_at"]
    if message.status == rules.Status.RECEIVED.value:
        message.status, message.accepted_on = rules.Status.ACCEPTED.value, local_today()
        fields += ["status", "accepted_on"]
    message.save(update_fields=fields)
    record_event(actor=actor, obj=message, action="message.assigned", before=before,
                 after={"department": department.pk, "department_name": department.name}, reason=note,
                 to_state=message.status)
    return message


@transaction.atomic
def reply_to_message(*, actor, message: Message, reply: str, replied_at=None) -> Message:
    message = _locked(message)
    _require_handler(actor, message)
    from_state = message.status
    to = _move(message, "reply")
    replied_at = replied_at or timezone.now()
    message.reply = _clean_text(reply, gettext_noop("答复内容"), limit=10000)
    message.status, message.replied_at = to.value, replied_at
    message.replied_on = message.closed_on = local_date(replied_at)
    message.accepted_on = message.accepted_on or message.replied_on
    message.save()
    record_event(actor=actor, obj=message, action="message.replied", from_state=from_state, to_state=to.value,
                 after={"replied_on": message.replied_on,
                        "working_days": current_calendar().working_days_between(message.received_on,
                                                                                message.replied_on)})
    return message


@transaction.atomic
def decline_message(*, actor, message: Message, reason: str) -> Message:
    message = _locked(message)
    _require_handler(actor, message)
    to = _move(message, "decline")
    message.decline_reason = _clean_text(reason, gettext_noop("不予受理理由"), limit=300)
    message.status, message.closed_on = to.value, local_today()
    message.save(update_fields=["status", "decline_reason", "closed_on", "updated_at"])
    record_event(actor=actor, obj=message, action="message.declined", from_state="received", to_state=to.value,
                 reason=message.decline_reason)
    return message


@transaction.atomic
def mark_converted(*, actor, message: Message, application_code: str, reason: str = "") -> Message:
    """The message is really a disclosure request (条例 art. 29): it now lives on as that application."""
    message = _locked(message)
    _require_handler(actor, message)
    from_state = message.status
    to = _move(message, "convert")
    message.linked_application_code = _clean_text(application_code, gettext_noop("申请编号"), limit=40)
    message.status, message.closed_on = to.value, local_today()
    message.accepted_on = message.accepted_on or message.closed_on
    message.save(update_fields=["status", "linked_application_code", "closed_on", "accepted_on", "updated_at"])
    record_event(actor=actor, obj=message, action="message.converted", from_state=from_state, to_state=to.value,
                 after={"application": message.linked_application_code}, reason=reason,
                 legal_basis="《中华人民共和国政府信息公开条例》第二十九条")
    return message


def writer_details(message: Message) -> list[str]:
    return [message.writer_name, message.writer_phone, message.writer_email]


def publication_draft(message: Message) -> tuple[str, str]:
    """The question and answer a publish form starts from: the letter and the reply with the writer's details,
    phones, ID numbers, e-mail and street addresses replaced by ＊＊＊ (never the raw letter)."""
    known = writer_details(message)
    return (message.public_question or redacted(message.body, known=known),
            message.public_answer or redacted(message.reply, known=known))


@transaction.atomic
def publish_message(*, actor, message: Message, public_question: str, public_answer: str,
                    override_reason: str = "") -> Message:
    """Publish a question and answer the writer agreed to publish, with personal data removed. What still looks
    like personal data blocks publication unless the handler confirms it may be published and says why (the
    same override-with-reason as the catalog's screening; the reason is kept in the event)."""
    message = _locked(message)
    _require_handler(actor, message)
    if not message.consent_to_publish:
        raise ValidationFailed(_("来信人未同意公开，不能公开此来信"), code="engagement.no_consent")
    if message.status != rules.Status.REPLIED.value:
        raise InvalidTransition(_("答复后才能公开"), code="engagement.not_replied")
    question = _clean_text(public_question, gettext_noop("公开的问题"), limit=5000)
    answer = _clean_text(public_answer, gettext_noop("公开的答复"), limit=10000)
    reason = _clean_text(override_reason, gettext_noop("确认理由"), limit=500, required=False)
    known = writer_details(message)
    found = personal_data_found(question + "\n" + answer, known=known)
    if found and not reason:
        raise ValidationFailed(_("公开内容中仍含个人信息（%(found)s），请删除后再公开；确需公开的，请填写确认可以公开的理由"), code="engagement.screening_open", found=found)
    if found:
        # The kinds only: the event must not repeat the writer's details.
        kinds = [f for f in found if f not in known] or ["来信人信息"]
        record_event(actor=actor, obj=message, action="message.screening_overridden", reason=reason,
                     legal_basis="《中华人民共和国政府信息公开条例》第十五条", payload={"found": kinds})
    message.public_question, message.public_answer = question, answer
    message.published_at = timezone.now()
    message.save(update_fields=["public_question", "public_answer", "published_at", "updated_at"])
    record_event(actor=actor, obj=message, action="message.published",
                 after={"public_question": question, "public_answer": answer})
    return message


@transaction.atomic
def unpublish_message(*, actor, message: Message, reason: str) -> Message:
    message = _locked(message)
    _require_handler(actor, message)
    if message.published_at is None:
        raise InvalidTransition(_("该来信未公开"), code="engagement.not_published")
    message.published_at = None
    message.save(update_fields=["published_at", "updated_at"])
    record_event(actor=actor, obj=message, action="message.unpublished",
                 reason=_clean_text(reason, gettext_noop("撤下理由"), limit=300))
    return message


def message_for_token(token: str) -> Message | None:
    if not token or len(token) > 100:
        return None
    return Message.objects.select_related("agency").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def rate_message(*, token: str, rating: str, comment: str = "") -> Message:
    """The writer rates the reply through the private link. A rating can be changed until it is 30 days old."""
    found = message_for_token(token)
    if found is None:
        raise ValidationFailed(_("链接无效"), code="engagement.bad_link")
    message = _locked(found)
    if message.status != rules.Status.REPLIED.value:
        raise InvalidTransition(_("来信尚未答复，答复后才能评价"), code="engagement.not_replied")
    try:
        rating = rules.Rating(rating)
    except ValueError:
        raise ValidationFailed(_("请选择满意、基本满意或不满意"), code="engagement.rating_required") from None
    if message.rated_at and (timezone.now() - message.rated_at).days > 30:
        raise InvalidTransition(_("评价已超过30天，不能再修改"), code="engagement.rating_closed")
    before = {"rating": message.rating}
    message.rating = rating.value
    message.rating_comment = _clean_text(comment, gettext_noop("评价意见"), limit=500, required=False)
    message.rated_at = timezone.now()
    message.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    record_event(actor=PublicActor("来信人"), obj=message, action="message.rated", before=before,
                 after={"rating": rating.value, "comment": message.rating_comment})
    return message


@transaction.atomic
def record_rating(*, actor, message: Message, rating: str, comment: str = "") -> Message:
    """Staff record a rating a caller gave on the phone (the hotline has no link to click)."""
    message = _locked(message)
    _require_handler(actor, message)
    if message.channel == rules.Channel.WEB.value:
        raise ValidationFailed(_("网上信箱的评价由来信人通过评价链接提交"), code="engagement.rating_by_writer")
    if message.status != rules.Status.REPLIED.value:
        raise InvalidTransition(_("来信尚未答复，答复后才能评价"), code="engagement.not_replied")
    before = {"rating": message.rating}
    message.rating = rules.Rating(rating).value
    message.rating_comment = _clean_text(comment, gettext_noop("评价意见"), limit=500, required=False)
    message.rated_at = timezone.now()
    message.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    record_event(actor=actor, obj=message, action="message.rated", before=before,
                 after={"rating": message.rating, "comment": message.rating_comment, "recorded_by_staff": True})
    return message


def flag_overdue_messages(*, today=None) -> int:
    """Mark open messages past their reply limit, once each (idempotent timed work)."""
    today = today or local_today()
    changed = 0
    candidates = Message.objects.filter(
        status__in=[s.value for s in rules.OPEN_STATUSES], reply_due_on__lt=today, overdue_flagged_on__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(candidates[:500]):
        with transaction.atomic():
            message = Message.objects.select_for_update().get(pk=pk)
            if message.overdue_flagged_on or not rules.is_overdue(
                    status=message.status, due_on=message.reply_due_on, today=today):
                continue
            message.overdue_flagged_on = today
            message.save(update_fields=["overdue_flagged_on", "updated_at"])
            record_event(actor=System, obj=message, action="message.overdue",
                         after={"reply_due_on": message.reply_due_on, "flagged_on": today})
            changed += 1
    return changed


def recompute_reply_deadlines(*, calendar, changed_years: set[int], actor) -> int:
    """A year's holiday notice changed: move the reply limits of open messages that depend on it."""
    changed = 0
    days = reply_working_days()
    for message in Message.objects.filter(status__in=[s.value for s in rules.OPEN_STATUSES]):
        if message.received_on.year not in changed_years and message.reply_due_on.year not in changed_years:
            continue
        due = rules.reply_due_on(message.received_on, calendar, days,
                                 count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY)
        if due != message.reply_due_on:
            with transaction.atomic():
                before = {"reply_due_on": message.reply_due_on}
                Message.objects.filter(pk=message.pk).update(reply_due_on=due, updated_at=timezone.now())
                record_event(actor=actor, obj=message, action="message.deadline_recomputed", before=before,
                             after={"reply_due_on": due}, reason="节假日安排变更")
            changed += 1
    return changed
