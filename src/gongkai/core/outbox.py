"""The durable outbox: mail (and SMS) is a row written in the transaction of the change that causes it, and a
timed job sends due rows with retries and exponential backoff. Nothing is sent ``fail_silently``: a failed send
stays in the table with its attempts and last error, for staff to see on /staff/outbox/ and retry.

A row is claimed before it is sent (a conditional UPDATE that only one sender can win), so two senders — two
runs of the job, or later two queue workers — never send the same row twice. A sender killed between the send
and the bookkeeping leaves the row to be tried again after ``CLAIM_SECONDS``: delivery is at least once.

Settings: ``GONGKAI_OUTBOX_MAX_ATTEMPTS`` (default 8), ``GONGKAI_OUTBOX_RETRY_SECONDS`` (the first delay,
doubled after each failure up to 6 hours; default 60), ``EMAIL_TIMEOUT`` (seconds; 30 when unset).
"""

import logging
import smtplib
import socket
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core.events import record_event
from gongkai.core.models import OutboxMessage
from gongkai.core.sms import quiet_until, send_outbox_sms
from gongkai.core.timed import register_timed_job

logger = logging.getLogger(__name__)

State = OutboxMessage.State
BATCH = 100
CLAIM_SECONDS = 10 * 60
MAX_DELAY_SECONDS = 6 * 3600
# Errors that mean the server is not reachable at all: the rest of a batch is not tried against it again.
UNREACHABLE = (ConnectionError, TimeoutError, socket.gaierror, smtplib.SMTPConnectError,
               smtplib.SMTPServerDisconnected)


def max_attempts() -> int:
    return int(getattr(settings, "GONGKAI_OUTBOX_MAX_ATTEMPTS", 8))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: the first delay after one failed attempt, doubled for each further one."""
    base = int(getattr(settings, "GONGKAI_OUTBOX_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS))


def queue_mail(*, to: str, subject: str, body: str, dedupe_key: str = "", agency_path: str = "") -> OutboxMessage | None:
    """Queue one mail in the current transaction; None when ``to`` is empty or ``dedupe_key`` is already queued."""
    return _queue(OutboxMessage.Channel.MAIL, to, subject, body, dedupe_key, agency_path)


def queue_sms(*, to: str, body: str, dedupe_key: str = "", agency_path: str = "",
              not_before=None) -> OutboxMessage | None:
    """``not_before``: the first moment it may be sent (the end of the SMS quiet hours, ``core.sms.quiet_until``)."""
    return _queue(OutboxMessage.Channel.SMS, to, "", body, dedupe_key, agency_path, not_before)


def _queue(channel, to, subject, body, dedupe_key, agency_path, not_before=None) -> OutboxMessage | None:
    to = (to or "").strip()
    if not to:
        return None
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                channel=channel, recipient=to, subject=subject[:300], body=body, dedupe_key=dedupe_key[:300],
                agency_path=agency_path, next_attempt_at=max(not_before or timezone.now(), timezone.now()))
        # With a job queue a worker sends it once the change commits; without one, the minute timer does.
        transaction.on_commit(_dispatch)
        return message
    except IntegrityError:
        if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key[:300]).exists():
            return None
        raise


def _dispatch() -> None:
    """Have a queue worker send the new row now (production mode); Celery loads only when a broker is set."""
    if getattr(settings, "GONGKAI_BROKER_URL", ""):
        from gongkai.core.queue import dispatch_outbox

        dispatch_outbox()


def _send_mail(message: OutboxMessage, connection) -> None:
    EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient],
                 connection=connection).send(fail_silently=False)


# channel -> sender(message, connection); SMS goes through the gateway ``GONGKAI_SMS_BACKEND`` selects (core.sms).
SENDERS: dict[str, Callable] = {OutboxMessage.Channel.MAIL: _send_mail, OutboxMessage.Channel.SMS: send_outbox_sms}


def _due(now):
    return OutboxMessage.objects.filter(state__in=[State.QUEUED, State.FAILED], next_attempt_at__lte=now)


def _claim(message: OutboxMessage, now) -> bool:
    """Take the row for one attempt; only one sender's UPDATE matches the attempts it read."""
    won = OutboxMessage.objects.filter(
        pk=message.pk, attempts=message.attempts, state__in=[State.QUEUED, State.FAILED],
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
    if won:
        message.attempts += 1
    return bool(won)


def _record_sent(message: OutboxMessage) -> None:
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(state=State.SENT, sent_at=now, next_attempt_at=None,
                                                       last_error="")


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    # A refusal no retry can change (core.sms.SmsPermanentError) waits for staff at once.
    gave_up = message.attempts >= max_attempts() or getattr(error, "permanent", False)
    next_at = None if gave_up else timezone.now() + retry_delay(message.attempts)
    if next_at is not None and message.channel == OutboxMessage.Channel.SMS:
        next_at = quiet_until(next_at) or next_at   # a retry due in the SMS quiet hours waits for their end
    OutboxMessage.objects.filter(pk=message.pk).update(state=State.FAILED, last_error=text, next_attempt_at=next_at)
    # The body may hold what the message is about; the log keeps only which row failed and why.
    logger.warning("outbox message %s (%s) failed on attempt %s%s: %s", message.pk, message.channel,
                   message.attempts, " — no more retries" if gave_up else "", text)


def send_messages(messages) -> int:
    """Claim and send each message; returns how many were sent."""
    sent = 0
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 30
    connection = get_connection(fail_silently=False, timeout=timeout)
    unreachable: Exception | None = None
    try:
        for message in messages:
            if not _claim(message, timezone.now()):
                continue
            if unreachable is not None:
                _record_failure(message, unreachable)
                continue
            try:
                SENDERS[message.channel](message, connection)
            except Exception as exc:
                _record_failure(message, exc)
                if isinstance(exc, UNREACHABLE) and message.channel == OutboxMessage.Channel.MAIL:
                    unreachable = exc
                try:
                    connection.close()
                except Exception:  # a broken connection may fail to close; the next send opens a new one
                    pass
                continue
            _record_sent(message)
            sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            pass
    return sent


@register_timed_job("core.send_outbox", "发送待发的邮件和短信（失败的按退避时间重试）")
def send_due_messages(*, limit: int = BATCH) -> int:
    return send_messages(list(_due(timezone.now()).order_by("next_attempt_at", "id")[:limit]))


def retry_now(*, actor, message_id: int) -> OutboxMessage:
    """A staff member's "retry now": one more attempt at once, even after the retries were used up."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message_id)
        if message.state == State.SENT:
            return message
        before = {"state": message.state, "attempts": message.attempts}
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        record_event(actor=actor, obj=message, action="outbox.retry_requested", before=before,
                     payload={"channel": message.channel})
    message.refresh_from_db()
    send_messages([message])
    message.refresh_from_db()
    return message
