"""Page views that mean something (issue 14 §6) and the per-site nginx configuration (§1): visits of people
from the application and from nginx's access log, visitors once a day through a keyed hash whose key and
hashes are deleted after the day, and one server block per site that nginx accepts."""

import datetime as dt
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.sites import access_log, visits
from gongkai.sites.domain.visits import is_counted_visit
from gongkai.sites.models import AccessLogPosition, DayKey, SiteVisitDay, VisitorMark
from tests.sites_helpers import BROWSER, make_sites

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize(("method", "status", "path", "agent", "purpose", "counted"), [
    ("GET", 200, "/gk/gov/", BROWSER, "", True),
    ("GET", 200, "/gk/gov/items/1/", BROWSER, "", True),
    ("HEAD", 200, "/gk/gov/", BROWSER, "", False),
    ("GET", 404, "/gk/gov/x/", BROWSER, "", False),
    ("GET", 200, "/static/gongkai/site.css", BROWSER, "", False),
    ("GET", 200, "/sitemap.xml", BROWSER, "", False),
    ("GET", 200, "/feeds/gov.atom", BROWSER, "", False),
    ("GET", 200, "/gk/gov/items/1/files/2/", BROWSER, "", False),
    ("GET", 200, "/gk/gov/", "", "", False),
    ("GET", 200, "/gk/gov/", "Mozilla/5.0 (compatible; Googlebot/2.1)", "", False),
    ("GET", 200, "/gk/gov/", "curl/8.5.0", "", False),
    ("GET", 200, "/gk/gov/", "Mozilla/5.0 HeadlessChrome/120", "", False),
    ("GET", 200, "/gk/gov/", BROWSER, "prefetch;prerender", False),
    ("GET", 200, "/staff/", BROWSER, "", False),
])
def test_what_counts_as_a_visit(method, status, path, agent, purpose, counted):
    assert is_counted_visit(method=method, status=status, path=path, user_agent=agent, purpose=purpose) is counted


def _line(at, host, address, path, agent=BROWSER, status=200, upstream="-", method="GET", purpose="-"):
    return "\t".join([at, host, address, method, path, str(status), upstream, agent, purpose]) + "\n"


@pytest.fixture
def sites(personas, settings):
    settings.ALLOWED_HOSTS = [".test.gov.cn", "testserver"]
    visits.take_pending()
    visits._keys.clear()   # the process remembers the day's key; each test's database starts without one
    yield make_sites(personas)
    visits.take_pending()
    visits._keys.clear()


@pytest.mark.django_db
def test_the_access_log_adds_what_nginx_served_itself(sites, tmp_path, settings):
    portal, dept = sites
    today = dt.date(2026, 3, 2)
    log = tmp_path / "visits.log"
    lines = [
        _line("2026-03-02T09:00:00+08:00", "www.test.gov.cn", "203.0.113.5", "/"),
        _line("2026-03-02T09:00:05+08:00", "www.test.gov.cn", "203.0.113.5", "/gk/gov/catalog/"),
        _line("2026-03-02T09:01:00+08:00", "www.test.gov.cn", "203.0.113.7", "/gk/gov/"),
        _line("2026-03-02T09:01:00+08:00", "www.test.gov.cn", "203.0.113.8", "/gk/gov/", upstream="127.0.0.1:8000"),
        _line("2026-03-02T09:02:00+08:00", "www.test.gov.cn", "66.249.66.1", "/", agent="Googlebot/2.1"),
        _line("2026-03-02T09:02:00+08:00", "www.test.gov.cn", "203.0.113.5", "/static/gongkai/site.css"),
        _line("2026-03-02T09:03:00+08:00", "czj.test.gov.cn", "203.0.113.5", "/"),
        _line("2026-03-02T09:03:00+08:00", "unknown.example.com", "203.0.113.5", "/"),
        "garbage line without tabs\n",
    ]
    log.write_text("".join(lines) + "2026-03-02T09:04:00+08:00\twww.test.gov.cn\t203.0.113.9\tGET\t/")  # half a line
    assert access_log.import_access_log(str(log), today=today) == 4
    rows = {r.site_id: (r.views, r.visitors) for r in SiteVisitDay.objects.filter(day=today)}
    assert rows == {portal.pk: (3, 2), dept.pk: (1, 1)}
    # The next run reads only what was added (the half line, now complete) and the same visitor again.
    with log.open("a") as handle:
        handle.write("\t200\t-\t" + BROWSER + "\t-\n")
        handle.write(_line("2026-03-02T10:00:00+08:00", "www.test.gov.cn", "203.0.113.5", "/gk/gov/guide/"))
    assert access_log.import_access_log(str(log), today=today) == 2
    assert SiteVisitDay.objects.values_list("views", "visitors").get(site=portal, day=today) == (5, 3)
    # A rotated log (a new file) is read from its start.
    log.unlink()
    log.write_text(_line("2026-03-02T11:00:00+08:00", "www.test.gov.cn", "203.0.113.5", "/"))
    assert access_log.import_access_log(str(log), today=today) == 1
    assert AccessLogPosition.objects.get().offset == log.stat().st_size


