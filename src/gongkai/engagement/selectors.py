"""Readers of engagement records for other apps and the interfaces.

``period_figures`` is what the annual report reads; ``records_for_figure`` lists the records behind one
figure (the report's drill-down). Staff-facing readers decide what a user may see.
"""

import datetime as dt
from functools import lru_cache

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.selectors import subtree
from gongkai.calendars.official import current_calendar
from gongkai.core.domain.numbers import ascii_int
from gongkai.core.errors import NotAllowed
from gongkai.engagement import policy
from gongkai.engagement.domain import mailbox as rules
from gongkai.engagement.domain.facts import EngagementFigures, MessageFact
from gongkai.engagement.domain.figures import ALL_FIGURES, ARCHIVE_FIGURES, OUTREACH_FIGURES
from gongkai.engagement.domain.stats import MailboxStats, mean_working_days
from gongkai.engagement.models import (
    ArchiveRecord,
    Message,
    OutreachRecord,
    PeriodicalIssue,
    StaffingReport,
    Training,
)


def _mailbox_cohort(agency_ids, start, end) -> QuerySet:
    return Message.objects.filter(
        agency_id__in=agency_ids, received_on__gte=start, received_on__lte=end,
        channel__in=[c.value for c in rules.MAILBOX_SYSTEM_CHANNELS],
    )


def _figure_querysets(agency_ids, start: dt.date, end: dt.date) -> dict[str, QuerySet]:
    cohort = _mailbox_cohort(agency_ids, start, end)
    rated = cohort.filter(status=rules.Status.REPLIED.value).exclude(rating="")
    sets: dict[str, QuerySet] = {
        "mailbox_received": cohort,
        "mailbox_accepted": cohort.filter(accepted_on__isnull=False, accepted_on__lte=end),
        "mailbox_completed": cohort.filter(
            status__in=[s.value for s in rules.COMPLETED_STATUSES], closed_on__lte=end),
        "mailbox_rated": rated,
        "mailbox_satisfied": rated.filter(rating__in=[r.value for r in rules.SATISFIED_RATINGS]),
        "suggestions_and_complaints": Message.objects.filter(
            agency_id__in=agency_ids, received_on__gte=start, received_on__lte=end,
            channel=rules.Channel.LETTER.value,
            category__in=[c.value for c in rules.SUGGESTION_AND_COMPLAINT]),
        "periodical_issues": PeriodicalIssue.objects.filter(
            periodical__agency_id__in=agency_ids, published_on__gte=start, published_on__lte=end
        ).select_related("periodical"),
        "trainings": Training.objects.filter(agency_id__in=agency_ids, held_on__gte=start, held_on__lte=end),
        "disclosure_staff": _latest_staffing(agency_ids, end),
    }
    sets["periodical_copies"] = sets["periodical_issues"]
    sets["training_participants"] = sets["trainings"]
    sets["disclosure_staff_agencies"] = sets["disclosure_staff"].filter(people__gt=0)
    for figure, kind in OUTREACH_FIGURES.items():
        sets[figure] = OutreachRecord.objects.filter(
            agency_id__in=agency_ids, kind=kind.value, held_on__gte=start, held_on__lte=end)
    for figure, (kind, quantity) in ARCHIVE_FIGURES.items():
        sets[figure] = ArchiveRecord.objects.filter(
            agency_id__in=agency_ids, kind=kind.value, recorded_on__gte=start, recorded_on__lte=end,
            **{f"{quantity}__gt": 0})
    return sets


def _latest_staffing(agency_ids, end: dt.date) -> QuerySet:
    # Staffing is a stock, not a flow: each agency's latest report on or before the period's end counts.
    latest = StaffingReport.objects.filter(agency_id=OuterRef("agency_id"), as_of__lte=end).order_by(
        "-as_of").values("pk")[:1]
    return StaffingReport.objects.filter(agency_id__in=agency_ids, as_of__lte=end, pk=Subquery(latest))


