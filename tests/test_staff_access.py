"""The permission matrix: every staff URL written so far, for every persona.

Each row says which personas get the page (200); everyone else is refused: anonymous users are sent to the
login page (302) and staff without the right get 403.
"""

import pytest

PERSONAS = ["anonymous", "editor_a", "editor_b", "reviewer_a", "publisher", "supervisor", "admin", "superuser"]
ALL_STAFF = set(PERSONAS) - {"anonymous"}

# (url builder, personas allowed)
MATRIX = [
    (lambda p: "/staff/", ALL_STAFF),
    (lambda p: "/staff/agencies/", ALL_STAFF),
    (lambda p: f"/staff/agencies/{p.dept_a.code}/", {"editor_a", "reviewer_a", "publisher", "supervisor", "admin",
                                                     "superuser"}),
    (lambda p: f"/staff/agencies/{p.dept_b.code}/", {"editor_b", "publisher", "supervisor", "admin", "superuser"}),
    (lambda p: f"/staff/agencies/{p.government.code}/", {"publisher", "supervisor", "admin", "superuser"}),
    (lambda p: "/staff/calendar/", {"superuser"}),
    (lambda p: "/staff/columns/", {"publisher", "admin", "superuser"}),
    (lambda p: f"/staff/columns/{p.dept_b.code}/rules/", {"publisher", "admin", "superuser"}),
    (lambda p: "/django-admin/", {"superuser"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", range(len(MATRIX)))
def test_staff_url_matrix(client, personas, persona, row):
    build, allowed = MATRIX[row]
    url = build(personas)
    if persona != "anonymous":
        client.force_login(personas[persona])
    response = client.get(url)
    if persona in allowed:
        assert response.status_code == 200, url
    elif persona == "anonymous" or url.startswith("/django-admin/"):
        assert response.status_code == 302 and "login" in response["Location"], url
    else:
        assert response.status_code == 403, url


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "status"), [
    ("editor_a", 403), ("supervisor", 403), ("publisher", 302), ("admin", 302)])
def test_office_edit_post(client, personas, persona, status):
    client.force_login(personas[persona])
    response = client.post(f"/staff/agencies/{personas.dept_a.code}/", {
        "office_name": "财政局办公室", "office_phone": "023-1", "disclosure_staff_count": 3})
    assert response.status_code == status
    personas.dept_a.refresh_from_db()
    assert (personas.dept_a.office_phone == "023-1") is (status == 302)


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, personas):
    for _ in range(5):
        r = client.post("/staff/login/", {"username": "editor_a", "password": "wrong"})
        assert r.status_code == 200
    r = client.post("/staff/login/", {"username": "editor_a", "password": "pw-editor_a"})
    assert r.status_code == 200
    assert "登录失败次数过多" in r.content.decode()
    other = client.post("/staff/login/", {"username": "editor_b", "password": "pw-editor_b"})
    assert other.status_code == 302


@pytest.mark.django_db
def test_login_works_and_lands_on_the_workbench(client, personas):
    r = client.post("/staff/login/", {"username": "editor_a", "password": "pw-editor_a"}, follow=True)
    assert r.status_code == 200
    assert "测试区财政局" in r.content.decode()


@pytest.mark.django_db
def test_calendar_upload_by_superuser_and_bad_file_refused(client, personas):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.calendars.models import CalendarYear

    client.force_login(personas["superuser"])
    bad = client.post("/staff/calendar/", {"file": SimpleUploadedFile("x.json", b"{oops")})
    assert bad.status_code == 200 and "不是有效的 UTF-8 JSON" in bad.content.decode()
    notice = {"year": 2027, "document_number": "测试〔2026〕9号",
              "holidays": [{"name": "元旦", "dates": ["2027-01-01"]}], "workdays": []}
    half = client.post("/staff/calendar/", {"file": SimpleUploadedFile(
        "2027.json", json.dumps(notice, ensure_ascii=False).encode())}, follow=True)
    assert "缺少法定节假日 春节、清明节、劳动节、端午节、中秋节、国庆节" in half.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    notice["holidays"] += [{"name": name, "dates": [day]} for name, day in [
        ("春节", "2027-02-06"), ("清明节", "2027-04-05"), ("劳动节", "2027-05-01"), ("端午节", "2027-06-09"),
        ("中秋节", "2027-09-15"), ("国庆节", "2027-10-01")]]
    good = client.post("/staff/calendar/", {"file": SimpleUploadedFile(
        "2027.json", json.dumps(notice, ensure_ascii=False).encode())}, follow=True)
    assert "已导入2027年放假安排" in good.content.decode()
    assert CalendarYear.objects.filter(year=2027, document_number="测试〔2026〕9号").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "shown", "hidden"), [
    ("editor_a", {"主动公开", "机构"}, {"依申请公开", "统计图表", "网站检查", "工作日历"}),
    ("handler_a", {"依申请公开"}, {"统计图表", "工作日历"}),
    ("supervisor", {"统计图表", "依申请公开", "网站检查"}, {"工作日历"}),
    ("superuser", {"工作日历", "统计图表"}, set()),
])
def test_navigation_shows_only_pages_the_user_may_open(client, personas, persona, shown, hidden):
    client.force_login(personas[persona])
    nav = client.get("/staff/").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert all(label in nav for label in shown), nav
    assert not any(label in nav for label in hidden), nav
