"""The link checker is no SSRF (issue 11, point 10): internal addresses are refused after DNS resolution and
on every redirect, before any connection, with one answer whatever listens there."""

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.catalog.domain.links import INTERNAL, is_public_address, loopback_networks
from gongkai.catalog.link_requests import Refused, ask, vetted_address
from gongkai.catalog.models import LinkCheck
from gongkai.catalog.services import link_checks
from tests.catalog_helpers import minute_reading, published


class _Recording(BaseHTTPRequestHandler):
    seen: list

    def do_HEAD(self):
        self.seen.append(self.path)
        target = {"/to-loopback": "http://127.0.0.1:{port}/secret", "/to-metadata": "http://169.254.169.254/latest/",
                  "/to-private": "http://10.0.0.5/", "/to-mapped": "http://[::ffff:127.0.0.1]:{port}/secret",
                  "/loop": "/loop"}.get(self.path)
        if target:
            self.send_response(302)
            self.send_header("Location", target.format(port=self.server.other_port))
        else:
            self.send_response(200)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def _server(host):
    handler = type("Handler", (_Recording,), {"seen": []})
    server = ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, handler.seen


@pytest.fixture
def two_servers():
    """An outside-looking site on 127.0.0.2 and an internal service on 127.0.0.1 (both loopback on Linux)."""
    outer, outer_seen = _server("127.0.0.2")
    inner, inner_seen = _server("127.0.0.1")
    outer.other_port = inner.other_port = inner.server_address[1]
    yield outer, outer_seen, inner, inner_seen
    for server in (outer, inner):
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True), ("::ffff:93.184.216.34", True),
    ("127.0.0.1", False), ("127.8.8.8", False), ("::1", False), ("::ffff:127.0.0.1", False),
    ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False), ("100.64.0.1", False),
    ("169.254.169.254", False), ("fe80::1", False), ("fe80::1%eth0", False), ("fc00::1", False),
    ("224.0.0.1", False), ("ff02::1", False), ("0.0.0.0", False), ("::", False), ("240.0.0.1", False),
    ("255.255.255.255", False), ("2002:7f00:1::", False), ("64:ff9b::a00:1", False), ("198.18.0.1", False),
    ("not-an-address", False),
])
def test_which_addresses_the_checker_may_connect_to(address, public):
    assert is_public_address(address) is public


def test_a_name_resolving_to_any_internal_address_is_refused():
    def resolver(*answers):
        return lambda host, port, **kw: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in answers]

    assert vetted_address("www.gov.cn", 80, allowed=(), resolve=resolver("93.184.216.34")) == "93.184.216.34"
    with pytest.raises(Refused):
        vetted_address("mixed.example", 80, allowed=(), resolve=resolver("93.184.216.34", "10.0.0.1"))
    with pytest.raises(Refused):
        vetted_address("localhost", 80, allowed=())


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/", "http://localhost:{port}/", "http://[::1]:{port}/",
                                 "http://[::ffff:127.0.0.1]:{port}/", "http://0.0.0.0:{port}/",
                                 "http://10.0.0.1:{port}/", "http://169.254.169.254/latest/meta-data/"])
def test_internal_targets_are_refused_by_default_without_a_request(two_servers, url):
    _outer, _outer_seen, inner, inner_seen = two_servers
    assert ask(url.format(port=inner.server_address[1])) == (None, INTERNAL)
    assert inner_seen == []


def test_an_open_and_a_closed_internal_port_answer_the_same(two_servers):
    _outer, _outer_seen, inner, _seen = two_servers
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Recording)
    closed_port = closed.server_address[1]
    closed.server_close()
    assert ask(f"http://127.0.0.1:{inner.server_address[1]}/") == ask(f"http://127.0.0.1:{closed_port}/")


@pytest.mark.parametrize("path", ["/to-loopback", "/to-mapped", "/to-metadata", "/to-private"])
def test_every_redirect_is_checked_again(two_servers, path):
    outer, outer_seen, _inner, inner_seen = two_servers
    only_the_outer_site = (ipaddress.ip_network("127.0.0.2/32"),)
    assert ask(f"http://127.0.0.2:{outer.server_address[1]}{path}", allowed=only_the_outer_site) == (None, INTERNAL)
    assert outer_seen[0] == path and inner_seen == []


def test_redirects_are_bounded(two_servers):
    outer, outer_seen, _inner, _seen = two_servers
    allowed = loopback_networks()
    assert ask(f"http://127.0.0.2:{outer.server_address[1]}/loop", allowed=allowed) == (None, "too many redirects")
    assert len(outer_seen) == 6


@pytest.mark.django_db
def test_the_job_records_internal_links_with_one_state(personas, settings, two_servers):
    settings.GONGKAI_LINK_CHECK = True
    _outer, _outer_seen, inner, inner_seen = two_servers
    body = (f'<p><a href="http://127.0.0.1:{inner.server_address[1]}/admin">甲</a>'
            '<a href="http://127.0.0.1:1/">乙</a><a href="http://192.168.0.1/">丙</a></p>')
    item = published(personas, title="含内网链接的信息", body=body)
    now = minute_reading(item)
    assert link_checks.discover_links(now=now) == 3
    assert link_checks.check_due_links(now=now) == 3
    assert set(LinkCheck.objects.values_list("status", "error", "broken")) == {(None, INTERNAL, True)}
    assert inner_seen == []
