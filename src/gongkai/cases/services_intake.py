"""Intake: the public form, staff registration (letters, walk-ins, oral requests, faxes, e-mails) and the
art. 31 receipt confirmation."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.domain.codes import uscc_problem
from gongkai.agencies.models import Agency
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.identity import applicant_key, normalise, resident_id_problem
from gongkai.cases.domain.notices import NoticeEvent
from gongkai.cases.domain.receipt import (
    CHANNEL_LABELS,
    RECEIPT_RULES,
    Channel,
    late_confirmation,
    receipt_date,
)
from gongkai.cases.letters import write_letter
from gongkai.cases.models import Application, Attachment
from gongkai.cases.models.choices import DELIVERY_CHOICES, ID_TYPE_CHOICES, PROVISION_FORM_CHOICES
from gongkai.cases.notify import mail_handlers, notify_applicant
from gongkai.cases.personal_data import index_key
from gongkai.cases.transitions import check_step, locked, move, refresh_clock, require, require_step
from gongkai.core.actors import PublicActor
from gongkai.core.errors import Message, Sentences, ValidationFailed, gettext_noop
from gongkai.core.events import record_event
from gongkai.core.time import local_now, local_today

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PERSON_ID_TYPES = {"resident_id", "passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent", "other"}
ORG_ID_TYPES = {"uscc", "other"}
ALLOWED_UPLOAD_TYPES = {"application/pdf", "image/jpeg", "image/png"}
MAX_ATTACHMENTS = 5


@dataclass
class ApplicantInput:
    applicant_type: str
    applicant_name: str
    id_type: str
    id_number: str
    description: str
    provision_form: str
    delivery: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    document_ref: str = ""
    purpose: str = ""
    files: list = field(default_factory=list)   # (name, bytes or an uploaded file, content type)


def _problems(data: ApplicantInput) -> list[str]:
    problems = []
    try:
        kind = ApplicantType(data.applicant_type)
    except ValueError:
        return [gettext_noop("请选择申请人类型。")]
    if not data.applicant_name.strip():
        problems.append(gettext_noop("请填写申请人姓名或名称。"))
    person = kind == ApplicantType.NATURAL_PERSON
    if data.id_type not in (PERSON_ID_TYPES if person else ORG_ID_TYPES) or data.id_type not in dict(ID_TYPE_CHOICES):
        problems.append(gettext_noop("自然人请选择个人身份证件，法人或其他组织请选择统一社会信用代码。"))
    elif data.id_type == "resident_id":
        problem = resident_id_problem(data.id_number)
        if problem:
            problems.append(problem)
    elif data.id_type == "uscc":
        problem = uscc_problem(normalise(data.id_number))
        if problem:
            problems.append(Message(gettext_noop("统一社会信用代码：%(problem)s"), problem=problem))
    elif not normalise(data.id_number):
        problems.append(gettext_noop("请填写证件号码。"))
    if not person and not data.contact_person.strip():
        problems.append(gettext_noop("法人或其他组织请填写联系人。"))
    if not (data.phone.strip() or data.email.strip() or data.address.strip()):
        problems.append(gettext_noop("请至少填写一种联系方式（电话、电子邮箱或通信地址）。"))
    if len(data.description.strip()) < 5:
        problems.append(gettext_noop("请具体描述所需政府信息（名称、文号或其他有助于确定信息的特征）。"))
    if data.provision_form not in dict(PROVISION_FORM_CHOICES):
        problems.append(gettext_noop("请选择信息提供形式。"))
    if data.delivery not in dict(DELIVERY_CHOICES):
        problems.append(gettext_noop("请选择获取方式。"))
    if data.delivery == "email" and not data.email.strip():
        problems.append(gettext_noop("选择电子邮件获取的，请填写电子邮箱。"))
    if data.delivery == "post" and not data.address.strip():
        problems.append(gettext_noop("选择邮寄获取的，请填写通信地址。"))
    if len(data.files) > MAX_ATTACHMENTS:
        problems.append(Message(gettext_noop("附件最多 %(max_attachments)s 个。"), max_attachments=MAX_ATTACHMENTS))
    for name, content, content_type in data.files:
        if content_type not in ALLOWED_UPLOAD_TYPES:
            problems.append(Message(gettext_noop("附件“%(name)s”的格式不支持，请上传 PDF、JPG 或 PNG。"), name=name))
        if _size(content) > settings.GONGKAI_MAX_UPLOAD_BYTES:
            problems.append(Message(gettext_noop("附件“%(name)s”过大。"), name=name))
    return problems


def _size(content) -> int:
    return len(content) if isinstance(content, bytes) else content.size


def new_tracking_code() -> str:
    return "GK" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def _create(*, actor, agency: Agency, channel: Channel, data: ApplicantInput, arrived_on: dt.date,
            oral_record: str = "", is_demo: bool = False) -> Application:
    problems = _problems(data)
    if channel == Channel.ORAL and not oral_record.strip():
        problems.append(gettext_noop("口头申请应由工作人员如实记录申请内容（《条例》第二十九条）。"))
    if arrived_on > local_today():
        problems.append(gettext_noop("到达日期不能晚于今天。"))
    if problems:
        raise ValidationFailed(_("申请有误：%(problems)s"), code="cases.invalid_application", problems=Sentences(problems))
    received_on = receipt_date(channel, arrived_on=arrived_on)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                app = Application.objects.create(
                    agency=agency, tracking_code=new_tracking_code(), channel=channel,
                    applicant_type=data.applicant_type, applicant_name=data.applicant_name.strip(),
                    id_type=data.id_type, id_number=normalise(data.id_number),
                    contact_person=data.contact_person.strip(), phone=data.phone.strip(), email=data.email.strip(),
                    address=data.address.strip(), postcode=data.postcode.strip(),
                    applicant_key=applicant_key(data.id_type, data.id_number, key=index_key()),
                    description=data.description.strip(), document_ref=data.document_ref.strip(),
                    purpose=data.purpose.strip(), provision_form=data.provision_form, delivery=data.delivery,
                    arrived_on=arrived_on, submitted_at=local_now(), received_on=received_on,
                    receipt_confirmed_at=local_now() if received_on else None,
                    registered_by=actor if getattr(actor, "is_authenticated", False) else None,
                    oral_record=oral_record.strip(), is_demo=is_demo,
                )
                break
        except IntegrityError:
            continue
    else:
        raise ValidationFailed(_("生成查询码失败，请重试。"), code="cases.tracking_code_failed")
    for name, content, content_type in data.files:
        # An uploaded file is copied from where the upload handler put it, in chunks, never read whole.
        stored = ContentFile(content, name=name) if isinstance(content, bytes) else File(content, name=name)
        Attachment.objects.create(application=app, file=stored, name=name[:200],
                                  size=_size(content), content_type=content_type)
    app.refresh_from_db()
    refresh_clock(app)
    app.save()
    letter = write_letter(actor=actor, app=app, kind="receipt", on=arrived_on)
    record_event(actor=actor, obj=app, action="case.registered", to_state=app.state,
                 reason=RECEIPT_RULES[channel].text, legal_basis="《条例》第二十九条、第三十一条",
                 payload={"channel": channel.value, "arrived_on": arrived_on, "received_on": received_on,
                          "attachments": len(data.files), "letter": {"number": letter.number, "kind": "receipt"}})
    notify_applicant(app, NoticeEvent.RECEIVED if app.received_on else NoticeEvent.REGISTERED, dedupe="new")
    mail_handlers(app, "新申请", f"收到新的政府信息公开申请 {app.tracking_code}（{CHANNEL_LABELS[channel]}）。")
    return app


@transaction.atomic
def submit_online_application(*, agency: Agency, data: ApplicantInput, is_demo: bool = False) -> Application:
    """The portal form: registered at once; the receipt date follows when staff confirm it (art. 31(3))."""
    if not agency.is_active:
        raise ValidationFailed(_("该机关暂不受理网上申请。"), code="cases.online_closed")
    return _create(actor=PublicActor("申请人"), agency=agency, channel=Channel.ONLINE, data=data, arrived_on=local_today(),
                   is_demo=is_demo)


@transaction.atomic
def register_application(*, actor, agency: Agency, channel: str, data: ApplicantInput, arrived_on: dt.date,
                         oral_record: str = "", is_demo: bool = False) -> Application:
    require(actor, "case.register", agency)
    try:
        channel = Channel(channel)
    except ValueError:
        raise ValidationFailed(_("请选择申请方式。"), code="cases.channel_required") from None
    return _create(actor=actor, agency=agency, channel=channel, data=data, arrived_on=arrived_on,
                   oral_record=oral_record, is_demo=is_demo)


@transaction.atomic
def confirm_receipt(*, actor, app: Application, confirmed_on: dt.date, note: str = "") -> Application:
    """Art. 31(2)(3): the confirmation with the applicant is the receipt date; a recorded step."""
    require_step(actor, "confirm_receipt", app)
    app = locked(app)
    check_step(app, "confirm_receipt")
    if app.received_on is not None:
        raise ValidationFailed(_("该申请的收到日期已经确定，无需再次确认。"), code="cases.receipt_confirmed")
    if confirmed_on < app.arrived_on or confirmed_on > local_today():
        raise ValidationFailed(_("确认日期应在申请到达之日和今天之间。"), code="cases.confirmed_out_of_range")
    app.received_on, app.receipt_confirmed_at = confirmed_on, local_now()
    late = late_confirmation(Channel(app.channel), arrived_on=app.arrived_on, confirmed_on=confirmed_on)
    move(app, "confirm_receipt", actor=actor, event_action="case.receipt_confirmed",
         reason=note or RECEIPT_RULES[Channel(app.channel)].text,
         payload={"received_on": confirmed_on, "late_confirmation": late},
         extra_fields=["received_on", "receipt_confirmed_at"])
    notify_applicant(app, NoticeEvent.RECEIVED, dedupe="confirmed")
    return app
