"""Screening before publication (条例 art. 17 review; art. 15 and 个人信息保护法 for personal data; the agency's
负面清单).

Pure detectors over text. Personal data is looked for on a normalised form of the text (NFKC, so full-width
digits and letters are folded; separators between digits removed, so ``500110 19850317 123X``, ``139.1111.0001``
and a number split by a line break are seen whole), and every finding points back at the original characters
through an offset map. Findings mask the personal data they found, so that they can be shown to reviewers
without repeating it.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser
from itertools import pairwise


class FindingKind(StrEnum):
    NEGATIVE_LIST = "negative_list"   # 负面清单
    SENSITIVE_WORD = "sensitive_word"  # 错敏词
    ID_NUMBER = "id_number"           # 居民身份证号码
    MOBILE = "mobile"                 # 手机号码
    BANK_CARD = "bank_card"           # 银行卡号


FINDING_LABELS = {
    FindingKind.NEGATIVE_LIST: "负面清单事项",
    FindingKind.SENSITIVE_WORD: "错敏词",
    FindingKind.ID_NUMBER: "身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.BANK_CARD: "银行卡号",
}
PERSONAL_KINDS = frozenset({FindingKind.ID_NUMBER, FindingKind.MOBILE, FindingKind.BANK_CARD})


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    field: str          # 名称 / 内容概述 / 正文 / 文号 / 关键词 / 正文（图片说明） / 附件：<name> …
    match: str          # masked for personal data
    suggestion: str = ""
    start: int = -1     # span of the finding in the ORIGINAL text of ``field`` (-1: unknown)
    end: int = -1

    @property
    def fingerprint(self) -> str:
        # Without the offsets: an edit elsewhere in the text must not reopen an overridden finding.
        return f"{self.kind}|{self.field}|{self.match}"


# GB 11643-1999: weights and check characters of the 18-digit citizen identity number.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# Matched on the normalised text (digits folded, separators between digits removed).
ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])"
                   r"(?![0-9A-Za-z])", re.ASCII)
# Mainland mobile numbers: 11 digits starting 13-19 (工信部 number plan), optionally after +86 / 86 / 0086.
MOBILE_RE = re.compile(r"(?<!\d)(?:\+?(?:00)?86)?(1[3-9]\d{9})(?!\d)", re.ASCII)
# Bank cards: 16-19 digits passing Luhn (GB/T 19584, ISO/IEC 7812).
CARD_RE = re.compile(r"(?<!\d)(\d{16,19})(?!\d)", re.ASCII)

# Characters people put inside a number: spaces of every width, line breaks, dots, dashes, slashes, zero-width
# characters. Removed only between two digits (or a digit and the final X of an ID number).
SEPARATORS = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u200a\u202f\u3000.-_/·•‐‑‒–—―−\u200b\u200c\u200d\u2060\ufeff")
# How many separator characters in a row are still "inside" one number ("\r\n", " - ").
MAX_SEPARATOR_RUN = 3


@dataclass(frozen=True)
class Normalised:
    text: str
    starts: tuple[int, ...]   # for each character of ``text``: where it comes from in the original
    ends: tuple[int, ...]
    breaks: frozenset[int]    # positions in ``text`` before which separators were removed

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end)."""
        return self.starts[start], self.ends[end - 1]

    def groups(self, start: int, end: int) -> tuple[int, ...]:
        """Lengths of the digit groups the original wrote between ``start`` and ``end`` (139 1111 0001 → 3, 4, 4)."""
        cuts = [start, *sorted(b for b in self.breaks if start < b < end), end]
        return tuple(b - a for a, b in pairwise(cuts))


def _digitish(ch: str) -> bool:
    return ch.isascii() and (ch.isdigit() or ch in "Xx")


def normalise(text: str) -> Normalised:
    """NFKC per character (full-width ０-９, Ｘ, ideographic space … folded), separators between digits removed."""
    folded: list[tuple[str, int]] = []
    for index, ch in enumerate(text or ""):
        for out in unicodedata.normalize("NFKC", ch):
            folded.append((out, index))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    breaks: set[int] = set()
    i = 0
    while i < len(folded):
        ch, index = folded[i]
        if ch in SEPARATORS and chars and chars[-1].isdigit():
            j = i
            while j < len(folded) and folded[j][0] in SEPARATORS:
                j += 1
            if j - i <= MAX_SEPARATOR_RUN and j < len(folded) and _digitish(folded[j][0]):
                breaks.add(len(chars))
                i = j
                continue
        chars.append(ch)
        starts.append(index)
        ends.append(index + 1)
        i += 1
    return Normalised("".join(chars), tuple(starts), tuple(ends), frozenset(breaks))


# How people group the digits of a mobile number (3-4-4, 3-8, 7-4) and of a card (fours, the last shorter).
# Other splits are more likely two numbers side by side (the cells of a table) than one number written apart.
# An ID number may be split anywhere: its check character already rules out chance.
MOBILE_GROUPS = frozenset({(11,), (3, 4, 4), (3, 8), (7, 4)})


def _card_grouping_ok(groups: tuple[int, ...]) -> bool:
    return len(groups) == 1 or (all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4)


