"""Visits that count for 独立用户访问总量 and 网站总访问量: people reading pages, not programs.

A visitor is counted once a day per site through a keyed hash of (day, site, address, browser) with a key
drawn at random for that day and deleted after it: the hashes of one day cannot be tied to those of another
or to a person, and nothing of the address is kept.
"""

import hashlib
import hmac

# What in a User-Agent marks a program rather than a person: search engines and crawlers, command-line and
# library HTTP clients, headless browsers, monitors, and the platform's own tools (lower-case substrings).
BOT_MARKERS = ("bot", "spider", "crawl", "slurp", "curl", "wget", "python-requests", "python-urllib", "httpx",
               "aiohttp", "go-http-client", "java/", "okhttp", "libwww", "scrapy", "headless", "phantomjs",
               "lighthouse", "monitor", "gongkai", "uptime", "pingdom", "zgrab", "masscan", "nmap")

# Paths that are pages people read. Files, feeds, the sitemap, the API and staff pages are not visits.
NOT_PAGES = ("/static/", "/staff/", "/api/", "/i18n/", "/language/", "/django-admin/")
NOT_PAGE_ENDINGS = (".xml", ".json", ".txt", ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico",
                    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".woff", ".woff2", ".webp", ".atom")


def is_program(user_agent: str) -> bool:
    agent = (user_agent or "").lower()
    return not agent or any(marker in agent for marker in BOT_MARKERS)


def is_page(path: str) -> bool:
    if not path.startswith("/") or any(path.startswith(p) for p in NOT_PAGES):
        return False
    if "/files/" in path or "/feed" in path:
        return False
    return not path.lower().endswith(NOT_PAGE_ENDINGS)


def is_counted_visit(*, method: str, status: int, path: str, user_agent: str, purpose: str = "") -> bool:
    """A person's page view: a GET answered 200, of a page, from a browser, not a speculative prefetch."""
    return (method == "GET" and status == 200 and is_page(path) and not is_program(user_agent)
            and "prefetch" not in (purpose or "").lower())


def visitor_digest(*, key: bytes, day: str, site_id: int, address: str, user_agent: str) -> str:
    message = f"{day}\n{site_id}\n{address}\n{user_agent}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]
