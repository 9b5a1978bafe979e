"""A page's own blocks drawn once with marks for their per-request parts (portal/page_frame.py, issue 17 §3): the
catalog page drawn once per site and language, the same bytes as rendered whole whatever the filters; a part in
a loop, a part drawn twice, or a stray mark in the data means no page frame (the blocks rendered as before)."""

import pytest
from django.template import Context, engines
from django.test import Client
from django.urls import reverse

from gongkai.agencies.services import update_agency
from gongkai.core.actors import System
from gongkai.portal import page_frame, site_frame
from tests.catalog_helpers import published


@pytest.fixture
def fresh(personas, settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    for n in range(3):
        published(personas, title=f"第{n}份通知")
    return personas


def _whole(monkeypatch, client, url):
    with monkeypatch.context() as patched:
        patched.setattr(site_frame, "_page_blocks", lambda name: None)
        return client.get(url).content.decode()


QUERIES = ["?year=2024&agency=dept-a&page=2", "", "?page=2", "?year=2024", "?topic=zz", "?genre=x&statutory=y", "?agency=dept-a", "?page=abc",
           "?year=abc&page=99"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_catalog_is_drawn_once_and_filled_as_the_page_rendered_whole(fresh, monkeypatch, language):
    client = Client()
    client.cookies["django_language"] = language
    gov = reverse("portal:catalog", kwargs={"code": fresh.government.code})
    for query in QUERIES:
        framed = client.get(gov + query).content.decode()
        assert framed == _whole(monkeypatch, client, gov + query), query
    assert len(page_frame._frames) == 1   # one site, one language: every filter shared it
    assert all(made is not None for _stamp, _at, made in page_frame._frames.values())


@pytest.mark.django_db
def test_a_change_of_the_site_draws_it_again(fresh, monkeypatch, django_capture_on_commit_callbacks):
    client = Client()
    gov = reverse("portal:catalog", kwargs={"code": fresh.government.code})
    client.get(gov)
    with django_capture_on_commit_callbacks(execute=True):
        update_agency(actor=System, agency=fresh.dept_a, name="测试区财政和国资局", reason="机构改革")
    html = client.get(gov).content.decode()
    assert "测试区财政和国资局" in html and html == _whole(monkeypatch, client, gov)
    with django_capture_on_commit_callbacks(execute=True):
        published(fresh, title="更新后的通知")
    html = client.get(gov).content.decode()
    assert "更新后的通知" in html and html == _whole(monkeypatch, client, gov)


@pytest.mark.django_db
def test_a_stray_mark_in_the_data(fresh, monkeypatch):
    client = Client()
    fresh.dept_a.name = "测试区财政局" + chr(page_frame.FIRST_MARK)   # in a per-request part (the 机构 filter)
    fresh.dept_a.short_name = ""
    fresh.dept_a.save()
    gov = reverse("portal:catalog", kwargs={"code": fresh.government.code})
    assert client.get(gov).content.decode() == _whole(monkeypatch, client, gov)
    # In a drawn part of a block, it spoils the frame: not used.
    template = engines["django"].from_string('{% load page_parts %}{% block content %}{{ name }}'
                                             '{% per_request "a" %}x{% end_per_request %}{% endblock %}')
    blocks = {"content": template.template.nodelist[1]}
    by_block = page_frame.parts(template, blocks)
    assert list(by_block["content"]) == ["a"]

    def draw(name):
        return lambda extra: {"content": blocks["content"].nodelist.render(Context({"name": name, **extra}))}

    assert page_frame.frame(("test", 1), draw("名称"), by_block) is not None
    assert page_frame.frame(("test", 2), draw("名称" + chr(page_frame.FIRST_MARK)), by_block) is None


@pytest.mark.parametrize("body", [
    '{% for x in xs %}{% per_request "a" %}{{ x }}{% end_per_request %}{% endfor %}',   # in a loop
    '{% with y=1 %}{% per_request "a" %}{{ y }}{% end_per_request %}{% endwith %}',   # in a scope of its own
    '{% per_request "a" %}1{% end_per_request %}{% per_request "a" %}2{% end_per_request %}',   # a name twice
    '{% per_request "a" %}{% per_request "b" %}{% end_per_request %}{% end_per_request %}',   # nested
    "no part at all",
])
def test_parts_that_cannot_be_filled_alone_mean_no_page_frame(body):
    template = engines["django"].from_string("{% load page_parts %}{% block content %}" + body + "{% endblock %}")
    assert page_frame.parts(template, {"content": template.template.nodelist[1]}) is None


def test_parts_in_conditions_are_found_in_every_branch():
    template = engines["django"].from_string(
        '{% load page_parts %}{% block content %}{% if a %}{% per_request "x" %}1{% end_per_request %}{% elif b %}'
        '{% per_request "y" %}2{% end_per_request %}{% else %}{% per_request "z" %}3{% end_per_request %}{% endif %}'
        '{% endblock %}')
    found = page_frame.parts(template, {"content": template.template.nodelist[1]})
    assert set(found["content"]) == {"x", "y", "z"}


def test_a_part_rendered_whole_is_its_content():
    template = engines["django"].from_string('{% load page_parts %}<p>{% per_request "a" %}{{ v }}'
                                             '{% end_per_request %}</p>')
    assert template.render({"v": "<b>"}) == "<p>&lt;b&gt;</p>"
