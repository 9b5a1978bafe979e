"""Actors are explicit: ``System`` and ``Public`` (gongkai.core.actors), never ``actor=None``."""

import pathlib
import re

import pytest

from gongkai.agencies.policy import agencies_where, can
from gongkai.core.actors import Public, PublicActor, System, SystemActor
from gongkai.core.events import record_event

ROOT = pathlib.Path(__file__).resolve().parents[1]
NONE_ACTOR = re.compile(r"\bactor\s*=\s*None\b")


def test_no_service_is_called_with_actor_none():
    found = [f"{path.relative_to(ROOT)}:{n}" for base in ("src", "tests", "bench")
             for path in sorted((ROOT / base).rglob("*.py")) if path.name != "test_actors.py"
             and "static" not in path.parts
             for n, line in enumerate(path.read_text().splitlines(), start=1)
             if NONE_ACTOR.search(line) and "actor=None is not an actor" not in line
             and "``actor=None``" not in line]
    assert found == []


@pytest.mark.django_db
def test_the_system_may_everything_and_the_public_no_staff_action(personas):
    assert can(System, "agency.manage", personas.dept_a) and can(SystemActor("定时任务"), "item.publish", personas.dept_a)
    assert not can(Public, "agency.view", personas.dept_a)
    assert agencies_where(System, "item.edit").count() == agencies_where(personas["superuser"], "item.edit").count()
    assert not agencies_where(Public, "item.edit").exists()
    with pytest.raises(TypeError):
        agencies_where(None, "item.edit")


@pytest.mark.django_db
def test_events_name_the_system_and_the_public(personas):
    agency = personas.dept_a
    assert record_event(actor=System, obj=agency, action="x").actor_label == "系统"
    assert record_event(actor=SystemActor("演示数据"), obj=agency, action="x").actor_label == "系统（演示数据）"
    public = record_event(actor=Public, obj=agency, action="x")
    assert public.actor is None and public.actor_label == "公众"
    assert record_event(actor=PublicActor("申请人"), obj=agency, action="x").actor_label == "申请人"
    assert record_event(actor=Public, actor_label="10.0.0.1", obj=agency, action="x").actor_label == "10.0.0.1"
    with pytest.raises(TypeError):
        record_event(actor=None, obj=agency, action="x")
