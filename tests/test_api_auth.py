"""API tokens: hashed at rest, shown once, scoped to a subtree and a list of permissions, with expiry, revocation
and last use; writes leave events naming the token; errors have one shape; calls are rate-limited per token."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from gongkai.agencies.api_tokens import authenticate_token, digest_of, issue_token, revoke_token
from gongkai.agencies.models import ApiToken
from gongkai.catalog.models import Item
from gongkai.core.actors import System
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.models import Event
from tests.api_helpers import call, token_for

NEW_ITEM = {"agency": "dept-a", "title": "关于开展2025年春季植树活动的通知", "summary": "植树。",
            "body": "<p>各单位：请按时参加。</p>"}


@pytest.mark.django_db
def test_a_token_is_kept_only_as_its_prefix_and_digest(personas):
    _token, secret = issue_token(actor=personas["admin"], agency=personas.dept_a, name="12345热线",
                                permissions=["item.edit", "case.register"])
    stored = ApiToken.objects.get()
    assert secret.startswith(f"gk_{stored.prefix}_") and len(secret) > 40
    assert stored.digest == digest_of(secret) and secret not in str(ApiToken.objects.values().get())
    assert stored.permissions == ["case.register", "item.edit"]
    event = Event.objects.get(action="api_token.issued")
    assert event.actor == personas["admin"] and event.payload["token"] == stored.prefix
    assert secret not in str(event.payload)


@pytest.mark.django_db
def test_issuing_needs_agency_manage_and_known_permissions(personas):
    with pytest.raises(NotAllowed):
        issue_token(actor=personas["publisher"], agency=personas.dept_a, name="x", permissions=["item.edit"])
    with pytest.raises(ValidationFailed) as raised:
        issue_token(actor=personas["admin"], agency=personas.dept_a, name="x", permissions=["item.fly"])
    assert raised.value.fields == ("permissions",)
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_wrong_expired_and_revoked_tokens_are_401(client, personas):
    good = token_for(personas.dept_a, "item.edit")
    assert call(client, "post", "/items", good, NEW_ITEM).status_code == 201
    expired = token_for(personas.dept_a, "item.edit", expires_at=timezone.now() + dt.timedelta(seconds=1))
    ApiToken.objects.filter(prefix=expired.split("_")[1]).update(expires_at=timezone.now() - dt.timedelta(days=1))
    revoked = token_for(personas.dept_a, "item.edit")
    revoke_token(actor=System, token=ApiToken.objects.get(prefix=revoked.split("_")[1]))
    forged = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    for bad in (expired, revoked, forged, "gk_nothing", "not-a-token"):
        response = call(client, "post", "/items", bad, NEW_ITEM)
        assert response.status_code == 401, bad
        assert response.json()["code"] == "unauthenticated" and response["WWW-Authenticate"].startswith("Bearer")
    assert call(client, "post", "/items", None, NEW_ITEM).status_code == 401
    assert Item.objects.count() == 1
    read = call(client, "get", "/agencies", forged)   # a public read with a bad token is refused, not served
    assert read.status_code == 401 and read.json()["code"] == "unauthenticated"


@pytest.mark.django_db
def test_last_use_is_recorded(personas):
    secret = token_for(personas.dept_a, "item.edit")
    assert ApiToken.objects.get().last_used_at is None
    actor = authenticate_token(secret)
    assert actor.permissions == {"item.edit"} and actor.agency_path == personas.dept_a.path
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_a_write_leaves_an_event_naming_the_token(client, personas):
    secret = token_for(personas.dept_a, "item.edit", "item.submit", name="区政务服务平台")
    prefix = secret.split("_")[1]
    item_id = call(client, "post", "/items", secret, NEW_ITEM).json()["id"]
    assert call(client, "post", f"/items/{item_id}/submit", secret).json()["status"] == "submitted"
    events = Event.objects.filter(object_id=str(item_id), action__in=["item.created", "item.submitted"])
    assert events.count() == 2
    for event in events:
        assert event.actor is None
        assert event.actor_label == f"接口令牌 {prefix}（区政务服务平台）"
        assert event.payload["api_token"] == prefix
    assert Item.objects.get(pk=item_id).created_by is None


@pytest.mark.django_db
def test_a_token_reaches_its_subtree_only(client, personas):
    dept_token = token_for(personas.dept_a, "item.edit")
    response = call(client, "post", "/items", dept_token, {**NEW_ITEM, "agency": "dept-b"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    gov_token = token_for(personas.government, "item.edit")
    assert call(client, "post", "/items", gov_token, {**NEW_ITEM, "agency": "dept-b"}).status_code == 201


@pytest.mark.django_db
def test_statuses_mean_what_http_means(client, personas):
    secret = token_for(personas.dept_a, "item.edit", "item.submit", "item.publish")
    item_id = call(client, "post", "/items", secret, NEW_ITEM).json()["id"]
    missing = call(client, "post", "/items/999999/submit", secret)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    conflict = call(client, "post", f"/items/{item_id}/publish", secret, {})
    assert conflict.status_code == 409 and conflict.json()["code"] == "catalog.wrong_state"
    invalid = call(client, "post", "/items", secret, {"agency": "dept-a", "title": "", "written_on": "2025-02-30"})
    assert invalid.status_code == 422
    assert {f["path"] for f in invalid.json()["fields"]} == {"body.title", "body.written_on"}
    unknown = call(client, "post", "/items", secret, {**NEW_ITEM, "agency": "no-such"})
    assert unknown.status_code == 422 and unknown.json()["fields"][0]["path"] == "body.agency"
    broken = client.post("/api/v1/items", data="{not json", content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert broken.status_code == 400 and broken.json()["code"] == "bad_request"
    assert call(client, "get", "/items?cursor=nonsense").status_code == 400


@pytest.mark.django_db
def test_messages_follow_accept_language(client, personas):
    zh = call(client, "get", "/agencies/no-such", HTTP_ACCEPT_LANGUAGE="zh-hans")
    en = call(client, "get", "/agencies/no-such", HTTP_ACCEPT_LANGUAGE="en")
    assert zh.json()["message"] == "没有该机构。"
    assert en.json()["message"] == "No such agency."


@pytest.mark.django_db
def test_calls_over_the_limit_get_429_with_retry_after(client, personas, settings):
    settings.GONGKAI_API_RATE_LIMIT, settings.GONGKAI_API_RATE_WINDOW = 3, 3600
    secret, other = token_for(personas.dept_a, "item.view"), token_for(personas.dept_a, "item.view")
    assert [call(client, "get", "/agencies", secret).status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = call(client, "get", "/agencies", secret)
    assert limited.json()["code"] == "rate_limited" and 1 <= int(limited["Retry-After"]) <= 3600
    assert call(client, "get", "/agencies", other).status_code == 200   # per token, not for everybody


@pytest.mark.django_db
def test_staff_sessions_write_with_their_csrf_token(personas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas["editor_a"])
    refused = call(browser, "post", "/items", None, NEW_ITEM)
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    browser.get("/api/v1/docs")
    csrf = browser.cookies["csrftoken"].value
    created = call(browser, "post", "/items", None, NEW_ITEM, HTTP_X_CSRFTOKEN=csrf)
    assert created.status_code == 201
    assert Event.objects.get(action="item.created").actor == personas["editor_a"]


@pytest.mark.django_db
def test_the_command_issues_lists_and_revokes(personas, capsys):
    call_command("apitoken", "issue", "--agency", "dept-a", "--name", "上级门户", "--permission", "item.view",
                 "--expires", "2099-12-31")
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert token.digest == digest_of(secret)
    assert timezone.localtime(token.expires_at).isoformat() == "2100-01-01T00:00:00+08:00"
    call_command("apitoken", "list")
    assert f"{token.prefix}\tactive\tdept-a\t上级门户\titem.view" in capsys.readouterr().out
    call_command("apitoken", "revoke", token.prefix, "--reason", "停用")
    assert authenticate_token(secret) is None
    assert Event.objects.get(action="api_token.revoked").reason == "停用"


@pytest.mark.django_db
def test_the_back_office_page_shows_a_new_token_once(client, personas):
    client.force_login(personas["admin"])
    page = client.post("/staff/api-tokens/", {"name": "上级门户", "agency": "dept-a",
                                              "permissions": ["item.view", "item.publish"]})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    token = ApiToken.objects.get()
    secret = page.content.decode().split('<code id="new-token">')[1].split("</code>")[0]
    assert token.digest == digest_of(secret) and token.created_by == personas["admin"]
    listing = client.get("/staff/api-tokens/").content.decode()
    assert token.prefix in listing and secret not in listing
    client.post(f"/staff/api-tokens/{token.pk}/revoke/")
    assert authenticate_token(secret) is None
    client.force_login(personas["editor_a"])
    assert client.get("/staff/api-tokens/").status_code == 403
    assert client.post(f"/staff/api-tokens/{token.pk}/revoke/").status_code == 403
