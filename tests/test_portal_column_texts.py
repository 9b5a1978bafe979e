"""Staff edit the text around the generated 指南 and the 制度 column in the back office (the texts are the sites
area's); the public pages follow at once."""

import pytest
from django.urls import reverse

from gongkai.core.models import Event
from gongkai.sites.models import ColumnText


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return settings.GONGKAI_STATIC_SITE_DIR


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("editor_a", 403), ("handler_a", 403), ("publisher", 200), ("admin", 200),
    ("superuser", 200),
])
def test_who_may_open_the_column_texts(client, personas, who, status):
    if personas[who]:
        client.force_login(personas[who])
    assert client.get(reverse("backoffice:column_texts")).status_code == status
    edit = reverse("backoffice:column_text_edit", kwargs={"code": "dept-a", "column": "guide_intro"})
    assert client.get(edit).status_code == status


@pytest.mark.django_db
def test_saving_shows_on_the_public_guide_and_its_static_page(client, personas, site_dir,
                                                              django_capture_on_commit_callbacks):
    guide = reverse("portal:guide", kwargs={"code": "dept-a"})
    assert "本机关依法主动公开" not in client.get(guide).content.decode()   # also fills the page cache
    client.force_login(personas["publisher"])
    assert "栏目文字" in client.get(reverse("backoffice:workbench")).content.decode()   # in the navigation
    edit = reverse("backoffice:column_text_edit", kwargs={"code": "dept-a", "column": "guide_intro"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"body": "本机关依法主动公开政府信息。\n\n申请前请先查阅公开目录。"})
    assert response.status_code == 302
    listing = client.get(response["Location"]).content.decode()
    assert "已保存" in listing and "本机关依法主动公开政府信息。" in listing
    client.logout()
    public = client.get(guide).content.decode()
    assert "<p>本机关依法主动公开政府信息。</p>" in public and "<p>申请前请先查阅公开目录。</p>" in public
    assert "本机关依法主动公开" in (site_dir / "gk" / "dept-a" / "guide" / "index.html").read_text()
    event = Event.objects.get(action="portal.column_text_changed")
    assert event.actor_id == personas["publisher"].pk and event.payload["column"] == "guide_intro"


@pytest.mark.django_db
def test_too_long_text_is_refused_and_kept_in_the_form(client, personas):
    client.force_login(personas["publisher"])
    edit = reverse("backoffice:column_text_edit", kwargs={"code": "gov", "column": "rules"})
    response = client.post(edit, {"body": "字" * 20_001})
    html = response.content.decode()
    assert response.status_code == 200 and "内容过长" in html and "字" * 100 in html
    assert not ColumnText.objects.exists()


@pytest.mark.django_db
def test_unknown_column_or_agency_out_of_reach_is_404(client, personas):
    client.force_login(personas["publisher"])
    assert client.get(reverse("backoffice:column_text_edit", kwargs={"code": "gov", "column": "nope"})).status_code == 404
    assert client.get(reverse("backoffice:column_text_edit", kwargs={"code": "nope", "column": "rules"})).status_code == 404


@pytest.mark.django_db
def test_staff_navigation_in_english(client, personas, settings):
    client.force_login(personas["publisher"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("backoffice:workbench")).content.decode()
    assert ">Annual reports<" in html and ">Column text<" in html and ">Site inspection<" in html
    assert "Publishes its own annual report" not in html


def test_the_pages_keep_their_addresses_in_the_back_office():
    assert reverse("backoffice:column_texts") == "/staff/columns/"
    assert reverse("backoffice:column_text_edit", kwargs={"code": "gov", "column": "rules"}) == \
        "/staff/columns/gov/rules/"
