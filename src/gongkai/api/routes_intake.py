"""What other systems hand over: applications taken in elsewhere (12345, a provincial 依申请公开 platform, …)
through the cases intake services, mailbox messages and their replies through the engagement services, and
``report check`` on data (public: it reads nothing)."""

import datetime as dt
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from gongkai.api.auth import WRITE_AUTH
from gongkai.api.errors import ERROR_RESPONSES, READ_ERRORS, ApiError
from gongkai.api.routes_items import agency_for_write
from gongkai.cases.services_intake import ApplicantInput, confirm_receipt, register_application
from gongkai.engagement.selectors import access_message
from gongkai.engagement.services import reply_to_message, submit_message
from gongkai.reports.selectors import check_interchange

router = Router(tags=["intake (write)"], auth=WRITE_AUTH)
public_router = Router(tags=["public"])

APPLICATION_CHANNELS = Literal["hotline_12345", "platform", "online", "email", "fax", "signed_post",
                               "ordinary_post", "in_person"]


class ApplicationIn(Schema):
    agency: str = Field(..., min_length=1, max_length=50, description="受理机关代码")
    channel: APPLICATION_CHANNELS = Field(..., description="申请方式：hotline_12345 12345热线转来；platform 依申请公开平台转来；…")
    arrived_on: dt.date = Field(..., description="申请到达之日")
    confirmed_on: dt.date | None = Field(None, description="已与申请人确认之日（互联网渠道以此为收到申请之日，《条例》第三十一条）")
    applicant_type: Literal["natural_person", "commercial", "research", "public_interest", "legal_services",
                            "other"]
    applicant_name: str = Field(..., max_length=200)
    id_type: Literal["resident_id", "passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent", "uscc",
                     "other"]
    id_number: str = Field(..., max_length=50)
    description: str = Field(..., max_length=5000, description="所需政府信息的名称、文号或便于查询的其他特征")
    provision_form: Literal["paper", "electronic", "inspect"]
    delivery: Literal["post", "email", "pickup", "online", "fax"]
    contact_person: str = Field("", max_length=100)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10)
    document_ref: str = Field("", max_length=200)
    purpose: str = Field("", max_length=2000)


class ApplicationOut(Schema):
    tracking_code: str
    agency: str
    channel: str
    state: str
    arrived_on: dt.date
    received_on: dt.date | None
    due_on: dt.date | None


def _application_out(app) -> ApplicationOut:
    return ApplicationOut(tracking_code=app.tracking_code, agency=app.agency.code, channel=app.channel,
                          state=app.state, arrived_on=app.arrived_on, received_on=app.received_on,
                          due_on=app.reply_due_on)


@router.post("/applications", response={201: ApplicationOut, **ERROR_RESPONSES},
             summary="登记由其他渠道收到的依申请公开申请（12345、依申请公开平台等）")
def create_application(request, payload: ApplicationIn):
    agency = agency_for_write(payload.agency, "body.agency")
    fields = payload.dict(exclude={"agency", "channel", "arrived_on", "confirmed_on"})
    if payload.confirmed_on is not None and payload.confirmed_on < payload.arrived_on:
        message = _("确认日期不能早于申请到达之日。")
        raise ApiError(422, "confirmed_before_arrival", message, [{"path": "body.confirmed_on", "message": message}])
    app = register_application(actor=request.auth, agency=agency, channel=payload.channel,
                               data=ApplicantInput(**fields), arrived_on=payload.arrived_on)
    if payload.confirmed_on is not None and app.received_on is None:
        app = confirm_receipt(actor=request.auth, app=app, confirmed_on=payload.confirmed_on,
                              note=_("由%(channel)s转来时已与申请人确认") % {"channel": payload.channel})
    return Status(201, _application_out(app))


