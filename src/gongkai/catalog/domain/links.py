"""Links to other websites inside published items, and when such a link counts as broken.

Government-site inspections veto a site with broken links in its published content (spec §6.1). The
portal's own links are checked against the catalog directly; these are the links that need a request.
"""

import html
import re
from urllib.parse import urldefrag

_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
MAX_URL = 1000
RECHECK_DAYS = 7          # a link that answered is asked again after a week
RETRY_BROKEN_DAYS = 1     # a broken one the next day: a site that was down for an hour is not a finding


def external_links(body_html: str) -> list[str]:
    """The distinct http(s) links of a body, in order, without #fragments."""
    seen: dict[str, None] = {}
    for raw in _HREF.findall(body_html or ""):
        url = urldefrag(html.unescape(raw).strip())[0]
        if url.lower().startswith(("http://", "https://")) and len(url) <= MAX_URL:
            seen.setdefault(url, None)
    return list(seen)


def is_broken(status: int | None, error: str) -> bool:
    """No answer at all, or an HTTP error (4xx, 5xx). Redirects are followed before this is asked."""
    return bool(error) or (status is not None and status >= 400)
