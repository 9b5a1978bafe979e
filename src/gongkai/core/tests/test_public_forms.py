from django import forms
from django.test import RequestFactory

from gongkai.core.public_forms import HONEYPOT_FIELD, PublicFormMixin, RateLimit, take_submission_slot


class MessageForm(PublicFormMixin):
    text = forms.CharField()


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_rate_limit_allows_the_quota_then_refuses_with_a_wait():
    limit = RateLimit(count=3, seconds=600)
    outcomes = [take_submission_slot(request_from("10.0.0.1"), "mailbox", limit) for _ in range(5)]
    assert outcomes[:3] == [None, None, None]
    assert all(isinstance(o, int) and 0 < o <= 600 for o in outcomes[3:])
    assert take_submission_slot(request_from("10.0.0.2"), "mailbox", limit) is None
    assert take_submission_slot(request_from("10.0.0.1"), "apply", limit) is None


def test_honeypot_and_size_limit():
    assert MessageForm({"text": "你好"}).is_valid()
    assert not MessageForm({"text": "你好", HONEYPOT_FIELD: "http://spam"}).is_valid()
    form = MessageForm({"text": "长" * 20001})
    assert not form.is_valid()
    assert "过长" in str(form.non_field_errors())
