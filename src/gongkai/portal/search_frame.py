"""The search page's layout (head, header, footer: the site's identity, the language switch, the links) is the
same for every query: rendered once per language, host, agency filter and publication generation, then
reused, so a search renders only its form and its results.

A frame is the layout rendered with two markers, split at them: (before the title's query, between the title
and the content, after the content). It is kept in this process (a few kilobytes each, at most
``MAX_FRAMES``) and dropped when anything is republished (``page_cache.generation()``: site identities,
names and columns invalidate everything, ADR 0011) or after ``page_cache.TIMEOUT`` like a cached page.
"""

import time
from collections import OrderedDict

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.translation import get_language

from gongkai.portal import page_cache

TITLE_MARK = "\ue0f1"     # private-use characters: never in a template, never escaped
CONTENT_MARK = "\ue0f2"
MAX_FRAMES = 256
_frames: OrderedDict = OrderedDict()


def _render(request, agency) -> tuple[str, str, str]:
    html = render_to_string("portal/search_frame.html", {
        "agency": agency, "search_agency": agency, "frame_title": TITLE_MARK, "frame_content": CONTENT_MARK,
    }, request)
    head, _, rest = html.partition(TITLE_MARK)
    middle, _, tail = rest.partition(CONTENT_MARK)
    return head, middle, tail


def frame(request, agency) -> tuple[str, str, str]:
    """(head up to the title's query, title to content, after the content) of the search page's layout."""
    key = (get_language(), request.get_host(), agency.pk if agency is not None else None)
    stamp = page_cache.generation()
    now = time.monotonic()
    found = _frames.get(key)
    if found is not None and found[0] == stamp and now - found[1] < page_cache.TIMEOUT:
        _frames.move_to_end(key)
        return found[2]
    parts = _render(request, agency)
    _frames[key] = (stamp, now, parts)
    _frames.move_to_end(key)
    while len(_frames) > MAX_FRAMES:
        _frames.popitem(last=False)
    return parts


@receiver(setting_changed)
def forget(**kwargs) -> None:
    """Drop every frame of this process (a setting changed: the platform's name, the language…)."""
    _frames.clear()
