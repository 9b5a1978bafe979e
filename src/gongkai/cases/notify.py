"""Notices to applicants at each event that concerns them (mail and SMS, from the templates an office edits, else
the built-in wording of ``cases.domain.notices``) and mail to handlers before deadlines, queued in the outbox
(``core.outbox``) in the transaction of the change and sent by the outbox's timed job with retries. An SMS
notice queued in the quiet hours waits for their end (``core.sms.quiet_until``).

Messages name the tracking code and what happened, never identifiers or contacts of the applicant.
"""

from gongkai.agencies.models import Agency, Membership
from gongkai.cases.domain import notices as wording
from gongkai.cases.domain.notices import NoticeEvent
from gongkai.cases.models import Application, NoticeTemplate
from gongkai.core.outbox import queue_mail, queue_sms
from gongkai.core.sms import quiet_until


def _send(app: Application, subject: str, body: str, recipients: list[str], dedupe: str = "") -> None:
    for recipient in dict.fromkeys(r for r in recipients if r):
        queue_mail(to=recipient, subject=subject, body=body, agency_path=app.agency.path,
                   dedupe_key=f"{dedupe}:{recipient}" if dedupe else "")


def notice_template(agency: Agency, event: NoticeEvent, channel: str) -> tuple[str, str]:
    """The nearest agency's own wording up the tree, else the built-in one: (subject, body)."""
    ancestor_ids = [int(pk) for pk in agency.path.strip("/").split("/") if pk] or [agency.pk]
    rows = {t.agency_id: t for t in NoticeTemplate.objects.filter(agency_id__in=ancestor_ids, event=event,
                                                                  channel=channel)}
    for agency_id in reversed(ancestor_ids):
        if agency_id in rows:
            return rows[agency_id].subject, rows[agency_id].body
    return wording.default_notice(event, channel)


def _values(app: Application, values: dict) -> dict[str, str]:
    due = ""
    if app.reply_due_on:
        due = app.reply_due_on.strftime("%Y年%m月%d日") + ("（暂定）" if app.due_provisional else "")
    base = {
        "机关": app.agency.name, "查询码": app.tracking_code,
        "收到日期": app.received_on.strftime("%Y年%m月%d日") if app.received_on else "",
        "答复期限": due,
        "补正期限": app.correction_due_on.strftime("%Y年%m月%d日") if app.correction_due_on else "",
        "缴费期限": app.payment_due_on.strftime("%Y年%m月%d日") if app.payment_due_on else "",
    }
    return base | {k: str(v) for k, v in values.items()}


def notify_applicant(app: Application, event: NoticeEvent, *, dedupe: str = "", urgent: bool = False,
                     channels: tuple[str, ...] = ("mail", "sms"), **values) -> list:
    """Queue the mail (to the e-mail given) and the SMS (to a mobile number given) of ``event``.

    ``dedupe`` names the cause (a letter number, a code's id): the same cause never queues twice. ``urgent``
    messages (a code the person waits for) are not held back by the SMS quiet hours."""
    filled = _values(app, values)
    queued = []
    if app.email and "mail" in channels:
        subject, body = notice_template(app.agency, event, "mail")
        queued.append(queue_mail(to=app.email, subject=wording.fill(subject, filled), body=wording.fill(body, filled),
                                 agency_path=app.agency.path,
                                 dedupe_key=f"notice:{app.tracking_code}:{event}:{dedupe}:mail" if dedupe else ""))
    mobile = wording.mobile_number(app.phone)
    if mobile and "sms" in channels:
        _, body = notice_template(app.agency, event, "sms")
        queued.append(queue_sms(to=mobile, body=wording.fill(body, filled)[:wording.MAX_SMS_CHARS],
                                agency_path=app.agency.path, not_before=None if urgent else quiet_until(),
                                dedupe_key=f"notice:{app.tracking_code}:{event}:{dedupe}:sms" if dedupe else ""))
    return [m for m in queued if m is not None]


def notify_with_letter(app: Application, event: NoticeEvent = NoticeEvent.LETTER_READY, **values) -> list:
    """The notice of a step that issued a letter (now on the applicant's page): the letter names the cause."""
    letter = app.letters.order_by("-id").first()
    if letter is None:
        return notify_applicant(app, event, **values)
    return notify_applicant(app, event, dedupe=letter.number, **({"文书": letter.title} | values))


def handler_addresses(app: Application) -> list[str]:
    if app.handler_id and app.handler.email:
        return [app.handler.email]
    return list(Membership.objects.filter(agency_id=app.agency_id, role="case_handler")
                .exclude(user__email="").values_list("user__email", flat=True))


def mail_handlers(app: Application, subject: str, body: str, *, dedupe: str = "") -> None:
    _send(app, f"【依申请公开】{app.tracking_code}：{subject}", body, handler_addresses(app), dedupe)
