"""Bad input never gives a server error: every URL pattern of the site, filled with hostile values, as the public
and as every staff role; and the cases found by hand (superscript digits, ids past 64 bits, oversized search
cursors, long queries, long attachment names on the public application form).

The fuzzer walks ``gongkai.config.urls`` through the URL resolver, so a page added later is fuzzed too.
"""

import re
from urllib.parse import quote, unquote, urlencode

import pytest
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils.regex_helper import normalize
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalog.selectors import item_document
from gongkai.core.actors import System
from gongkai.engagement import services as engagement
from gongkai.search import services as search
from tests.catalog_helpers import published
from tests.personas import ROLES

HOSTILE = ["²", "١٢", "-1", "0", str(2**63), str(2**64), str(10**20), "x" * 3000, "\x00", "%00", "../", "预算", "😀"]
# Query-string values, in an order such that, over three rotations, each parameter meets three different kinds.
QUERY_HOSTILE = ["²", str(10**20), "-1", "x" * 2000, "\x00", "0-9999999999999999999"]
QUERY_NAMES = ["year", "page", "p", "after", "q", "agency", "status", "from", "to", "a", "b", "sort", "category",
               "kind", "form", "problems", "code", "normative", "start", "end"]
PERSONAS = ["anonymous", *ROLES, "superuser"]


