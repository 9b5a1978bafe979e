"""Accounts and logins (issue 11, points 5–7): one lockout for every door, no demo account in production,
passwords and the second factor, and every account change in the audit trail.

Everything goes through the real login pages with the test client; the counts live in the database, so they
hold across worker processes, restarts and a cleared cache.
"""

import importlib
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.checks import ERROR, run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import clear_url_caches
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.labels import EVENT_LABELS
from gongkai.agencies.login_throttle import forget_stale_counters
from gongkai.agencies.models import LoginCounter
from gongkai.agencies.services import create_staff_user
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import Event

STAFF_LOGIN = "/staff/login/"
ADMIN_LOGIN = "/django-admin/login/"
WRONG = "Wrong-Guess-7731"


def post_login(client, username, password, *, url=STAFF_LOGIN, address="198.51.100.7", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def locked(response) -> bool:
    return response.status_code == 200 and "登录失败次数过多" in response.content.decode()


def logged_in(response) -> bool:
    return response.status_code == 302 and "/login/" not in response["Location"]


# --- 5. one lockout for every door -------------------------------------------------------------------------

@pytest.mark.django_db
def test_staff_login_locks_at_exactly_the_limit_and_says_so(client, personas):
    for n in range(1, 5):
        r = post_login(client, "editor_a", WRONG)
        assert r.status_code == 200 and not locked(r), n
    fifth = post_login(client, "editor_a", WRONG)
    assert locked(fifth)                       # the fifth failure starts the lock, and says so
    assert locked(post_login(client, "editor_a", "pw-editor_a"))   # the right password is not even checked
    assert logged_in(post_login(Client(), "editor_b", "pw-editor_b"))   # another account from the same address
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a", address="203.0.113.9"))  # elsewhere


@pytest.mark.django_db(transaction=True)
def test_the_count_survives_a_cleared_cache_and_is_the_same_on_another_connection(personas):
    from django.db import connection, connections

    for _ in range(3):
        post_login(Client(), "editor_a", WRONG)
    cache.clear()              # what a restart did to the old per-process count
    connection.close()         # the next request opens a new connection, as another worker process does
    for _ in range(2):
        post_login(Client(), "editor_a", WRONG)
    assert locked(post_login(Client(), "editor_a", "pw-editor_a"))
    other = connections.create_connection("default")   # a second connection sees the same count
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT failures FROM agencies_logincounter WHERE scope = %s AND username = %s",
                           ["pair", "editor_a"])
            assert cursor.fetchall() == [(5,)]
    finally:
        other.close()
    row = LoginCounter.objects.get(scope=LoginCounter.Scope.PAIR, username="editor_a")
    assert row.locked_until > timezone.now()


@pytest.mark.django_db
def test_the_django_admin_login_shares_the_lockout_and_lets_only_superusers_in(personas):
    User = get_user_model()
    User.objects.create_user("staff_flag", password="pw-staff-flag-1", is_staff=True)
    assert not logged_in(post_login(Client(), "staff_flag", "pw-staff-flag-1", url=ADMIN_LOGIN))
    # Failures at the back-office door and the admin door add up on the same counter.
    for _ in range(3):
        post_login(Client(), "root", WRONG, url=ADMIN_LOGIN)
    for _ in range(2):
        post_login(Client(), "root", WRONG)
    refused = post_login(Client(), "root", "pw-root", url=ADMIN_LOGIN)
    assert refused.status_code == 200 and "登录失败次数过多" in refused.content.decode()
    assert logged_in(post_login(Client(), "root", "pw-root", url=ADMIN_LOGIN, address="203.0.113.9"))


@pytest.mark.django_db
def test_password_spraying_from_one_address_is_locked(personas):
    User = get_user_model()
    for i in range(20):
        User.objects.create_user(f"officer{i:02d}", password=f"pw-officer-{i}")
    for i in range(19):
        assert not locked(post_login(Client(), f"officer{i:02d}", WRONG)), i
    assert locked(post_login(Client(), "officer19", WRONG))   # the 20th failure from this address
    assert locked(post_login(Client(), "editor_a", "pw-editor_a"))   # now nobody signs in from it
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a", address="203.0.113.9"))
    assert Event.objects.filter(action="account.locked", payload__scope="address").count() == 1


@pytest.mark.django_db
def test_successful_logins_do_not_fill_an_offices_shared_address(personas):
    for _ in range(25):   # everyone in an office behind one address signs in, with a typo now and then
        assert logged_in(post_login(Client(), "editor_a", "pw-editor_a", address="192.0.2.50"))
    for _ in range(4):
        post_login(Client(), "editor_b", WRONG, address="192.0.2.50")
    assert logged_in(post_login(Client(), "editor_b", "pw-editor_b", address="192.0.2.50"))
    assert LoginCounter.objects.get(scope="address", address="192.0.2.50").failures == 4


