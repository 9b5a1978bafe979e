import pytest
from django.test import RequestFactory, override_settings

from gongkai.core.client_address import client_address


def _request(remote, real_ip=None):
    extra = {"REMOTE_ADDR": remote}
    if real_ip is not None:
        extra["HTTP_X_REAL_IP"] = real_ip
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "trusted, remote, header, expected",
    [
        ((), "203.0.113.5", None, "203.0.113.5"),
        ((), "203.0.113.5", "198.51.100.7", "203.0.113.5"),          # header from an untrusted peer: ignored
        (("127.0.0.1",), "127.0.0.1", "198.51.100.7", "198.51.100.7"),  # the proxy's word
        (("10.0.0.0/8",), "10.2.3.4", "198.51.100.7", "198.51.100.7"),  # a proxy network
        (("10.0.0.0/8",), "11.2.3.4", "198.51.100.7", "11.2.3.4"),
        (("127.0.0.1",), "127.0.0.1", "not-an-address", "127.0.0.1"),  # garbage header: the peer
        (("127.0.0.1",), "127.0.0.1", None, "127.0.0.1"),
        (("::1",), "::1", "2001:db8::5", "2001:db8::5"),
        ((), "::ffff:203.0.113.9", None, "203.0.113.9"),
        ((), "", None, "-"),
    ],
)
def test_client_address(trusted, remote, header, expected):
    with override_settings(GONGKAI_TRUSTED_PROXIES=list(trusted)):
        assert client_address(_request(remote, header)) == expected


def test_no_request():
    assert client_address(None) == "-"
