"""The address of the person behind a request, for rate limits, login lockouts and audit events.

Behind a reverse proxy every request arrives from the proxy, so counting ``REMOTE_ADDR`` would lock every
citizen out together (and let one stranger lock an officer out for everybody). The proxy's ``X-Real-IP`` is
believed only when the request comes from an address listed in ``GONGKAI_TRUSTED_PROXIES``; from anywhere
else the header is the client's own word and is ignored, so rotating it buys nothing.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

UNKNOWN = "-"


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(part, strict=False) for part in spec)


def _parse(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client reached over an IPv6 socket (::ffff:a.b.c.d) is the IPv4 client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address) -> bool:
    spec = tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ()))
    return address is not None and any(address in net for net in _networks(spec))


def client_address(request) -> str:
    """The client's address as text, or ``"-"`` when there is no request or no usable address."""
    if request is None:
        return UNKNOWN
    peer = _parse(request.META.get("REMOTE_ADDR"))
    if peer is not None and is_trusted_proxy(peer):
        forwarded = _parse(request.META.get("HTTP_X_REAL_IP"))
        if forwarded is not None:
            return str(forwarded)
    return str(peer) if peer is not None else UNKNOWN