@override_settings(GONGKAI_LOGIN_MAX_FAILURES_PER_ACCOUNT=8)
@pytest.mark.django_db
def test_guessing_one_account_from_many_addresses_is_locked(personas):
    for i in range(8):
        post_login(Client(), "publisher", WRONG, address=f"203.0.113.{i + 1}")
    assert locked(post_login(Client(), "publisher", "pw-publisher", address="198.51.100.200"))


@override_settings(GONGKAI_TRUSTED_PROXIES=["10.0.0.2"])
@pytest.mark.django_db
def test_behind_the_proxy_a_stranger_cannot_lock_an_officer_out(personas):
    for _ in range(6):
        post_login(Client(), "editor_a", WRONG, address="10.0.0.2", HTTP_X_REAL_IP="198.51.100.66")
    assert locked(post_login(Client(), "editor_a", "pw-editor_a", address="10.0.0.2",
                             HTTP_X_REAL_IP="198.51.100.66"))
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a", address="10.0.0.2",
                                HTTP_X_REAL_IP="192.0.2.10"))


@pytest.mark.django_db
def test_rotating_x_real_ip_from_an_untrusted_peer_buys_nothing(personas):
    for i in range(5):
        post_login(Client(), "editor_a", WRONG, address="198.51.100.99", HTTP_X_REAL_IP=f"192.0.2.{i}")
    assert locked(post_login(Client(), "editor_a", "pw-editor_a", address="198.51.100.99",
                             HTTP_X_REAL_IP="192.0.2.200"))


@pytest.mark.django_db
def test_a_right_password_clears_the_accounts_count_and_a_lock_ends(personas):
    for _ in range(4):
        post_login(Client(), "editor_a", WRONG)
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a"))
    for _ in range(4):
        post_login(Client(), "editor_a", WRONG)
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a"))
    for _ in range(5):
        post_login(Client(), "editor_a", WRONG)
    assert locked(post_login(Client(), "editor_a", "pw-editor_a"))
    past = timezone.now() - timezone.timedelta(seconds=901)
    LoginCounter.objects.update(last_failure_at=past, locked_until=past + timezone.timedelta(seconds=900))
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a"))
    later = timezone.now() + timezone.timedelta(seconds=901)
    assert forget_stale_counters(now=later) == 3   # the minute job drops counters nobody needs


@pytest.mark.django_db
def test_the_django_admin_can_be_taken_out_of_the_url_space(client, personas):
    from gongkai.config import urls

    client.force_login(personas["superuser"])
    try:
        with override_settings(GONGKAI_DJANGO_ADMIN=False):
            importlib.reload(urls)
            clear_url_caches()
            assert client.get("/django-admin/").status_code == 404
    finally:
        importlib.reload(urls)
        clear_url_caches()
    assert client.get("/django-admin/").status_code == 200


# --- 7. events in the audit trail ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_logins_failures_and_lockouts_are_events_without_the_password(personas):
    start = Event.objects.count()
    for _ in range(5):
        post_login(Client(), "editor_a", WRONG)
    post_login(Client(), "nobody-such", "My-Secret-Typed-As-Name")
    assert logged_in(post_login(Client(), "editor_b", "pw-editor_b"))
    new = Event.objects.order_by("id")[start:]
    assert [e.action for e in new].count("account.login_failed") == 6
    assert [e.action for e in new].count("account.locked") == 1
    login = Event.objects.get(action="account.login")
    assert login.actor == personas["editor_b"] and login.payload["address"] == "198.51.100.7"
    failure = Event.objects.filter(action="account.login_failed", payload__username="editor_a").first()
    assert failure.object_id == str(personas["editor_a"].pk) and failure.payload["reason"] == "bad_credentials"
    unknown = Event.objects.filter(action="account.login_failed", payload__username="").get()
    assert unknown.actor_label == "198.51.100.7"
    dump = " ".join(str(v) for e in Event.objects.all() for v in (e.payload, e.after, e.before, e.object_repr))
    assert WRONG not in dump and "My-Secret-Typed-As-Name" not in dump and "pw-editor_b" not in dump


