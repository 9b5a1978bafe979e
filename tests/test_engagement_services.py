"""Mailbox services: every change through a service, with an event; refusals leave nothing changed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.actors import Public
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.models import Event
from gongkai.engagement import services
from gongkai.engagement.models import Message

SH = ZoneInfo("Asia/Shanghai")


def submit(personas, **overrides):
    fields = dict(actor=Public, agency=personas.government, channel="web", category="consult",
                  subject="公租房申请条件", body="请问申请公租房需要哪些材料？", writer_name="李四",
                  writer_phone="13812345678", consent_to_publish=True,
                  received_at=dt.datetime(2017, 3, 6, 9, 0, tzinfo=SH))
    fields.update(overrides)
    return services.submit_message(**fields)


@pytest.mark.django_db
def test_public_submission_keeps_only_a_hash_of_the_token(personas):
    message, token = submit(personas)
    assert message.status == "received" and message.received_on == dt.date(2017, 3, 6)
    assert message.reply_due_on == dt.date(2017, 3, 13)
    assert token not in message.token_hash and len(message.token_hash) == 64
    assert services.message_for_token(token) == message
    assert services.message_for_token(token + "x") is None
    event = Event.objects.for_object(message).get()
    assert event.action == "message.received" and event.actor is None and event.actor_label == "公众（网上信箱）"


@pytest.mark.django_db
def test_received_at_late_evening_utc_is_the_next_shanghai_day(personas):
    message, _ = submit(personas, received_at=dt.datetime(2017, 3, 5, 17, 30, tzinfo=dt.UTC))
    assert message.received_on == dt.date(2017, 3, 6)


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "channel"), [(None, "phone"), ("supervisor", "phone"), ("editor_b", "phone"),
                                                  ("reviewer_a", "letter")])
def test_who_may_enter_calls_and_letters(personas, persona, channel):
    actor = personas[persona] if persona else Public
    agency = personas.dept_a
    with pytest.raises((NotAllowed, ValidationFailed)):
        submit(personas, actor=actor, agency=agency, channel=channel)
    assert not Message.objects.exists() and not Event.objects.filter(action="message.received").exists()


@pytest.mark.django_db
def test_hotline_call_entered_by_handler(personas):
    message, _ = submit(personas, actor=personas["editor_a"], agency=personas.dept_a, channel="phone")
    assert message.channel == "phone"


@pytest.mark.django_db
def test_assign_reply_rate_journey(personas):
    message, token = submit(personas)
    publisher = personas["publisher"]
    services.assign_message(actor=publisher, message=message, department=personas.dept_a)
    message.refresh_from_db()
    assert message.status == "accepted" and message.department == personas.dept_a and message.accepted_on
    # The department's own handler may now answer it; another department's may not.
    with pytest.raises(NotAllowed):
        services.reply_to_message(actor=personas["editor_b"], message=message, reply="答复")
    services.reply_to_message(actor=personas["editor_a"], message=message, reply="需要身份证明和收入证明。",
                              replied_at=dt.datetime(2017, 3, 8, 10, tzinfo=SH))
    message.refresh_from_db()
    assert (message.status, message.replied_on, message.closed_on) == ("replied", dt.date(2017, 3, 8),
                                                                        dt.date(2017, 3, 8))
    services.rate_message(token=token, rating="satisfied", comment="很及时")
    message.refresh_from_db()
    assert message.rating == "satisfied" and message.rated_at
    actions = list(Event.objects.for_object(message).values_list("action", flat=True))
    assert actions == ["message.received", "message.assigned", "message.replied", "message.rated"]


@pytest.mark.django_db
def test_rating_before_reply_or_with_bad_token_is_refused(personas):
    message, token = submit(personas)
    with pytest.raises(InvalidTransition):
        services.rate_message(token=token, rating="satisfied")
    with pytest.raises(ValidationFailed):
        services.rate_message(token="nonsense", rating="satisfied")
    services.reply_to_message(actor=personas["publisher"], message=message, reply="答复")
    with pytest.raises(ValidationFailed):
        services.rate_message(token=token, rating="excellent")
    message.refresh_from_db()
    assert message.rating == ""


@pytest.mark.django_db
def test_assign_only_inside_the_receiving_agency(personas):
    message, _ = submit(personas, actor=personas["editor_a"], agency=personas.dept_a, channel="phone")
    with pytest.raises(ValidationFailed):
        services.assign_message(actor=personas["publisher"], message=message, department=personas.dept_b)
    message.refresh_from_db()
    assert message.department is None and message.status == "received"


@pytest.mark.django_db
def test_publish_needs_consent_reply_and_no_personal_data(personas):
    message, _ = submit(personas, consent_to_publish=False)
    publisher = personas["publisher"]
    services.reply_to_message(actor=publisher, message=message, reply="答复")
    with pytest.raises(ValidationFailed, match="未同意公开"):
        services.publish_message(actor=publisher, message=message, public_question="问", public_answer="答")
    consenting, _ = submit(personas)
    with pytest.raises(InvalidTransition):
        services.publish_message(actor=publisher, message=consenting, public_question="问", public_answer="答")
    services.reply_to_message(actor=publisher, message=consenting, reply="答复")
    with pytest.raises(ValidationFailed, match="李四"):
        services.publish_message(actor=publisher, message=consenting, public_question="李四问公租房",
                                 public_answer="答")
    with pytest.raises(ValidationFailed, match="手机号码"):
        services.publish_message(actor=publisher, message=consenting, public_question="公租房",
                                 public_answer="请致电13912345678")
    consenting.refresh_from_db()
    assert consenting.published_at is None and consenting.public_question == ""
    services.publish_message(actor=publisher, message=consenting, public_question="公租房申请需要哪些材料？",
                             public_answer="身份证明和收入证明。")
    consenting.refresh_from_db()
    assert consenting.published_at is not None


@pytest.mark.django_db
def test_decline_and_convert(personas):
    spam, _ = submit(personas)
    services.decline_message(actor=personas["publisher"], message=spam, reason="广告信息")
    spam.refresh_from_db()
    assert spam.status == "declined" and spam.closed_on and spam.accepted_on is None
    with pytest.raises(InvalidTransition):
        services.reply_to_message(actor=personas["publisher"], message=spam, reply="答复")
    request, _ = submit(personas, category="misdirected")
    services.mark_converted(actor=personas["publisher"], message=request, application_code="GK2017-0001")
    request.refresh_from_db()
    assert request.status == "converted" and request.linked_application_code == "GK2017-0001"
    with pytest.raises(ValidationFailed):
        services.mark_converted(actor=personas["publisher"], message=submit(personas)[0], application_code=" ")


@pytest.mark.django_db
def test_flag_overdue_is_idempotent(personas):
    message, _ = submit(personas)
    assert services.flag_overdue_messages(today=dt.date(2017, 3, 13)) == 0
    assert services.flag_overdue_messages(today=dt.date(2017, 3, 14)) == 1
    assert services.flag_overdue_messages(today=dt.date(2017, 3, 15)) == 0
    message.refresh_from_db()
    assert message.overdue_flagged_on == dt.date(2017, 3, 14)
    assert Event.objects.filter(action="message.overdue").count() == 1


@pytest.mark.django_db
def test_supervisor_cannot_handle(personas):
    message, _ = submit(personas)
    for call in (lambda: services.accept_message(actor=personas["supervisor"], message=message),
                 lambda: services.reply_to_message(actor=personas["supervisor"], message=message, reply="x")):
        with pytest.raises(NotAllowed):
            call()
    message.refresh_from_db()
    assert message.status == "received"


def test_overdue_flagging_is_registered_as_timed_work():
    from gongkai.core.timed import timed_jobs

    assert "engagement.flag_overdue_messages" in {job.name for job in timed_jobs()}


@pytest.mark.django_db
def test_a_call_cannot_be_dated_in_the_future(personas):
    from django.utils import timezone

    with pytest.raises(ValidationFailed, match="不能晚于现在"):
        submit(personas, actor=personas["editor_a"], agency=personas.dept_a, channel="phone",
               received_at=timezone.now() + dt.timedelta(days=1))
    assert not Message.objects.exists()
