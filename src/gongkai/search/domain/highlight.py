"""Where the query words occur in an original (unnormalised) text: spans for <mark> and a snippet window."""

from gongkai.search.domain.analysis import normalize


def _offsets(text: str) -> list[int]:
    """For each position of normalize(text), the position in ``text`` it came from (plus the end)."""
    normalized = normalize(text)
    if len(normalized) == len(text):
        return list(range(len(text) + 1))
    out: list[int] = []
    for i, ch in enumerate(text):
        out.extend([i] * len(normalize(ch)))
    out.append(len(text))
    return out


def occurrences(text: str, words) -> list[tuple[int, int]]:
    """Merged (start, end) ranges in ``text`` of every occurrence of every word."""
    normalized = normalize(text)
    found: list[tuple[int, int]] = []
    offsets = None
    for word in words:
        start = normalized.find(word)
        while start != -1:
            if offsets is None:
                offsets = _offsets(text)
            end = start + len(word)
            found.append((offsets[start], offsets[end - 1] + 1))
            start = normalized.find(word, start + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def spans(text: str, words) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_match) parts."""
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in occurrences(text, words):
        if start > cursor:
            parts.append((text[cursor:start], False))
        parts.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        parts.append((text[cursor:], False))
    return parts


def snippet(text: str, words, *, before: int = 30, width: int = 120) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first occurrence, as spans; the text's start when nothing occurs."""
    text = " ".join(text.split())
    normalized = normalize(text)
    first = min((p for p in (normalized.find(w) for w in words) if p != -1), default=-1)
    if first == -1:
        window = text[:width]
        return [(window + ("…" if len(text) > width else ""), False)]
    start = max(_offsets(text)[first] - before, 0)
    window = text[start:start + width]
    parts = spans(window, words)
    if start > 0:
        parts.insert(0, ("…", False))
    if start + width < len(text):
        parts.append(("…", False))
    return parts
