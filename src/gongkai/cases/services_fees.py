"""信息处理费: the fee notice (one method per application), payment with the fiscal receipt number."""

import datetime as dt
from decimal import InvalidOperation

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from gongkai.calendars.official import current_calendar
from gongkai.cases.conf import clock_settings
from gongkai.cases.domain.clock import PAYMENT_WINDOW_DAYS
from gongkai.cases.domain.fees import BASIS, FEE_METHOD_LABELS, FeeMethod, Quote, quote_pages, quote_pieces
from gongkai.cases.domain.notices import NoticeEvent
from gongkai.cases.fee_payment import payment_text
from gongkai.cases.models import Application, Fee
from gongkai.cases.notify import notify_with_letter
from gongkai.cases.transitions import check_step, locked, move, require_step
from gongkai.core.domain.money import yuan
from gongkai.core.errors import ValidationFailed
from gongkai.core.time import local_today


def pieces_before(app: Application) -> int:
    """The applicant's pieces with this agency earlier in the same calendar month (art. 4: running count)."""
    received = app.received_on
    month_start = received.replace(day=1)
    earlier = (Application.objects.filter(applicant_key=app.applicant_key, agency_id=app.agency_id,
                                          received_on__gte=month_start)
               .filter(Q(received_on__lt=received) | Q(received_on=received, pk__lt=app.pk)))
    return earlier.aggregate(n=Sum("pieces"))["n"] or 0


def quote_for(app: Application, method: str, *, pages: int | None = None) -> Quote:
    if method == FeeMethod.PER_PIECE:
        return quote_pieces(app.pieces, already_this_month=pieces_before(app))
    if method == FeeMethod.PER_VOLUME:
        if not pages or pages < 1:
            raise ValidationFailed(_("按量计收请填写页数（正整数）。"), code="cases.pages_required")
        return quote_pages(pages)
    raise ValidationFailed(_("请选择计收方式：按件计收或按量计收。"), code="cases.fee_basis_required")


@transaction.atomic
def issue_fee_notice(*, actor, app: Application, method: str, pages: int | None = None,
                     on: dt.date | None = None) -> Fee:
    require_step(actor, "issue_fee_notice", app)
    app = locked(app)
    existing = Fee.objects.filter(application=app).first()
    if existing is not None:
        label = FEE_METHOD_LABELS[FeeMethod(existing.method)]
        raise ValidationFailed(_("该申请已按“%(label)s”发出收费通知；每件申请只能采用一种计收方式，且只发一次收费通知（国办函〔2020〕109号第三条）。"), code="cases.fee_notice_sent", label=label)
    check_step(app, "issue_fee_notice")
    on = on or local_today()
    if on > local_today() or on < app.received_on:
        raise ValidationFailed(_("收费通知日期应在收到申请之日和今天之间。"), code="cases.notice_date_out_of_range")
    if app.reply_due_on and on > app.reply_due_on:
        raise ValidationFailed(_("收费通知应在答复期限内发出。"), code="cases.notice_after_due")
    quote = quote_for(app, method, pages=pages)
    if quote.total <= 0:
        raise ValidationFailed(_("按所选方式计算应收金额为 0 元（在免费额度内），无需发出收费通知。"), code="cases.fee_zero")
    due = current_calendar().add_working_days(on, PAYMENT_WINDOW_DAYS,
                                              count_from_next_day=clock_settings().count_from_next_day).due
    per_piece = quote.method == FeeMethod.PER_PIECE
    fee = Fee.objects.create(
        application=app, method=quote.method, pages=None if per_piece else pages,
        pieces=app.pieces if per_piece else None, first_piece=(quote.lines[0].first if per_piece else None),
        quote_lines=[line.text for line in quote.lines], amount=quote.total, notice_on=on, payment_due_on=due,
    )
    move(app, "issue_fee_notice", actor=actor, event_action="case.fee_notice_issued",
         payload={"method": quote.method.value, "amount": quote.total, "payment_due_on": due,
                  "lines": fee.quote_lines},
         letter={"kind": "fee", "on": on, "values": {
             "收费金额": str(quote.total), "计费明细": "\n".join(fee.quote_lines),
             "缴费期限": due.strftime("%Y年%m月%d日"), "法律依据": BASIS,
             "缴费方式": payment_text(app.agency)}})
    notify_with_letter(app, NoticeEvent.FEE_NOTICE, 收费金额=quote.total)
    return fee


@transaction.atomic
def record_payment(*, actor, app: Application, paid_on: dt.date, receipt_number: str, amount) -> Fee:
    require_step(actor, "record_payment", app)
    app = locked(app)
    check_step(app, "record_payment")
    fee = Fee.objects.select_for_update().get(application=app)
    try:
        paid = yuan(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationFailed(_("请填写正确的金额。"), code="cases.bad_amount") from None
    if paid != fee.amount:
        raise ValidationFailed(_("实收金额应与收费通知金额 %(fee_amount)s 元一致。"), code="cases.amount_mismatch", fee_amount=fee.amount)
    if not receipt_number.strip():
        raise ValidationFailed(_("请填写财政票据号码。"), code="cases.receipt_number_required")
    if paid_on < fee.notice_on or paid_on > local_today():
        raise ValidationFailed(_("缴费日期应在收费通知日期和今天之间。"), code="cases.paid_out_of_range")
    if paid_on > fee.payment_due_on:
        raise ValidationFailed(_("缴费期限已于 %(date)s 届满。"), code="cases.payment_period_over", date=fee.payment_due_on.isoformat())
    fee.paid_on, fee.paid_amount, fee.receipt_number = paid_on, paid, receipt_number.strip()
    fee.save(update_fields=["paid_on", "paid_amount", "receipt_number", "updated_at"])
    move(app, "record_payment", actor=actor, event_action="case.fee_paid",
         payload={"paid_on": paid_on, "amount": paid, "receipt_number": fee.receipt_number})
    return fee