def url_forms(resolver=None, prefix=(("", ()),)):
    """((format string, parameter names), view) of every URL pattern, as Django's reverse() sees them."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        forms = [(a + b, (*pa, *pb)) for a, pa in prefix for b, pb in normalize(entry.pattern.regex.pattern)]
        if isinstance(entry, URLResolver):
            yield from url_forms(entry, forms)
        else:
            for form in forms:
                yield form, entry.callback


WALKED = list(url_forms())
FORMS = sorted({form for form, _view in WALKED})


def _one_per_view():
    """One pattern per view function and parameter list: the Django admin serves the same change, delete and
    history views for every model, which the sweeps need to see only once."""
    kept = {}
    for form, view in sorted(WALKED, key=lambda walked: walked[0]):
        view = getattr(view, "func", view)   # a functools.partial (the API's views)
        kept.setdefault((view.__module__, getattr(view, "__qualname__", repr(view)), form[1]), form)
    return sorted(kept.values())


SWEEP = _one_per_view()


def build_url(form, values) -> str:
    fmt, params = form
    return "/" + fmt % {name: quote(values.get(name, "1"), safe="") for name in params}


def reaches_a_view(url) -> bool:
    """Whether the resolver hands the URL to a view; the rest get the one 404 page, tested on its own."""
    try:
        resolve(unquote(url.split("?", 1)[0]))
    except Resolver404:
        return False
    return True


def no_server_error(client, url, failures, *, sent=None):
    if not reaches_a_view(url):
        return None
    if sent is not None:
        sent.append(url)
    try:
        response = client.get(url)
    except Exception as exc:  # the test client re-raises what the view raised: that is the 500
        failures.append(f"{url[:160]} raised {type(exc).__name__}: {str(exc)[:160]}")
        return None
    if response.status_code >= 500:
        failures.append(f"{url[:160]} answered {response.status_code}")
    return response


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    # Published and indexed; the static pages publication would write on commit are not needed here.
    item = published(personas, title="关于做好2024年度财政预算公开工作的通知", doc_number="测财发〔2024〕7号")
    search.index_document(item_document(item))
    message, _token = engagement.submit_message(
        actor=System, agency=personas.dept_a, channel="web", category="consult", subject="咨询预算公开",
        body="请问何时公开部门预算？")
    # Valid values beside the hostile ones, so that the fuzzer also reaches the code behind the lookups.
    valid = {"code": [personas.dept_a.code, personas.government.code], "pk": [str(item.pk), str(message.pk)],
             "index": [item.index_number]}
    return personas, valid


def client_for(personas, persona) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(personas[persona])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "superuser"])
def test_every_url_pattern_with_every_hostile_value(world, persona):
    """Deterministic sweep: each pattern with each hostile value in all its parameters at once, and each hostile
    value in one parameter while the others are valid."""
    personas, valid = world
    client = client_for(personas, persona)
    failures, sent = [], []
    for form in SWEEP:
        _fmt, params = form
        if not params:
            no_server_error(client, build_url(form, {}), failures, sent=sent)
            continue
        good = {name: valid["code"][0] if "code" in name else valid["pk"][0] for name in params}
        for value in HOSTILE:
            no_server_error(client, build_url(form, dict.fromkeys(params, value)), failures, sent=sent)
            if len(params) > 1:
                for name in params:
                    no_server_error(client, build_url(form, {**good, name: value}), failures, sent=sent)
    assert not failures, "\n".join(failures)
    assert len(sent) > 300   # requests that reached a view (the rest did not match a pattern: the 404 page)


@pytest.mark.django_db
def test_every_page_with_hostile_query_parameters(world):
    """Each page reached with every query parameter the views read set to each hostile value (as the superuser,
    who reaches every view; public pages answer everyone alike)."""
    personas, valid = world
    client = client_for(personas, "superuser")
    failures = []
    for form in SWEEP:
        _fmt, params = form
        base = build_url(form, {name: valid["code"][0] if "code" in name else valid["pk"][0] for name in params})
        for rotation in range(3):
            query = {name: QUERY_HOSTILE[(i + rotation) % len(QUERY_HOSTILE)] for i, name in enumerate(QUERY_NAMES)}
            no_server_error(client, base + "?" + urlencode(query), failures)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_random_hostile_requests_for_every_role(world, persona):
    """Random mixes (bounded), for each role: valid and hostile values in parameters and query strings."""
    personas, valid = world
    client = client_for(personas, persona)
    values = st.sampled_from(HOSTILE + valid["code"] + valid["pk"] + valid["index"]) | st.text(max_size=30)
    failures = []

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(form=st.sampled_from(FORMS), path_values=st.dictionaries(st.sampled_from(["code", "pk"]), values),
           query=st.dictionaries(st.sampled_from(QUERY_NAMES), values, max_size=4))
    def check(form, path_values, query):
        filled = {name: path_values.get("code" if "code" in name else "pk", valid["pk"][0])
                  for name in form[1]}
        url = build_url(form, filled)
        if query:
            url += "?" + urlencode(query)
        no_server_error(client, url, failures)

    check()
    assert not failures, "\n".join(sorted(set(failures)))


# ------------------------------------------------------------------------------------------- cases found by hand

@pytest.mark.django_db
def test_bad_ids_are_not_found_for_the_public_and_for_staff(world):
    personas, valid = world
    public = [
        "/gk/{code}/items/%C2%B2/", "/gk/{code}/items/%D9%A1%D9%A2/", f"/gk/{{code}}/items/{2**64}/",
        f"/gk/{{code}}/items/{10**20}/files/1/", f"/gk/{{code}}/items/{{pk}}/files/{2**64}/",
        f"/gk/{{code}}/reports/{10**20}/", "/gk/{code}/items/999999/",
    ]
    staff = [
        f"/staff/catalog/items/{2**63}/", f"/staff/catalog/items/{2**64}/", "/staff/catalog/items/999999/",
        f"/staff/engagement/messages/{10**20}/", "/staff/engagement/messages/999999/", "/staff/cases/999999/",
        f"/staff/reports/{2**64}/", "/staff/reports/999999/",
    ]
    for persona, paths in (("anonymous", public), ("editor_a", staff), ("superuser", staff)):
        client = client_for(personas, persona)
        for path in paths:
            response = client.get(path.format(code=valid["code"][0], pk=valid["pk"][0]))
            assert response.status_code == 404, (persona, path)
            assert "页面不存在" in response.content.decode(), (persona, path)


@pytest.mark.django_db
def test_oversized_search_cursor_and_long_query_get_a_page(client, world):
    _personas, valid = world
    for params in ({"q": "预算", "after": "0-9999999999999999999", "sort": "date"},
                   {"q": "预算", "after": "2-" + "9" * 40}, {"q": "预算", "after": "1-²"}):
        response = client.get("/search/", params)
        assert response.status_code == 200, params
        assert f"/items/{valid['pk'][0]}/" in response.content.decode(), params
    response = client.get("/search/", {"q": "预算" * 2000})
    assert response.status_code == 200
    assert "查询内容过长" in response.content.decode()


@pytest.mark.django_db
def test_staff_lists_ignore_a_bad_year_with_a_message(world):
    personas, _valid = world
    client = client_for(personas, "publisher")
    for path in ("/staff/catalog/", "/staff/dashboard/", "/staff/engagement/figures/"):
        for year in ("99999999999999999999", "²", "-5", "abc"):
            response = client.get(path, {"year": year})
            assert response.status_code == 200, (path, year)
            html = response.content.decode()
            assert "年份“" in html and "无效，已忽略" in html, (path, year)
        assert "无效，已忽略" not in client.get(path, {"year": "2024"}).content.decode(), path


def test_every_pattern_is_walked():
    formats = {fmt for fmt, _params in FORMS}
    for expected in ("gk/%(code)s/items/%(pk)s/", "staff/catalog/items/%(pk)s/", "search/", "api/v1/agencies"):
        assert expected in formats
    assert len(FORMS) > 100 and len(SWEEP) < len(FORMS)
    assert all(re.fullmatch(r"[^<>]*", fmt) for fmt in formats)


@pytest.mark.django_db
def test_public_application_with_a_long_chinese_attachment_name(client, personas, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.cases.models import Application
    from gongkai.cases.selectors import access_case

    settings.MEDIA_ROOT = tmp_path / "media"
    long_name = "关于申请公开本局二〇二三年度部门决算及三公经费支出明细的身份证明材料扫描件" * 3 + ".pdf"
    assert len(long_name) > 100 and len(long_name.encode()) > 255   # past the file system's 255-byte name limit
    form = {
        "applicant_type": "natural_person", "applicant_name": "李四", "id_type": "resident_id",
        "id_number": "510104199001011230", "phone": "13700000000", "email": "li@example.cn",
        "description": "申请公开本局2023年部门决算", "provision_form": "electronic", "delivery": "email",
        "attachment1": SimpleUploadedFile(long_name, b"%PDF-1.4\n%test\n", content_type="application/pdf"),
    }
    response = client.post(f"/gk/{personas.dept_a.code}/apply/", form)
    assert response.status_code == 302, response.content.decode()[:500]
    app = Application.objects.get()
    attachment = access_case(personas["handler_a"], app.pk).attachments.get()
    assert attachment.name.endswith("扫描件.pdf") and len(attachment.name) <= 200
    stored = attachment.file.name.rsplit("/", 1)[1]
    assert stored.endswith(".pdf") and len(stored.encode()) <= 120
    assert attachment.file.open("rb").read() == b"%PDF-1.4\n%test\n"


@pytest.mark.parametrize(("name", "expected"), [
    ("scan.pdf", "scan.pdf"),
    ("a/b/../scan.PDF", "scan.pdf"),
    ("..\\..\\evil.png", "evil.png"),
    ("扫描件" * 60 + ".pdf", "扫描件" * 12 + "扫描.pdf"),   # 38 characters (114 bytes) of stem and the extension
    ("\x00\x1f.pdf", "pdf"),
    ("", "file"),
    ("报告.tar.gz", "报告.tar.gz"),
    ("name." + "x" * 40, "name." + "x" * 40),
])
def test_stored_file_names_are_short_and_safe(name, expected):
    from gongkai.core.domain.file_names import stored_file_name

    assert stored_file_name(name) == expected
    assert len(stored_file_name(name).encode()) <= 120


@pytest.mark.django_db
def test_a_nul_character_in_the_address_is_a_bad_request_page(world):
    personas, _valid = world
    for persona, url, layout in (("anonymous", "/search/?q=%00预算", 'header-search"'),
                                 ("publisher", "/staff/catalog/?q=%00", 'class="site-nav"'),
                                 ("handler_a", "/staff/cases/?q=a%00b", 'class="site-nav"')):
        response = client_for(personas, persona).get(url)
        assert response.status_code == 400, url
        html = response.content.decode()
        assert layout in html and "空字符" in html, url


@pytest.mark.django_db
def test_a_refused_application_keeps_what_was_typed(client, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {
        "applicant_type": "natural_person", "applicant_name": "李四", "id_type": "resident_id",
        "id_number": "510104199001011230", "phone": "13700000000", "email": "li@example.cn",
        "description": "申请公开本局2023年部门决算及其说明", "provision_form": "electronic", "delivery": "email",
        "attachment1": SimpleUploadedFile("说明" * 80 + ".exe", b"MZ\x90\x00", content_type="application/pdf"),
    }
    response = client.post(f"/gk/{personas.dept_a.code}/apply/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "只接受 PDF、JPG 或 PNG 文件" in html
    assert "申请公开本局2023年部门决算及其说明" in html and 'value="李四"' in html
