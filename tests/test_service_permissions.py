"""The permission matrix over the foundation's services: who may call each one on department A."""

import pytest

from gongkai.agencies.services import (
    create_agency,
    create_staff_user,
    grant_role,
    revoke_role,
    update_agency,
    update_agency_office,
)
from gongkai.calendars.domain.notice import parse_notice
from gongkai.calendars.services import set_calendar_year
from gongkai.core.errors import NotAllowed

PERSONAS = ["editor_a", "editor_b", "reviewer_a", "publisher", "supervisor", "admin", "superuser"]
NOTICE = {"year": 2030, "document_number": "测试", "holidays": [
    {"name": name, "dates": [f"2030-{month}"]} for name, month in
    [("元旦", "01-01"), ("春节", "02-04"), ("清明节", "04-05"), ("劳动节", "05-01"), ("端午节", "06-05"),
     ("中秋节", "09-12"), ("国庆节", "10-01")]
]}


def _calls(p, user):
    return {
        "create_agency": lambda: create_agency(actor=user, parent=p.dept_a, kind="other", level="county",
                                               code=f"sub-{user.username}", name="下属单位"),
        "update_agency": lambda: update_agency(actor=user, agency=p.dept_a, short_name="财政"),
        "update_agency_office": lambda: update_agency_office(actor=user, agency=p.dept_a, office_phone="1"),
        "grant_role": lambda: grant_role(actor=user, user=p["editor_b"], agency=p.dept_a, role="reviewer"),
        "revoke_role": lambda: revoke_role(actor=user, user=p["editor_a"], agency=p.dept_a, role="editor"),
        "create_staff_user": lambda: create_staff_user(actor=user, username=f"new-{user.username}",
                                                       password="a-long-password"),
        "set_calendar_year": lambda: set_calendar_year(actor=user, notice=parse_notice(NOTICE)),
    }


ALLOWED = {
    "create_agency": {"admin", "superuser"},
    "update_agency": {"admin", "superuser"},
    "update_agency_office": {"publisher", "admin", "superuser"},
    "grant_role": {"admin", "superuser"},
    "revoke_role": {"admin", "superuser"},
    "create_staff_user": {"admin", "superuser"},
    "set_calendar_year": {"superuser"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("service", sorted(ALLOWED))
def test_service_matrix(personas, persona, service):
    from gongkai.core.models import Event

    user = personas[persona]
    call = _calls(personas, user)[service]
    events_before = Event.objects.count()
    if persona in ALLOWED[service]:
        call()
        assert Event.objects.count() > events_before
    else:
        with pytest.raises(NotAllowed):
            call()
        assert Event.objects.count() == events_before