def id_check_digit_ok(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask(value: str, keep_head: int = 3, keep_tail: int = 4) -> str:
    if len(value) <= keep_head + keep_tail:
        return "*" * len(value)
    return value[:keep_head] + "*" * (len(value) - keep_head - keep_tail) + value[-keep_tail:]


@dataclass(frozen=True)
class Hit:
    kind: FindingKind
    value: str        # normalised digits
    start: int        # original span
    end: int


def personal_data_hits(text: str) -> list[Hit]:
    """ID numbers (with a valid GB 11643 check character), mobiles and Luhn-valid card numbers in ``text``,
    in order of position, with their spans in the original text."""
    norm = normalise(text)
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def add(kind: FindingKind, value: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        hits.append(Hit(kind, value, *norm.span(start, end)))

    for m in ID_RE.finditer(norm.text):
        if id_check_digit_ok(m.group(1)):
            add(FindingKind.ID_NUMBER, m.group(1).upper(), m.start(1), m.end(1))
    for m in MOBILE_RE.finditer(norm.text):
        if norm.groups(m.start(1), m.end(1)) in MOBILE_GROUPS:
            add(FindingKind.MOBILE, m.group(1), m.start(), m.end())
    for m in CARD_RE.finditer(norm.text):
        # An 18-digit number shaped like an ID number is not taken for a card when its check character fails.
        if (luhn_ok(m.group(1)) and not ID_RE.fullmatch(m.group(1))
                and _card_grouping_ok(norm.groups(m.start(1), m.end(1)))):
            add(FindingKind.BANK_CARD, m.group(1), m.start(1), m.end(1))
    return sorted(hits, key=lambda h: h.start)


MASKS = {FindingKind.ID_NUMBER: (6, 4), FindingKind.MOBILE: (3, 4), FindingKind.BANK_CARD: (4, 4)}


def personal_data(text: str, field: str) -> list[Finding]:
    return [Finding(h.kind, field, mask(h.value, *MASKS[h.kind]), start=h.start, end=h.end)
            for h in personal_data_hits(text)]


def listed_terms(text: str, field: str, terms: list[tuple[str, str]], kind: FindingKind) -> list[Finding]:
    """Listed words, also when written in full-width or compatibility forms (NFKC on both sides)."""
    folded = unicodedata.normalize("NFKC", text)
    found = []
    for term, suggestion in terms:
        if not term:
            continue
        at = text.find(term)
        if at < 0 and unicodedata.normalize("NFKC", term) not in folded:
            continue
        found.append(Finding(kind, field, term, suggestion, start=at, end=at + len(term) if at >= 0 else -1))
    return found


def screen(fields: dict[str, str], *, negative_list: list[str],
           sensitive_words: list[tuple[str, str]]) -> list[Finding]:
    """All findings in ``fields`` (name → plain text), de-duplicated, in a stable order."""
    found: dict[str, Finding] = {}
    for name, text in fields.items():
        if not text:
            continue
        batch = (
            listed_terms(text, name, [(t, "") for t in negative_list], FindingKind.NEGATIVE_LIST)
            + listed_terms(text, name, sensitive_words, FindingKind.SENSITIVE_WORD)
            + personal_data(text, name)
        )
        for finding in batch:
            found.setdefault(finding.fingerprint, finding)
    return list(found.values())


# What the public sees of an HTML body besides its text: image descriptions, link and element titles, and the
# targets of tel:/mailto:/sms: links (shown on hover, dialled on a tap).
ATTRIBUTE_FIELDS = {"alt": "正文（图片说明）", "title": "正文（标题属性）", "aria-label": "正文（标题属性）",
                    "href": "正文（链接地址）"}
CONTACT_SCHEMES = ("tel:", "mailto:", "sms:")


class _AttributeCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if not value or name not in ATTRIBUTE_FIELDS:
                continue
            if name == "href" and not value.strip().lower().startswith(CONTACT_SCHEMES):
                continue
            self.found.setdefault(ATTRIBUTE_FIELDS[name], []).append(value)

    handle_startendtag = handle_starttag


def html_attribute_texts(body_html: str) -> dict[str, str]:
    """Field name → the attribute values of that kind in ``body_html``."""
    collector = _AttributeCollector()
    collector.feed(body_html or "")
    collector.close()
    # Joined by a mark that is no separator: two attributes never make one number.
    return {field: "；".join(values) for field, values in collector.found.items()}


# Redaction of a letter before its question and answer are published (mailbox Q&A).
REDACTED = "＊＊＊"
ADDRESS_RE = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:省|市|区|县|镇|乡|街道)[\u4e00-\u9fff0-9０-９A-Za-z\-－#号]*?"
    r"(?:路|街|巷|道|村|组|社区|小区|大道)[0-9０-９\-－]+(?:号|栋|幢|单元|室|楼|附)[0-9０-９\-－号栋幢单元室楼附]*")
# Words before an address that belong to the sentence (我家住…, 现居住在…).
ADDRESS_LEAD_RE = re.compile(r"(?:我|家|现|住|居住|在|位于|地址|住址|是|为)+")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LANDLINE_RE = re.compile(r"(?<![0-9])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-－ ]?)\d{3,4}[-－ ]?\d{4}(?![0-9])")


def redact(text: str, *, known: list[str] = ()) -> str:
    """``text`` with the writer's known name, phone and e-mail, ID numbers, mobiles, card numbers, landlines,
    e-mail addresses and street addresses replaced by ``＊＊＊``: the starting point of a published Q&A."""
    spans: list[tuple[int, int]] = [(h.start, h.end) for h in personal_data_hits(text)]
    for value in known:
        value = (value or "").strip()
        if len(value) < 2:
            continue
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(value), text))
    for pattern in (EMAIL_RE, LANDLINE_RE):
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    for m in ADDRESS_RE.finditer(text):
        lead = ADDRESS_LEAD_RE.match(m.group())
        spans.append((m.start() + (lead.end() if lead else 0), m.end()))
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            last = max(last, end)
            continue
        out.append(text[last:start])
        out.append(REDACTED)
        last = end
    out.append(text[last:])
    return "".join(out)
