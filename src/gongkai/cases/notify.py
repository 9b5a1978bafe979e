"""Mail to applicants at each notice and to handlers before deadlines, queued in the outbox (``core.outbox``)
in the transaction of the change, and sent by the outbox's timed job with retries.

Messages name the tracking code and what happened, never identifiers or contacts of the applicant.
"""

from gongkai.agencies.models import Membership
from gongkai.cases.models import Application
from gongkai.core.outbox import queue_mail


def _send(app: Application, subject: str, body: str, recipients: list[str], dedupe: str = "") -> None:
    for recipient in dict.fromkeys(r for r in recipients if r):
        queue_mail(to=recipient, subject=subject, body=body, agency_path=app.agency.path,
                   dedupe_key=f"{dedupe}:{recipient}" if dedupe else "")


def mail_applicant(app: Application, what: str, detail: str = "") -> None:
    subject = f"【政府信息公开】申请 {app.tracking_code}：{what}"
    body = (f"您的政府信息公开申请（查询码 {app.tracking_code}）{what}。\n\n{detail}\n\n"
            f"可凭查询码在 {app.agency.name} 政府信息公开栏目查询办理进度。").strip()
    _send(app, subject, body, [app.email])


def handler_addresses(app: Application) -> list[str]:
    if app.handler_id and app.handler.email:
        return [app.handler.email]
    return list(Membership.objects.filter(agency_id=app.agency_id, role="case_handler")
                .exclude(user__email="").values_list("user__email", flat=True))


def mail_handlers(app: Application, subject: str, body: str, *, dedupe: str = "") -> None:
    _send(app, f"【依申请公开】{app.tracking_code}：{subject}", body, handler_addresses(app), dedupe)
