"""What the applicant sees on their own page, once the tracking code and a one-time code have opened it: the
state and the statutory dates in plain words (a date resting on a year without an official holiday notice says
暂定), the letters and released files to download, the 补正 to answer, the fee and how to pay it."""

import datetime as dt
from dataclasses import dataclass

from gongkai.calendars.official import current_calendar
from gongkai.cases.clockfacts import deadline_of
from gongkai.cases.domain.clock import WindowKind
from gongkai.cases.domain.notices import PLAIN_RESULTS
from gongkai.cases.domain.results import Result
from gongkai.cases.domain.states import OPEN_STATES, PUBLIC_STATE_LABELS, State
from gongkai.cases.fee_payment import payment_details_for, payment_lines
from gongkai.cases.models import Application, CorrectionReplyFile, Letter, ReleasedFile
from gongkai.cases.selectors import PublicStep, _public_steps
from gongkai.core.events import events_for

# Letters addressed to someone else (the consulted third party or organ) are not the applicant's to download.
NOT_FOR_APPLICANT = {"consultation"}
PROVISIONAL_NOTE = "暂定：所涉年度的法定节假日安排尚未公布，公布后可能调整"


@dataclass(frozen=True)
class DateLine:
    label: str
    text: str
    provisional: bool = False


@dataclass(frozen=True)
class CorrectionView:
    items: str
    requested_on: dt.date
    due_on: dt.date | None
    provisional: bool
    submitted_on: dt.date | None
    accepted: bool
    may_answer: bool


@dataclass(frozen=True)
class FeeView:
    amount: str
    notice_on: dt.date
    due_on: dt.date
    provisional: bool
    state: str
    payment: tuple[str, ...]
    payment_url: str


@dataclass(frozen=True)
class ApplicantPage:
    app_id: int
    tracking_code: str
    agency_name: str
    agency_code: str
    state_label: str
    is_open: bool
    description: str
    dates: tuple[DateLine, ...]
    result: str
    correction: CorrectionView | None
    fee: FeeView | None
    letters: tuple[Letter, ...]
    files: tuple[ReleasedFile, ...]
    steps: tuple[PublicStep, ...]
    may_withdraw: bool
    remedies: str | None


def remedies_for(app: Application) -> str | None:
    """The remedies open to the applicant against the decision (行政复议、行政诉讼): the same text as the letters
    and the public guide, by the law in force on the decision date (``gongkai.cases.remedies``)."""
    from gongkai.cases.remedies import remedy_text

    return remedy_text(app) or None


def _on(day: dt.date) -> str:
    return day.strftime("%Y年%m月%d日")


def _dates(app: Application, calendar) -> list[DateLine]:
    lines = [DateLine("提交日期", _on(app.arrived_on))]
    if app.received_on is None:
        if State(app.state) in OPEN_STATES:
            lines.append(DateLine("收到申请之日", "待本机关确认收到申请；确认后开始计算答复期限"))
        return lines
    lines.append(DateLine("收到申请之日", _on(app.received_on)))
    if State(app.state) not in OPEN_STATES:
        return lines
    deadline = deadline_of(app, calendar)
    if deadline is None:
        return lines
    extension = getattr(app, "extension", None)
    if deadline.due_on is not None:
        provisional = deadline.provisional or calendar.range_is_provisional(deadline.start, deadline.due_on)
        text = f"本机关应于{_on(deadline.due_on)}前作出答复"
        if extension is not None:
            text += f"（已依法延长{extension.days}个工作日）"
        lines.append(DateLine("答复期限", text, provisional))
    elif State(app.state) == State.CORRECTION_PENDING:
        lines.append(DateLine("答复期限", "自本机关收到补正后的申请之日起重新计算"))
    else:
        used = f"已计{deadline.days_used}个工作日，" if deadline.days_used else ""
        if State(app.state) == State.FEE_PENDING:
            text = f"缴费期间不计入答复期限，{used}缴费后继续计算"
        else:
            text = f"征求意见期间不计入答复期限，{used}收到意见或期满后继续计算"
        lines.append(DateLine("答复期限", text))
    return lines


