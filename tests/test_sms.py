"""SMS through the gateway (core/sms.py): the console and file backends, and the HTTP adapter against a fake
provider this test starts (a tiny http.server thread) that checks the signature and answers as scripted — accepted,
busy, down, refused, too slow — with the outbox retrying what may pass later and giving up on what cannot."""

import datetime as dt
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from gongkai.core import sms
from gongkai.core.models import OutboxMessage
from gongkai.core.outbox import queue_sms, send_due_messages

SECRET = "test-shared-secret"
TZ = timezone.get_fixed_timezone(8 * 60)


class FakeProvider:
    """Answers each POST with the next scripted (status, body, delay); records what it received."""

    def __init__(self):
        self.script: list[tuple[int, dict | str, float]] = []
        self.received: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = sms.signature(SECRET, self.headers["X-Gongkai-Timestamp"],
                                         self.headers["X-Gongkai-Nonce"], body)
                good = self.headers["X-Gongkai-Signature"] == expected
                provider.received.append({"body": json.loads(body), "signed": good,
                                          "key": self.headers["X-Gongkai-Key"]})
                status, answer, delay = (provider.script.pop(0) if provider.script else (200, {"code": "OK"}, 0))
                if not good:
                    status, answer, delay = 401, {"code": "SIGNATURE_MISMATCH", "message": "签名错误"}, 0
                time.sleep(delay)
                raw = (answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the client gave up waiting (the timeout case)

            def log_message(self, *args):
                pass

        self.server = self._bind(Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @staticmethod
    def _bind(handler):
        for port in range(8145, 8150):
            try:
                return ThreadingHTTPServer(("127.0.0.1", port), handler)
            except OSError:
                continue
        raise RuntimeError("no free port in 8145-8149")

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    fake = FakeProvider()
    settings.GONGKAI_SMS_BACKEND = "http"
    settings.GONGKAI_SMS_HTTP_URL = f"http://127.0.0.1:{fake.port}/sms/send"
    settings.GONGKAI_SMS_HTTP_KEY, settings.GONGKAI_SMS_HTTP_SECRET = "gk-key-1", SECRET
    settings.GONGKAI_SMS_HTTP_SENDER, settings.GONGKAI_SMS_HTTP_TIMEOUT = "测试区政务公开", 2
    settings.GONGKAI_OUTBOX_MAX_ATTEMPTS, settings.GONGKAI_OUTBOX_RETRY_SECONDS = 3, 60
    yield fake
    fake.stop()


def make_due(message):
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_http_gateway_sends_a_signed_json_request(provider):
    message = queue_sms(to="13800138000", body="您的申请 GK2345 已受理。")
    assert send_due_messages() == 1
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 1 and message.last_error == ""
    [got] = provider.received
    assert got["signed"] and got["key"] == "gk-key-1"
    assert got["body"] == {"to": "13800138000", "text": "您的申请 GK2345 已受理。", "sender": "测试区政务公开",
                           "reference": f"outbox-{message.pk}"}


@pytest.mark.django_db
def test_provider_down_then_busy_is_retried_with_backoff_until_sent(provider):
    provider.script = [(503, {"code": "UNAVAILABLE"}, 0), (200, {"code": "BUSY", "message": "稍后再试"}, 0)]
    message = queue_sms(to="13800138000", body="补正通知")
    before = timezone.now()
    assert send_due_messages() == 0
    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == 1
    assert "HTTP 503" in message.last_error and "SmsTemporaryError" in message.last_error
    assert message.next_attempt_at >= before + timedelta(seconds=60)
    assert send_due_messages() == 0        # not due yet: nothing sent, no attempt used
    make_due(message)
    assert send_due_messages() == 0
    message.refresh_from_db()
    assert message.attempts == 2 and "BUSY" in message.last_error
    assert message.next_attempt_at >= timezone.now() + timedelta(seconds=110)   # doubled
    make_due(message)
    assert send_due_messages() == 1
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 3 and len(provider.received) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("status, answer, text", [
    (200, {"code": "INVALID_NUMBER", "message": "号码无效"}, "INVALID_NUMBER"),
    (400, {"code": "BAD_REQUEST", "message": "参数错误"}, "HTTP 400"),
])
def test_a_refusal_is_not_retried(provider, status, answer, text):
    provider.script = [(status, answer, 0)]
    message = queue_sms(to="1380013800", body="答复已作出")
    send_due_messages()
    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == 1 and message.next_attempt_at is None
    assert "SmsPermanentError" in message.last_error and text in message.last_error


@pytest.mark.django_db
def test_a_wrong_secret_is_refused_by_the_provider(provider, settings):
    settings.GONGKAI_SMS_HTTP_SECRET = "not-the-secret"
    message = queue_sms(to="13800138000", body="收费通知")
    send_due_messages()
    message.refresh_from_db()
    assert provider.received[0]["signed"] is False
    assert message.next_attempt_at is None and "HTTP 401" in message.last_error


@pytest.mark.django_db
def test_a_slow_provider_times_out_and_is_retried(provider, settings):
    settings.GONGKAI_SMS_HTTP_TIMEOUT = 0.3
    provider.script = [(200, {"code": "OK"}, 1.0)]
    message = queue_sms(to="13800138000", body="延期通知")
    send_due_messages()
    message.refresh_from_db()
    assert message.state == "failed" and message.next_attempt_at is not None
    assert "无法连接短信网关" in message.last_error


@pytest.mark.django_db
def test_an_unreadable_answer_is_retried_and_retries_end(provider):
    provider.script = [(200, "<html>gateway</html>", 0)] * 3
    message = queue_sms(to="13800138000", body="告知书已出具")
    for _ in range(3):
        make_due(message)
        send_due_messages()
    message.refresh_from_db()
    assert message.attempts == 3 and message.next_attempt_at is None   # GONGKAI_OUTBOX_MAX_ATTEMPTS = 3
    assert "应答无法识别" in message.last_error


@pytest.mark.django_db
def test_provider_not_listening_is_a_temporary_failure(settings):
    fake = FakeProvider()
    port = fake.port
    fake.stop()
    settings.GONGKAI_SMS_BACKEND, settings.GONGKAI_SMS_HTTP_URL = "http", f"http://127.0.0.1:{port}/sms"
    settings.GONGKAI_SMS_HTTP_SECRET = SECRET
    message = queue_sms(to="13800138000", body="x")
    send_due_messages()
    message.refresh_from_db()
    assert message.state == "failed" and message.next_attempt_at is not None
    assert "无法连接短信网关" in message.last_error


@pytest.mark.django_db
def test_file_backend_writes_one_json_line_per_message(settings, tmp_path):
    settings.GONGKAI_SMS_BACKEND, settings.GONGKAI_SMS_FILE = "file", str(tmp_path / "sms.jsonl")
    queue_sms(to="13800138000", body="第一条")
    queue_sms(to="13900139000", body="第二条")
    assert send_due_messages() == 2
    lines = [json.loads(line) for line in (tmp_path / "sms.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["text"]) for line in lines] == [("13800138000", "第一条"), ("13900139000", "第二条")]


@pytest.mark.django_db
def test_console_backend_prints_and_no_backend_fails_visibly(settings, capsys):
    settings.GONGKAI_SMS_BACKEND = "console"
    queue_sms(to="13800138000", body="控制台短信")
    assert send_due_messages() == 1
    assert "发往 13800138000" in capsys.readouterr().out
    settings.GONGKAI_SMS_BACKEND = ""
    message = queue_sms(to="13800138000", body="无网关")
    send_due_messages()
    message.refresh_from_db()
    assert message.state == "failed" and "未配置短信网关" in message.last_error


@pytest.mark.parametrize("now, window, until", [
    (dt.datetime(2024, 3, 5, 23, 30, tzinfo=TZ), "22:00-08:00", dt.datetime(2024, 3, 6, 8, 0, tzinfo=TZ)),
    (dt.datetime(2024, 3, 6, 7, 59, tzinfo=TZ), "22:00-08:00", dt.datetime(2024, 3, 6, 8, 0, tzinfo=TZ)),
    (dt.datetime(2024, 3, 6, 8, 0, tzinfo=TZ), "22:00-08:00", None),
    (dt.datetime(2024, 3, 6, 21, 59, tzinfo=TZ), "22:00-08:00", None),
    (dt.datetime(2024, 3, 6, 12, 30, tzinfo=TZ), "12:00-14:00", dt.datetime(2024, 3, 6, 14, 0, tzinfo=TZ)),
    (dt.datetime(2024, 3, 6, 23, 0, tzinfo=TZ), "", None),
])
def test_quiet_hours_in_local_time(now, window, until):
    assert sms.quiet_until(now, window) == until


def test_bad_quiet_hours_setting_is_named():
    from django.core.exceptions import ImproperlyConfigured
    with pytest.raises(ImproperlyConfigured, match="HH:MM-HH:MM"):
        sms.parse_quiet_hours("10pm to 8am")


@pytest.mark.django_db
def test_a_message_queued_in_quiet_hours_waits_for_their_end(settings):
    settings.GONGKAI_SMS_BACKEND = "console"
    until = timezone.now() + timedelta(hours=2)
    message = queue_sms(to="13800138000", body="夜间通知", not_before=until)
    assert send_due_messages() == 0
    message.refresh_from_db()
    assert message.state == "queued" and message.attempts == 0 and message.next_attempt_at == until


@pytest.mark.django_db
def test_a_retry_due_in_quiet_hours_waits_for_their_end(settings):
    settings.GONGKAI_SMS_BACKEND, settings.GONGKAI_OUTBOX_RETRY_SECONDS = "", 60
    now = timezone.localtime()
    end = (now + timedelta(hours=2)).strftime("%H:%M")
    settings.GONGKAI_SMS_QUIET_HOURS = f"{(now - timedelta(minutes=1)).strftime('%H:%M')}-{end}"
    message = queue_sms(to="13800138000", body="重试")    # queued without not_before: due at once
    send_due_messages()
    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == 1
    assert timezone.localtime(message.next_attempt_at).strftime("%H:%M") == end   # not now + 60 s
    assert message.next_attempt_at > timezone.now() + timedelta(hours=1, minutes=58)
