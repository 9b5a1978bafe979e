"""SMS through a pluggable gateway, chosen by ``GONGKAI_SMS_BACKEND``:

- ``console``: the message is written to standard output (the demo, ``make run``);
- ``file``: one JSON line per message appended to ``GONGKAI_SMS_FILE`` (tests, a demo without a terminal);
- ``http``: a provider's HTTP API: a JSON POST signed with HMAC-SHA256 (``GONGKAI_SMS_HTTP_URL``,
  ``GONGKAI_SMS_HTTP_KEY``, ``GONGKAI_SMS_HTTP_SECRET``, ``GONGKAI_SMS_HTTP_SENDER``, ``GONGKAI_SMS_HTTP_TIMEOUT``);
- empty: no gateway; every SMS fails with "未配置短信网关" and waits in the outbox for one.

The outbox (``core.outbox``) calls ``send_outbox_sms`` for each due SMS row. A failure the provider may get over
(timeout, connection refused, HTTP 5xx/429, a "busy" code) is a ``SmsTemporaryError`` and the outbox retries it
with backoff; one that no retry can fix (a bad number, content refused, a rejected signature: HTTP 4xx or the
provider's refusal codes) is a ``SmsPermanentError``, marked ``permanent`` so the outbox stops retrying it and
leaves it for staff.

Quiet hours (``GONGKAI_SMS_QUIET_HOURS``, e.g. ``22:00-08:00`` in ``TIME_ZONE``; empty: none): ``quiet_until``
says when a notice queued now may go out; a verification code the person is waiting for is not held back.
"""

import datetime as dt
import hashlib
import hmac
import json
import secrets
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


class SmsError(Exception):
    permanent = False


class SmsTemporaryError(SmsError):
    """The gateway may accept the message later: retried with backoff."""


class SmsPermanentError(SmsError):
    """No retry can deliver it (bad number, refused content, wrong credentials)."""

    permanent = True


# Provider answers in the JSON body of an HTTP 200: "OK" is accepted; these mean "try again later"; any other
# code is a refusal that retrying cannot change.
OK_CODE = "OK"
TEMPORARY_CODES = frozenset({"BUSY", "THROTTLED", "SYSTEM_ERROR", "TIMEOUT"})
TEMPORARY_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class ConsoleBackend:
    def send(self, *, to: str, text: str, reference: str) -> str:
        sys.stdout.write(f"[短信] 发往 {to}（{reference}）：{text}\n")
        sys.stdout.flush()
        return reference


@dataclass(frozen=True)
class FileBackend:
    path: Path

    def send(self, *, to: str, text: str, reference: str) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"to": to, "text": text, "reference": reference,
                           "at": timezone.now().isoformat()}, ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        return reference


def signature(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
    """HMAC-SHA256 over "timestamp\\nnonce\\nbody", hex: the provider recomputes it with the shared secret."""
    message = timestamp.encode() + b"\n" + nonce.encode() + b"\n" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class HttpBackend:
    url: str
    key: str
    secret: str
    sender: str = ""
    timeout: float = 10.0

    def send(self, *, to: str, text: str, reference: str) -> str:
        body = json.dumps({"to": to, "text": text, "sender": self.sender, "reference": reference},
                          ensure_ascii=False).encode()
        timestamp, nonce = str(int(time.time())), secrets.token_hex(12)
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Gongkai-Key": self.key,
            "X-Gongkai-Timestamp": timestamp,
            "X-Gongkai-Nonce": nonce,
            "X-Gongkai-Signature": signature(self.secret, timestamp, nonce, body),
        })
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            status = exc.code
            detail = _code_of(exc.read(4096)) or exc.reason
            if status >= 500 or status in TEMPORARY_STATUSES:
                raise SmsTemporaryError(f"短信网关暂时不可用（HTTP {status}：{detail}）") from None
            raise SmsPermanentError(f"短信网关拒绝发送（HTTP {status}：{detail}）") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SmsTemporaryError(f"无法连接短信网关：{reason}") from None
        try:
            answer = json.loads(raw.decode("utf-8"))
            code = str(answer.get("code", ""))
        except (ValueError, AttributeError, UnicodeDecodeError):
            # Sent or not is unknown: try again (delivery is at least once, as for mail).
            raise SmsTemporaryError("短信网关的应答无法识别") from None
        if code == OK_CODE:
            return str(answer.get("id") or reference)
        message = str(answer.get("message", ""))[:200]
        if code in TEMPORARY_CODES:
            raise SmsTemporaryError(f"短信网关繁忙（{code}：{message}）")
        raise SmsPermanentError(f"短信网关拒绝发送（{code or '无代码'}：{message}）")


def _code_of(raw: bytes) -> str:
    try:
        answer = json.loads(raw.decode("utf-8"))
        return f"{answer.get('code', '')} {answer.get('message', '')}".strip()
    except (ValueError, AttributeError, UnicodeDecodeError):
        return ""


class NoBackend:
    def send(self, *, to: str, text: str, reference: str) -> str:
        raise SmsTemporaryError("未配置短信网关")


def gateway():
    name = (getattr(settings, "GONGKAI_SMS_BACKEND", "") or "").strip().lower()
    if name == "":
        return NoBackend()
    if name == "console":
        return ConsoleBackend()
    if name == "file":
        return FileBackend(Path(settings.GONGKAI_SMS_FILE))
    if name == "http":
        url = getattr(settings, "GONGKAI_SMS_HTTP_URL", "")
        if not url.startswith(("https://", "http://")):
            raise SmsTemporaryError("短信网关地址（GONGKAI_SMS_HTTP_URL）未配置或不是 http(s) 地址")
        return HttpBackend(url=url, key=settings.GONGKAI_SMS_HTTP_KEY, secret=settings.GONGKAI_SMS_HTTP_SECRET,
                           sender=settings.GONGKAI_SMS_HTTP_SENDER,
                           timeout=float(settings.GONGKAI_SMS_HTTP_TIMEOUT))
    raise ImproperlyConfigured(f"GONGKAI_SMS_BACKEND={name!r}: use console, file, http or leave it empty")


def send_outbox_sms(message, connection=None) -> None:
    """The outbox's sender for SMS rows (``connection`` is the mail connection, unused here)."""
    gateway().send(to=message.recipient, text=message.body, reference=f"outbox-{message.pk}")


def parse_quiet_hours(text: str) -> tuple[dt.time, dt.time] | None:
    """"22:00-08:00" → (22:00, 08:00); empty → None. A window may wrap past midnight."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        start, end = (dt.time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError:
        raise ImproperlyConfigured(f"GONGKAI_SMS_QUIET_HOURS={text!r}: expected HH:MM-HH:MM") from None
    if start == end:
        raise ImproperlyConfigured("GONGKAI_SMS_QUIET_HOURS: start and end must differ")
    return start, end


def quiet_until(now: dt.datetime | None = None, window: str | None = None) -> dt.datetime | None:
    """The end of the quiet hours ``now`` falls in (an aware datetime), or None outside them."""
    hours = parse_quiet_hours(getattr(settings, "GONGKAI_SMS_QUIET_HOURS", "") if window is None else window)
    if hours is None:
        return None
    start, end = hours
    local = timezone.localtime(now or timezone.now())
    clock = local.time().replace(tzinfo=None)
    wraps = start > end
    inside = (clock >= start or clock < end) if wraps else (start <= clock < end)
    if not inside:
        return None
    day = local.date() if (not wraps or clock < end) else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, end), local.tzinfo)
