"""Personal data that must not appear in a published question and answer (条例 art. 15: 个人隐私).

The catalog's pre-publication screening (normalised text: full-width digits, numbers written with spaces, dots
or line breaks) plus what only a letter holds: the writer's own name, phone and e-mail, landlines and e-mail
addresses. ``redacted`` gives the starting text of the publish form; ``personal_data_found`` is the check that
blocks publication of what is left.
"""

import re

from gongkai.catalog.domain.screening import FINDING_LABELS, normalise, personal_data_hits, redact

# Kept beside the normalised detectors: a letter's ID number is personal data even when its check character is
# mistyped, and a landline or an e-mail address is the writer's contact.
PATTERNS = {
    "身份证号码": re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{2}[0-9]{3}[0-9Xx]"),
    "手机号码": re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])"),
    "固定电话": re.compile(r"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3}-?)[0-9]{7,8}(?![0-9])"),
    "电子邮箱": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
}


def _known_values(known) -> list[str]:
    return [v.strip() for v in known if v and len(v.strip()) >= 2]


def _contains(text: str, value: str) -> bool:
    if value in text:
        return True
    # The writer's phone written another way in the letter (139 1111 0001, full-width digits …).
    folded = normalise(value).text
    return any(ch.isdigit() for ch in folded) and folded in normalise(text).text


def personal_data_found(text: str, *, known: list[str] = ()) -> list[str]:
    """What personal data ``text`` still holds: the writer's own details as written, then the kinds found."""
    found = [value for value in _known_values(known) if _contains(text, value)]
    kinds = [FINDING_LABELS[hit.kind] for hit in personal_data_hits(text)]
    kinds += [label for label, pattern in PATTERNS.items() if pattern.search(normalise(text).text)]
    found.extend(dict.fromkeys(kinds))
    return found


def redacted(text: str, *, known: list[str] = ()) -> str:
    """``text`` with the writer's details and anything that looks like personal data replaced by ＊＊＊."""
    text = redact(text or "", known=_known_values(known))
    norm = normalise(text)
    spans = []
    for pattern in PATTERNS.values():
        spans += [norm.span(m.start(), m.end()) for m in pattern.finditer(norm.text)]
    for value in _known_values(known):
        folded = normalise(value).text
        if any(ch.isdigit() for ch in folded):
            spans += [norm.span(m.start(), m.end()) for m in re.finditer(re.escape(folded), norm.text)]
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            last = max(last, end)
            continue
        out += [text[last:start], "＊＊＊"]
        last = end
    return "".join([*out, text[last:]])
