"""One table of who may take each step (``cases.domain.steps``): the services, the back office and the API
read it, so for every role and every state they agree on which steps a person or a token may take."""

import pytest

from gongkai.agencies.domain.roles import PERMISSIONS
from gongkai.backoffice.views_cases_steps import STEP_BUTTONS, offered_steps
from gongkai.cases import services, steps
from gongkai.cases.domain.states import STEPS, State, available_steps
from gongkai.cases.domain.steps import STEP_PERMISSIONS, staff_steps
from gongkai.cases.forms import STEP_FORMS
from gongkai.cases.tests.factories import online, walk_in
from gongkai.cases.transitions import require_step
from gongkai.core.errors import NotAllowed
from gongkai.core.time import local_today
from tests.api_helpers import call, token_for


def test_every_step_has_one_row_and_every_staff_step_its_form_runner_and_button():
    assert set(STEP_PERMISSIONS) == set(STEPS)
    assert all(action is None or action in PERMISSIONS for action in STEP_PERMISSIONS.values())
    assert set(STEP_FORMS) == set(steps.RUNNERS) == set(STEP_BUTTONS) == set(staff_steps())
    assert {name for name, action in STEP_PERMISSIONS.items() if action is None} == {
        "abandon_no_correction", "abandon_unpaid"}


def _cases(personas):
    handler = personas["handler_a"]
    waiting = online(personas.dept_a)                         # registered, receipt not yet confirmed
    registered = walk_in(handler, personas.dept_a, arrived_on=local_today())
    accepted = services.accept_application(actor=handler, app=walk_in(handler, personas.dept_a,
                                                                      arrived_on=local_today()))
    assigned = services.assign_handler(actor=handler, app=services.accept_application(
        actor=handler, app=walk_in(handler, personas.dept_a, arrived_on=local_today())), handler=handler)
    return [waiting, registered, accepted, assigned]


def _services_allow(actor, app) -> set[str]:
    """The steps the state allows whose service lets ``actor`` past its permission check."""
    allowed = set()
    for name in available_steps(State(app.state)):
        try:
            require_step(actor, name, app)
        except NotAllowed:
            continue
        allowed.add(name)
    return allowed


def _api_lists(client, app, token=None) -> set[str]:
    response = call(client, "get", f"/applications/{app.tracking_code}/steps", token)
    if response.status_code == 403:
        return set()
    assert response.status_code == 200, response.content[:200]
    return {s["name"] for s in response.json()["steps"]}


def _not_pointless(app, names: set[str]) -> set[str]:
    """What the case's facts leave of ``names`` (receipt already confirmed, no open consultation)."""
    return {n for n in names if not steps._pending(app, n)}


@pytest.mark.django_db
def test_services_back_office_and_api_agree_for_every_role(client, personas):
    cases = _cases(personas)
    assert [c.state for c in cases] == ["registered", "registered", "accepted", "in_progress"]
    seen = set()
    for name, user in personas.users.items():
        if user is None:
            continue
        client.force_login(user)
        for app in cases:
            office = {s.name for s in offered_steps(user, app)}
            assert office == _not_pointless(app, _services_allow(user, app)), (name, app.state)
            assert _api_lists(client, app) == office, (name, app.state)
            seen |= office
        client.logout()
    assert {"confirm_receipt", "accept", "assign", "extend", "decide", "start_consultation"} <= seen


@pytest.mark.django_db
@pytest.mark.parametrize("permission", ["case.view", "case.register", "case.handle", "case.approve"])
def test_a_token_is_offered_exactly_what_its_permission_lets_the_services_do(client, personas, permission):
    cases = _cases(personas)
    token = token_for(personas.government, permission, name="办案系统")
    from gongkai.agencies.api_tokens import authenticate_token

    actor = authenticate_token(token)
    for app in cases:
        expected = _not_pointless(app, _services_allow(actor, app))
        assert {n for n in expected if STEP_PERMISSIONS[n] != permission} == set()
        assert _api_lists(client, app, token) == expected, app.state
