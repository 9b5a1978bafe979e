"""Honest ratings: no rating form arrives with a choice made (a pre-set 满意 would bias 群众满意率)."""

import re

import pytest

from gongkai.backoffice.views_engagement_forms import StaffRatingForm
from gongkai.core.actors import System
from gongkai.engagement import services
from gongkai.engagement.models import Message


def _checked(html: str) -> list[str]:
    return re.findall(r'<input[^>]*name="rating"[^>]*checked[^>]*>', html)


@pytest.mark.django_db
def test_portal_rating_form_starts_with_nothing_chosen_and_requires_a_choice(client, personas):
    message, token = services.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                                             subject="公租房", body="请问公租房怎么申请？", writer_name="王五",
                                             writer_email="wang@example.cn")
    services.reply_to_message(actor=personas["editor_a"], message=message, reply="需要身份证明。")
    link = f"/mailbox/rate/{token}/"
    page = client.get(link).content.decode()
    assert page.count('name="rating"') == 3 and _checked(page) == []
    refused = client.post(link, {"comment": "没选"})
    assert refused.status_code == 400 and "请选择满意、基本满意或不满意" in refused.content.decode()
    assert Message.objects.get(pk=message.pk).rating == ""
    assert client.post(link, {"rating": "dissatisfied"}).status_code == 302
    # A rating once given is shown as given, so changing it starts from the person's own choice.
    again = client.get(link).content.decode()
    assert len(_checked(again)) == 1 and 'value="dissatisfied"' in _checked(again)[0]


def test_staff_rating_form_offers_no_default_and_refuses_an_empty_choice():
    html = str(StaffRatingForm()["rating"])
    assert re.search(r'<option value="" selected>请选择</option>', html)
    assert 'value="satisfied" selected' not in html
    form = StaffRatingForm({"rating": "", "comment": ""})
    assert not form.is_valid() and form.errors["rating"] == ["请选择来电人的评价。"]
    assert StaffRatingForm({"rating": "basically"}).is_valid()
