"""A site's pages are one layout (head, header, the site's navigation, breadcrumbs, the identity in the footer)
around a few blocks of their own: the layout is drawn once per site route, column and language with a mark at
each hole, and each page renders only its blocks into it. A page rendered fresh (the page cache off, or the
first view after a publication) then pays for its own content, not for the layout's dozens of translations and
URL reversals, nor for the query of its breadcrumbs.

The holes are the blocks a site page fills (``HOLES``: its title, description, meta tags, last crumbs and
content; each keeps the layout's default when the page leaves it alone) and what differs by request (its path,
for the language form, and its canonical address). A page that overrides any other block of the layout, or
extends another layout, is rendered whole as before; so is a layout whose text happens to contain a mark.

A frame is kept in this process (a few kilobytes, at most ``MAX_FRAMES``) and dropped when everything is
republished (``page_cache.generation()``: site identities, names and columns, ADR 0011), after
``page_cache.TIMEOUT`` like a cached page, or when a setting changes. The HTML is the same, byte for byte, as the
page rendered whole (tests/test_portal_site_frame.py).
"""

from weakref import WeakKeyDictionary

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.template.base import VariableNode
from django.template.context import make_context
from django.template.loader_tags import ExtendsNode
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from gongkai.portal import page_frame
from gongkai.portal.frame_store import FrameStore
from gongkai.portal.templatetags.site_identity import canonical_link_html, site_identity, site_route

LAYOUT = "portal/site_base.html"
FRAME = "portal/_site_frame.html"
HOLES = ("page_title", "description", "meta", "crumbs", "content")
REQUEST_HOLES = ("path", "canonical")
FIRST_MARK = 0xE200   # private-use characters (portal.search_frame uses 0xE100…)
_BLOCK_MARKS = {name: (chr(FIRST_MARK + 2 * n), chr(FIRST_MARK + 2 * n + 1)) for n, name in enumerate(HOLES)}
_REQUEST_MARKS = {name: chr(FIRST_MARK + 2 * len(HOLES) + n) for n, name in enumerate(REQUEST_HOLES)}
MAX_FRAMES = 512
_frames = FrameStore(MAX_FRAMES)


class Frame:
    """The layout cut at its marks: the text between two marks of a block is the layout's default for it."""

    def __init__(self, html: str):
        self.pieces: list = []   # str for the layout's text, ("block", name, default) or ("request", name)
        marks = {start: (name, end) for name, (start, end) in _BLOCK_MARKS.items()}
        by_char = {mark: name for name, mark in _REQUEST_MARKS.items()}
        text, at = [], 0
        while at < len(html):
            char = html[at]
            if char in marks:
                name, end = marks[char]
                close = html.index(end, at + 1)
                self.pieces.append("".join(text))
                self.pieces.append(("block", name, html[at + 1:close]))
                text, at = [], close + 1
                continue
            if char in by_char:
                self.pieces.append("".join(text))
                self.pieces.append(("request", by_char[char]))
                text, at = [], at + 1
                continue
            text.append(char)
            at += 1
        self.pieces.append("".join(text))

    def fill(self, blocks: dict[str, str], request_values: dict[str, str]) -> str:
        out = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
            elif piece[0] == "block":
                found = blocks.get(piece[1])
                out.append(piece[2] if found is None else found)
            else:
                out.append(request_values[piece[1]])
        return "".join(out)


def _well_marked(html: str) -> bool:
    """Each mark exactly once (block marks in pairs, in order), and no other character of the range."""
    for start, end in _BLOCK_MARKS.values():
        if html.count(start) != 1 or html.count(end) != 1 or html.index(start) > html.index(end):
            return False
    if any(html.count(mark) != 1 for mark in _REQUEST_MARKS.values()):
        return False
    last = FIRST_MARK + 2 * len(HOLES) + len(REQUEST_HOLES)
    return sum(1 for char in html if FIRST_MARK <= ord(char) < last) == 2 * len(HOLES) + len(REQUEST_HOLES)


def _frame(request, context: dict) -> Frame | None:
    agency = context["agency"]
    # The layout depends on the host only through the site it routes to (identity, theme, brand): keyed by the
    # route, a host's other spellings share a frame, and a frame drawn from older routes is not taken for newer.
    route = site_route({"request": request, "agency": agency})
    key = (get_language(), route, agency.pk, context.get("column", ""))

    def draw() -> Frame | None:
        frame_context = {name: value for name, value in context.items() if name in _LAYOUT_CONTEXT}
        html = loader.render_to_string(FRAME, {**frame_context, "h": _BLOCK_MARKS, "request_marks": _REQUEST_MARKS},
                                       request)
        return Frame(html) if _well_marked(html) else None

    return _frames.get_or_draw(key, draw)


