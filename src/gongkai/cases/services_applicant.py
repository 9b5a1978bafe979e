"""Writers of the applicant's own page: the one-time code that opens it, the 补正 answered online (and its
acceptance by the officer), withdrawal by the applicant, files released to the applicant, and the settings an
office keeps for applicants (notice wording, how fees are paid).

The page opens with the tracking code plus a code sent to the phone or e-mail given in the application. Whether a
tracking code exists, or matches the contact typed, is never told: ``request_access_code`` answers the same in
every case. Codes are six digits, kept as a keyed hash, expire after ``GONGKAI_APPLICANT_CODE_MINUTES``, allow
``GONGKAI_APPLICANT_CODE_ATTEMPTS`` tries, and at most ``GONGKAI_APPLICANT_CODES_PER_HOUR`` are sent per application
per hour (the view adds a per-address limit).
"""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.cases.domain.notices import (
    MAX_SMS_CHARS,
    NOTICE_EVENT_LABELS,
    NoticeEvent,
    mobile_number,
    unknown_placeholders,
)
from gongkai.cases.domain.states import State
from gongkai.cases.models import (
    AccessCode,
    Application,
    CorrectionReply,
    CorrectionReplyFile,
    FeePaymentDetails,
    NoticeTemplate,
    ReleasedFile,
)
from gongkai.cases.notify import notify_applicant
from gongkai.cases.services_decision import withdraw
from gongkai.cases.services_handling import receive_correction
from gongkai.cases.transitions import locked, require
from gongkai.core.actors import PublicActor
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.outbox import send_messages
from gongkai.core.time import local_date, local_today

