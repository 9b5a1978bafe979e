"""Bulk import of mailbox history (an earlier mailbox system's records, or the demo): one event per batch.

Each row is checked against the same rules the single-message services apply; one bad row refuses the batch.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.calendars.official import current_calendar
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.time import local_date
from gongkai.engagement.domain import mailbox as rules
from gongkai.engagement.models import Message
from gongkai.engagement.services import TRACKING_ALPHABET, hash_token, reply_working_days


@dataclass(frozen=True)
class MessageRow:
    agency: Agency
    channel: str
    category: str
    subject: str
    body: str
    received_at: dt.datetime
    department: Agency | None = None
    reply: str = ""
    replied_at: dt.datetime | None = None
    rating: str = ""
    consent_to_publish: bool = False
    public_question: str = ""
    public_answer: str = ""


def _problem(row: MessageRow) -> str:
    if not row.subject.strip() or not row.body.strip():
        return "标题和内容不能为空"
    rules.Channel(row.channel)
    rules.Category(row.category)
    if row.replied_at and not row.reply.strip():
        return "有答复时间但没有答复内容"
    if row.replied_at and row.replied_at < row.received_at:
        return "答复时间早于收到时间"
    if row.rating and not row.replied_at:
        return "未答复的来信不能有评价"
    if row.rating:
        rules.Rating(row.rating)
    if row.public_question and not (row.consent_to_publish and row.replied_at and row.public_answer):
        return "只有来信人同意公开且已答复的来信才能公开"
    if row.department and not row.department.path.startswith(row.agency.path):
        return "承办单位不属于受理机关"
    return ""


@transaction.atomic
def import_messages(*, actor, agency: Agency, rows: list[MessageRow], reason: str, is_demo: bool = False) -> int:
    calendar = current_calendar()
    days = reply_working_days()
    messages = []
    used_codes = set()
    for number, row in enumerate(rows, start=1):
        if not row.agency.path.startswith(agency.path):
            raise ValidationFailed(_("第 %(number)s 条：%(row_agency)s 不属于 %(agency)s"), code="engagement.row_elsewhere", number=number, row_agency=row.agency, agency=agency)
        if not can(actor, "engagement.handle", row.agency):
            raise NotAllowed(_("您无权导入该机关的来信"), action="engagement.handle")
        try:
            problem = _problem(row)
        except ValueError as exc:
            problem = f"取值无效（{exc}）"
        if problem:
            raise ValidationFailed(_("第 %(number)s 条：%(problem)s"), code="engagement.bad_row", number=number, problem=problem)
        received_on = local_date(row.received_at)
        replied_on = local_date(row.replied_at) if row.replied_at else None
        while True:
            code = "X" + received_on.strftime("%Y%m%d") + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(5))
            if code not in used_codes:
                used_codes.add(code)
                break
        status = rules.Status.REPLIED if replied_on else rules.Status.ACCEPTED
        messages.append(Message(
            agency=row.agency, department=row.department, tracking_code=code,
            token_hash=hash_token(secrets.token_urlsafe(24)), channel=row.channel, category=row.category,
            status=status.value, subject=row.subject.strip(), body=row.body.strip(),
            consent_to_publish=row.consent_to_publish, received_at=row.received_at, received_on=received_on,
            reply_due_on=rules.reply_due_on(received_on, calendar, days,
                                            count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY),
            accepted_on=received_on, reply=row.reply.strip(), replied_at=row.replied_at, replied_on=replied_on,
            closed_on=replied_on, rating=row.rating, rated_at=row.replied_at if row.rating else None,
            public_question=row.public_question, public_answer=row.public_answer,
            published_at=row.replied_at if row.public_question else None, is_demo=is_demo,
        ))
    try:
        with transaction.atomic():
            Message.objects.bulk_create(messages, batch_size=500)
    except IntegrityError as exc:
        raise ValidationFailed(_("导入的来信与已有记录冲突，未导入任何记录"), code="engagement.import_conflict") from exc
    record_event(actor=actor, obj=agency, action="message.imported", reason=reason,
                 payload={"count": len(messages)})
    return len(messages)
