"""The search page is the same for every query but for a few holes (the query, the selected options, the
notices, the results): its template is rendered once per language, host, agency filter and publication
generation with a marker in each hole, split at the markers, and filled for each search. The layout (head,
header, the site's identity in the footer) and the form's labels then cost nothing per search.

A frame is kept in this process (a few kilobytes, at most ``MAX_FRAMES``) and dropped when anything is
republished (``page_cache.generation()``: site identities, names and columns invalidate everything, ADR 0011),
after ``page_cache.TIMEOUT`` like a cached page, or when a setting changes.
"""

import re

from django.template.loader import render_to_string
from django.utils.translation import get_language

from gongkai.portal.frame_store import FrameStore

TEMPLATE = "portal/search.html"
HOLES = ("title_query", "query", "filtered_open", "agency_options", "topic_options", "genre_options",
         "validity_options", "year_from", "year_to", "date_selected", "problems", "results")
FIRST_MARK = 0xE100   # private-use characters: in no template, and never escaped
_MARKS = {name: chr(FIRST_MARK + n) for n, name in enumerate(HOLES)}
_SPLIT = re.compile(f"([{chr(FIRST_MARK)}-{chr(FIRST_MARK + len(HOLES) - 1)}])")
MAX_FRAMES = 256
_frames = FrameStore(MAX_FRAMES)


class Frame:
    """The page cut at its holes: ``fill(holes)`` puts each hole's (safe) HTML back in place."""

    def __init__(self, html: str):
        parts = _SPLIT.split(html)
        self.pieces = parts[0::2]
        self.order = [HOLES[ord(mark) - FIRST_MARK] for mark in parts[1::2]]

    def fill(self, holes: dict[str, str]) -> str:
        out = [self.pieces[0]]
        for name, piece in zip(self.order, self.pieces[1:], strict=True):
            out.append(holes.get(name, ""))
            out.append(piece)
        return "".join(out)


def frame(request, agency) -> Frame:
    key = (get_language(), request.get_host(), agency.pk if agency is not None else None)
    return _frames.get_or_draw(key, lambda: Frame(render_to_string(
        TEMPLATE, {"agency": agency, "search_agency": agency, "h": _MARKS}, request)))
