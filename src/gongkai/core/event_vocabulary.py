"""The vocabulary of events: every action code an event can carry, with a label people read and what its
payload holds; and the labels of the states an event moves between.

Each area declares its own in ``<area>/labels.py``::

    EVENT_ACTIONS = {"item.published": (_("发布"), _("无附加数据")), ...}
    EVENT_STATES = {"item": STATUS}          # object prefix -> {state code: label}

and nothing registers by hand: the vocabulary reads the ``labels`` module of every installed app the first time
it is asked (as Django's admin finds ``admin`` modules), so the bottom layer names no area above it. History
pages, exports and the API show ``action_label(code)``; a test holds that every code a service writes is here.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class EventAction:
    code: str
    label: str          # lazy translation
    payload: str        # what the event's payload holds, for people reading an export or the API


@cache
def _vocabulary() -> tuple[dict[str, EventAction], dict[str, dict[str, str]]]:
    actions: dict[str, EventAction] = {}
    states: dict[str, dict[str, str]] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.labels"
        if not config.name.startswith("gongkai.") or find_spec(name) is None:
            continue
        module = import_module(name)
        for code, (label, payload) in getattr(module, "EVENT_ACTIONS", {}).items():
            if code in actions:
                raise ImproperlyDeclared(f"event action {code!r} is declared by two areas")
            actions[code] = EventAction(code, label, payload)
        for prefix, labels in getattr(module, "EVENT_STATES", {}).items():
            states.setdefault(prefix, {}).update({str(k): v for k, v in labels.items()})
    return actions, states


class ImproperlyDeclared(Exception):
    pass


def actions() -> dict[str, EventAction]:
    return _vocabulary()[0]


def action_label(code: str) -> str:
    """The readable name of an action code; the code itself when it is not declared (a test keeps that empty)."""
    entry = _vocabulary()[0].get(code)
    return str(entry.label) if entry else code


def state_label(action_code: str, state: str) -> str:
    """The readable name of a state of the object an event is about (the prefix of its action code)."""
    if not state:
        return ""
    prefix = action_code.split(".", 1)[0]
    label = _vocabulary()[1].get(prefix, {}).get(state)
    return str(label) if label is not None else state


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:   # FieldDoesNotExist, or a name that is no field (a computed value kept in the event)
        return None


def _state_field(model):
    for name in ("state", "status"):
        field = _model_field(model, name)
        if field is not None and getattr(field, "flatchoices", None):
            return field
    return None


def _shown(field, value) -> str:
    from django.utils.translation import gettext

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("是") if value else gettext("否")
    if isinstance(value, (list, tuple)):
        return "、".join(_shown(field, v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}：{_shown(None, v)}" for k, v in value.items())
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def event_state_label(event, state: str) -> str:
    """The readable name of one of an event's states: the choices of its object's state field."""
    if not state:
        return ""
    field = _state_field(event.content_type.model_class())
    if field is None:
        return state
    return str(dict(field.flatchoices).get(state, state))


def event_changes(event) -> list[Change]:
    """What an event changed, field by field, in words: the field's name and both values shown as people
    read them (choice labels, 是/否, lists joined)."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    model = event.content_type.model_class()
    changes = []
    for name in list(dict.fromkeys([*before, *after])):
        field = _model_field(model, name)
        label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
        old, new = _shown(field, before.get(name)), _shown(field, after.get(name))
        if old != new:
            changes.append(Change(label, old, new))
    return changes
