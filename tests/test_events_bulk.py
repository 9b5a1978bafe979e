"""Bulk writes leave the events every other write leaves: record_events builds each event with record_event's rules
(who acted, a token naming itself, the stamp), and the catalog's bulk path (import, demo) writes through it."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.agencies.domain.actors import TokenActor
from gongkai.catalog.models import Item
from gongkai.catalog.services.importing import write_published_items
from gongkai.core.actors import System
from gongkai.core.events import record_event, record_events
from gongkai.core.models import Event
from gongkai.core.time import clock_at

pytestmark = pytest.mark.django_db

FIELDS = ("actor_id", "actor_label", "content_type_id", "object_id", "object_repr", "action", "from_state",
          "to_state", "before", "after", "reason", "legal_basis", "payload")


def _token(personas) -> TokenActor:
    return TokenActor(token_id=7, prefix="gk_abc", name="上级门户", agency_id=personas.government.pk,
                      agency_path=personas.government.path, permissions=frozenset({"item.publish"}))


def _rows(personas, n: int) -> list[dict]:
    return [{"agency_id": personas.dept_a.pk, "title": f"第{i}号通知", "published_on": dt.date(2017, 3, i + 1),
             "written_on": dt.date(2017, 3, 1), "channels": ["portal"]} for i in range(n)]


@pytest.mark.parametrize("who", ["publisher", "token", "system"])
def test_record_events_writes_what_record_event_writes(personas, who):
    actor = {"publisher": personas["publisher"], "token": _token(personas), "system": System}[who]
    fields = {"obj": personas.dept_a, "action": "catalog.configured", "from_state": "a", "to_state": "b",
              "before": {"x": dt.date(2024, 1, 2)}, "after": {"x": None}, "reason": "理由", "legal_basis": "条例",
              "payload": {"n": 1}}
    one = record_event(actor=actor, **fields)
    assert record_events([{"actor": actor, **fields}] * 3, batch_size=2) == 3
    many = list(Event.objects.filter(action="catalog.configured").exclude(pk=one.pk))
    assert len(many) == 3
    for event in many:
        assert [getattr(event, f) for f in FIELDS] == [getattr(one, f) for f in FIELDS]
    if who == "token":
        assert one.actor_label == "接口令牌 gk_abc（上级门户）"
        assert one.payload == {"n": 1, "api_token": "gk_abc", "api_token_id": 7}


def test_the_bulk_path_names_the_token_that_published(personas):
    ids = write_published_items(actor=_token(personas), rows=_rows(personas, 3), action="item.imported",
                                reason="上级门户推送")
    events = Event.objects.filter(action="item.imported").order_by("object_id")
    assert [e.object_id for e in events] == [str(i) for i in sorted(ids)]
    for event in events:
        assert event.actor_label == "接口令牌 gk_abc（上级门户）"
        assert event.payload["api_token_id"] == 7 and event.payload["index_number"]
        assert event.to_state == "published" and event.reason == "上级门户推送"
        assert event.object_repr == Item.objects.get(pk=event.object_id).title


def test_a_replayed_bulk_publication_stamps_each_event_at_its_publication(personas):
    moment = timezone.make_aware(dt.datetime(2017, 12, 31, 18, 0))
    with clock_at(moment):
        ids = write_published_items(actor=System, rows=_rows(personas, 2), action="item.imported", reason="演示数据")
    for pk in ids:
        event = Event.objects.get(action="item.imported", object_id=str(pk))
        assert event.at == Item.objects.get(pk=pk).published_at
        assert event.actor_label == "系统"
