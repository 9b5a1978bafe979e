"""Who may take each step of an application: one table beside the transitions it guards (``states.STEPS``).

Each step names the action of ``agencies.domain.roles.PERMISSIONS`` that grants it. The cases services check it
(``cases.transitions.require_step``), the back office offers a step only to those it grants, and the API scopes a
token by the same action — so the three cannot disagree. ``None`` marks the steps only the system takes (the
timers: 逾期未补正、逾期未缴费视为放弃); no person or token is offered them.
"""

from dataclasses import dataclass

from gongkai.cases.domain.states import STEPS, Step

REGISTER = "case.register"   # 登记、确认收到 (《条例》第三十一条)
HANDLE = "case.handle"       # the handler's steps
APPROVE = "case.approve"     # 延期、合理延迟: the approver's decision (《条例》第三十三条第二款、第三十五条)

STEP_PERMISSIONS: dict[str, str | None] = {
    "confirm_receipt": REGISTER,
    "request_correction": HANDLE,
    "receive_correction": HANDLE,
    "accept": HANDLE,
    "assign": HANDLE,
    "transfer": HANDLE,
    "start_consultation": HANDLE,
    "end_consultation": HANDLE,
    "extend": APPROVE,
    "set_reasonable_delay": APPROVE,
    "issue_fee_notice": HANDLE,
    "record_payment": HANDLE,
    "decide": HANDLE,
    "deliver": HANDLE,
    "close": HANDLE,
    "withdraw": HANDLE,
    "abandon_no_correction": None,
    "abandon_unpaid": None,
}


@dataclass(frozen=True)
class GuardedStep:
    step: Step
    permission: str | None

    @property
    def name(self) -> str:
        return self.step.name


GUARDED_STEPS: dict[str, GuardedStep] = {name: GuardedStep(STEPS[name], STEP_PERMISSIONS[name]) for name in STEPS}


def permission_for(step_name: str) -> str | None:
    """The action that grants ``step_name`` (KeyError for a step that does not exist)."""
    return GUARDED_STEPS[step_name].permission


def staff_steps() -> list[str]:
    """The steps a person or an integration may take (in the order of ``STEPS``)."""
    return [name for name, guarded in GUARDED_STEPS.items() if guarded.permission is not None]
