"""The one way to write an event. Services call ``record_event`` inside their transaction."""

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from gongkai.core.actors import require_actor
from gongkai.core.models import Event
from gongkai.core.time import event_time


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def new_event(
    *,
    actor,
    obj: models.Model,
    action: str,
    from_state: str = "",
    to_state: str = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    legal_basis: str = "",
    payload: dict | None = None,
    actor_label: str = "",
    at: dt.datetime | None = None,
) -> Event:
    """The event as ``record_event`` writes it, not saved yet: who acted (a user, or a token naming itself in
    the label and the payload), the object, the stamp. ``record_event`` saves one; ``record_events`` many."""
    require_actor(actor)
    user = actor if getattr(actor, "is_authenticated", False) else None
    # An actor that is not a user (an API token, the System, the Public) names itself in the label (and a token
    # in the payload).
    label = actor_label or getattr(actor, "event_label", "") or (user.get_username() if user else "系统")
    payload = {**(payload or {}), **getattr(actor, "event_payload", {})}
    event = Event(
        actor=user,
        actor_label=label,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        reason=reason or "",
        legal_basis=legal_basis or "",
        payload=_jsonable(payload or {}),
    )
    event.at = at if at is not None else event_time()   # now, or the moment a replay of the past is at
    return event


def record_event(*, actor, obj: models.Model, action: str, **fields) -> Event:
    """Write one event (the keyword arguments of ``new_event``) inside the caller's transaction."""
    event = new_event(actor=actor, obj=obj, action=action, **fields)
    event.save()
    return event


def record_events(events: Iterable[dict], *, batch_size: int = 1000) -> int:
    """Write many events at once (bulk imports, the demo): each is a dict of ``new_event``'s keyword arguments
    and becomes exactly the event ``record_event`` would write, inserted in batches. Returns how many."""
    written = 0
    batch: list[Event] = []
    for fields in events:
        batch.append(new_event(**fields))
        if len(batch) >= batch_size:
            Event.objects.bulk_create(batch)
            written, batch = written + len(batch), []
    if batch:
        Event.objects.bulk_create(batch)
        written += len(batch)
    return written


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The values of ``fields`` on ``obj``, for an event's before/after."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def events_for(obj: models.Model):
    return Event.objects.for_object(obj).select_related("actor")
