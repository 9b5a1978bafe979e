import pytest

from gongkai.agencies.domain.roles import PERMISSIONS, READ_ONLY_ACTIONS, Role
from gongkai.agencies.policy import agencies_where, can
from gongkai.agencies.selectors import history
from gongkai.agencies.services import create_agency, grant_role, update_agency_office
from gongkai.core.actors import Public, System
from gongkai.core.errors import NotAllowed, ValidationFailed


def test_supervisors_only_read():
    writing = {a for a, roles in PERMISSIONS.items() if Role.SUPERVISOR in roles} - READ_ONLY_ACTIONS
    assert writing == set()


@pytest.mark.django_db
def test_department_editor_sees_only_its_department(personas):
    editor = personas["editor_a"]
    assert can(editor, "item.edit", personas.dept_a)
    assert not can(editor, "item.edit", personas.dept_b)
    assert not can(editor, "item.edit", personas.government)
    assert set(agencies_where(editor, "agency.view")) == {personas.dept_a}


@pytest.mark.django_db
def test_supervisor_of_government_sees_subagencies_but_cannot_write(personas):
    sup = personas["supervisor"]
    assert set(agencies_where(sup, "agency.view")) == {
        personas.government, personas.dept_a, personas.dept_b, personas.town}
    assert can(sup, "case.view", personas.dept_b)
    assert not can(sup, "item.edit", personas.dept_a)
    assert not can(sup, "case.view_personal_data", personas.dept_a)


@pytest.mark.django_db
def test_anonymous_and_inactive_may_do_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "agency.view", personas.dept_a)
    assert not can(Public, "agency.view", personas.dept_a)
    assert can(System, "agency.view", personas.dept_a)
    with pytest.raises(TypeError):      # an actor left out is an error, not "the system" nor "the public"
        can(None, "agency.view", personas.dept_a)
    editor = personas["editor_a"]
    editor.is_active = False
    assert not can(editor, "item.edit", personas.dept_a)


@pytest.mark.django_db
def test_unknown_action_is_a_programming_error(personas):
    with pytest.raises(KeyError, match="unknown action"):
        can(personas["editor_a"], "item.teleport", personas.dept_a)


@pytest.mark.django_db
def test_office_update_is_permissioned_validated_and_recorded(personas):
    with pytest.raises(NotAllowed):
        update_agency_office(actor=personas["editor_a"], agency=personas.dept_a, office_phone="1")
    with pytest.raises(ValidationFailed, match="office_postcode"):
        update_agency_office(actor=personas["publisher"], agency=personas.dept_a, office_postcode="12")
    update_agency_office(actor=personas["publisher"], agency=personas.dept_a, office_phone="023-1234",
                         reason="新号码")
    events = list(history(personas["publisher"], personas.dept_a))
    assert events[-1].action == "agency.office_updated"
    assert events[-1].before == {"office_phone": ""} and events[-1].after == {"office_phone": "023-1234"}
    with pytest.raises(NotAllowed):
        history(personas["editor_b"], personas.dept_a)


@pytest.mark.django_db
def test_create_agency_validates_uscc_and_sets_path(personas):
    with pytest.raises(ValidationFailed, match="校验位"):
        create_agency(actor=personas["admin"], parent=personas.government, kind="department", level="county",
                      code="bad", name="坏代码局", uscc="11341702486344515A")
    new = create_agency(actor=personas["admin"], parent=personas.government, kind="department",
                        level="county", code="ok", name="新局", uscc="11341702486344515H")
    assert new.path == f"{personas.government.path}{new.pk}/"
    with pytest.raises(NotAllowed):
        create_agency(actor=personas["editor_a"], parent=personas.government, kind="department",
                      level="county", code="no", name="不许")


@pytest.mark.django_db
def test_grant_role_needs_admin(personas, django_user_model):
    user = django_user_model.objects.create_user("newbie")
    with pytest.raises(NotAllowed):
        grant_role(actor=personas["editor_a"], user=user, agency=personas.dept_a, role=Role.EDITOR)
    grant_role(actor=personas["admin"], user=user, agency=personas.dept_a, role=Role.EDITOR)
    assert can(user, "item.edit", personas.dept_a)
