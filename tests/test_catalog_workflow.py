"""Service tests of the review workflow: every transition, and refusals that leave nothing changed."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.domain.facts import Channel
from gongkai.catalog.models import IndexCounter, Item, ScreeningFinding
from gongkai.catalog.signals import item_published, item_withdrawn
from gongkai.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from gongkai.core.models import Event
from tests.catalog_helpers import draft, published, ready

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"  # valid GB 11643 check digit


def state(item):
    """Everything a refused transition must leave as it was."""
    item = Item.objects.get(pk=item.pk)
    return (item.status, item.index_number, item.published_on, item.rejection_reason, item.scheduled_at,
            Event.objects.count(), IndexCounter.objects.values_list("last_serial", flat=True).first(),
            list(ScreeningFinding.objects.filter(item=item).values_list("status", flat=True).order_by("id")))


def test_the_happy_path_writes_one_event_per_transition(personas, django_capture_on_commit_callbacks):
    item = draft(personas)
    assert item.status == "draft" and item.index_number == ""
    services.submit_item(actor=personas["editor_a"], item=item)
    services.review_item(actor=personas["reviewer_a"], item=item, comment="同意")
    services.secrecy_review_item(actor=personas["secrecy_a"], item=item)
    received = []
    item_published.connect(lambda sender, item, **kw: received.append(item.pk), weak=False, dispatch_uid="t1")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item = services.publish_item(actor=personas["publisher"], item=item, published_on=dt.date(2024, 3, 1))
    finally:
        item_published.disconnect(dispatch_uid="t1")
    assert received == [item.pk]
    assert item.status == "published"
    assert item.index_number == f"{personas.dept_a.org_code}/2024-00001"
    assert len(item.index_number) == 20
    assert list(item.channels.values_list("channel", flat=True)) == [Channel.PORTAL]
    actions = list(Event.objects.for_object(item).values_list("action", "from_state", "to_state"))
    assert actions == [
        ("item.created", "", "draft"),
        ("item.submitted", "draft", "submitted"),
        ("item.reviewed", "submitted", "reviewed"),
        ("item.secrecy_reviewed", "reviewed", "secrecy_reviewed"),
        ("item.published", "secrecy_reviewed", "published"),
    ]


@pytest.mark.parametrize(
    ("step", "who"),
    [("submit_item", "editor_b"), ("submit_item", "reviewer_a"), ("submit_item", "supervisor")],
)
def test_wrong_role_cannot_submit_and_nothing_changes(personas, step, who):
    item = draft(personas)
    before = state(item)
    with pytest.raises(NotAllowed):
        getattr(services, step)(actor=personas[who], item=item)
    assert state(item) == before


@pytest.mark.parametrize(
    ("steps_done", "step", "who"),
    [
        (0, "review_item", "editor_a"),
        (1, "secrecy_review_item", "reviewer_a"),
        (2, "publish_item", "secrecy_a"),
        (2, "publish_item", "editor_a"),
    ],
)
def test_wrong_role_at_each_step_is_refused(personas, steps_done, step, who):
    item = draft(personas)
    chain = [("submit_item", "editor_a"), ("review_item", "reviewer_a"), ("secrecy_review_item", "secrecy_a")]
    for name, actor in chain[: steps_done + 1]:
        getattr(services, name)(actor=personas[actor], item=item)
    before = state(item)
    with pytest.raises(NotAllowed):
        getattr(services, step)(actor=personas[who], item=item)
    assert state(item) == before


@pytest.mark.parametrize(
    ("step", "who"),
    [("review_item", "reviewer_a"), ("secrecy_review_item", "secrecy_a"), ("publish_item", "publisher"),
     ("withdraw_item", "publisher")],
)
def test_wrong_state_is_refused_and_nothing_changes(personas, step, who):
    item = draft(personas)
    before = state(item)
    kwargs = {"reason": "错误"} if step == "withdraw_item" else {}
    with pytest.raises(InvalidTransition):
        getattr(services, step)(actor=personas[who], item=item, **kwargs)
    assert state(item) == before


def test_publishing_twice_is_refused(personas):
    item = published(personas)
    before = state(item)
    with pytest.raises(InvalidTransition):
        services.publish_item(actor=personas["publisher"], item=item)
    assert state(item) == before


@pytest.mark.parametrize(("steps", "rejecter"), [(1, "reviewer_a"), (2, "secrecy_a"), (3, "publisher")])
def test_rejection_at_each_step_returns_to_the_editor_with_the_reason(personas, steps, rejecter):
    item = draft(personas)
    chain = [("submit_item", "editor_a"), ("review_item", "reviewer_a"), ("secrecy_review_item", "secrecy_a")]
    for name, actor in chain[:steps]:
        getattr(services, name)(actor=personas[actor], item=item)
    item = services.reject_item(actor=personas[rejecter], item=item, reason="文号有误，请核对")
    assert item.status == "draft" and item.rejection_reason == "文号有误，请核对"
    event = Event.objects.for_object(item).last()
    assert (event.action, event.to_state, event.reason) == ("item.rejected", "draft", "文号有误，请核对")


def test_rejection_without_a_reason_is_refused(personas):
    item = draft(personas)
    services.submit_item(actor=personas["editor_a"], item=item)
    before = state(item)
    with pytest.raises(ValidationFailed):
        services.reject_item(actor=personas["reviewer_a"], item=item, reason="  ")
    assert state(item) == before


def test_an_id_number_blocks_publication_until_a_reviewer_overrides_it(personas):
    item = ready(personas, body=f"<p>申请人身份证号 {ID_NUMBER}。</p>")
    finding = ScreeningFinding.objects.get(item=item)
    assert (finding.kind, finding.field, finding.status) == ("id_number", "正文", "open")
    assert ID_NUMBER not in finding.match  # masked
    before = state(item)
    with pytest.raises(ValidationFailed) as exc:
        services.publish_item(actor=personas["publisher"], item=item)
    assert exc.value.code == "catalog.screening_open"
    assert state(item) == before
    with pytest.raises(NotAllowed):
        services.override_finding(actor=personas["editor_a"], finding=finding, reason="公开需要")
    with pytest.raises(ValidationFailed):
        services.override_finding(actor=personas["reviewer_a"], finding=finding, reason="")
    services.override_finding(actor=personas["reviewer_a"], finding=finding, reason="该号码为虚构示例，经核实可公开")
    item = services.publish_item(actor=personas["publisher"], item=item)
    assert item.status == "published"
    override = Event.objects.for_object(item).get(action="item.screening_overridden")
    assert override.reason == "该号码为虚构示例，经核实可公开" and override.actor == personas["reviewer_a"]


def test_fixing_the_text_resolves_the_finding(personas):
    item = draft(personas, body="<p>联系电话 13912345678</p>")
    assert ScreeningFinding.objects.get(item=item).status == "open"
    services.update_item(actor=personas["editor_a"], item=item, body="<p>联系电话 023-85276112</p>")
    assert ScreeningFinding.objects.get(item=item).status == "resolved"
    assert item.revisions.count() == 2


def test_withdrawal_keeps_the_index_number_reserved(personas, django_capture_on_commit_callbacks):
    first = published(personas)
    received = []
    item_withdrawn.connect(lambda sender, item, **kw: received.append(item.pk), weak=False, dispatch_uid="t2")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            withdrawn = services.withdraw_item(actor=personas["publisher"], item=first, reason="内容有误")
    finally:
        item_withdrawn.disconnect(dispatch_uid="t2")
    assert received == [first.pk]
    assert withdrawn.status == "withdrawn" and withdrawn.index_number == first.index_number
    second = published(personas, title="第二件")
    assert second.index_number.endswith("-00002")


def test_withdrawal_needs_a_reason_and_the_publisher(personas):
    item = published(personas)
    before = state(item)
    with pytest.raises(ValidationFailed):
        services.withdraw_item(actor=personas["publisher"], item=item, reason="")
    with pytest.raises(NotAllowed):
        services.withdraw_item(actor=personas["editor_a"], item=item, reason="x")
    assert state(item) == before


def test_scheduled_publication_by_the_timer(personas):
    item = ready(personas)
    with pytest.raises(ValidationFailed):
        services.schedule_item(actor=personas["publisher"], item=item, at=timezone.now() - dt.timedelta(minutes=1))
    services.schedule_item(actor=personas["publisher"], item=item, at=timezone.now() + dt.timedelta(hours=1))
    assert services.publish_due_scheduled() == 0
    Item.objects.filter(pk=item.pk).update(scheduled_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.publish_due_scheduled() == 1
    assert services.publish_due_scheduled() == 0
    item.refresh_from_db()
    assert item.status == "published" and item.index_number
    assert Event.objects.for_object(item).last().actor_label == "系统"


def test_unschedule_returns_to_ready(personas):
    item = ready(personas)
    services.schedule_item(actor=personas["publisher"], item=item, at=timezone.now() + dt.timedelta(hours=1))
    item = services.unschedule_item(actor=personas["publisher"], item=item)
    assert item.status == "secrecy_reviewed" and item.scheduled_at is None


def test_editing_after_submission_is_refused(personas):
    item = draft(personas)
    services.submit_item(actor=personas["editor_a"], item=item)
    before = state(item)
    with pytest.raises(InvalidTransition):
        services.update_item(actor=personas["editor_a"], item=item, title="改")
    assert state(item) == before


def test_serials_are_consecutive_per_agency_and_year(personas):
    numbers = [published(personas, title=f"第{n}件", ).index_number for n in range(3)]
    assert [n[-5:] for n in numbers] == ["00001", "00002", "00003"]
    assert all(re.fullmatch(r"[0-9A-Z]{9}/\d{4}-\d{5}", n) for n in numbers)


def test_month_period_and_uscc_prefix_are_configurable(personas):
    from gongkai.agencies.models import Agency

    Agency.objects.filter(pk=personas.dept_a.pk).update(uscc="91110000100000000X")
    services.configure_catalog(actor=personas["publisher"], agency=personas.dept_a, index_prefix_source="uscc",
                               index_period="month")
    item = services.publish_item(actor=personas["publisher"], item=ready(personas), published_on=dt.date(2021, 10, 8))
    assert item.index_number.endswith("/202110-00001")


def test_a_non_proactive_item_is_not_published(personas):
    item = ready(personas, disclosure_mode="withheld", non_disclosure_basis="internal_affairs")
    before = state(item)
    with pytest.raises(ValidationFailed):
        services.publish_item(actor=personas["publisher"], item=item)
    assert state(item) == before


def test_withheld_without_a_legal_basis_is_refused(personas):
    with pytest.raises(ValidationFailed):
        draft(personas, disclosure_mode="withheld")
    assert not Item.objects.exists()


def test_body_is_sanitised_on_save(personas):
    item = draft(personas, body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:x">链</a></p>')
    assert "<script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert item.body_text.startswith("正文")


def test_art26_due_date_uses_the_working_calendar(personas):
    # 2024-09-27 (Fri) + 20 working days: 9-29 (Sun) and 10-12 (Sat) are make-up working days, 10-01..07 are
    # the National Day holiday, so the 20th working day is 10-30.
    item = draft(personas, written_on=dt.date(2024, 9, 27))
    assert item.disclosure_due_on == dt.date(2024, 10, 30)


def test_schedule_unschedule_and_reject_refusals_leave_nothing_changed(personas):
    item = ready(personas)
    soon = timezone.now() + dt.timedelta(hours=2)
    before = state(item)
    with pytest.raises(NotAllowed):
        services.schedule_item(actor=personas["secrecy_a"], item=item, at=soon)
    with pytest.raises(InvalidTransition):
        services.unschedule_item(actor=personas["publisher"], item=item)
    with pytest.raises(NotAllowed):
        services.reject_item(actor=personas["editor_a"], item=item, reason="自己退回")
    assert state(item) == before
    services.schedule_item(actor=personas["publisher"], item=item, at=soon)
    before = state(item)
    with pytest.raises(InvalidTransition):
        services.schedule_item(actor=personas["publisher"], item=item, at=soon)
    assert state(item) == before


def test_a_scheduled_item_whose_screening_fails_goes_back_to_ready(personas):
    item = ready(personas)
    services.schedule_item(actor=personas["publisher"], item=item, at=timezone.now() + dt.timedelta(hours=1))
    services.add_negative_list_entry(actor=personas["publisher"], agency=personas.dept_a, term="预算")
    Item.objects.filter(pk=item.pk).update(scheduled_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.publish_due_scheduled() == 1
    item.refresh_from_db()
    assert item.status == "secrecy_reviewed" and item.index_number == ""
    assert Event.objects.for_object(item).last().reason.startswith("定时发布未完成：审查发现未处理")
    assert services.publish_due_scheduled() == 0
