"""Links to other websites inside published items, and when such a link counts as broken.

Government-site inspections veto a site with broken links in its published content (spec §6.1). The
portal's own links are checked against the catalog directly; these are the links that need a request.
"""

import html
import ipaddress
import re
from urllib.parse import urldefrag

_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
MAX_URL = 1000
RECHECK_DAYS = 7          # a link that answered is asked again after a week
RETRY_BROKEN_DAYS = 1     # a broken one the next day: a site that was down for an hour is not a finding
MAX_REDIRECTS = 5
# The one answer for every link whose host is not on the public internet, whatever is (or is not) listening
# there: the checker never connects, so the inspection page cannot be used to scan the platform's own network.
INTERNAL = "不检查内网地址"

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


def external_links(body_html: str) -> list[str]:
    """The distinct http(s) links of a body, in order, without #fragments."""
    seen: dict[str, None] = {}
    for raw in _HREF.findall(body_html or ""):
        url = urldefrag(html.unescape(raw).strip())[0]
        if url.lower().startswith(("http://", "https://")) and len(url) <= MAX_URL:
            seen.setdefault(url, None)
    return list(seen)


def is_broken(status: int | None, error: str) -> bool:
    """No answer at all, or an HTTP error (4xx, 5xx). Redirects are followed before this is asked. A link to
    an internal address (INTERNAL) is broken too: the public cannot open it either."""
    return bool(error) or (status is not None and status >= 400)


def _embedded_ipv4(address):
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, 6to4, NAT64), else the address itself."""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_public_address(text: str, *, allowed=()) -> bool:
    """Whether the link checker may connect to this address: a global unicast address of the internet, not a
    private, loopback, link-local, multicast, reserved, unspecified or shared (CGNAT) one, in either family,
    including such an address wrapped in IPv6. ``allowed``: networks let through anyway (tests)."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    inner = _embedded_ipv4(address)
    if any(address in net or inner in net for net in allowed if net.version in (address.version, inner.version)):
        return True
    if address.version == 6 and address.teredo is not None:
        return False
    return not (not inner.is_global or inner.is_private or inner.is_loopback or inner.is_link_local
                or inner.is_multicast or inner.is_reserved or inner.is_unspecified)


def loopback_networks():
    return _LOOPBACK
