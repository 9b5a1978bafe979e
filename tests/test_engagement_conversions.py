"""A message that is really an information request becomes an application, and the other way round; both
records and histories are kept and point at each other (backoffice.conversions, ADR 0004)."""

import pytest

from gongkai.backoffice.conversions import convert_application_to_message, convert_message_to_application
from gongkai.cases.models import Application
from gongkai.cases.services_intake import ApplicantInput, register_application
from gongkai.core.actors import System
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import events_for
from gongkai.core.time import local_today
from gongkai.engagement import services
from gongkai.engagement.models import Message


def applicant(**overrides):
    data = dict(applicant_type="natural_person", applicant_name="钱七", id_type="passport", id_number="E12345678",
                description="请公开某安置房项目的建设工程规划许可证。", provision_form="electronic", delivery="email",
                email="qian@example.cn")
    data.update(overrides)
    return ApplicantInput(**data)


@pytest.mark.django_db
def test_message_becomes_an_application(personas):
    message, _ = services.submit_message(actor=System, agency=personas.dept_a, channel="web", category="misdirected",
                                         subject="申请公开规划许可", body="请公开某安置房项目的建设工程规划许可证。",
                                         writer_name="钱七", writer_email="qian@example.cn")
    app = convert_message_to_application(actor=personas["handler_a"], message=message, applicant=applicant())
    message.refresh_from_db()
    assert message.status == "converted" and message.linked_application_code == app.tracking_code
    assert app.channel == "online" and app.arrived_on == message.received_on and app.agency == personas.dept_a
    assert [e.action for e in events_for(message)] == ["message.received", "message.converted"]
    assert events_for(app).filter(action="case.registered").exists()


@pytest.mark.django_db
def test_refused_conversion_leaves_both_sides_unchanged(personas):
    message, _ = services.submit_message(actor=System, agency=personas.dept_a, channel="web", category="misdirected",
                                         subject="s", body="b")
    with pytest.raises(ValidationFailed):
        convert_message_to_application(actor=personas["handler_a"], message=message,
                                       applicant=applicant(description="短"))
    with pytest.raises(NotAllowed):
        convert_message_to_application(actor=personas["editor_a"], message=message, applicant=applicant())
    message.refresh_from_db()
    assert message.status == "received" and not Application.objects.exists()


@pytest.mark.django_db
def test_application_that_is_a_complaint_goes_to_the_mailbox(personas):
    handler = personas["handler_a"]
    app = register_application(actor=handler, agency=personas.dept_a, channel="in_person",
                               data=applicant(description="投诉某工地夜间施工噪音扰民，请处理。"),
                               arrived_on=local_today())
    message = convert_application_to_message(actor=handler, app=app, category="complaint", subject="投诉夜间施工")
    app.refresh_from_db()
    assert app.decision.result == "not_processed_petition"
    assert message.tracking_code in app.decision.reasons
    assert (message.category, message.linked_application_code, message.writer_name) == ("complaint",
                                                                                         app.tracking_code, "钱七")
    assert message.channel == "letter"
    with pytest.raises(ValidationFailed):
        convert_application_to_message(actor=handler, app=app, category="misdirected", subject="x")
    assert Message.objects.count() == 1
