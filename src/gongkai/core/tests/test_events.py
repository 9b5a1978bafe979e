import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core.actors import System
from gongkai.core.events import events_for, record_event
from gongkai.core.models import AppendOnlyError, Event


@pytest.fixture
def agency(db, django_user_model):
    # Any model will do as the object of an event; core knows only the user model.
    return django_user_model.objects.create_user("subject")


def test_record_event_stores_actor_object_and_change(agency, django_user_model):
    user = django_user_model.objects.create_user("clerk")
    event = record_event(actor=user, obj=agency, action="agency.updated", before={"name": "旧"},
                         after={"name": "新"}, reason="更名", legal_basis="条例第十二条")
    stored = Event.objects.get(pk=event.pk)
    assert (stored.actor, stored.actor_label, stored.action) == (user, "clerk", "agency.updated")
    assert (stored.before, stored.after, stored.reason) == ({"name": "旧"}, {"name": "新"}, "更名")
    # Creating the user left its own account event (agencies.account_audit); this one follows it.
    assert list(events_for(agency).exclude(action="user.created")) == [stored]


def test_system_actor_is_labelled(agency):
    assert record_event(actor=System, obj=agency, action="x").actor_label == "系统"


def test_events_cannot_be_changed_or_deleted_through_the_application(agency):
    event = record_event(actor=System, obj=agency, action="x")
    event.reason = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(reason="篡改")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()


def test_the_database_refuses_updates_that_bypass_the_model(agency):
    event = record_event(actor=System, obj=agency, action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_event SET reason = %s WHERE id = %s", ["篡改", event.pk])
    assert Event.objects.get(pk=event.pk).reason == ""


def test_the_event_clock_stamps_a_replayed_past_and_comes_back_to_now(agency):
    import datetime as dt

    from django.utils import timezone

    from gongkai.core.time import clock_at, event_time, replaying

    before = timezone.now()
    past = dt.datetime(2017, 3, 14, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with clock_at(past):
        assert replaying()
        assert record_event(actor=System, obj=agency, action="x").at == past
        with clock_at(dt.date(2018, 3, 15)):   # a date: 09:00 local time that day
            inner = record_event(actor=System, obj=agency, action="y")
            assert timezone.localtime(inner.at).isoformat() == "2018-03-15T09:00:00+08:00"
        assert event_time() == past
        given = record_event(actor=System, obj=agency, action="z", at=past + dt.timedelta(days=1))
        assert given.at == past + dt.timedelta(days=1)   # an explicit stamp wins
    assert not replaying()
    now = record_event(actor=System, obj=agency, action="w").at
    assert now >= before and Event.objects.get(pk=inner.pk).at.year == 2018
