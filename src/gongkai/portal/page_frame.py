"""A site page's own blocks drawn once, with a mark for each part that depends on the request.

Inside the site's frame (portal.site_frame) a page still renders its blocks on every request: its headings,
labels and table heads, a few dozen ``{% translate %}`` tags, cost the catalog page a third of its template time
though they are the same for every visitor of the site in a language. A page whose blocks mark their
request-dependent parts (``{% per_request "name" %}``, portal/templatetags/page_parts.py) and whose view names what
else they read (``static``: the context's names the rest of the blocks may use, all of them request-independent,
and ``stamp``: what those values are current for) is drawn once per site, language, template and stamp from those
names only, the parts as marks, and then each request renders only the parts and fills them in.

The rest of the blocks is drawn from the static names alone, never from the request's context, so nothing of one
request can stay in the frame; a block that used anything else would come out different from the page rendered
whole, which the tests compare byte for byte (tests/test_portal_site_frame.py). A part inside a loop or a
``{% with %}`` (its content would depend on the loop), a part drawn twice, or a frame whose text holds a stray
mark (data typed by an office) is not used: the blocks are rendered whole as before. Kept like the site frames
(portal.frame_store): the next full generation, ``page_cache.TIMEOUT``, a setting changed, at most ``MAX_FRAMES``.
"""

from weakref import WeakKeyDictionary

from django.template.defaulttags import ForNode, WithNode
from django.template.loader_tags import BlockNode

from gongkai.portal.frame_store import FrameStore
from gongkai.portal.templatetags.page_parts import MARKS, PerRequestNode

FIRST_MARK = 0xE300   # private-use characters (site frames use 0xE200…, the search frame 0xE100…)
LAST_MARK = 0xE3FF
MAX_FRAMES = 512
_frames = FrameStore(MAX_FRAMES)
_parts_of: WeakKeyDictionary = WeakKeyDictionary()
_UNKNOWN = object()


def parts(template, blocks: dict[str, BlockNode]) -> dict[str, dict[str, PerRequestNode]] | None:
    """The per-request parts of each block (by name), looked at once per compiled template; None when the page
    has none, or has one that cannot be filled alone (inside a loop or a {% with %}, or a name used twice)."""
    found = _parts_of.get(template.template, _UNKNOWN)
    if found is _UNKNOWN:
        found = _parts_of[template.template] = _find_parts(blocks)
    return found


def _find_parts(blocks):
    by_block, names = {}, set()
    for block_name, block in blocks.items():
        found: dict[str, PerRequestNode] = {}
        if not _walk(block.nodelist, found, inside_scope=False):
            return None
        if names & set(found):
            return None
        names |= set(found)
        if found:
            by_block[block_name] = found
    if not names or len(names) > LAST_MARK - FIRST_MARK:
        return None
    return by_block


def _walk(nodelist, found: dict, *, inside_scope: bool) -> bool:
    for node in nodelist:
        if isinstance(node, PerRequestNode):
            if inside_scope or node.name in found or node.nodelist.get_nodes_by_type(PerRequestNode):
                return False
            found[node.name] = node
            continue
        scope = inside_scope or isinstance(node, (ForNode, WithNode))
        for child in _children(node):
            if not _walk(child, found, inside_scope=scope):
                return False
    return True


def _children(node):
    if hasattr(node, "conditions_nodelists"):   # {% if %}…{% elif %}…{% else %}: each branch once
        for _condition, child in node.conditions_nodelists:
            yield child
        return
    for attr in getattr(node, "child_nodelists", ()):
        child = getattr(node, attr, None)
        if child is not None:
            yield child


class BlockFrame:
    """A block drawn with marks, cut at them: text and the names of the parts between."""

    def __init__(self, html: str, marks: dict[str, str]):
        by_mark = {mark: name for name, mark in marks.items()}
        self.pieces: list = []
        text = []
        for char in html:
            name = by_mark.get(char)
            if name is None:
                text.append(char)
            else:
                self.pieces.append("".join(text))
                self.pieces.append((name,))
                text = []
        self.pieces.append("".join(text))
        self.shown = [piece[0] for piece in self.pieces if isinstance(piece, tuple)]

    def fill(self, parts: dict[str, str]) -> str:
        return "".join(piece if isinstance(piece, str) else parts[piece[0]] for piece in self.pieces)


def frame(key, draw_blocks, by_block) -> dict[str, BlockFrame] | None:
    """The page's blocks drawn with marks (``draw_blocks(extra)`` renders each block from the static names with
    ``extra`` in the context), kept under ``key``; None when they cannot be used."""
    def draw():
        names = [name for found in by_block.values() for name in found]
        marks = {name: chr(FIRST_MARK + n) for n, name in enumerate(names)}
        html = draw_blocks({MARKS: marks})
        frames = {}
        for block_name, text in html.items():
            if sum(1 for char in text if FIRST_MARK <= ord(char) <= LAST_MARK) != sum(
                    text.count(marks[name]) for name in by_block.get(block_name, {})):
                return None   # a mark of the range that is not a part's: typed into the data
            if any(text.count(marks[name]) > 1 for name in by_block.get(block_name, {})):
                return None
            frames[block_name] = BlockFrame(text, marks)
        return frames

    return _frames.get_or_draw(key, draw)
