"""The statutory clock of an application, derived from what happened to it. Pure: the caller passes the facts,
the working calendar and the settings; nothing is stored here.

- 《条例》(2019) art. 33: reply within 20 working days of receipt; one extension of at most 20 working days with
  the approval of the head of the disclosure office and a notice to the applicant; time spent consulting third
  parties (art. 32) and other organs (art. 34) is not counted.
- art. 30: the 补正 notice is due within 7 working days of receipt; the reply period runs afresh from the day
  the corrected application arrives.
- art. 35: for excessive requests with a reasonable cause the organ may fix a reasonable later date.
- 国办函〔2020〕109号: 20 working days to pay a fee notice; whether the reply clock stops meanwhile is
  UNCONFIRMED (spec §4), a setting whose default is "stopped".
- 《条例》(2007) art. 24, for applications received before 2019-05-15: 15 + 15 working days; only third-party
  consultation time is excluded.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai.calendars.domain.workdays import WEEKDAY_NAMES, WorkCalendar
from gongkai.core.domain.errors import Message, gettext_noop

REVISION_IN_FORCE = dt.date(2019, 5, 15)  # 国务院令第711号 art. 56
CORRECTION_NOTICE_DAYS = 7                # art. 30
CONSULTATION_WINDOW_DAYS = 15             # arts. 32, 34
PAYMENT_WINDOW_DAYS = 20                  # 国办函〔2020〕109号 (provincial restatements)
_MAX_WALK_DAYS = 3 * 366


class Regime(StrEnum):
    R2019 = "2019"
    R2008 = "2008"


class PauseKind(StrEnum):
    THIRD_PARTY = "third_party"
    OTHER_ORGAN = "other_organ"
    FEE = "fee"


PAUSE_LABELS = {
    PauseKind.THIRD_PARTY: "征求第三方意见",
    PauseKind.OTHER_ORGAN: "征求其他机关意见",
    PauseKind.FEE: "收费通知至缴费",
}


@dataclass(frozen=True)
class RegimeRule:
    label: str
    base_days: int
    max_extension_days: int
    excluded: frozenset[PauseKind]
    correction_notice_days: int | None
    basis: str


RULES = {
    Regime.R2019: RegimeRule("《条例》（2019年修订）", 20, 20, frozenset({PauseKind.THIRD_PARTY, PauseKind.OTHER_ORGAN}),
                             CORRECTION_NOTICE_DAYS, "《条例》第三十三条"),
    Regime.R2008: RegimeRule("《条例》（2007年公布，适用于2019年5月15日前收到的申请）", 15, 15,
                             frozenset({PauseKind.THIRD_PARTY}), None, "原《条例》第二十四条"),
}


def regime_for(received_on: dt.date) -> Regime:
    return Regime.R2019 if received_on >= REVISION_IN_FORCE else Regime.R2008


def extension_problem(received_on: dt.date, days: int) -> str | None:
    rule = RULES[regime_for(received_on)]
    if days < 1 or days > rule.max_extension_days:
        return Message(gettext_noop("延长期限应为 1 至 %(most)s 个工作日（%(basis)s）。"), most=rule.max_extension_days, basis=rule.basis)
    return None


@dataclass(frozen=True)
class Pause:
    kind: PauseKind
    start: dt.date            # the day the letter or notice went out; excluded time begins the day after
    end: dt.date | None       # the day the answer (or payment) came in, inclusive; None while waiting
    party: str = ""


@dataclass(frozen=True)
class ClockFacts:
    received_on: dt.date
    correction_requested_on: dt.date | None = None
    correction_period_days: int = 0
    correction_received_on: dt.date | None = None
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0
    delay_until: dt.date | None = None


@dataclass(frozen=True)
class ClockSettings:
    count_from_next_day: bool = True
    fee_pauses_clock: bool = True


@dataclass(frozen=True)
class DayMark:
    day: dt.date
    kind: str                 # "count", "skip" (weekend/holiday) or a PauseKind value
    ordinal: int | None       # 1..N for counted working days
    reason: str
    provisional: bool
    working: bool             # a working day of the calendar (counted, or excluded by a pause)

    def line(self) -> str:
        weekday = f"周{WEEKDAY_NAMES[self.day.weekday()]}"
        mark = "（暂定）" if self.provisional else ""
        if self.ordinal is not None:
            return f"{self.day.isoformat()} {weekday} 第{self.ordinal}个工作日 {self.reason}{mark}"
        return f"{self.day.isoformat()} {weekday} 不计：{self.reason}{mark}"


@dataclass(frozen=True)
class Segment:
    kind: str
    label: str
    start: dt.date
    end: dt.date
    working_days: int         # counted days for "count", excluded working days for a pause


class WindowKind(StrEnum):
    """What a window is for: code finds windows by this, never by the label people read."""

    CORRECTION_NOTICE = "correction_notice"     # 补正告知期限 (art. 30)
    CORRECTION = "correction"                   # 补正期限
    PAYMENT = "payment"                         # 缴费期限
    CONSULTATION = "consultation"               # 征求意见答复期限 (arts. 32, 34)


@dataclass(frozen=True)
class Window:
    kind: WindowKind
    label: str
    start: dt.date
    days: int
    due: dt.date
    provisional: bool
    closed_on: dt.date | None = None

    @property
    def late(self) -> bool:
        return self.closed_on is not None and self.closed_on > self.due


@dataclass(frozen=True)
class Deadline:
    regime: Regime
    start: dt.date | None     # the day the reply period runs from (receipt or corrected application)
    total_days: int
    due_on: dt.date | None    # None while the clock waits (补正 outstanding, a pause still open)
    provisional: bool
    waiting: str = ""
    days_used: int = 0
    marks: tuple[DayMark, ...] = field(default=(), repr=False)
    segments: tuple[Segment, ...] = ()
    windows: tuple[Window, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def skipped(self) -> tuple[DayMark, ...]:
        return tuple(m for m in self.marks if m.ordinal is None)

    def working_days_left(self, calendar: WorkCalendar, today: dt.date) -> int | None:
        """Working days from today to the due date; 0 on the due date, negative once overdue."""
        if self.due_on is None:
            return None
        return calendar.working_days_between(today, self.due_on)

    def window(self, kind: WindowKind) -> Window | None:
        """The first window of this kind (there is one of each, except consultations: one per party)."""
        return next((w for w in self.windows if w.kind == kind), None)


def _window(calendar, kind, label, start, days, settings, closed_on=None) -> Window:
    result = calendar.add_working_days(start, days, count_from_next_day=settings.count_from_next_day)
    return Window(kind, label, start, days, result.due, result.provisional, closed_on)


def _windows(facts: ClockFacts, rule: RegimeRule, calendar: WorkCalendar, settings: ClockSettings) -> list[Window]:
    windows = []
    if rule.correction_notice_days is not None:
        windows.append(_window(calendar, WindowKind.CORRECTION_NOTICE, "补正告知期限", facts.received_on, rule.correction_notice_days, settings,
                               facts.correction_requested_on))
    if facts.correction_requested_on and facts.correction_period_days:
        windows.append(_window(calendar, WindowKind.CORRECTION, "补正期限", facts.correction_requested_on, facts.correction_period_days,
                               settings, facts.correction_received_on))
    for pause in facts.pauses:
        if pause.kind == PauseKind.FEE:
            windows.append(_window(calendar, WindowKind.PAYMENT, "缴费期限", pause.start, PAYMENT_WINDOW_DAYS, settings, pause.end))
        elif not (pause.kind == PauseKind.THIRD_PARTY and rule is RULES[Regime.R2008]):
            # The 2007 text fixed no reply period for third parties (spec §2); arts. 32/34 give 15 days.
            who = f"（{pause.party}）" if pause.party else ""
            windows.append(_window(calendar, WindowKind.CONSULTATION, f"{PAUSE_LABELS[pause.kind]}答复期限{who}", pause.start,
                                   CONSULTATION_WINDOW_DAYS, settings, pause.end))
    return windows


def _segments(marks: list[DayMark]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for mark in marks:
        kind = "count" if mark.kind in ("count", "skip") else mark.kind
        extra = 1 if mark.working else 0
        if segments and segments[-1].kind == kind:
            last = segments[-1]
            segments[-1] = Segment(kind, last.label, last.start, mark.day, last.working_days + extra)
        else:
            label = "计入答复期限" if kind == "count" else f"{PAUSE_LABELS[PauseKind(kind)]}期间（不计入）"
            segments.append(Segment(kind, label, mark.day, mark.day, extra))
    return tuple(segments)


def compute_deadline(facts: ClockFacts, calendar: WorkCalendar, settings: ClockSettings = ClockSettings()) -> Deadline:
    regime = regime_for(facts.received_on)
    rule = RULES[regime]
    windows = tuple(_windows(facts, rule, calendar, settings))
    notes: list[str] = [f"适用{rule.label}：{rule.base_days}个工作日，延长不超过{rule.max_extension_days}个工作日（{rule.basis}）"]
    for w in windows:
        if w.late:
            notes.append(f"{w.label}已逾期：届满日 {w.due.isoformat()}，实际 {w.closed_on.isoformat()}")
    total = rule.base_days + facts.extension_days
    if facts.extension_days:
        notes.append(f"经批准延长 {facts.extension_days} 个工作日")
    window_provisional = any(w.provisional for w in windows)

    if facts.correction_requested_on and not facts.correction_received_on:
        return Deadline(regime, None, total, None, window_provisional,
                        waiting="待补正：答复期限自收到补正后的申请之日起重新计算（《条例》第三十条）",
                        windows=windows, notes=tuple(notes))

    start = facts.correction_received_on or facts.received_on
    if facts.correction_received_on:
        notes.append(f"收到补正后的申请（{start.isoformat()}），答复期限重新计算")
    excluded = set(rule.excluded)
    if settings.fee_pauses_clock and regime == Regime.R2019:
        excluded.add(PauseKind.FEE)
    for pause in facts.pauses:
        if pause.kind not in excluded:
            notes.append(f"{PAUSE_LABELS[pause.kind]}期间按{rule.label}计入答复期限")
    pauses = [p for p in facts.pauses if p.kind in excluded]

    marks: list[DayMark] = []
    counted = 0
    due: dt.date | None = None
    waiting = ""
    day = start + dt.timedelta(days=1) if settings.count_from_next_day else start
    for _ in range(_MAX_WALK_DAYS):
        status = calendar.status(day)
        pause = next((p for p in pauses if p.start < day and (p.end is None or day <= p.end)), None)
        if pause is not None:
            if pause.end is None:
                waiting = f"{PAUSE_LABELS[pause.kind]}中（{pause.start.isoformat()}起），期间不计入答复期限"
                break
            reason = f"{PAUSE_LABELS[pause.kind]}期间，{status.reason}"
            marks.append(DayMark(day, pause.kind.value, None, reason, status.provisional, status.working))
        elif status.working:
            counted += 1
            marks.append(DayMark(day, "count", counted, status.reason, status.provisional, True))
            if counted == total:
                due = day
                break
        else:
            marks.append(DayMark(day, "skip", None, status.reason, status.provisional, False))
        day += dt.timedelta(days=1)

    if facts.delay_until is not None:
        notes.append(f"依《条例》第三十五条确定合理延迟答复期限至 {facts.delay_until.isoformat()}")
        due, waiting = facts.delay_until, ""
    provisional = window_provisional or any(m.provisional for m in marks) or (
        due is not None and calendar.range_is_provisional(start, due))
    return Deadline(regime, start, total, due, provisional, waiting, counted, tuple(marks), _segments(marks),
                    windows, tuple(notes))


def explain(deadline: Deadline) -> list[str]:
    """The "how this date was computed" text: rule, start, each segment, each day not counted, the result."""
    lines = list(deadline.notes)
    if deadline.start is not None:
        lines.append(f"起算日 {deadline.start.isoformat()}，共需 {deadline.total_days} 个工作日")
    for seg in deadline.segments:
        unit = "计入" if seg.kind == "count" else "不计入"
        lines.append(f"{seg.start.isoformat()} 至 {seg.end.isoformat()}：{seg.label}，{unit} {seg.working_days} 个工作日")
    for mark in deadline.skipped:
        lines.append(mark.line())
    if deadline.due_on:
        lines.append(f"答复期限届满日 {deadline.due_on.isoformat()}" + ("（暂定）" if deadline.provisional else ""))
    else:
        lines.append(deadline.waiting)
    return lines