class MessageIn(Schema):
    agency: str = Field(..., min_length=1, max_length=50)
    channel: Literal["phone", "letter", "web"] = Field(..., description="phone 公开电话；letter 来信；web 网上信箱")
    category: Literal["consult", "suggestion", "complaint", "report", "misdirected"]
    subject: str = Field(..., max_length=200)
    body: str = Field(..., max_length=10000)
    writer_name: str = Field("", max_length=60)
    writer_phone: str = Field("", max_length=40)
    writer_email: str = Field("", max_length=254)
    consent_to_publish: bool = False
    received_at: dt.datetime | None = Field(None, description="收到时间（默认现在）")


class MessageOut(Schema):
    id: int
    tracking_code: str
    agency: str
    status: str
    received_on: dt.date
    reply_due_on: dt.date | None
    replied_on: dt.date | None


def _message_out(message) -> MessageOut:
    return MessageOut(id=message.pk, tracking_code=message.tracking_code, agency=message.agency.code,
                      status=message.status, received_on=message.received_on, reply_due_on=message.reply_due_on,
                      replied_on=message.replied_on)


@router.post("/messages", response={201: MessageOut, **ERROR_RESPONSES}, summary="登记来信、来电（信箱）")
def create_message(request, payload: MessageIn):
    agency = agency_for_write(payload.agency, "body.agency")
    received_at = payload.received_at
    if received_at is not None and received_at.tzinfo is None:
        message = _("收到时间须带时区，例如 2025-03-01T09:30:00+08:00。")
        raise ApiError(422, "naive_datetime", message, [{"path": "body.received_at", "message": message}])
    message, _token = submit_message(
        actor=request.auth, agency=agency, channel=payload.channel, category=payload.category,
        subject=payload.subject, body=payload.body, writer_name=payload.writer_name,
        writer_phone=payload.writer_phone, writer_email=payload.writer_email,
        consent_to_publish=payload.consent_to_publish, received_at=received_at,
    )
    return Status(201, _message_out(message))


class ReplyIn(Schema):
    reply: str = Field(..., min_length=1, max_length=10000)


@router.post("/messages/{message_id}/reply", response={200: MessageOut, **ERROR_RESPONSES}, summary="答复来信")
def reply_message(request, payload: ReplyIn, message_id: int = Path(..., ge=1, le=2**62)):
    message = access_message(request.auth, message_id, "engagement.handle")
    message = reply_to_message(actor=request.auth, message=message, reply=payload.reply)
    return _message_out(access_message(request.auth, message.pk, "engagement.handle"))


class CheckIn(Schema):
    report: dict[str, Any] = Field(..., description="交换格式（JSON）的年度报告，与 gongkai report check 相同")
    previous: dict[str, Any] | None = Field(None, description="上一年度报告，用于跨年度检查（只作警告）")


class FindingOut(Schema):
    level: str
    code: str
    message: str
    cells: list[str]


class CheckOut(Schema):
    ok: bool
    form: str
    year: int | None
    agency: str
    errors: list[FindingOut]
    warnings: list[FindingOut]


@public_router.post("/reports/check", response={200: CheckOut, **READ_ERRORS},
                    summary="检查一份年度报告的勾稽关系（gongkai report check）")
def check_report(request, payload: CheckIn):
    from gongkai.reports.domain.interchange import InterchangeError

    try:
        result = check_interchange(payload.report, payload.previous)
    except (InterchangeError, KeyError, TypeError, ValueError) as exc:
        message = _("不是交换格式的年度报告：%(problem)s") % {"problem": exc}
        raise ApiError(422, "not_interchange", message, [{"path": "body.report", "message": message}]) from None
    as_out = lambda f: FindingOut(level=f.level, code=f.code, message=f.message, cells=list(f.cells))  # noqa: E731
    return CheckOut(ok=not result["errors"], form=result["form"], year=result["year"],
                    agency=result["agency"] or "", errors=[as_out(f) for f in result["errors"]],
                    warnings=[as_out(f) for f in result["warnings"]])
