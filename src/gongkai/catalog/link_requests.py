"""Asking a link from a published item whether it still answers, without becoming a way into the platform's
own network (SSRF).

Anyone who can get a link published chooses where the server sends a request. So the host is resolved here,
every address it resolves to must be a public internet address (catalog.domain.links.is_public_address), and
the connection goes to the address that was checked (the name is not resolved a second time, so a DNS answer
that changes in between — rebinding — cannot swap in an internal one). Redirects are followed here, a bounded
number, and each target is checked the same way. A link whose host is internal gets one answer, INTERNAL,
before any connection is made: whether something listens there, or how fast it refuses, never shows.
"""

import http.client
import socket
import ssl
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from gongkai.catalog.domain.links import INTERNAL, MAX_REDIRECTS, is_public_address, loopback_networks

TIMEOUT = 5.0
USER_AGENT = "Gongkai-LinkCheck/1.0 (government information disclosure platform)"
REDIRECTS = {301, 302, 303, 307, 308}


class Refused(Exception):
    pass


def _allowed_networks():
    return loopback_networks() if getattr(settings, "GONGKAI_LINK_CHECK_ALLOW_LOOPBACK", False) else ()


def vetted_address(host: str, port: int, *, allowed=None, resolve=socket.getaddrinfo) -> str:
    """The address to connect to: the first one of ``host``, when every address it resolves to is public."""
    allowed = _allowed_networks() if allowed is None else allowed
    infos = resolve(host, port, type=socket.SOCK_STREAM)
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(is_public_address(a, allowed=allowed) for a in addresses):
        raise Refused
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)   # the certificate of the name


def _one_request(method: str, url: str, allowed) -> tuple[int, str]:
    """(status, Location) of one request to ``url`` at its vetted address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL")
    host = parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = vetted_address(host, port, allowed=allowed)
    connection = (_PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP)(host, port, address, TIMEOUT)
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def ask(url: str, *, allowed=None) -> tuple[int | None, str]:
    """(HTTP status after redirects, error text): HEAD first, GET when the server refuses HEAD."""
    allowed = _allowed_networks() if allowed is None else allowed
    for method in ("HEAD", "GET"):
        current = url
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                status, location = _one_request(method, current, allowed)
                if status in REDIRECTS and location:
                    current = urljoin(current, location)
                    continue
                break
            else:
                return None, "too many redirects"
        except Refused:
            return None, INTERNAL
        except (OSError, ValueError, http.client.HTTPException, UnicodeError) as exc:
            return None, str(exc) or exc.__class__.__name__
        if method == "HEAD" and status in (403, 405, 501):
            continue
        return status, ""
    return None, "no answer"
