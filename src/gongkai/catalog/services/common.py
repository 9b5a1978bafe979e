"""Small pieces every catalog service uses: authorisation, the body's sanitising, art. 26 due date."""

import datetime as dt
import html

import nh3
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import can
from gongkai.calendars.official import add_working_days
from gongkai.core.errors import NotAllowed

# 条例 art. 26: disclose within 20 working days of the information being formed or changed.
ART26_WORKING_DAYS = 20
ART26_BASIS = "《政府信息公开条例》第二十六条"

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img", "hr", "span", "div", "pre", "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan", "scope"}}


def require(actor, action: str, obj) -> None:
    """Every actor needs the permission; the platform (``core.actors.System``: timer, demo loading) holds all."""
    if not can(actor, action, obj):
        raise NotAllowed(_("您无权执行此操作"), action=action)


def sanitize_body(body: str) -> str:
    return nh3.clean(body or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https",
                                                                                              "mailto"})


# Block and cell ends become breaks, so that the cells of a table never run together into one number or word.
BREAKS = {"</p>": "</p>\n", "<br>": "\n", "</tr>": "</tr>\n", "</li>": "</li>\n", "</td>": "</td>\t",
          "</th>": "</th>\t"}


def plain_text(body_html: str) -> str:
    body_html = body_html or ""
    for tag, replacement in BREAKS.items():
        body_html = body_html.replace(tag, replacement)
    return html.unescape(nh3.clean(body_html, tags=set())).strip()


def disclosure_due(written_on: dt.date | None, calendar=None) -> dt.date | None:
    if written_on is None:
        return None
    return add_working_days(written_on, ART26_WORKING_DAYS, calendar=calendar).due


def label_problems(problems: list[str]) -> str:
    return "；".join(problems)