@pytest.mark.django_db
def test_superuser_and_password_changes_through_the_django_admin_are_events(client, personas):
    root, editor = personas["superuser"], personas["editor_a"]
    client.force_login(root)
    r = client.post(f"/django-admin/auth/user/{editor.pk}/password/",
                    {"password1": "Fresh-Pass-For-Editor-9", "password2": "Fresh-Pass-For-Editor-9"})
    assert r.status_code == 302
    changed = Event.objects.get(action="account.password_changed")
    assert changed.actor == root and changed.object_id == str(editor.pk)
    editor.refresh_from_db()
    r = client.post(f"/django-admin/auth/user/{editor.pk}/change/", {
        "username": "editor_a", "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2024-01-01", "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2024-01-01", "initial-date_joined_1": "00:00:00",
    })
    assert r.status_code == 302, r.content.decode()[:2000]
    assert sorted(Event.objects.filter(object_id=str(editor.pk), action__in=[
        "account.superuser_granted", "account.admin_access_granted"]).values_list("action", flat=True)) == [
        "account.admin_access_granted", "account.superuser_granted"]
    granted = Event.objects.get(action="account.superuser_granted", object_id=str(editor.pk))
    assert granted.actor == root and granted.after == {"is_superuser": True}
    assert "Fresh-Pass-For-Editor-9" not in str(list(Event.objects.values_list("payload", "after")))


@pytest.mark.django_db
def test_role_changes_are_events_and_every_account_event_has_a_label_in_both_languages(personas):
    assert Event.objects.filter(action="membership.granted").count() == 9
    for action, label in EVENT_LABELS.items():
        with translation.override("zh-hans"):
            chinese = str(label)
        with translation.override("en"):
            english = str(label)
        assert chinese != english and english.isascii(), action


# --- 6. no demo account in production, passwords, second factor --------------------------------------------

def deploy_errors():
    return [m for m in run_checks(include_deployment_checks=True) if m.id in {"gongkai.E101", "gongkai.E102"}]


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_check_deploy_fails_while_the_demo_password_or_a_demo_agency_account_is_there(personas):
    from gongkai.demo.district_2017 import DEMO_PASSWORD

    assert deploy_errors() == []
    admin = personas["admin"]
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    errors = deploy_errors()
    assert [(e.id, e.level) for e in errors] == [("gongkai.E101", ERROR)] and "admin" in errors[0].msg
    admin.set_password("Production-Only-Pass-31")
    admin.save()
    assert deploy_errors() == []
    personas.dept_b.is_demo = True
    personas.dept_b.save()
    assert [e.id for e in deploy_errors()] == ["gongkai.E102"]
    with override_settings(DEBUG=True):
        assert deploy_errors() == []


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_demo_load_refuses_with_debug_off_unless_forced(monkeypatch, capsys):
    from gongkai.demo.management.commands import demo

    loaded = []
    monkeypatch.setattr(demo, "run_steps", lambda write, **progress: loaded.append("steps"))
    monkeypatch.setattr(demo, "analyze_after_bulk_load", lambda: None)
    with pytest.raises(CommandError, match="DEBUG 关闭"):
        call_command("demo", "load")
    assert loaded == []
    call_command("demo", "load", "--if-empty", "--force")
    assert loaded == ["steps"] and "警告" in capsys.readouterr().err


def test_the_demo_password_passes_the_validators_the_demo_accounts_are_made_with():
    from django.contrib.auth.password_validation import validate_password

    from gongkai.demo.district_2017 import DEMO_ACCOUNTS, DEMO_PASSWORD

    User = get_user_model()
    for username, display, *_ in DEMO_ACCOUNTS:
        validate_password(DEMO_PASSWORD, user=User(username=username, first_name=display))


@pytest.mark.django_db
def test_create_staff_user_applies_the_password_validators(personas):
    with pytest.raises(ValidationFailed) as refused:
        create_staff_user(actor=personas["admin"], username="newbie", password="12345")
    assert str(refused.value).startswith("密码不符合要求：") and "10" in str(refused.value)
    assert not get_user_model().objects.filter(username="newbie").exists()
    user = create_staff_user(actor=personas["admin"], username="newbie", password="Long-Enough-Pass-42")
    created = Event.objects.get(action="user.created", object_id=str(user.pk))
    assert created.actor == personas["admin"]


@pytest.mark.django_db
def test_staff_change_their_own_password_with_the_old_one_and_the_validators(personas):
    client = Client()
    assert logged_in(post_login(client, "editor_a", "pw-editor_a"))
    page = client.get("/staff/account/password/")
    assert page.status_code == 200 and "旧密码" in page.content.decode()
    wrong_old = client.post("/staff/account/password/", {"old_password": "nope", "new_password1": "Brand-New-Pass-88",
                                                         "new_password2": "Brand-New-Pass-88"})
    assert wrong_old.status_code == 200 and "旧密码" in wrong_old.content.decode()
    weak = client.post("/staff/account/password/", {"old_password": "pw-editor_a", "new_password1": "123456789",
                                                    "new_password2": "123456789"})
    assert weak.status_code == 200 and "密码" in weak.content.decode()
    assert not Event.objects.filter(action="account.password_changed").exists()
    done = client.post("/staff/account/password/", {"old_password": "pw-editor_a",
                                                    "new_password1": "Brand-New-Pass-88",
                                                    "new_password2": "Brand-New-Pass-88"})
    assert done.status_code == 302 and client.get("/staff/").status_code == 200   # still signed in
    event = Event.objects.get(action="account.password_changed")
    assert event.actor == personas["editor_a"] and "Brand-New-Pass-88" not in str(event.payload)
    assert logged_in(post_login(Client(), "editor_a", "Brand-New-Pass-88"))
    page = client.get("/staff/account/")
    assert "修改密码" in page.content.decode() and "登录成功" in page.content.decode()