def _correction(app: Application, calendar) -> CorrectionView | None:
    correction = getattr(app, "correction", None)
    if correction is None:
        return None
    deadline = deadline_of(app, calendar)
    window = deadline.window(WindowKind.CORRECTION) if deadline else None
    reply = getattr(correction, "reply", None)
    return CorrectionView(
        items=correction.items, requested_on=correction.requested_on, due_on=window.due if window else None,
        provisional=bool(window and window.provisional), submitted_on=reply.submitted_on if reply else None,
        accepted=bool(reply and reply.accepted_at) or correction.received_on is not None,
        may_answer=app.state == State.CORRECTION_PENDING and reply is None)


def _fee(app: Application, calendar) -> FeeView | None:
    fee = getattr(app, "fee", None)
    if fee is None:
        return None
    if fee.paid_on:
        state = f"已于{_on(fee.paid_on)}缴纳 {fee.paid_amount} 元（财政票据号码 {fee.receipt_number}）"
    elif fee.lapsed_on:
        state = f"逾期未缴纳（缴费期限{_on(fee.payment_due_on)}已届满），视为放弃申请"
    else:
        state = f"待缴纳：请于{_on(fee.payment_due_on)}前缴纳；缴费后由本机关登记，登记后此处显示“已缴纳”"
    details = payment_details_for(app.agency)
    return FeeView(amount=str(fee.amount), notice_on=fee.notice_on, due_on=fee.payment_due_on,
                   provisional=calendar.range_is_provisional(fee.notice_on, fee.payment_due_on), state=state,
                   payment=tuple(payment_lines(details)), payment_url=details.payment_url if details else "")


def _result(app: Application) -> str:
    decision = getattr(app, "decision", None)
    if decision is None:
        return ""
    if app.state == State.WITHDRAWN:
        return f"您已于{_on(decision.decided_on)}撤回申请，本机关终止处理"
    return f"{PLAIN_RESULTS[Result(decision.result)]}（{_on(decision.decided_on)}）"


def applicant_page(app_id: int) -> ApplicantPage | None:
    app = (Application.objects.select_related("agency", "decision", "correction", "correction__reply", "extension",
                                              "fee").filter(pk=app_id).first())
    if app is None:
        return None
    calendar = current_calendar()
    state = State(app.state)
    return ApplicantPage(
        app_id=app.pk, tracking_code=app.tracking_code, agency_name=app.agency.name, agency_code=app.agency.code,
        state_label=PUBLIC_STATE_LABELS[state], is_open=state in OPEN_STATES, description=app.description,
        dates=tuple(_dates(app, calendar)), result=_result(app), correction=_correction(app, calendar),
        fee=_fee(app, calendar),
        letters=tuple(app.letters.exclude(kind__in=NOT_FOR_APPLICANT).order_by("issued_on", "id")),
        files=tuple(app.released_files.all()), steps=_public_steps(app), may_withdraw=state in OPEN_STATES,
        remedies=remedies_for(app) if getattr(app, "decision", None) else None,
    )


def opened_application(app_id: int) -> Application:
    """The application whose page the session opened (for the applicant's own steps)."""
    return Application.objects.select_related("agency").get(pk=app_id)


def applicant_letter(app_id: int, letter_id: int) -> Letter | None:
    return (Letter.objects.select_related("application__agency").exclude(kind__in=NOT_FOR_APPLICANT)
            .filter(pk=letter_id, application_id=app_id).first())


def applicant_file(app_id: int, file_id: int) -> ReleasedFile | None:
    return ReleasedFile.objects.filter(pk=file_id, application_id=app_id).first()


def online_correction(app: Application):
    """The applicant's online 补正 for the officer's case page, or None."""
    correction = getattr(app, "correction", None)
    return getattr(correction, "reply", None) if correction is not None else None


def correction_reply_file(file_id: int):
    return CorrectionReplyFile.objects.select_related("reply__correction__application__agency").filter(
        pk=file_id).first()


def notice_template_history(agency, limit: int = 30):
    """The saved versions of an agency's notice wording (each save is an event with before and after)."""
    return events_for(agency).filter(action="case.notice_template_saved").order_by("-id")[:limit]
