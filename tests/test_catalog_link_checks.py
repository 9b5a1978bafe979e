"""Links from published items to other websites: found, asked, and reported on the inspection page."""

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.backoffice.inspection_facts import broken_links
from gongkai.catalog.domain.links import external_links, is_broken
from gongkai.catalog.models import LinkCheck
from gongkai.catalog.selectors import public_items
from gongkai.catalog.services import link_checks
from tests.catalog_helpers import minute_reading, published


def test_external_links_are_distinct_absolute_and_without_fragments():
    body = ('<p><a href="https://www.gov.cn/zhengce/a.html#top">国务院</a> <a href="/gk/x/items/1/">本站</a>'
            '<a href="mailto:gk@example.cn">邮箱</a> <a title="t" href="https://www.gov.cn/zhengce/a.html">再次</a>'
            "<a href='http://example.cn/q?a=1&amp;b=2'>查询</a></p>")
    assert external_links(body) == ["https://www.gov.cn/zhengce/a.html", "http://example.cn/q?a=1&b=2"]
    assert external_links("") == []


@pytest.mark.parametrize(("status", "error", "broken"), [(200, "", False), (301, "", False), (404, "", True),
                                                         (500, "", True), (None, "timed out", True)])
def test_what_counts_as_broken(status, error, broken):
    assert is_broken(status, error) is broken


class _Site(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response({"/ok": 200, "/gone": 404, "/no-head": 405}.get(self.path, 404))
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def website():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_links_are_found_asked_and_reported_on_the_inspection_page(personas, website, settings):
    settings.GONGKAI_LINK_CHECK = True
    settings.GONGKAI_LINK_CHECK_ALLOW_LOOPBACK = True   # the test's websites listen on 127.0.0.1
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    nobody = f"http://127.0.0.1:{closed.server_address[1]}/"
    closed.server_close()   # a port nobody listens on any more
    body = (f'<p><a href="{website}/ok">正常</a><a href="{website}/gone">已删除</a>'
            f'<a href="{website}/no-head">不接受HEAD</a><a href="{nobody}">无人应答</a></p>')
    item = published(personas, title="关于转发上级文件的通知", body=body)
    now = minute_reading(item)
    assert link_checks.discover_links(now=now) == 4
    assert link_checks.discover_links(now=now) == 0           # already known
    assert link_checks.check_due_links(now=now) == 4
    answers = {row.url: (row.status, row.broken) for row in LinkCheck.objects.all()}
    assert answers[f"{website}/ok"] == (200, False)
    assert answers[f"{website}/gone"] == (404, True)
    assert answers[f"{website}/no-head"] == (200, False)      # HEAD refused, GET answered
    assert answers[nobody][1] is True and LinkCheck.objects.get(url=nobody).error
    assert link_checks.check_due_links(now=now) == 0          # nothing due again yet
    assert link_checks.check_due_links(now=now + dt.timedelta(days=1, minutes=1)) == 2   # the broken, next day
    assert link_checks.check_due_links(now=now + dt.timedelta(days=8)) == 4
    found = broken_links(public_items().filter(agency=item.agency))
    assert sorted(found) == sorted([(item.title, f"{website}/gone"), (item.title, nobody)])


@pytest.mark.django_db
def test_the_job_does_nothing_where_switched_off(personas, settings):
    settings.GONGKAI_LINK_CHECK = False
    published(personas, title="含外部链接的信息", body='<p><a href="https://www.gov.cn/">中国政府网</a></p>')
    assert link_checks.check_external_links() == 0
    assert not LinkCheck.objects.exists()
