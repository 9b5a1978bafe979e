"""One access rule per object, the same from every interface: a missing case, appeal, report or report
snapshot is 404, one the caller may not see 403 — from the back office and from the API alike."""


import pytest
from django.urls import reverse

from gongkai.cases import services
from gongkai.cases.services_appeals import record_appeal
from gongkai.cases.tests.factories import walk_in
from gongkai.core.time import local_today
from gongkai.reports.services import generate_report
from tests.api_helpers import call, token_for

pytestmark = pytest.mark.django_db
MISSING = 10**9


@pytest.fixture
def case(personas):
    app = walk_in(personas["handler_a"], personas.dept_a, arrived_on=local_today())
    return services.accept_application(actor=personas["handler_a"], app=app)


@pytest.fixture
def report(personas, case):
    return generate_report(actor=personas["publisher"], agency=personas.dept_a, year=2024)


def _as(client, user):
    client.force_login(user)
    return client


def test_a_case_is_404_when_missing_and_403_when_forbidden_in_both_interfaces(client, personas, case):
    handler, outsider = personas["handler_a"], personas["editor_b"]
    office = {pk: reverse("backoffice:case_detail", kwargs={"pk": pk}) for pk in (case.pk, MISSING)}
    assert _as(client, handler).get(office[MISSING]).status_code == 404
    assert _as(client, outsider).get(office[case.pk]).status_code == 403
    # the API: by session (the back office's own scripts) and by token
    assert call(_as(client, handler), "get", "/applications/NOSUCHCODE/steps").status_code == 404
    assert call(_as(client, outsider), "get", f"/applications/{case.tracking_code}/steps").status_code == 403
    client.logout()
    elsewhere = token_for(personas.dept_b, "case.view", "case.handle")
    assert call(client, "get", "/applications/NOSUCHCODE/steps", elsewhere).status_code == 404
    assert call(client, "get", f"/applications/{case.tracking_code}/steps", elsewhere).status_code == 403


def test_an_appeal_is_404_when_missing_and_403_when_forbidden(client, personas, case):
    appeal = record_appeal(actor=personas["handler_a"], agency=case.agency, application=case,
                           kind="reconsideration", body="测试区人民政府", filed_on=local_today())
    data = {"outcome": "upheld", "decided_on": local_today().isoformat()}
    outcome = lambda pk: reverse("backoffice:appeal_outcome", kwargs={"pk": pk})  # noqa: E731
    assert _as(client, personas["handler_a"]).post(outcome(MISSING), data).status_code == 404
    assert _as(client, personas["editor_b"]).post(outcome(appeal.pk), data).status_code == 403


@pytest.mark.parametrize("page", ["backoffice:report_detail", "backoffice:report_records"])
def test_a_report_and_its_snapshot_are_404_when_missing_and_403_when_forbidden(client, personas, report, page):
    assert _as(client, personas["publisher"]).get(reverse(page, args=[MISSING])).status_code == 404
    assert _as(client, personas["editor_b"]).get(reverse(page, args=[report.pk])).status_code == 403


def test_the_api_reads_a_report_snapshot_under_the_same_rule(client, personas, report):
    assert call(_as(client, personas["publisher"]), "get", f"/staff/reports/{MISSING}").status_code == 404
    assert call(_as(client, personas["editor_b"]), "get", f"/staff/reports/{report.pk}").status_code == 403
    client.logout()
    token = token_for(personas.government, "report.view")
    assert call(client, "get", f"/staff/reports/{MISSING}", token).status_code == 404
    assert call(client, "get", f"/staff/reports/{report.pk}", token_for(personas.dept_b, "report.view")
                ).status_code == 403
    body = call(client, "get", f"/staff/reports/{report.pk}", token).json()
    assert (body["agency"], body["year"], body["status"]) == ("dept-a", 2024, "draft")
    assert [a["code"] for a in body["scope"]] == ["dept-a"]
    assert body["tables"]["form"] == body["form"]
    assert {f["code"] for f in body["findings"]} == {f["code"] for f in report.snapshot["findings"]}
