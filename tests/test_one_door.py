"""One door per object: a missing message or item is 404 and a forbidden one 403, the same in the back office and
the API; ids typed into staff forms that name nothing (or no number a database holds) are a message or a 404,
never a server error; the rule "its agency or its assigned department" is one function."""

import datetime as dt

import pytest

from gongkai.agencies.policy import can
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import NegativeListEntry
from gongkai.core.actors import Public
from gongkai.engagement import policy, services
from gongkai.engagement.models import Message
from gongkai.engagement.selectors import access_message, messages_for
from tests.api_helpers import call, token_for
from tests.catalog_helpers import draft, published, ready

TOO_BIG = "9" * 25   # more digits than any database integer holds
MISSING = 2**62


@pytest.fixture
def message(personas):
    message, _token = services.submit_message(actor=Public, agency=personas.dept_a, channel="web", category="consult",
                                              subject="公租房申请条件", body="需要哪些材料？", writer_name="赵六")
    return message


def _staff(client, personas, persona):
    client.force_login(personas[persona])
    return client


# --------------------------------------------------------------------------------- the same answer everywhere

@pytest.mark.django_db
def test_a_missing_message_is_404_and_a_forbidden_one_403_in_the_back_office_and_the_api(client, personas, message):
    staff = _staff(client, personas, "editor_b")   # 测试区教育局: not the message's agency
    assert staff.get(f"/staff/engagement/messages/{MISSING}/").status_code == 404
    assert staff.get(f"/staff/engagement/messages/{message.pk}/").status_code == 403
    assert staff.get(f"/staff/engagement/messages/{MISSING}/to-application/").status_code == 404
    assert staff.get(f"/staff/engagement/messages/{message.pk}/to-application/").status_code == 403
    client.logout()
    outsider = token_for(personas.dept_b, "engagement.handle")
    assert call(client, "post", f"/messages/{MISSING}/reply", outsider, {"reply": "好"}).status_code == 404
    assert call(client, "post", f"/messages/{message.pk}/reply", outsider, {"reply": "好"}).status_code == 403
    handler = token_for(personas.dept_a, "engagement.handle")
    assert call(client, "post", f"/messages/{message.pk}/reply", handler, {"reply": "好"}).status_code == 200


@pytest.mark.django_db
def test_a_missing_item_is_404_and_a_forbidden_one_403_in_the_back_office_and_the_api(client, personas):
    item = draft(personas)
    staff = _staff(client, personas, "editor_b")
    for suffix in ("", "edit/", "revisions/"):
        assert staff.get(f"/staff/catalog/items/{MISSING}/{suffix}").status_code == 404, suffix
        assert staff.get(f"/staff/catalog/items/{item.pk}/{suffix}").status_code == 403, suffix
    assert staff.post(f"/staff/catalog/items/{MISSING}/submit/").status_code == 404
    assert staff.post(f"/staff/catalog/items/{item.pk}/submit/").status_code == 403
    client.logout()
    outsider = token_for(personas.dept_b, "item.edit", "item.submit")
    assert call(client, "get", f"/staff/items/{MISSING}", outsider).status_code == 404
    assert call(client, "get", f"/staff/items/{item.pk}", outsider).status_code == 403
    assert call(client, "post", f"/items/{MISSING}/submit", outsider).status_code == 404
    assert call(client, "post", f"/items/{item.pk}/submit", outsider).status_code == 403


@pytest.mark.django_db
def test_the_parts_of_an_item_answer_404_when_they_belong_to_another_item(client, personas):
    mine, other = draft(personas), draft(personas, title="另一条信息")
    attachment_of_other = other.attachments.create(original_name="x.pdf", size=1, sha256="0" * 64)
    staff = _staff(client, personas, "editor_a")
    for url in (f"/staff/catalog/items/{mine.pk}/attachments/{attachment_of_other.pk}/remove/",
                f"/staff/catalog/items/{mine.pk}/attachments/{MISSING}/remove/",
                f"/staff/catalog/items/{mine.pk}/findings/{MISSING}/override/"):
        assert staff.post(url).status_code == 404, url
    assert other.attachments.count() == 1


# ------------------------------------------------------------------------ ids typed into staff forms

