"""The states of an application and the one table of allowed steps (条例 arts. 29–37, 45).

Each step is one service in ``cases.services`` and writes one event. ``None`` as a target keeps the state
(an extension or a reasonable delay changes the clock, not where the case stands).
"""

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.domain.errors import Message, gettext_noop


class State(StrEnum):
    REGISTERED = "registered"
    CORRECTION_PENDING = "correction_pending"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    CONSULTATION = "consultation"
    FEE_PENDING = "fee_pending"
    DECIDED = "decided"
    DELIVERED = "delivered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"


STATE_LABELS = {
    State.REGISTERED: "已登记",
    State.CORRECTION_PENDING: "待补正",
    State.ACCEPTED: "已受理",
    State.IN_PROGRESS: "办理中",
    State.CONSULTATION: "征求意见中",
    State.FEE_PENDING: "待缴费",
    State.DECIDED: "已作出答复",
    State.DELIVERED: "已送达",
    State.CLOSED: "已办结",
    State.WITHDRAWN: "已撤回",
    State.ABANDONED: "视为放弃",
}

# What the public status page says: the state without internal detail.
PUBLIC_STATE_LABELS = {
    **STATE_LABELS,
    State.CONSULTATION: "办理中（征求意见）",
}

OPEN_STATES = frozenset({
    State.REGISTERED, State.CORRECTION_PENDING, State.ACCEPTED, State.IN_PROGRESS, State.CONSULTATION,
    State.FEE_PENDING,
})
# Decided but not yet delivered/closed: the clock has stopped, the case is still on someone's desk.
CONCLUDED_STATES = frozenset({State.DECIDED, State.DELIVERED, State.CLOSED, State.WITHDRAWN, State.ABANDONED})
FINAL_STATES = frozenset({State.CLOSED, State.WITHDRAWN, State.ABANDONED})

_WORKING = frozenset({State.REGISTERED, State.ACCEPTED, State.IN_PROGRESS})


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset[State]
    target: State | None
    legal_basis: str = ""


def _step(name, label, sources, target, basis=""):
    return Step(name, label, frozenset(sources), target, basis)


STEPS: dict[str, Step] = {s.name: s for s in (
    _step("confirm_receipt", gettext_noop("确认收到申请"), {State.REGISTERED}, None, "《条例》第三十一条"),
    # 条例 art. 30: one notice only (一次性告知); the service refuses a second.
    _step("request_correction", gettext_noop("告知补正"), {State.REGISTERED}, State.CORRECTION_PENDING, "《条例》第三十条"),
    _step("receive_correction", gettext_noop("收到补正后的申请"), {State.CORRECTION_PENDING}, State.ACCEPTED, "《条例》第三十条"),
    _step("accept", gettext_noop("受理"), {State.REGISTERED}, State.ACCEPTED, "《条例》第三十三条"),
    _step("assign", gettext_noop("指定承办人"), {State.ACCEPTED, State.IN_PROGRESS}, State.IN_PROGRESS),
    _step("transfer", gettext_noop("转办"), {State.REGISTERED, State.ACCEPTED, State.IN_PROGRESS}, State.ACCEPTED,
          "《条例》第三十六条第（五）项"),
    _step("start_consultation", gettext_noop("征求意见"), {State.IN_PROGRESS}, State.CONSULTATION, "《条例》第三十二条、第三十四条"),
    _step("end_consultation", gettext_noop("收到意见或期满"), {State.CONSULTATION}, State.IN_PROGRESS, "《条例》第三十二条、第三十四条"),
    _step("extend", gettext_noop("延长答复期限"), {State.ACCEPTED, State.IN_PROGRESS, State.CONSULTATION}, None, "《条例》第三十三条第二款"),
    _step("set_reasonable_delay", gettext_noop("确定合理延迟答复期限"), {State.ACCEPTED, State.IN_PROGRESS, State.CONSULTATION}, None,
          "《条例》第三十五条"),
    _step("issue_fee_notice", gettext_noop("发出收费通知"), {State.IN_PROGRESS}, State.FEE_PENDING, "国办函〔2020〕109号"),
    _step("record_payment", gettext_noop("登记缴费"), {State.FEE_PENDING}, State.IN_PROGRESS, "国办函〔2020〕109号"),
    _step("decide", gettext_noop("作出答复决定"), _WORKING, State.DECIDED, "《条例》第三十六条"),
    _step("deliver", gettext_noop("送达"), {State.DECIDED}, State.DELIVERED, "《条例》第四十条；国办公开办函〔2016〕235号"),
    _step("close", gettext_noop("办结归档"), {State.DELIVERED}, State.CLOSED, "《条例》第四十五条"),
    _step("withdraw", gettext_noop("申请人撤回申请"), OPEN_STATES, State.WITHDRAWN),
    _step("abandon_no_correction", gettext_noop("逾期未补正，视为放弃"), {State.CORRECTION_PENDING}, State.ABANDONED, "《条例》第三十条"),
    _step("abandon_unpaid", gettext_noop("逾期未缴费，视为放弃"), {State.FEE_PENDING}, State.ABANDONED, "国办函〔2020〕109号"),
)}


def refusal(step_name: str, state: State) -> str | None:
    """Why ``step_name`` is impossible in ``state`` (a sentence for the person who tried), or None."""
    step = STEPS[step_name]
    if state in step.sources:
        return None
    allowed = "、".join(STATE_LABELS[s] for s in State if s in step.sources)
    return Message(gettext_noop("申请处于“%(state)s”状态，不能执行“%(step)s”（仅在%(allowed)s状态下可以）。"), state=STATE_LABELS[state], step=step.label, allowed=allowed)


def target_of(step_name: str, state: State) -> State:
    target = STEPS[step_name].target
    return state if target is None else target


def available_steps(state: State) -> list[str]:
    return [name for name, step in STEPS.items() if state in step.sources]