@pytest.mark.django_db
def test_nothing_of_the_visitor_outlives_the_day(sites):
    portal, _dept = sites
    day = dt.date(2026, 3, 2)
    visits.record_visit(site_id=portal.pk, day=day, address="203.0.113.5", user_agent=BROWSER)
    visits.flush_visits()
    mark = VisitorMark.objects.get()
    assert "203.0.113" not in mark.digest and len(mark.digest) == 32
    assert DayKey.objects.count() == 1
    visits.forget_past_days(today=day + dt.timedelta(days=1))
    assert not VisitorMark.objects.exists() and not DayKey.objects.exists()
    assert SiteVisitDay.objects.values_list("views", "visitors").get() == (1, 1)
    # The next day the same visitor is a new visitor under a new key: days cannot be linked.
    visits.record_visit(site_id=portal.pk, day=day + dt.timedelta(days=1), address="203.0.113.5",
                        user_agent=BROWSER)
    visits.flush_visits()
    assert VisitorMark.objects.get().digest != mark.digest


@pytest.mark.django_db
def test_the_static_publishers_renders_are_not_visits(sites, settings, tmp_path):
    from gongkai.portal import site_publication
    from gongkai.sites import routing

    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    route = routing.route_for_host("czj.test.gov.cn")
    assert site_publication.publish_site(route) > 5
    home = (tmp_path / "site" / "sites" / "czj.test.gov.cn" / "index.html").read_text()
    assert '<link rel="canonical" href="https://czj.test.gov.cn/">' in home and "网站标识码：5001100002" in home
    assert (tmp_path / "site" / "sites" / "czj.test.gov.cn" / "map" / "index.html").exists()
    assert "https://czj.test.gov.cn/" in (tmp_path / "site" / "sites" / "czj.test.gov.cn" / "sitemap.xml").read_text()
    assert visits.take_pending() == ({}, set())


@pytest.mark.django_db
def test_a_site_whose_name_the_deployment_does_not_serve_gets_no_static_pages_and_no_errors(
        sites, settings, tmp_path, caplog):
    from gongkai.portal import site_publication

    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]       # make run's: the demo's made-up domains are not in it
    site_publication._SKIPPED.clear()
    with caplog.at_level("WARNING", logger="gongkai.portal.site_publication"):
        assert site_publication.publish_all_sites() == 0
    assert not (tmp_path / "site" / "sites").exists()
    assert [r.levelname for r in caplog.records] == ["WARNING"]     # said once, not per site or page
    assert "GONGKAI_ALLOWED_HOSTS" in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_the_command_writes_a_server_block_per_site_that_nginx_accepts(sites, tmp_path):
    out = StringIO()
    call_command("sites", "nginx", "--site-dir", str(tmp_path / "site"), "--cert-dir", str(tmp_path / "ssl"),
                 "--access-log", str(tmp_path / "v.log"), stdout=out)
    text = out.getvalue()
    assert text.count("include /etc/nginx/gongkai_site.conf;") == 2
    assert "listen [::]:443 ssl http2;" in text and "server_name www.test.gov.cn;" in text
    assert "server_name test.gov.cn;\n" in text and "return 301 https://www.test.gov.cn$request_uri;" in text
    assert f"root {tmp_path}/site/sites/czj.test.gov.cn;" in text
    # make test installs both (scripts/system-deps.sh test): a machine without them fails here, not skips.
    assert shutil.which("nginx") and shutil.which("openssl"), "nginx and openssl are needed: make system-deps-test"
    for domain in ("www.test.gov.cn", "czj.test.gov.cn", "gk.example.gov.cn"):
        (tmp_path / "ssl" / domain).mkdir(parents=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={domain}",
                        "-days", "1", "-keyout", str(tmp_path / "ssl" / domain / "privkey.pem"),
                        "-out", str(tmp_path / "ssl" / domain / "fullchain.pem")], check=True, capture_output=True)
    here = {"/etc/nginx/gongkai_site.conf": str(tmp_path / "site.conf"),
            "/etc/nginx/gongkai_proxy.conf": str(tmp_path / "proxy.conf"),
            "/etc/nginx/gongkai-sites.conf": str(tmp_path / "sites.conf"),
            "/etc/ssl/gongkai": str(tmp_path / "ssl"), "/var/log/nginx": str(tmp_path)}

    def local(content):
        for old, new in here.items():
            content = content.replace(old, new)
        return content

    (tmp_path / "sites.conf").write_text(local(text))
    (tmp_path / "site.conf").write_text(local((DOCS / "nginx-gongkai-site.conf").read_text()))
    (tmp_path / "proxy.conf").write_text((DOCS / "nginx-gongkai-proxy.conf").read_text())
    (tmp_path / "main.conf").write_text(local((DOCS / "nginx-gongkai.conf").read_text()))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ access_log off; include {tmp_path}/main.conf; }}\n")
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_command_says_when_there_is_no_site(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="尚未开设网站"):
        call_command("sites", "nginx", stdout=StringIO())