def _token(device, *, ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.django_db
def test_a_staff_member_enrols_an_authenticator_and_then_needs_a_code_at_login(personas):
    client = Client()
    assert logged_in(post_login(client, "admin", "pw-admin"))
    page = client.get("/staff/account/second-factor/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=personas["admin"], confirmed=False)
    bad = client.post("/staff/account/second-factor/", {"token": "000000" if _token(device) != "000000" else "111111"})
    assert "验证码不正确" in bad.content.decode()
    assert client.post("/staff/account/second-factor/", {"token": _token(device)}).status_code == 302
    assert Event.objects.filter(action="account.otp_enrolled").count() == 1

    fresh = Client()
    r = post_login(fresh, "admin", "pw-admin")
    assert r.status_code == 302
    blocked = fresh.get("/staff/agencies/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/staff/account/second-factor/verify/")
    assert fresh.get("/django-admin/").status_code == 302
    device.refresh_from_db()
    wrong = fresh.post("/staff/account/second-factor/verify/", {"token": "12345x"})
    assert "验证码不正确" in wrong.content.decode()
    assert Event.objects.filter(action="account.login_failed", payload__reason="wrong_otp").count() == 1
    device.throttle_reset()   # django-otp makes the next try wait after a wrong code
    ok = fresh.post("/staff/account/second-factor/verify/?next=/staff/agencies/", {"token": _token(device, ahead=1),
                                                                                  "next": "/staff/agencies/"})
    assert ok.status_code == 302 and ok["Location"] == "/staff/agencies/"
    assert fresh.get("/staff/agencies/").status_code == 200


@override_settings(GONGKAI_OTP_REQUIRED_FOR_SUPERUSERS=True)
@pytest.mark.django_db
def test_superusers_must_enrol_when_the_setting_requires_it(personas):
    client = Client()
    assert post_login(client, "root", "pw-root").status_code == 302
    for url in ("/staff/", "/django-admin/", "/staff/calendar/"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/staff/account/second-factor/?"), url
    assert client.get("/staff/account/second-factor/").status_code == 200
    device = TOTPDevice.objects.get(user=personas["superuser"])
    client.post("/staff/account/second-factor/", {"token": _token(device)})
    assert client.get("/django-admin/").status_code == 200
    removed = client.post("/staff/account/second-factor/remove/", {"password": "pw-root"}, follow=True)
    assert "超级用户必须使用两步验证" in removed.content.decode()
    assert TOTPDevice.objects.filter(user=personas["superuser"], confirmed=True).exists()
    # Other staff are not asked.
    other = Client()
    assert post_login(other, "editor_a", "pw-editor_a").status_code == 302
    assert other.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_superusers_see_the_account_audit_and_others_do_not(personas):
    post_login(Client(), "editor_a", WRONG)
    client = Client()
    client.force_login(personas["superuser"])
    page = client.get("/staff/account/audit/")
    assert page.status_code == 200 and "登录失败" in page.content.decode()
    other = Client()
    other.force_login(personas["publisher"])
    assert other.get("/staff/account/audit/").status_code == 403


@pytest.mark.django_db
def test_a_superuser_made_on_the_command_line_is_an_event(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Command-Line-Pass-77")
    call_command("createsuperuser", "--noinput", "--username", "ops", "--email", "ops@example.gov.cn")
    user = get_user_model().objects.get(username="ops")
    assert list(Event.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)) == [
        "user.created", "account.superuser_granted"]
    user.set_password("Changed-By-Ops-Team-5")
    user.save()
    assert Event.objects.filter(action="account.password_changed", object_id=str(user.pk)).count() == 1


@pytest.mark.django_db
def test_a_superuser_lifts_a_lock_in_the_django_admin_and_it_is_an_event(client, personas):
    for _ in range(5):
        post_login(Client(), "editor_a", WRONG)
    assert locked(post_login(Client(), "editor_a", "pw-editor_a"))
    client.force_login(personas["superuser"])
    pair = LoginCounter.objects.get(scope="pair", username="editor_a")
    assert client.get("/django-admin/agencies/logincounter/").status_code == 200
    r = client.post(f"/django-admin/agencies/logincounter/{pair.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302
    event = Event.objects.get(action="account.unlocked")
    assert event.actor == personas["superuser"] and event.before["failures"] == 5
    assert logged_in(post_login(Client(), "editor_a", "pw-editor_a"))
