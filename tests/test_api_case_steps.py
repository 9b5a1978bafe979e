"""Case steps through the API: the steps a token is offered, taking one through the cases services (the event
names the token), and the API's error statuses: 404 missing, 403 forbidden, 409 wrong state, 422 bad values."""

import datetime as dt

import pytest

from gongkai.cases import services
from gongkai.cases.models import Application
from gongkai.cases.tests.factories import walk_in
from gongkai.core.models import Event
from gongkai.core.time import local_today
from tests.api_helpers import call, token_for

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def accepted(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=local_today())
    return services.accept_application(actor=personas["handler_a"], app=app)


def _names(response):
    return [s["name"] for s in response.json()["steps"]]


def test_a_token_lists_the_steps_its_permissions_grant(client, personas, accepted):
    handling = token_for(personas.dept_a, "case.handle", name="承办系统")
    approving = token_for(personas.government, "case.approve", name="审批系统")   # reaches dept-a below it
    path = f"/applications/{accepted.tracking_code}/steps"
    listed = call(client, "get", path, handling)
    assert listed.status_code == 200
    body = listed.json()
    assert (body["tracking_code"], body["agency"], body["state"]) == (accepted.tracking_code, "dept-a", "accepted")
    assert _names(listed) == ["assign", "transfer", "decide", "withdraw"]
    assign = body["steps"][0]
    handler = next(f for f in assign["fields"] if f["name"] == "handler")
    assert handler["kind"] == "choice" and handler["required"]
    assert handler["choices"] == [{"value": str(personas["handler_a"].pk), "label": "handler_a"}]
    assert _names(call(client, "get", path, approving)) == ["extend", "set_reasonable_delay"]
    # the 查询码 is read as the public types it
    assert call(client, "get", path.lower(), handling).status_code == 200


def test_a_step_goes_through_the_service_and_its_event_names_the_token(client, personas, accepted):
    token = token_for(personas.dept_a, "case.handle", name="承办系统")
    path = f"/applications/{accepted.tracking_code}/steps/assign"
    response = call(client, "post", path, token, {"values": {"handler": personas["handler_a"].pk, "section": "一科"}})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "in_progress"
    assert "decide" in _names(response)
    accepted.refresh_from_db()
    assert (accepted.state, accepted.handler, accepted.section) == ("in_progress", personas["handler_a"], "一科")
    event = Event.objects.get(action="case.assigned", object_id=str(accepted.pk))
    assert event.actor_label == f"接口令牌 {event.payload['api_token']}（承办系统）"


def test_an_approval_recorded_by_a_token_has_no_user_as_approver(client, personas, accepted):
    token = token_for(personas.dept_a, "case.approve", name="审批系统")
    response = call(client, "post", f"/applications/{accepted.tracking_code}/steps/extend", token,
                    {"values": {"days": 15, "reason": "需要调取档案"}})
    assert response.status_code == 200, response.content
    accepted.refresh_from_db()
    assert (accepted.extension.days, accepted.extension.approved_by) == (15, None)
    assert Event.objects.get(action="case.extended").payload["api_token"]


def test_errors_are_404_403_409_and_422_with_field_paths(client, personas, accepted):
    token = token_for(personas.dept_a, "case.handle", "case.view", name="承办系统")
    other = token_for(personas.dept_b, "case.handle", "case.view", name="别的部门")
    viewer = token_for(personas.dept_a, "case.view", name="只读")
    code = accepted.tracking_code
    before = Event.objects.count()
    missing = call(client, "post", "/applications/NOSUCHCODE/steps/accept", token, {"values": {}})
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert call(client, "get", "/applications/NOSUCHCODE/steps", token).status_code == 404
    assert call(client, "get", f"/applications/{code}/steps", other).status_code == 403
    assert call(client, "post", f"/applications/{code}/steps/assign", other, {"values": {}}).status_code == 403
    refused = call(client, "post", f"/applications/{code}/steps/assign", viewer, {"values": {}})
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    wrong_state = call(client, "post", f"/applications/{code}/steps/close", token, {"values": {}})
    assert (wrong_state.status_code, wrong_state.json()["code"]) == (409, "invalid_transition")
    bad = call(client, "post", f"/applications/{code}/steps/assign", token, {"values": {"handler": 999999}})
    assert bad.status_code == 422
    assert [f["path"] for f in bad.json()["fields"]] == ["body.values.handler"]
    unknown = call(client, "post", f"/applications/{code}/steps/assign", token, {"values": {"colour": "red"}})
    assert (unknown.status_code, unknown.json()["fields"][0]["path"]) == (422, "body.values.colour")
    no_such_step = call(client, "post", f"/applications/{code}/steps/teleport", token, {"values": {}})
    assert no_such_step.status_code == 422
    assert Event.objects.count() == before
    assert Application.objects.get(pk=accepted.pk).state == "accepted"


def test_a_service_refusal_is_422_with_its_message_in_english(client, personas, accepted):
    token = token_for(personas.dept_a, "case.handle", name="承办系统")
    response = call(client, "post", f"/applications/{accepted.tracking_code}/steps/transfer", token,
                    {"values": {"to_agency": "dept-b", "reason": "   "}}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["fields"][0]["path"] == "body.values.reason"


def test_a_case_transferred_out_of_reach_answers_its_state_without_steps(client, personas, accepted):
    token = token_for(personas.dept_a, "case.handle", name="承办系统")
    response = call(client, "post", f"/applications/{accepted.tracking_code}/steps/transfer", token,
                    {"values": {"to_agency": "dept-b", "reason": "属教育局职责"}})
    assert response.status_code == 200, response.content
    assert (response.json()["agency"], response.json()["steps"]) == ("dept-b", [])
    assert call(client, "get", f"/applications/{accepted.tracking_code}/steps", token).status_code == 403


ODD_VALUES = ["", "9999-12-31", 10**12, "\x00"]


def test_odd_values_for_every_field_of_every_offered_step_are_refused_in_the_error_shape(client, personas, settings):
    settings.GONGKAI_API_RATE_LIMIT = 0
    from gongkai.cases.tests.factories import online

    handler = personas["handler_a"]
    token = token_for(personas.government, "case.view", "case.register", "case.handle", "case.approve",
                      name="办案系统")
    waiting = online(personas.dept_a)
    accepted = services.accept_application(actor=handler, app=walk_in(handler, personas.dept_a,
                                                                      arrived_on=local_today()))
    assigned = services.assign_handler(actor=handler, app=services.accept_application(
        actor=handler, app=walk_in(handler, personas.dept_a, arrived_on=local_today())), handler=handler)
    tried = set()
    for app in (waiting, accepted, assigned):
        listed = call(client, "get", f"/applications/{app.tracking_code}/steps", token).json()["steps"]
        for step in listed:
            for field in step["fields"]:
                for value in ODD_VALUES:
                    response = call(client, "post", f"/applications/{app.tracking_code}/steps/{step['name']}",
                                    token, {"values": {field["name"]: value}})
                    assert response.status_code in {200, 409, 422}, (step["name"], field["name"], value,
                                                                     response.content[:300])
                    if response.status_code != 200:
                        assert set(response.json()) == {"code", "message", "fields"}
                    tried.add(step["name"])
    assert {"confirm_receipt", "assign", "transfer", "decide", "extend", "start_consultation"} <= tried
