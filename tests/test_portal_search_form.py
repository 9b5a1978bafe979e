"""The search form's lists come from the shared cache and follow every change of agencies and taxonomies."""

from django.urls import reverse

from gongkai.agencies import services as agencies
from gongkai.catalog.models import Term
from gongkai.core.actors import System
from gongkai.demo.codes import demo_org_code
from gongkai.portal.templatetags.portal_forms import select_options


def _form(client, **params) -> str:
    return client.get(reverse("portal:search"), {"q": "预算", **params}).content.decode()


def test_the_agency_list_follows_a_rename_and_a_new_agency(client, personas):
    assert '<option value="dept-a">测试区财政局</option>' in _form(client)
    agencies.update_agency(actor=personas.users["superuser"], agency=personas.dept_a, short_name="区财政")
    html = _form(client, agency="dept-a")
    assert '<option value="dept-a" selected>区财政</option>' in html and "测试区财政局</option>" not in html
    agencies.create_agency(actor=System, parent=personas.government, kind=personas.dept_b.kind, level=personas.dept_b.level,
                           code="dept-c", name="测试区审计局", org_code=demo_org_code(905))
    assert '<option value="dept-c">测试区审计局</option>' in _form(client)


def test_the_topic_list_follows_a_changed_term(client, personas):
    topic = Term.objects.filter(scheme="topic", is_active=True, parent__isnull=True).first()
    assert f'<option value="{topic.code}">{topic.label}</option>' in _form(client)
    topic.label = "改名后的主题"
    topic.save()
    assert f'<option value="{topic.code}" selected>改名后的主题</option>' in _form(client, topic=topic.code)
    topic.is_active = False
    topic.save()
    assert "改名后的主题" not in _form(client)


def test_options_are_escaped_and_only_the_chosen_one_is_selected():
    html = str(select_options([("a", "<甲>"), ("b&", '乙"'), ("c", "丙")], "b&"))
    assert html == ('<option value="a">&lt;甲&gt;</option><option value="b&amp;" selected>乙&quot;</option>'
                    '<option value="c">丙</option>')
    assert "selected" not in str(select_options([("1", "一")], None))