def period_figures(*, agency_ids: list[int], start: dt.date, end: dt.date) -> EngagementFigures:
    """Every engagement figure for the agencies in ``agency_ids`` over [start, end], counted from records."""
    agency_ids = list(agency_ids)
    sets = _figure_querysets(agency_ids, start, end)
    cohort = sets["mailbox_received"].aggregate(
        received=Count("pk"),
        accepted=Count("pk", filter=Q(accepted_on__isnull=False, accepted_on__lte=end)),
        completed=Count("pk", filter=Q(status__in=[s.value for s in rules.COMPLETED_STATUSES],
                                       closed_on__lte=end)),
        rated=Count("pk", filter=Q(status=rules.Status.REPLIED.value) & ~Q(rating="")),
        satisfied=Count("pk", filter=Q(status=rules.Status.REPLIED.value,
                                       rating__in=[r.value for r in rules.SATISFIED_RATINGS])),
    )
    outreach = dict(
        OutreachRecord.objects.filter(agency_id__in=agency_ids, held_on__gte=start, held_on__lte=end)
        .values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    archive = {
        row["kind"]: row for row in ArchiveRecord.objects.filter(
            agency_id__in=agency_ids, recorded_on__gte=start, recorded_on__lte=end,
        ).values("kind").annotate(items=Sum("items"), volumes=Sum("volumes"), visitors=Sum("visitors"),
                                  pages=Sum("pages"))
    }
    issues: dict[str, int] = {}
    copies = 0
    for title, n, c in sets["periodical_issues"].values("periodical__title").annotate(
            n=Count("pk"), c=Sum("copies")).values_list("periodical__title", "n", "c").order_by(
            "periodical__title"):
        issues[title] = issues.get(title, 0) + n
        copies += c or 0
    training = sets["trainings"].aggregate(n=Count("pk"), people=Sum("participants"))
    staff = sets["disclosure_staff"].aggregate(total=Sum("people"), agencies=Count("pk", filter=Q(people__gt=0)))

    def archive_sum(figure: str) -> int:
        kind, quantity = ARCHIVE_FIGURES[figure]
        return (archive.get(kind.value) or {}).get(quantity) or 0

    return EngagementFigures(
        mailbox_received=cohort["received"],
        mailbox_accepted=cohort["accepted"],
        mailbox_completed=cohort["completed"],
        mailbox_rated=cohort["rated"],
        mailbox_satisfied=cohort["satisfied"],
        suggestions_and_complaints=sets["suggestions_and_complaints"].count(),
        concern_responses=outreach.get(OUTREACH_FIGURES["concern_responses"].value, 0),
        press_conferences=outreach.get(OUTREACH_FIGURES["press_conferences"].value, 0),
        online_interviews=outreach.get(OUTREACH_FIGURES["online_interviews"].value, 0),
        interpretations_of_normative=outreach.get(OUTREACH_FIGURES["interpretations_of_normative"].value, 0),
        other_interpretations=outreach.get(OUTREACH_FIGURES["other_interpretations"].value, 0),
        periodical_issues=issues,
        periodical_copies=copies,
        archive_items_appraised=archive_sum("archive_items_appraised"),
        archive_volumes_appraised=archive_sum("archive_volumes_appraised"),
        archive_visitors=archive_sum("archive_visitors"),
        archive_pages_copied=archive_sum("archive_pages_copied"),
        trainings=training["n"],
        training_participants=training["people"] or 0,
        disclosure_staff=staff["total"] or 0,
        disclosure_staff_agencies=staff["agencies"],
        archive_items_delivered=archive_sum("archive_items_delivered"),
    )


def records_for_figure(*, agency_ids: list[int], start: dt.date, end: dt.date, figure: str) -> QuerySet:
    """The records one figure of ``period_figures`` counts (for drill-down); ``figure`` is a field name."""
    if figure not in ALL_FIGURES:
        raise ValueError(f"unknown engagement figure {figure!r}")
    return _figure_querysets(list(agency_ids), start, end)[figure]


# Staff-facing readers -------------------------------------------------------------------------------------

def messages_for(user, action: str = "engagement.view") -> QuerySet:
    """Messages whose receiving agency or assigned department the user may view (``engagement.policy``)."""
    return Message.objects.filter(policy.messages_where(user, action)).select_related("agency", "department")


def access_message(user, message_id, action: str = "engagement.view") -> Message:
    """The door to one message, the same for every interface: ``Message.DoesNotExist`` when the id names no
    message (404), ``NotAllowed`` when the user may not do ``action`` to it (403)."""
    number = ascii_int(message_id, low=1)
    if number is None:
        raise Message.DoesNotExist(f"no message numbered {str(message_id)[:20]!r}")
    message = Message.objects.select_related("agency", "department").get(pk=number)
    if not policy.may(user, action, message):
        raise NotAllowed(_("您无权查看该来信"), action=action)
    return message


def open_messages_handled_by(user) -> QuerySet:
    """Open messages (待受理, 办理中) the user handles (the workbench's panel)."""
    return messages_for(user, "engagement.handle").filter(status__in=[s.value for s in rules.OPEN_STATUSES])


def message_departments(message) -> QuerySet:
    """The units a message may be assigned to (交办): its agency and the active agencies under it."""
    return subtree(message.agency).order_by("path")


def overdue_messages(*, today: dt.date) -> QuerySet:
    return Message.objects.filter(status__in=[s.value for s in rules.OPEN_STATUSES], reply_due_on__lt=today)


def inspection_risk_messages(*, today: dt.date) -> QuerySet:
    """Open messages older than the 3-month inspection limit (国办秘函〔2019〕19号)."""
    limit = rules.add_months(today, -rules.INSPECTION_MONTHS)
    return Message.objects.filter(status__in=[s.value for s in rules.OPEN_STATUSES], received_on__lt=limit)


def published_messages(agency) -> QuerySet:
    """What the public may see of a mailbox: the chosen Q&A, without personal data."""
    return Message.objects.filter(agency=agency, published_at__isnull=False).only(
        "tracking_code", "public_question", "public_answer", "published_at", "replied_on", "category",
        "received_on", "agency_id").order_by("-published_at")


def mailbox_facts(*, agency_ids: list[int], start: dt.date, end: dt.date) -> list[MessageFact]:
    """Mailbox-system items (web and hotline) received in the period, as plain facts without personal data."""
    rows = _mailbox_cohort(list(agency_ids), start, end).values_list(
        "pk", "agency_id", "department_id", "channel", "category", "status", "received_on", "reply_due_on",
        "closed_on", "replied_on", "rating").order_by("received_on", "pk")
    return [MessageFact(*row) for row in rows]


def mailbox_stats(*, agency_ids: list[int], start: dt.date, end: dt.date, by: str) -> dict[int, MailboxStats]:
    """Mailbox statistics per month of receipt (``by="month"``) or per handling unit (``by="unit"``: the
    assigned department, else the receiving agency), counted in the database over plain columns (no per-row
    date functions, which SQLite runs in Python). Working days are counted once per distinct (received,
    replied) pair, so the cost follows the calendar, not the number of messages."""
    if by not in {"month", "unit"}:
        raise ValueError("by must be month or unit")
    cohort = _mailbox_cohort(list(agency_ids), start, end)
    replied = Q(status=rules.Status.REPLIED.value, replied_on__isnull=False)
    counts = {
        "received": Count("pk"), "replied": Count("pk", filter=replied),
        "on_time": Count("pk", filter=replied & Q(replied_on__lte=F("reply_due_on"))),
        "rated": Count("pk", filter=replied & ~Q(rating="")),
        "satisfied": Count("pk", filter=replied & Q(rating__in=[r.value for r in rules.SATISFIED_RATINGS])),
    }
    group = ["received_on", "replied_on"] if by == "month" else ["department_id", "agency_id", "received_on",
                                                                   "replied_on"]
    totals: dict[int, list[int]] = {}
    pairs: dict[int, list] = {}
    for row in cohort.values(*group).annotate(**counts).order_by():
        key = row["received_on"].month if by == "month" else (row["department_id"] or row["agency_id"])
        total = totals.setdefault(key, [0, 0, 0, 0, 0])
        for i, name in enumerate(counts):
            total[i] += row[name]
        if row["replied"]:
            pairs.setdefault(key, []).append((row["received_on"], row["replied_on"], row["replied"]))
    counted = lru_cache(maxsize=None)(current_calendar().working_days_between)
    return {
        key: MailboxStats(received, replied_n, on_time, mean_working_days(pairs.get(key, []), counted), rated,
                          satisfied)
        for key, (received, replied_n, on_time, rated, satisfied) in totals.items()
    }
