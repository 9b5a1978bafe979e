"""Headers and files (issue 11, point 15): a Content-Security-Policy on every page with no inline script in the
templates, no caching of pages with personal data, spreadsheets whose text never turns into a formula, an
access log without query strings or private-link secrets, 403s logged in one line, expired sessions purged."""

import datetime as dt
import io
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import html5lib
import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.agencies.services import grant_role
from gongkai.core.actors import System
from gongkai.core.timed import timed_jobs
from gongkai.engagement import services as engagement
from gongkai.reports import services as reports
from tests.catalog_helpers import published

SRC = Path(__file__).resolve().parents[1] / "src"
FORMULA = '=HYPERLINK("http://x","y")'


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


# --- Content-Security-Policy -------------------------------------------------------------------------------

def test_policy_allows_no_inline_script_and_no_framing():
    directives = dict(d.strip().split(" ", 1) for d in settings.GONGKAI_CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"


TEMPLATES = sorted(SRC.glob("gongkai/**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=|javascript:", re.I)


def test_templates_have_no_inline_script_or_event_handler():
    assert len(TEMPLATES) > 70   # the glob does find them
    found = [f"{path.relative_to(SRC)}: {m.group(0)}" for path in TEMPLATES
             for m in [*INLINE_SCRIPT.finditer(path.read_text()), *HANDLER.finditer(path.read_text())]]
    assert found == []


def scripts_and_handlers(html: str) -> tuple[list, list]:
    """Inline scripts (not JSON data) and on* attributes of a rendered page, from a real HTML parser."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    inline = [s for s in tree.iter("script") if not s.get("src") and s.get("type") != "application/json"]
    handlers = [(el.tag, name) for el in tree.iter() if isinstance(el.tag, str)
                for name in el.attrib if name.lower().startswith("on")]
    return inline, handlers


@pytest.fixture
def pages(personas):
    item = published(personas)
    # An editor of two departments too: the new-item form then has its agency picker.
    for department in (personas.dept_a, personas.dept_b):
        grant_role(actor=System, user=personas["publisher"], agency=department, role="editor")
    code = personas.dept_a.code
    return {
        "anonymous": ["/", f"/gk/{code}/", f"/gk/{code}/catalog/", f"/gk/{code}/items/{item.pk}/",
                      f"/gk/{code}/mailbox/", f"/gk/{code}/apply/", "/apply/status/", "/search/?q=预算",
                      "/staff/login/", "/django-admin/login/", "/api/v1/docs", "/gk/no-such-agency/"],
        "publisher": ["/staff/", f"/staff/catalog/items/{item.pk}/", "/staff/catalog/new/",
                      "/staff/dashboard/", "/staff/engagement/", "/staff/cases/"],
    }


@pytest.mark.django_db
def test_every_page_carries_the_policy_and_needs_no_inline_script(client, personas, pages):
    checked = 0
    for who, paths in pages.items():
        if who != "anonymous":
            client.force_login(personas[who])
        for path in paths:
            response = client.get(path)
            assert response.status_code == (404 if "no-such" in path else 200), path
            assert response["Content-Security-Policy"] == settings.GONGKAI_CSP, path
            assert scripts_and_handlers(response.content.decode()) == ([], []), path
            checked += 1
            if path == "/staff/catalog/new/":   # the picker that had an inline onchange
                assert 'id="agency-pick" name="agency" data-autosubmit' in response.content.decode()
    assert checked == 18


@pytest.mark.django_db
def test_published_files_carry_the_policy_in_a_meta_tag(personas):
    from gongkai.core.security_headers import csp_meta_policy
    from gongkai.portal.static_site import render_path

    item = published(personas)
    status, content = render_path(f"/gk/{personas.dept_a.code}/items/{item.pk}/")
    assert status == 200
    tree = html5lib.parse(content.decode(), namespaceHTMLElements=False)
    metas = [m.get("content") for m in tree.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    # frame-ancestors is ignored (with a console error) in a <meta> policy: nginx sends it as a header.
    assert metas == [csp_meta_policy()]
    assert "script-src 'self'" in metas[0] and "frame-ancestors" not in metas[0]


# --- Cache-Control ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_staff_pages_are_never_stored(client, personas):
    assert no_store(client.get("/staff/login/"))
    assert no_store(client.get("/staff/"))           # the redirect to the login page too
    assert no_store(client.get("/django-admin/login/"))
    client.force_login(personas["handler_a"])
    for path in ("/staff/", "/staff/cases/", "/staff/engagement/", "/staff/columns/"):
        response = client.get(path)
        assert response.status_code in (200, 403) and no_store(response), path
    client.force_login(personas["superuser"])
    assert no_store(client.get("/django-admin/"))


@pytest.mark.django_db
def test_the_applicants_and_writers_own_pages_are_never_stored(client, personas):
    code = personas.dept_a.code
    assert no_store(client.get(f"/gk/{code}/apply/"))
    assert no_store(client.get("/apply/status/"))
    assert no_store(client.post("/apply/status/", {"code": "GKNOTHING00"}))
    assert no_store(client.get(f"/gk/{code}/mailbox/"))
    sent = client.post(f"/gk/{code}/mailbox/", {"category": "consult", "subject": "公租房", "body": "请问材料？",
                                                "writer_name": "王五", "writer_phone": "13800000000"})
    assert sent.status_code == 302
    confirmation = client.get(sent["Location"])
    assert confirmation.status_code == 200 and no_store(confirmation)
    link = re.search(r'id="private-link" href="([^"]+)"', confirmation.content.decode()).group(1)
    assert no_store(client.get(link))


@pytest.mark.django_db
def test_public_pages_keep_their_caching(client, personas):
    item = published(personas)
    code = personas.dept_a.code
    for path in ("/", f"/gk/{code}/", f"/gk/{code}/items/{item.pk}/", f"/gk/{code}/apply/guide/", "/search/?q=预算"):
        response = client.get(path)
        assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", ""), path


# --- Spreadsheets -----------------------------------------------------------------------------------------

def formulas_in(xlsx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return [name for name in archive.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)]


@pytest.mark.django_db
def test_annual_report_xlsx_keeps_a_formula_looking_correction_note_as_text(client, personas):
    report = reports.generate_report(actor=personas["publisher"], agency=personas.government, year=2024,
                                     scope_codes=["*"])
    reports.publish_report(actor=personas["publisher"], report=report)
    correction = reports.start_correction(actor=personas["publisher"], report=report, note=FORMULA)
    reports.publish_report(actor=personas["publisher"], report=correction)
    response = client.get(reverse("portal:annual_report_download",
                                  kwargs={"code": personas.government.code, "year": 2024, "fmt": "xlsx"}))
    assert response.status_code == 200
    assert formulas_in(response.content) == []
    info = load_workbook(io.BytesIO(response.content))["说明"]
    notes = [row for row in info.iter_rows() if row[0].value == "更正说明"]
    assert len(notes) == 1
    cell = notes[0][1]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULA, "s", True)


@pytest.mark.parametrize(("value", "kept_as_text"), [
    (FORMULA, True), ("+1", True), ("-1", True), ("@SUM(A1)", True), ("\t=1", True), ("\r=1", True),
    ("测试区财政局", False), ("1=1", False), (42, False), (-3.5, False), (None, False)])
def test_append_row_keeps_formula_looking_text_as_text(value, kept_as_text):
    from openpyxl import Workbook

    from gongkai.core.spreadsheets import append_row

    book = Workbook()
    append_row(book.active, ["x", value])
    buffer = io.BytesIO()
    book.save(buffer)
    assert formulas_in(buffer.getvalue()) == []
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active.cell(1, 2)
    assert cell.value == value and bool(cell.quotePrefix) is kept_as_text
    if isinstance(value, str):
        assert cell.data_type == "s"


@pytest.mark.django_db
def test_dashboard_export_keeps_an_agency_name_as_text(client, personas):
    from gongkai.agencies.models import Agency

    item = published(personas)
    Agency.objects.filter(pk=personas.dept_a.pk).update(name="=1+2")
    client.force_login(personas["supervisor"])
    response = client.get(f"/staff/dashboard/items_agencies.xlsx?year={item.published_on.year}")
    assert response.status_code == 200 and no_store(response)
    assert formulas_in(response.content) == []
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=1+2"]
    assert len(cells) == 1 and cells[0].data_type == "s"


# --- Logs -------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_access_log_has_no_query_string_referrer_or_private_link_secret(tmp_path):
    """A real gunicorn with the shipped config (as `make run` starts it) writes the access log."""
    port, log = _free_port(), tmp_path / "access.log"
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_DEBUG": "1", "GONGKAI_HTTPS": "0",
           "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3", "PYTHONPATH": str(SRC)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "-c", "python:gongkai.config.gunicorn", "--access-logfile", str(log), "--log-level", "critical"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        for path, referrer in (("/robots.txt?q=%E8%BA%AB%E4%BB%BD%E8%AF%81", "/search/?q=secret-term"),
                               ("/mailbox/rate/SECRET-TOKEN-123/?after=0-9", "")):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Referer": f"http://127.0.0.1:{port}{referrer}"})
            try:
                urllib.request.urlopen(request, timeout=10).read()
            except urllib.error.HTTPError:
                pass   # the empty database answers 500: the access log is what counts here
        for _ in range(100):
            if log.exists() and len(log.read_text().splitlines()) == 2:
                break
            time.sleep(0.05)
    finally:
        server.terminate()
        server.wait(timeout=10)
    lines = log.read_text().splitlines()
    assert len(lines) == 2
    assert '"GET /robots.txt" 200' in lines[0] and '"GET /mailbox/rate/…/"' in lines[1]
    text = log.read_text()
    for secret in ("?", "身份证", "%E8", "secret-term", "SECRET-TOKEN-123", "after="):
        assert secret not in text


@pytest.mark.django_db
def test_403_is_one_warning_line_without_traceback(client, personas, caplog):
    report = reports.generate_report(actor=personas["publisher"], agency=personas.government, year=2024,
                                     scope_codes=["*"])
    client.force_login(personas["editor_a"])
    path = reverse("backoffice:report_detail", args=[report.pk])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(path).status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in records] == [
        ("WARNING", f"Forbidden (Permission denied): {path}", None)]
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_private_link_secret_stays_out_of_djangos_log(personas, caplog):
    _, token = engagement.submit_message(actor=System, agency=personas.dept_a, channel="web", category="consult",
                                         subject="s", body="b", writer_name="王五")
    strict = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING):
        assert strict.post(f"/mailbox/rate/{token}/", {"rating": "satisfied"}).status_code == 403   # no CSRF token
        assert strict.get(f"/mailbox/rate/{token}x/").status_code == 404
    messages = [r.getMessage() for r in caplog.records]
    assert "Forbidden (CSRF cookie not set.): /mailbox/rate/…/" in messages
    assert "Not Found: /mailbox/rate/…/" in messages
    assert token not in caplog.text


# --- Expired sessions -------------------------------------------------------------------------------------

def _session(expires_in: dt.timedelta) -> str:
    store = SessionStore()
    store["mailbox_sent"] = {"code": "GK0001"}
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


@pytest.mark.django_db
def test_expired_sessions_are_purged_by_the_timer_at_most_once_an_hour():
    from gongkai.core.session_purge import purge_expired_sessions

    assert "core.purge_expired_sessions" in [job.name for job in timed_jobs()]
    live = _session(dt.timedelta(hours=8))
    recent = _session(-dt.timedelta(minutes=30))
    assert purge_expired_sessions() == 0            # nothing expired for an hour yet: no purge
    assert Session.objects.count() == 2
    _session(-dt.timedelta(hours=2))
    assert purge_expired_sessions() == 2            # the purge takes every expired session
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert recent not in Session.objects.values_list("session_key", flat=True)
    _session(-dt.timedelta(minutes=59))
    assert purge_expired_sessions() == 0            # within the hour after a purge: none
    assert Session.objects.count() == 2