# What the layout reads of a page's context (portal.views_site.site_context): the frame is drawn from these only,
# so it cannot take anything of one page into another's.
_LAYOUT_CONTEXT = {"agency", "column", "agency_ancestors", "search_agency"}


def _page_blocks(template_name: str):
    """The page's own blocks when it extends the site layout and fills only holes; None otherwise. Looked at
    once per compiled template (the loader keeps them: a template changed on disk is compiled anew)."""
    template = loader.get_template(template_name)
    blocks = _blocks_of.get(template.template, _UNKNOWN)
    if blocks is _UNKNOWN:
        blocks = _blocks_of[template.template] = _own_blocks(template)
    return None if blocks is None else (template, blocks)


_blocks_of: WeakKeyDictionary = WeakKeyDictionary()
_UNKNOWN = object()


def _own_blocks(template):
    nodes = template.template.nodelist
    extends = next((node for node in nodes if isinstance(node, ExtendsNode)), None)
    if extends is None or extends.parent_name.var != LAYOUT or not set(extends.blocks) <= set(HOLES):
        return None
    if any(_uses_block_super(block) for block in extends.blocks.values()):
        return None   # {{ block.super }}: the layout's default inside the page's own text
    return extends.blocks


def _uses_block_super(block) -> bool:
    return any(str(node.filter_expression.var).startswith("block.super")
               for node in block.nodelist.get_nodes_by_type(VariableNode))


def render_site_page(request, template_name: str, context: dict, *, status: int = 200,
                     own: tuple | None = None) -> HttpResponse:
    """The page rendered into its site's frame; rendered whole when it cannot be (see the module's text).
    ``own``: (stamp, names) when the page's blocks mark their per-request parts: the rest of them is drawn once
    from the context's ``names`` only, current for ``stamp`` (portal.page_frame)."""
    found = _page_blocks(template_name)
    frame = _frame(request, context) if found is not None else None
    if frame is None:
        return render(request, template_name, context, status=status)
    template, blocks = found
    by_block = page_frame.parts(template, blocks) if own is not None else None
    drawn = None
    if by_block is not None:
        stamp, names = own
        static = {name: context[name] for name in {*_LAYOUT_CONTEXT, *names} if name in context}
        key = (get_language(), site_route({"request": request, "agency": context["agency"]}), context["agency"].pk,
               context.get("column", ""), template_name, stamp)
        drawn = page_frame.frame(key, lambda extra: _blocks(request, template, blocks, {**static, **extra}),
                                 by_block)
    if drawn is None:
        rendered, canonical = _blocks(request, template, blocks, context, canonical=True)
    else:
        parts, rendered, canonical = _parts(request, template, blocks, context, by_block, drawn)
        rendered.update((name, block.fill(parts)) for name, block in drawn.items() if name in blocks)
    html = frame.fill(rendered, {"path": conditional_escape(request.path), "canonical": canonical})
    return HttpResponse(html, status=status)


def _blocks(request, template, blocks, context: dict, *, canonical: bool = False):
    """The page's blocks rendered in ``context`` (and its canonical link when asked)."""
    page = make_context(context, request)
    rendered = {}
    with page.render_context.push_state(template.template), page.bind_template(template.template):
        _before_blocks(page)
        for name in HOLES:
            _before_block(page, name)
            if name in blocks:
                with page.push(block=blocks[name]):
                    rendered[name] = blocks[name].nodelist.render(page)
        if canonical:
            return rendered, canonical_link_html(page)
    return rendered


def _parts(request, template, blocks, context: dict, by_block, drawn):
    """The per-request parts of the drawn blocks, rendered in the page's context as in their block; the blocks
    that have none, rendered whole; and the page's canonical link."""
    page = make_context(context, request)
    parts, whole = {}, {}
    with page.render_context.push_state(template.template), page.bind_template(template.template):
        _before_blocks(page)
        for name in HOLES:
            _before_block(page, name)
            if name not in blocks:
                continue
            with page.push(block=blocks[name]):
                if name in drawn:
                    for part_name in drawn[name].shown:
                        parts[part_name] = by_block[name][part_name].nodelist.render(page)
                else:
                    whole[name] = blocks[name].nodelist.render(page)
        canonical = canonical_link_html(page)
    return parts, whole, canonical


def _before_blocks(page) -> None:
    # What the layout sets before a block, as it does: the language first, the site's identity after the head's
    # title, description and meta (portal/base.html). Each block in a context of its own, as BlockNode.render
    # does.
    page["LANGUAGE_CODE"] = get_language()


def _before_block(page, name: str) -> None:
    if name == "crumbs":
        page["identity"] = site_identity(page)
