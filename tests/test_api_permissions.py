"""The token × operation matrix: every operation that needs a credential, called by a token that lacks the
permission, by one that holds it for another agency, and without a credential — 0 leaks (no 2xx, nothing
written) — and then by the token that may, which succeeds. The operations are read from the served OpenAPI, so
a new write without a row here fails this test."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.domain.roles import PERMISSIONS
from gongkai.core.actors import System
from gongkai.core.models import Event
from gongkai.engagement.services import submit_message
from tests.api_helpers import API, call, token_for
from tests.catalog_helpers import draft, published, ready
from tests.test_api_writes import APPLICANT, ITEM

ITEM_STEPS = {"item.view", "item.edit", "item.submit", "item.review", "item.secrecy_review", "item.publish"}


def _submitted(personas):
    from gongkai.catalog import services

    return services.submit_item(actor=personas["editor_a"], item=draft(personas))


def _reviewed(personas):
    from gongkai.catalog import services

    return services.review_item(actor=personas["reviewer_a"], item=_submitted(personas))


def _case(personas):
    from gongkai.cases.tests.factories import walk_in
    from gongkai.core.time import local_today

    return walk_in(personas["handler_a"], personas.dept_a, arrived_on=local_today()).tracking_code


def _report(personas):
    from gongkai.reports.services import generate_report

    return generate_report(actor=personas["publisher"], agency=personas.dept_a, year=2024)


CASE_ACTIONS = {"case.view", "case.register", "case.handle", "case.approve"}


def _message(personas):
    return submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult", subject="问题",
                          body="请问预算何时公开？")[0]


# (method, path template, permissions any of which grants it, object maker, body)
MATRIX = [
    ("post", "/items", {"item.edit"}, None, ITEM),
    ("get", "/staff/items/{id}", ITEM_STEPS, draft, None),
    ("patch", "/items/{id}", {"item.edit"}, draft, {"summary": "改"}),
    ("post", "/items/{id}/submit", {"item.submit"}, draft, None),
    ("post", "/items/{id}/review", {"item.review"}, _submitted, {}),
    ("post", "/items/{id}/reject", {"item.review"}, _submitted, {"reason": "请补充"}),
    ("post", "/items/{id}/secrecy-review", {"item.secrecy_review"}, _reviewed, {}),
    ("post", "/items/{id}/publish", {"item.publish"}, ready, {}),
    ("post", "/items/{id}/withdraw", {"item.withdraw"}, published, {"reason": "有误"}),
    ("post", "/items/{id}/attachments", {"item.edit"}, draft, "file"),
    ("post", "/applications", {"case.register"}, None,
     {"agency": "dept-a", "channel": "platform", "arrived_on": "2025-01-06", **APPLICANT}),
    ("post", "/messages", {"engagement.handle"}, None,
     {"agency": "dept-a", "channel": "phone", "category": "consult", "subject": "问", "body": "请问何时公开？"}),
    ("post", "/messages/{id}/reply", {"engagement.handle"}, _message, {"reply": "已答复。"}),
    ("get", "/applications/{id}/steps", CASE_ACTIONS, _case, None),
    ("post", "/applications/{id}/steps/{step}", {"case.handle"}, _case, {"values": {}}),   # 受理
    ("get", "/staff/reports/{id}", {"report.view"}, _report, None),
]


def _send(client, method, path, token, body):
    if body == "file":
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        return client.post(API + path, {"file": pdf}, **headers)
    return call(client, method, path, token, body)


def test_the_matrix_covers_every_operation_that_needs_a_credential(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    secured = {(method, path.removeprefix(API).replace("{item_id}", "{id}").replace("{message_id}", "{id}")
                .replace("{tracking_code}", "{id}").replace("{report_id}", "{id}"))
               for path, ops in schema["paths"].items() for method, op in ops.items() if op.get("security")}
    assert secured == {(m, p) for m, p, *_ in MATRIX}


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "template", "needs", "make", "body"), MATRIX,
                         ids=[f"{m} {p}" for m, p, *_ in MATRIX])
def test_no_token_acts_beyond_its_permissions_and_agencies(client, personas, method, template, needs, make, body):
    made = make(personas) if make else None
    path = template.format(id=getattr(made, "pk", made), step="accept")
    lacking = token_for(personas.government, *sorted(set(PERMISSIONS) - needs), name="缺少权限")
    elsewhere = token_for(personas.dept_b, *sorted(needs), name="其他机构")
    events_before = Event.objects.count()
    for token, expected in ((lacking, 403), (elsewhere, 403), (None, 401)):
        response = _send(client, method, path, token, body)
        assert response.status_code == expected, (token and token[:11], response.content[:200])
        assert response.json()["code"] in {"forbidden", "unauthenticated"}
    assert Event.objects.count() == events_before   # nothing was written by a refused call
    allowed = token_for(personas.dept_a, *sorted(needs), name="有权限")
    response = _send(client, method, path, allowed, body)
    assert 200 <= response.status_code < 300, response.content[:300]
