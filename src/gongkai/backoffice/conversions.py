"""Conversions between a mailbox message and an application for government information (ADR 0004).

``cases`` and ``engagement`` may not import each other, so the operation that spans both lives here, above
them: each side is written by its own services inside one transaction, and both records keep their
histories and point at each other.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.cases.domain.results import Result
from gongkai.cases.services_decision import decide
from gongkai.cases.services_intake import ApplicantInput, register_application
from gongkai.core.errors import ValidationFailed
from gongkai.engagement import services as mailbox
from gongkai.engagement.domain.mailbox import Category, Channel

# How a message arrived → how the application is registered (条例 art. 29, 31).
CASE_CHANNEL_OF = {Channel.WEB: "online", Channel.PHONE: "oral", Channel.LETTER: "ordinary_post"}
MESSAGE_CHANNEL_OF = {"online": Channel.WEB, "email": Channel.WEB, "oral": Channel.PHONE}


@transaction.atomic
def convert_message_to_application(*, actor, message, applicant: ApplicantInput):
    """A message that is really a request for government information becomes an application."""
    channel = CASE_CHANNEL_OF[Channel(message.channel)]
    app = register_application(
        actor=actor, agency=message.agency, channel=channel, data=applicant, arrived_on=message.received_on,
        oral_record=message.body if channel == "oral" else "", is_demo=message.is_demo,
    )
    mailbox.mark_converted(actor=actor, message=message, application_code=app.tracking_code,
                           reason="来信属于政府信息公开申请，转为申请办理")
    return app


@transaction.atomic
def convert_application_to_message(*, actor, app, category: str, subject: str):
    """An application that is really a petition, complaint or report (条例 art. 39 ¶1) goes to the mailbox.

    The application is concluded as 不予处理 / 信访举报投诉类申请 and the message carries its text on.
    """
    category = Category(category)
    if category is Category.MISDIRECTED:
        raise ValidationFailed(_("转入信箱的来信应为咨询、建议、投诉或举报"))
    message, _token = mailbox.submit_message(
        actor=actor, agency=app.agency, channel=MESSAGE_CHANNEL_OF.get(app.channel, Channel.LETTER).value,
        category=category.value, subject=subject, body=app.description, writer_name=app.applicant_name,
        writer_phone=app.phone, writer_email=app.email, linked_application_code=app.tracking_code,
        is_demo=app.is_demo,
    )
    decide(actor=actor, app=app, result=Result.NOT_PROCESSED_PETITION.value,
           reasons=f"所提内容属于信访、举报、投诉，不作为政府信息公开申请处理，已转信箱办理（查询码 {message.tracking_code}）。")
    return message
