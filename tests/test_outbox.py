"""Mail is not silently lost (issue 11, point 14): the outbox row is written with the change, a real SMTP server
(aiosmtpd, started here) receives it, a server that is down leaves the row failed with its attempts and error,
retried with backoff and sent when the server is back; staff see failed and queued rows and retry them."""

import logging
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.utils import timezone

from gongkai.core import outbox
from gongkai.core.actors import System
from gongkai.core.models import Event, OutboxMessage
from gongkai.core.outbox import queue_mail, retry_delay, send_due_messages

BODY = "申请 GK123 的答复期限为 2024-03-08，还剩 2 个工作日。"


class Sink:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """An SMTP server on a port of its own; ``smtp.start()`` brings it up, ``smtp.stop()`` takes it down."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 10

    class Server:
        sink = Sink()
        controller = None

        def start(self):
            self.controller = Controller(self.sink, hostname="127.0.0.1", port=port)
            self.controller.start()

        def stop(self):
            if self.controller is not None:
                self.controller.stop()
                self.controller = None

    server = Server()
    yield server
    server.stop()


def make_due(*messages):
    OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(next_attempt_at=timezone.now())


@pytest.mark.django_db
def test_a_message_is_queued_with_the_change_or_not_at_all():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            queue_mail(to="a@example.cn", subject="主题", body=BODY)
            raise RuntimeError("the change fails")
    assert not OutboxMessage.objects.exists()
    queue_mail(to="a@example.cn", subject="主题", body=BODY, dedupe_key="cases.remind_handlers:1:2024-03-08:a")
    assert queue_mail(to="a@example.cn", subject="主题", body=BODY,
                      dedupe_key="cases.remind_handlers:1:2024-03-08:a") is None
    assert queue_mail(to="", subject="主题", body=BODY) is None
    assert list(OutboxMessage.objects.values_list("state", "attempts")) == [("queued", 0)]


@pytest.mark.parametrize(("attempts", "seconds"), [(1, 60), (2, 120), (3, 240), (5, 960), (20, 6 * 3600)])
def test_retries_back_off_exponentially_up_to_six_hours(settings, attempts, seconds):
    settings.GONGKAI_OUTBOX_RETRY_SECONDS = 60
    assert retry_delay(attempts) == timedelta(seconds=seconds)


@pytest.mark.django_db
def test_server_down_then_up_failed_with_attempts_then_sent(smtp, settings, caplog):
    settings.GONGKAI_OUTBOX_MAX_ATTEMPTS = 5
    first = queue_mail(to="handler@example.cn", subject="【依申请公开】GK123：答复期限", body=BODY)
    second = queue_mail(to="other@example.cn", subject="【依申请公开】GK124：新申请", body="收到新的申请 GK124。")

    with caplog.at_level(logging.WARNING, logger="gongkai.core.outbox"):
        assert send_due_messages() == 0
    rows = {m.pk: m for m in OutboxMessage.objects.all()}
    for pk in (first.pk, second.pk):
        assert (rows[pk].state, rows[pk].attempts) == ("failed", 1)
        assert rows[pk].last_error.startswith("ConnectionRefusedError")
        assert rows[pk].next_attempt_at > timezone.now() + timedelta(seconds=50)
    # Failures are logged without the message's body.
    assert len(caplog.records) == 2 and BODY not in caplog.text and str(first.pk) in caplog.text

    # Not due again before the backoff has passed: nothing is tried.
    assert send_due_messages() == 0
    assert OutboxMessage.objects.get(pk=first.pk).attempts == 1

    make_due(first)
    assert send_due_messages() == 0
    again = OutboxMessage.objects.get(pk=first.pk)
    assert (again.state, again.attempts) == ("failed", 2)
    assert again.next_attempt_at - timezone.now() > timedelta(seconds=110)

    smtp.start()
    make_due(first, second)
    assert send_due_messages() == 2
    assert sorted(e.rcpt_tos[0] for e in smtp.sink.envelopes) == ["handler@example.cn", "other@example.cn"]
    delivered = next(e for e in smtp.sink.envelopes if e.rcpt_tos == ["handler@example.cn"])
    assert BODY.encode() in delivered.original_content or "GK123" in delivered.content.decode()
    sent = OutboxMessage.objects.get(pk=first.pk)
    assert (sent.state, sent.attempts, sent.next_attempt_at, sent.last_error) == ("sent", 3, None, "")
    assert sent.sent_at is not None
    assert send_due_messages() == 0 and len(smtp.sink.envelopes) == 2


@pytest.mark.django_db
def test_after_the_last_attempt_it_stays_failed_until_staff_retry(smtp, settings):
    settings.GONGKAI_OUTBOX_MAX_ATTEMPTS = 2
    message = queue_mail(to="a@example.cn", subject="主题", body=BODY)
    send_due_messages()
    make_due(message)
    send_due_messages()
    row = OutboxMessage.objects.get()
    assert (row.state, row.attempts, row.next_attempt_at) == ("failed", 2, None)
    assert send_due_messages() == 0
    smtp.start()
    assert outbox.retry_now(actor=System, message_id=message.pk).state == "sent"
    assert len(smtp.sink.envelopes) == 1


@pytest.mark.django_db
def test_a_claimed_message_is_not_sent_by_a_second_sender(settings):
    message = queue_mail(to="a@example.cn", subject="主题", body=BODY)
    stale = OutboxMessage.objects.get(pk=message.pk)
    assert outbox.send_messages([OutboxMessage.objects.get(pk=message.pk)]) == 1
    assert outbox.send_messages([stale]) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_reminder_and_notices_go_through_the_outbox(personas):
    from gongkai.cases import services
    from gongkai.cases.tests.factories import walk_in
    from tests.test_cases_letters import D

    handler = personas["handler_a"]
    handler.email = "handler@example.com"
    handler.save()
    with transaction.atomic():
        app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5))
    assert len(mail.outbox) == 0
    queued = OutboxMessage.objects.filter(state="queued", channel="mail")   # the applicant's SMS: tests/test_sms.py
    assert sorted(queued.values_list("recipient", flat=True)) == ["handler@example.com", "zhangsan@example.com"]
    assert set(queued.values_list("agency_path", flat=True)) == {personas.dept_a.path}
    services.accept_application(actor=handler, app=app)
    assert services.remind_handlers(today=D(2024, 3, 6)) == 1
    reminder = OutboxMessage.objects.get(dedupe_key__startswith="cases.remind_handlers:")
    assert reminder.dedupe_key == f"cases.remind_handlers:{app.pk}:2024-03-08:handler@example.com"
    waiting = OutboxMessage.objects.filter(state="queued", channel="mail").count()
    assert send_due_messages() == waiting and len(mail.outbox) == waiting
    assert [m.to for m in mail.outbox if m.subject == reminder.subject] == [["handler@example.com"]]


@pytest.mark.django_db
def test_staff_page_lists_failed_and_queued_and_retries(client, personas, smtp, settings):
    settings.GONGKAI_OUTBOX_MAX_ATTEMPTS = 3
    failed = queue_mail(to="a@example.cn", subject="失败的通知", body=BODY, agency_path=personas.dept_a.path)
    send_due_messages()
    queued = queue_mail(to="b@example.cn", subject="待发的通知", body=BODY, agency_path=personas.dept_b.path)
    OutboxMessage.objects.filter(pk=queued.pk).update(next_attempt_at=timezone.now() + timedelta(hours=1))
    elsewhere = queue_mail(to="c@example.cn", subject="平台的通知", body=BODY)
    send_due_messages()

    client.force_login(personas["admin"])
    page = client.get("/staff/outbox/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "失败的通知" in html and "ConnectionRefusedError" in html and "待发的通知" not in html
    assert "平台的通知" not in html  # caused by no agency the administrator reaches
    assert "待发的通知" in client.get("/staff/outbox/?state=queued").content.decode()
    assert BODY not in html

    smtp.start()
    response = client.post(f"/staff/outbox/{failed.pk}/retry/", {"state": "failed"})
    assert response.status_code == 302 and response["Location"] == "/staff/outbox/?state=failed"
    assert OutboxMessage.objects.get(pk=failed.pk).state == "sent"
    assert [e.rcpt_tos for e in smtp.sink.envelopes] == [["a@example.cn"]]
    assert Event.objects.filter(action="outbox.retry_requested", object_id=str(failed.pk)).count() == 1
    assert client.post(f"/staff/outbox/{elsewhere.pk}/retry/").status_code == 404

    for name in ("editor_a", "publisher", "handler_a"):
        client.force_login(personas[name])
        assert client.get("/staff/outbox/").status_code == 403
        assert client.post(f"/staff/outbox/{elsewhere.pk}/retry/").status_code == 403
    client.force_login(personas["superuser"])
    assert "平台的通知" in client.get("/staff/outbox/").content.decode()