@pytest.mark.django_db
def test_an_abolishing_document_named_by_an_impossible_number_is_a_message(client, personas):
    item = ready(personas, normative_kind="normative", doc_number="测财发〔2024〕1号", written_on=dt.date(2024, 1, 5))
    catalog_services.mark_interpretation_not_required(actor=personas["reviewer_a"], item=item, reason="内部管理类")
    catalog_services.publish_item(actor=personas["publisher"], item=item)
    staff = _staff(client, personas, "publisher")
    response = staff.post(f"/staff/catalog/items/{item.pk}/validity/",
                          {"validity": "abolished", "on": "2024-06-01", "abolished_by": TOO_BIG, "reason": "废止"},
                          follow=True)
    assert response.status_code == 200
    assert "找不到废止文件" in response.content.decode()
    item.refresh_from_db()
    assert item.validity == "valid"


@pytest.mark.django_db
def test_a_compilation_of_impossible_item_numbers_leaves_them_out(client, personas):
    item = published(personas)
    staff = _staff(client, personas, "publisher")
    response = staff.post("/staff/catalog/compilations/new/", {
        "agency": personas.government.code, "title": "政务文件汇编", "year": "2024", "edition": "1",
        "issued_on": "2024-06-30", "copies": "100", "items": [TOO_BIG, str(item.pk), "１２", "abc"]}, follow=True)
    assert response.status_code == 200
    entries = list(item.compilation_entries.values_list("item_id", flat=True))
    assert entries == [item.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ["abc", TOO_BIG, str(MISSING), ""])
def test_removing_a_negative_list_entry_that_is_not_there_is_404(client, personas, entry):
    staff = _staff(client, personas, "publisher")
    kept = NegativeListEntry.objects.create(agency=personas.government, term="内部讨论稿", basis="保密规定")
    response = staff.post(f"/staff/catalog/settings/?agency={personas.government.code}",
                          {"form": "negative_remove", "entry": entry, "agency": personas.government.code})
    assert response.status_code == 404
    assert NegativeListEntry.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", TOO_BIG, "-1", "0", "１２"])
def test_the_message_door_reads_ids_as_numbers_a_database_holds(personas, message, value):
    with pytest.raises(Message.DoesNotExist):
        access_message(personas["superuser"], value)


# ------------------------------------------------------------------ its agency or its assigned department

@pytest.mark.django_db
def test_a_department_sees_and_handles_a_message_once_it_is_assigned_to_it(client, personas):
    message, _token = services.submit_message(actor=Public, agency=personas.government, channel="web",
                                              category="consult", subject="学位申请", body="入学材料？")
    teacher = personas["editor_b"]   # 测试区教育局
    assert not policy.may(teacher, "engagement.handle", message)
    assert message not in messages_for(teacher)
    assert _staff(client, personas, "editor_b").get(f"/staff/engagement/messages/{message.pk}/").status_code == 403
    services.accept_message(actor=personas["superuser"], message=message)
    services.assign_message(actor=personas["superuser"], message=message, department=personas.dept_b, note="")
    message.refresh_from_db()
    # The one rule, asked by the policy, the lists, the door and the services alike.
    assert policy.may(teacher, "engagement.handle", message)
    assert can(teacher, "engagement.handle", personas.dept_b) and not can(teacher, "engagement.handle",
                                                                          personas.government)
    assert message in messages_for(teacher)
    assert Message.objects.filter(policy.messages_where(teacher, "engagement.handle"), pk=message.pk).exists()
    assert access_message(teacher, message.pk, "engagement.handle") == message
    assert client.get(f"/staff/engagement/messages/{message.pk}/").status_code == 200
    response = client.post(f"/staff/engagement/messages/{message.pk}/", {"action": "reply", "reply": "请带户口簿。"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == "replied"


@pytest.mark.django_db
def test_the_workbench_counts_the_open_messages_of_the_assigned_department(personas):
    from gongkai.backoffice.views_engagement import workbench_panel

    message, _token = services.submit_message(actor=Public, agency=personas.government, channel="web",
                                              category="consult", subject="学位申请", body="入学材料？")
    before = workbench_panel(personas["editor_b"])
    services.accept_message(actor=personas["superuser"], message=message)
    services.assign_message(actor=personas["superuser"], message=message, department=personas.dept_b, note="")
    after = workbench_panel(personas["editor_b"])
    assert after["open"] == before["open"] + 1

