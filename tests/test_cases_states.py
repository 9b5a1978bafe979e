"""The transition table of an application (pure)."""

import pytest

from gongkai.cases.domain.receipt import Channel, late_confirmation, receipt_date
from gongkai.cases.domain.states import (
    FINAL_STATES,
    OPEN_STATES,
    STEPS,
    State,
    available_steps,
    refusal,
    target_of,
)

S = State

ALLOWED = [
    ("confirm_receipt", S.REGISTERED, S.REGISTERED),
    ("request_correction", S.REGISTERED, S.CORRECTION_PENDING),
    ("receive_correction", S.CORRECTION_PENDING, S.ACCEPTED),
    ("accept", S.REGISTERED, S.ACCEPTED),
    ("assign", S.ACCEPTED, S.IN_PROGRESS),
    ("transfer", S.IN_PROGRESS, S.ACCEPTED),
    ("start_consultation", S.IN_PROGRESS, S.CONSULTATION),
    ("end_consultation", S.CONSULTATION, S.IN_PROGRESS),
    ("extend", S.CONSULTATION, S.CONSULTATION),
    ("issue_fee_notice", S.IN_PROGRESS, S.FEE_PENDING),
    ("record_payment", S.FEE_PENDING, S.IN_PROGRESS),
    ("decide", S.IN_PROGRESS, S.DECIDED),
    ("deliver", S.DECIDED, S.DELIVERED),
    ("close", S.DELIVERED, S.CLOSED),
    ("withdraw", S.FEE_PENDING, S.WITHDRAWN),
    ("abandon_no_correction", S.CORRECTION_PENDING, S.ABANDONED),
    ("abandon_unpaid", S.FEE_PENDING, S.ABANDONED),
]


@pytest.mark.parametrize(("step", "source", "target"), ALLOWED, ids=[a[0] for a in ALLOWED])
def test_allowed_steps(step, source, target):
    assert refusal(step, source) is None
    assert target_of(step, source) == target


REFUSED = [
    ("decide", S.CORRECTION_PENDING), ("decide", S.CONSULTATION), ("decide", S.FEE_PENDING),
    ("decide", S.DECIDED), ("deliver", S.IN_PROGRESS), ("close", S.DECIDED), ("withdraw", S.DECIDED),
    ("request_correction", S.ACCEPTED), ("issue_fee_notice", S.ACCEPTED), ("accept", S.CLOSED),
    ("abandon_unpaid", S.IN_PROGRESS),
]


@pytest.mark.parametrize(("step", "state"), REFUSED)
def test_refused_steps_say_why(step, state):
    message = refusal(step, state)
    assert message is not None and STEPS[step].label in message


def test_final_states_offer_nothing():
    for state in FINAL_STATES:
        assert available_steps(state) == []
    assert all(available_steps(state) for state in OPEN_STATES)


@pytest.mark.parametrize(("channel", "confirmed", "expected"), [
    (Channel.IN_PERSON, None, "2024-05-11"), (Channel.ORAL, None, "2024-05-11"),
    (Channel.SIGNED_POST, None, "2024-05-11"), (Channel.ONLINE, None, None), (Channel.ONLINE, "2024-05-13", "2024-05-13"),
    (Channel.FAX, "2024-05-13", "2024-05-13"), (Channel.EMAIL, None, None),
    (Channel.ORDINARY_POST, "2024-05-14", "2024-05-14"),
])
def test_receipt_date_by_channel(channel, confirmed, expected):
    import datetime as dt

    arrived = dt.date(2024, 5, 11)
    confirmed_on = dt.date.fromisoformat(confirmed) if confirmed else None
    result = receipt_date(channel, arrived_on=arrived, confirmed_on=confirmed_on)
    assert (result.isoformat() if result else None) == expected
    assert late_confirmation(Channel.ORDINARY_POST, arrived_on=arrived, confirmed_on=dt.date(2024, 5, 13))
    assert not late_confirmation(Channel.ONLINE, arrived_on=arrived, confirmed_on=dt.date(2024, 5, 13))
