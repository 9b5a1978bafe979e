"""Mail to applicants at each notice and to handlers before deadlines, sent after the transaction commits.

Messages name the tracking code and what happened, never identifiers or contacts of the applicant.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from gongkai.agencies.models import Membership
from gongkai.cases.models import Application


def _send(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True))


def mail_applicant(app: Application, what: str, detail: str = "") -> None:
    subject = f"【政府信息公开】申请 {app.tracking_code}：{what}"
    body = (f"您的政府信息公开申请（查询码 {app.tracking_code}）{what}。\n\n{detail}\n\n"
            f"可凭查询码在 {app.agency.name} 政府信息公开栏目查询办理进度。").strip()
    _send(subject, body, [app.email])


def handler_addresses(app: Application) -> list[str]:
    if app.handler_id and app.handler.email:
        return [app.handler.email]
    return list(Membership.objects.filter(agency_id=app.agency_id, role="case_handler")
                .exclude(user__email="").values_list("user__email", flat=True))


def mail_handlers(app: Application, subject: str, body: str) -> None:
    _send(f"【依申请公开】{app.tracking_code}：{subject}", body, handler_addresses(app))