APPLICANT = PublicActor("申请人")   # the applicant on their own page, signed in with the tracking and SMS codes
CODE_REFUSED = _("验证码不正确或已失效，请重新获取验证码。")
MAX_REPLY_CHARS = 3000
MAX_REPLY_FILES = 3
ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _hash(app_id: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"applicant-code:{app_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _find(tracking_code: str) -> Application | None:
    code = (tracking_code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    return Application.objects.select_related("agency").filter(tracking_code=code).first()


def _channel_for(app: Application, contact: str) -> str | None:
    """"mail" or "sms" when ``contact`` is the e-mail or the mobile number the application gave, else None."""
    contact = (contact or "").strip()
    if "@" in contact:
        return "mail" if app.email and hmac.compare_digest(contact.casefold(), app.email.strip().casefold()) else None
    mobile = mobile_number(contact)
    if mobile and hmac.compare_digest(mobile, mobile_number(app.phone)):
        return "sms"
    return None


def request_access_code(*, tracking_code: str, contact: str, now: dt.datetime | None = None) -> None:
    """Send a one-time code when the tracking code and the contact belong together; otherwise do nothing.
    Returns nothing either way (no enumeration of tracking codes or contacts)."""
    now = now or timezone.now()
    app = _find(tracking_code)
    channel = _channel_for(app, contact) if app is not None else None
    if channel is None:
        return
    with transaction.atomic():
        app = locked(app)
        recent = app.access_codes.filter(created_at__gt=now - dt.timedelta(hours=1)).count()
        if recent >= _setting("GONGKAI_APPLICANT_CODES_PER_HOUR", 3):
            return
        app.access_codes.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        code = f"{secrets.randbelow(10 ** 6):06d}"
        minutes = _setting("GONGKAI_APPLICANT_CODE_MINUTES", 10)
        row = AccessCode.objects.create(application=app, channel=channel, code_hash=_hash(app.pk, code),
                                        created_at=now, expires_at=now + dt.timedelta(minutes=minutes))
        queued = notify_applicant(app, NoticeEvent.ACCESS_CODE, dedupe=f"code{row.pk}", urgent=True,
                                  channels=(channel,), 验证码=code, 有效分钟=minutes)
        record_event(actor=APPLICANT, obj=app, action="case.applicant_code_sent", reason="发送申请人页面验证码",
                     payload={"channel": channel})
        # The person is waiting: send at once after commit; a failure stays in the outbox for its retries.
        transaction.on_commit(lambda: send_messages(list(queued)))


def verify_access_code(*, tracking_code: str, code: str, now: dt.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _find(tracking_code)
    code = (code or "").strip()
    if app is None or not (len(code) == 6 and code.isdigit()):
        raise ValidationFailed(CODE_REFUSED, code="cases.access_code_refused", field="code")
    with transaction.atomic():
        row = (AccessCode.objects.select_for_update().filter(application=app, used_at__isnull=True,
                                                              expires_at__gt=now).order_by("-created_at").first())
        if row is None or row.attempts >= _setting("GONGKAI_APPLICANT_CODE_ATTEMPTS", 5):
            ok = False
        else:
            row.attempts += 1
            ok = hmac.compare_digest(row.code_hash, _hash(app.pk, code))
            if ok:
                row.used_at = now
            row.save(update_fields=["attempts", "used_at"])
            if ok:
                record_event(actor=APPLICANT, obj=app, action="case.applicant_signed_in",
                             reason="申请人凭查询码和验证码进入“我的申请”页面", payload={"channel": row.channel})
    if not ok:
        raise ValidationFailed(CODE_REFUSED, code="cases.access_code_refused", field="code")
    return app


@dataclass(frozen=True)
class ReplyFile:
    name: str
    content: object          # bytes or an uploaded file (already checked by core.uploads in the form)
    content_type: str


def _size(content) -> int:
    return len(content) if isinstance(content, bytes) else content.size


def _stored(name: str, content):
    return ContentFile(content, name=name) if isinstance(content, bytes) else File(content, name=name)


@transaction.atomic
def submit_correction_reply(*, app: Application, text: str, files: list[ReplyFile] = ()) -> CorrectionReply:
    """The applicant answers the 补正告知书 online; the officer then accepts it (``accept_correction_reply``)."""
    app = locked(app)
    if app.state != State.CORRECTION_PENDING or not hasattr(app, "correction"):
        raise ValidationFailed(_("该申请目前不需要补正。"), code="cases.no_correction_due")
    correction = app.correction
    if hasattr(correction, "reply"):
        raise ValidationFailed(_("您已提交过补正，请等待受理机关处理。"), code="cases.correction_submitted")
    text = (text or "").strip()
    if len(text) < 5:
        raise ValidationFailed(_("请写明补正的内容（至少5个字）。"), code="cases.correction_too_short")
    if len(text) > MAX_REPLY_CHARS:
        raise ValidationFailed(_("补正内容不能超过%(max_reply_chars)s字，较长的材料请作为附件上传。"), code="cases.correction_too_long", max_reply_chars=MAX_REPLY_CHARS)
    if len(files) > MAX_REPLY_FILES:
        raise ValidationFailed(_("补正附件最多%(max_reply_files)s个。"), code="cases.too_many_files", max_reply_files=MAX_REPLY_FILES)
    for f in files:
        if f.content_type not in ALLOWED_TYPES:
            raise ValidationFailed(_("附件“%(name)s”的格式不支持，请上传 PDF、JPG 或 PNG。"), code="cases.file_type", name=f.name)
    now = timezone.now()
    reply = CorrectionReply.objects.create(correction=correction, text=text, submitted_at=now,
                                           submitted_on=local_date(now))
    for f in files:
        CorrectionReplyFile.objects.create(reply=reply, file=_stored(f.name, f.content), name=f.name[:200],
                                           size=_size(f.content), content_type=f.content_type)
    record_event(actor=APPLICANT, obj=app, action="case.correction_submitted_online", reason="申请人在网上提交补正",
                 legal_basis="《条例》第三十条", payload={"files": len(files), "submitted_on": reply.submitted_on})
    return reply


@transaction.atomic
def accept_correction_reply(*, actor, app: Application, received_on: dt.date | None = None) -> Application:
    """The officer accepts the online 补正: the ``receive_correction`` step with the applicant's text as the
    corrected request, received on the day it was submitted unless the officer says otherwise (art. 30)."""
    require(actor, "case.handle", app)
    reply = CorrectionReply.objects.select_for_update().filter(correction__application=app).first()
    if reply is None:
        raise ValidationFailed(_("申请人没有在网上提交补正。"), code="cases.no_online_correction")
    if reply.accepted_at is not None:
        raise ValidationFailed(_("该网上补正已经受理。"), code="cases.correction_accepted")
    corrected = f"{app.description}\n【补正】{reply.text}"
    app = receive_correction(actor=actor, app=app, received_on=received_on or reply.submitted_on,
                             corrected_description=corrected)
    reply.accepted_at = timezone.now()
    reply.save(update_fields=["accepted_at", "updated_at"])
    return app


@transaction.atomic
def withdraw_by_applicant(*, app: Application, reason: str = "", confirmed: bool = False):
    """The applicant withdraws on their page: the case ends (the clock stops) and is counted in table 三 under
    （六）3.其他 once its receipt date is known (spec §3.6); the 撤回申请确认书 is issued."""
    if not confirmed:
        raise ValidationFailed(_("请勾选确认撤回。撤回后本机关终止处理该申请。"), code="cases.confirm_withdrawal")
    reason = (reason or "").strip()
    if len(reason) > 300:
        raise ValidationFailed(_("撤回理由不能超过300字。"), code="cases.reason_too_long")
    if State(app.state) not in {State.REGISTERED, State.CORRECTION_PENDING, State.ACCEPTED, State.IN_PROGRESS,
                                State.CONSULTATION, State.FEE_PENDING}:
        raise ValidationFailed(_("该申请已经办结，不能撤回。"), code="cases.closed")
    return withdraw(actor=APPLICANT, app=app, reason=reason, source="applicant")


@transaction.atomic
def release_file(*, actor, app: Application, name: str, content, content_type: str,
                 on: dt.date | None = None) -> ReleasedFile:
    """A file of the disclosed information, for the applicant to download from their page."""
    require(actor, "case.handle", app)
    app = locked(app)
    if State(app.state) not in {State.DECIDED, State.DELIVERED, State.CLOSED}:
        raise ValidationFailed(_("作出答复后才能向申请人提供文件。"), code="cases.not_replied")
    if not name.strip() or _size(content) == 0:
        raise ValidationFailed(_("请选择要提供的文件。"), code="cases.file_required")
    digest = hashlib.sha256()
    if isinstance(content, bytes):
        digest.update(content)
    else:
        for chunk in content.chunks():
            digest.update(chunk)
        content.seek(0)
    released = ReleasedFile.objects.create(
        application=app, file=_stored(name, content), name=name[:200], size=_size(content),
        content_type=content_type, sha256=digest.hexdigest(), released_on=on or local_today(),
        released_by=actor if getattr(actor, "is_authenticated", False) else None)
    record_event(actor=actor, obj=app, action="case.file_released", reason=f"向申请人提供文件：{released.name}",
                 payload={"name": released.name, "sha256": released.sha256, "size": released.size})
    notify_applicant(app, NoticeEvent.LETTER_READY, dedupe=f"file{released.pk}", 文书=released.name)
    return released


@transaction.atomic
def save_notice_template(*, actor, agency: Agency, event: str, channel: str, subject: str = "",
                         body: str) -> NoticeTemplate:
    """An office's wording of a notice; each save is an event with the text before and after (the versions)."""
    require(actor, "case.configure", agency)
    try:
        event = NoticeEvent(event)
    except ValueError:
        raise ValidationFailed(_("未知的通知事项。"), code="cases.unknown_notice") from None
    if channel not in {"mail", "sms"}:
        raise ValidationFailed(_("请选择邮件或短信。"), code="cases.channel_required")
    subject, body = (subject or "").strip(), (body or "").strip()
    if not body or (channel == "mail" and not subject):
        raise ValidationFailed(_("邮件须有主题和正文，短信须有正文。"), code="cases.text_required")
    if channel == "sms" and len(body) > MAX_SMS_CHARS:
        raise ValidationFailed(_("短信正文不能超过%(max_sms_chars)s字。"), code="cases.sms_too_long", max_sms_chars=MAX_SMS_CHARS)
    unknown = unknown_placeholders(subject + body)
    if unknown:
        raise ValidationFailed(_("模板中有未知的占位符：%(placeholders)s"), code="cases.unknown_placeholder", placeholders=["{" + n + "}" for n in unknown])
    if event == NoticeEvent.ACCESS_CODE and "{验证码}" not in body:
        raise ValidationFailed(_("验证码通知须包含{验证码}。"), code="cases.code_placeholder_missing")
    existing = NoticeTemplate.objects.select_for_update().filter(agency=agency, event=event, channel=channel).first()
    before = {"subject": existing.subject, "body": existing.body} if existing else None
    template, created = NoticeTemplate.objects.update_or_create(
        agency=agency, event=event, channel=channel, defaults={"subject": subject if channel == "mail" else "",
                                                               "body": body})
    record_event(actor=actor, obj=agency, action="case.notice_template_saved",
                 reason=f"修改通知模板：{NOTICE_EVENT_LABELS[event]}（{'邮件' if channel == 'mail' else '短信'}）",
                 before=before, after={"subject": template.subject, "body": template.body},
                 payload={"event": event.value, "channel": channel, "created": created})
    return template


PAYMENT_FIELDS = ("collecting_unit", "method", "payment_code", "payment_url", "bank_account", "budget_subject",
                  "contact")


@transaction.atomic
def save_fee_payment_details(*, actor, agency: Agency, **fields) -> FeePaymentDetails:
    require(actor, "case.configure", agency)
    unknown = set(fields) - set(PAYMENT_FIELDS)
    if unknown:
        raise ValidationFailed(_("未知的字段：%(unknown)s"), code="cases.unknown_fields", unknown=sorted(unknown))
    values = {name: str(fields.get(name) or "").strip() for name in PAYMENT_FIELDS}
    if not values["collecting_unit"] or not values["method"]:
        raise ValidationFailed(_("请填写执收单位和缴费方式。"), code="cases.payment_details_required")
    if values["payment_url"] and not values["payment_url"].startswith("https://"):
        raise ValidationFailed(_("网上缴费地址应以 https:// 开头。"), code="cases.payment_url_insecure")
    existing = FeePaymentDetails.objects.filter(agency=agency).first()
    before = {name: getattr(existing, name) for name in PAYMENT_FIELDS} if existing else None
    details, created = FeePaymentDetails.objects.update_or_create(agency=agency, defaults=values)
    record_event(actor=actor, obj=agency, action="case.fee_payment_details_saved", reason="修改信息处理费缴费方式",
                 before=before, after=values, payload={"created": created})
    return details
