"""The public mailbox: writing, the private rating link, published Q&A, and the anti-abuse guards."""

import re
from types import SimpleNamespace

import pytest
from django.core import mail

from gongkai.core.actors import System
from gongkai.core.outbox import send_due_messages
from gongkai.engagement import services
from gongkai.engagement.models import Message

FORM = {"category": "consult", "subject": "公租房申请条件", "body": "请问申请公租房需要哪些材料？",
        "writer_name": "王五", "writer_phone": "13800000000", "writer_email": "wang@example.cn",
        "consent_to_publish": "on"}


def url(personas):
    return f"/gk/{personas.dept_a.code}/mailbox/"


@pytest.mark.django_db
def test_write_then_rate_through_the_private_link(client, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(personas), FORM)
    assert response.status_code == 302 and response["Location"].endswith("/mailbox/sent/")
    sent = client.get(response["Location"]).content.decode()
    link = re.search(r'id="private-link" href="([^"]+)"', sent).group(1)
    assert "/mailbox/rate/" in link
    assert send_due_messages() == 1
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    message = Message.objects.get()
    assert (message.channel, message.writer_name, message.consent_to_publish) == ("web", "王五", True)
    page = client.get(link)
    assert page.status_code == 200 and "正在办理" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert client.post(link, {"rating": "satisfied"}).status_code == 400   # not yet answered
    services.reply_to_message(actor=personas["editor_a"], message=message, reply="需要身份证明。")
    assert client.post(link, {"rating": "basically", "comment": "还可以"}).status_code == 302
    message.refresh_from_db()
    assert message.rating == "basically"
    assert "基本满意" in client.get(link).content.decode()
    assert client.get("/mailbox/rate/not-a-real-token/").status_code == 404


@pytest.mark.django_db
def test_published_answers_show_without_personal_data(client, personas):
    message, _ = services.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                                         subject="s", body="王五问：公租房？", writer_name="王五",
                                         consent_to_publish=True)
    services.reply_to_message(actor=personas["editor_a"], message=message, reply="答复王五")
    page = client.get(url(personas)).content.decode()
    assert "暂无公开的来信" in page
    services.publish_message(actor=personas["editor_a"], message=message, public_question="公租房申请需要什么？",
                             public_answer="身份证明和收入证明。")
    page = client.get(url(personas)).content.decode()
    assert "身份证明和收入证明" in page and "王五" not in page


@pytest.mark.django_db
def test_invalid_form_keeps_what_was_typed(client, personas):
    response = client.post(url(personas), {**FORM, "subject": ""})
    assert response.status_code == 400
    assert "请问申请公租房需要哪些材料？" in response.content.decode()
    assert not Message.objects.exists()
    bot = client.post(url(personas), {**FORM, "homepage": "http://spam.example"})
    assert bot.status_code == 400 and not Message.objects.exists()
    long = client.post(url(personas), {**FORM, "body": "长" * 5001})
    assert long.status_code == 400 and not Message.objects.exists()


@pytest.mark.django_db
def test_100_rapid_submissions_are_throttled_and_none_accepted_is_lost(client, personas, monkeypatch):
    # Freeze the clock inside one rate-limit window so the count cannot straddle two windows.
    monkeypatch.setattr("gongkai.core.public_forms.time", SimpleNamespace(time=lambda: 1_700_000_100.0))
    accepted, refused = 0, 0
    for n in range(100):
        response = client.post(url(personas), {**FORM, "subject": f"第{n}封"}, REMOTE_ADDR="203.0.113.9")
        if response.status_code == 302:
            accepted += 1
        else:
            assert response.status_code == 429
            body = response.content.decode()
            assert "提交过于频繁" in body and f"第{n}封" in body     # the writer's text is still in the form
            assert int(response["Retry-After"]) > 0
            refused += 1
    assert accepted == 5 and refused == 95
    assert sorted(Message.objects.values_list("subject", flat=True)) == sorted(f"第{n}封" for n in range(5))
    # Another address is not affected.
    other = client.post(url(personas), FORM, REMOTE_ADDR="203.0.113.10")
    assert other.status_code == 302 and Message.objects.count() == 6


@pytest.mark.django_db
def test_unknown_agency_is_404(client, personas):
    assert client.get("/gk/no-such-agency/mailbox/").status_code == 404


@pytest.mark.django_db
def test_mailbox_in_english(client, personas, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url(personas)).content.decode()
    assert "测试区财政局" in page          # agency names are data, not translated
    assert "we reply within 5 working days" in page and "Published questions and answers" in page
    assert "Information request sent to the wrong place" in page


@pytest.mark.django_db
def test_rating_form_is_rate_limited_too(client, personas, monkeypatch):
    monkeypatch.setattr("gongkai.core.public_forms.time", SimpleNamespace(time=lambda: 1_700_000_100.0))
    message, token = services.submit_message(actor=System, agency=personas.dept_a, channel="web",
                                             category="consult", subject="s", body="b")
    services.reply_to_message(actor=personas["editor_a"], message=message, reply="答复")
    link = f"/mailbox/rate/{token}/"
    statuses = [client.post(link, {"rating": "satisfied" if n % 2 else "basically"}).status_code
                for n in range(12)]
    assert statuses == [302] * 10 + [429, 429]
    message.refresh_from_db()
    assert message.rating == "satisfied"   # the 10th accepted rating stands; refused ones changed nothing
