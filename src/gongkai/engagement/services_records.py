"""The only writers of the work records: responses and interpretations, archive work, training, staffing and
periodicals. Each record is written with an event; ``import_records`` writes many at once (demo data and
bulk imports) with one event per batch.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import can
from gongkai.catalog.selectors import public_items
from gongkai.core.errors import NotAllowed, Sentences, ValidationFailed
from gongkai.core.events import record_event, snapshot
from gongkai.engagement.domain.records import ARCHIVE_QUANTITIES, ArchiveKind, OutreachKind
from gongkai.engagement.models import (
    ArchiveRecord,
    OutreachRecord,
    Periodical,
    PeriodicalIssue,
    StaffingReport,
    Training,
)

ART_25 = "《中华人民共和国政府信息公开条例》第二十五条"


def _require(actor, agency: Agency) -> None:
    if not can(actor, "engagement.handle", agency):
        raise NotAllowed(_("您无权登记该机关的工作记录"), action="engagement.handle")


def _save_valid(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(_("记录有误：%(problems)s"), code="engagement.invalid_record",
                               field=[k for k in exc.message_dict if k != "__all__"], problems=Sentences(
            f"{obj._meta.get_field(k).verbose_name if k != '__all__' else _('记录')}：{'，'.join(v)}"
            for k, v in exc.message_dict.items())) from exc
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationFailed(_("记录与已有记录冲突或数量不符合类型要求"), code="engagement.record_conflict") from exc


def _published_items(index_numbers: list[str]) -> list:
    wanted = [n.strip() for n in index_numbers if n and n.strip()]
    if not wanted:
        return []
    found = {item.index_number: item for item in public_items().filter(index_number__in=wanted)}
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise ValidationFailed(_("以下索引号没有对应的已公开信息：%(unknown)s"), code="engagement.unknown_index_numbers", unknown=unknown)
    return [found[n] for n in dict.fromkeys(wanted)]


@transaction.atomic
def record_outreach(*, actor, agency: Agency, kind: str, held_on: dt.date, topic: str, form: str = "",
                    url: str = "", notes: str = "", index_numbers: list[str] = (),
                    is_demo: bool = False) -> OutreachRecord:
    """Record a response, press conference, interview or interpretation, linked to the published items
    (by 索引号) it is about."""
    _require(actor, agency)
    items = _published_items(list(index_numbers))
    record = OutreachRecord(agency=agency, kind=OutreachKind(kind).value, held_on=held_on,
                            topic=(topic or "").strip(), form=form.strip(), url=url.strip(), notes=notes.strip(),
                            is_demo=is_demo)
    _save_valid(record)
    record.items.set(items)
    record_event(actor=actor, obj=record, action="outreach.recorded",
                 after={**snapshot(record, ["kind", "held_on", "topic", "form", "url"]),
                        "items": [item.index_number for item in items]})
    return record


@transaction.atomic
def record_archive_work(*, actor, agency: Agency, kind: str, recorded_on: dt.date, items: int = 0,
                        volumes: int = 0, visitors: int = 0, pages: int = 0, recipient: str = "", notes: str = "",
                        is_demo: bool = False) -> ArchiveRecord:
    _require(actor, agency)
    kind = ArchiveKind(kind)
    quantities = {"items": items, "volumes": volumes, "visitors": visitors, "pages": pages}
    stray = [name for name, value in quantities.items() if value and name not in ARCHIVE_QUANTITIES[kind]]
    if stray or not any(quantities[name] for name in ARCHIVE_QUANTITIES[kind]):
        raise ValidationFailed(_("数量与记录类型不符：鉴定填件、卷；查阅接待填人次；复制填页数；送交填件数和接收单位"), code="engagement.counts_mismatch")
    if kind is ArchiveKind.DELIVERY and not recipient.strip():
        raise ValidationFailed(_("请填写接收的档案馆或图书馆"), code="engagement.receiver_required")
    record = ArchiveRecord(agency=agency, kind=kind.value, recorded_on=recorded_on, recipient=recipient.strip(),
                           notes=notes.strip(), is_demo=is_demo, **quantities)
    _save_valid(record)
    record_event(actor=actor, obj=record, action="archive.recorded",
                 after=snapshot(record, ["kind", "recorded_on", *quantities, "recipient"]),
                 legal_basis=ART_25 if kind is ArchiveKind.DELIVERY else "")
    return record


@transaction.atomic
def record_training(*, actor, agency: Agency, held_on: dt.date, topic: str, participants: int,
                    hours: Decimal | None = None, notes: str = "", is_demo: bool = False) -> Training:
    _require(actor, agency)
    if not participants or participants < 1:
        raise ValidationFailed(_("参训人数应为正整数"), code="engagement.bad_attendance")
    training = Training(agency=agency, held_on=held_on, topic=(topic or "").strip(), participants=participants,
                        hours=hours, notes=notes.strip(), is_demo=is_demo)
    _save_valid(training)
    record_event(actor=actor, obj=training, action="training.recorded",
                 after=snapshot(training, ["held_on", "topic", "participants", "hours"]))
    return training


@transaction.atomic
def report_staffing(*, actor, agency: Agency, as_of: dt.date, people: int, full_time: int = 0,
                    is_demo: bool = False) -> StaffingReport:
    """Record how many people an agency engages in disclosure work on ``as_of`` (replaces a same-day report)."""
    _require(actor, agency)
    if people < 0 or full_time < 0 or full_time > people:
        raise ValidationFailed(_("人数应为非负整数，专职人数不能超过总人数"), code="engagement.bad_staffing")
    existing = StaffingReport.objects.select_for_update().filter(agency=agency, as_of=as_of).first()
    before = snapshot(existing, ["people", "full_time"]) if existing else None
    report = existing or StaffingReport(agency=agency, as_of=as_of, is_demo=is_demo)
    report.people, report.full_time = people, full_time
    _save_valid(report)
    record_event(actor=actor, obj=report, action="staffing.reported", before=before,
                 after={"as_of": as_of, "people": people, "full_time": full_time})
    return report


@transaction.atomic
def create_periodical(*, actor, agency: Agency, title: str, is_demo: bool = False) -> Periodical:
    _require(actor, agency)
    title = (title or "").strip().strip("《》")
    if not title:
        raise ValidationFailed(_("请填写刊名"), code="engagement.title_required")
    if Periodical.objects.filter(agency=agency, title=title).exists():
        raise ValidationFailed(_("《%(title)s》已登记"), code="engagement.periodical_exists", title=title)
    periodical = Periodical(agency=agency, title=title, is_demo=is_demo)
    _save_valid(periodical)
    record_event(actor=actor, obj=periodical, action="periodical.created", after={"title": title})
    return periodical


@transaction.atomic
def record_issue(*, actor, periodical: Periodical, number: str, published_on: dt.date, copies: int,
                 distributed_to: str = "", is_demo: bool = False) -> PeriodicalIssue:
    _require(actor, periodical.agency)
    number = (number or "").strip()
    if PeriodicalIssue.objects.filter(periodical=periodical, number=number).exists():
        raise ValidationFailed(_("%(periodical)s %(number)s 已登记"), code="engagement.issue_exists", periodical=periodical, number=number)
    issue = PeriodicalIssue(periodical=periodical, number=number, published_on=published_on, copies=copies,
                            distributed_to=distributed_to.strip(), is_demo=is_demo)
    _save_valid(issue)
    record_event(actor=actor, obj=issue, action="periodical.issue_recorded",
                 after=snapshot(issue, ["number", "published_on", "copies", "distributed_to"]))
    return issue


MODELS_FOR_IMPORT = {
    "outreach": OutreachRecord, "archive": ArchiveRecord, "training": Training, "staffing": StaffingReport,
    "issue": PeriodicalIssue,
}


@transaction.atomic
def import_records(*, actor, agency: Agency, kind: str, records: list, reason: str) -> int:
    """Write many records of one kind for ``agency``'s subtree in one go, with one event on the agency.

    Each record is validated as the single-record services validate it; one bad record refuses the batch.
    """
    model = MODELS_FOR_IMPORT[kind]
    for record in records:
        owner = record.periodical.agency if isinstance(record, PeriodicalIssue) else record.agency
        if not owner.path.startswith(agency.path):
            raise ValidationFailed(_("%(owner)s 不属于 %(agency)s"), code="engagement.owner_elsewhere", owner=owner, agency=agency)
        _require(actor, owner)
        try:
            record.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ValidationFailed(_("第 %(index)s 条记录有误：%(problem)s"), code="engagement.bad_row", index=records.index(record) + 1, problem=exc.messages[0]) from exc
    try:
        with transaction.atomic():
            model.objects.bulk_create(records, batch_size=500)
    except IntegrityError as exc:
        raise ValidationFailed(_("导入的记录与已有记录冲突或数量不符合类型要求，未导入任何记录"), code="engagement.import_conflict") from exc
    record_event(actor=actor, obj=agency, action=f"{kind}.imported", reason=reason,
                 payload={"model": model._meta.label, "count": len(records)})
    return len(records)
