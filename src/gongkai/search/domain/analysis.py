"""Chinese text analysis for substring search: one normalisation, overlapping character bigrams.

Why bigrams (ADR 0010): most Chinese words are two characters, jieba's segmentation of a query can differ from
the same words inside a document, and SQLite's trigram tokenizer cannot match fewer than three characters. A
text's overlapping bigrams, kept in order, answer "does the text contain this k-character word" exactly: the
word is a phrase of its k-1 bigrams at consecutive positions. Both index backends use that plan.

Pure: no Django, no database.
"""

import re
import sys
import unicodedata
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache

MIN_WORD = 2          # the smallest word the bigram index can answer
MAX_QUERY = 100       # characters; longer queries are refused kindly
MAX_WORDS = 8

# 文号 are written with 〔〕 officially and with [] 【】 () 〖〗 in practice; one form makes them all match.
_BRACKETS = {"[": "〔", "]": "〕", "【": "〔", "】": "〕", "〖": "〔", "〗": "〕", "［": "〔", "］": "〕"}
_KEY_PARENS = {"(": "〔", ")": "〕"}


def _fold_char(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Zs", "Zl", "Zp"):
        return " "
    if cat == "Cf":                      # zero-width joiners and marks: invisible, so not part of a word
        return ""
    out = unicodedata.normalize("NFKC", ch).lower()
    if out.isspace():
        return " "
    return "".join(_BRACKETS.get(c, c) for c in out)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [range(0x0, 0x10000), range(0x1D400, 0x1D800), range(0x1F100, 0x1F300), range(0x2F800, 0x2FA20)]
    for block in ranges:
        for cp in block:
            ch = chr(cp)
            if 0xD800 <= cp < 0xE000:
                continue
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    return table


def normalize(text: str) -> str:
    """The one normalisation applied to indexed text, queries and the reference substring scan.

    Per character: NFKC, lower case, bracket variants folded to 〔〕, every kind of space to " ", invisible
    format characters dropped. Per character, so positions map back to the original for highlighting.
    """
    return text.translate(_table())


def doc_number_key(text: str) -> str:
    """Exact-lookup key of a 文号 or 索引号: normalised, spaces removed, (2017) written as 〔2017〕."""
    folded = normalize(text).replace(" ", "")
    return "".join(_KEY_PARENS.get(c, c) for c in folded)


def segments(normalized: str) -> list[str]:
    """Runs of non-space characters; no query word spans a space, so bigrams never cross one."""
    return normalized.split()


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]       # normalised, each at least MIN_WORD characters, de-duplicated
    problem: str = ""            # a problem code when the query cannot be run
    raw: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.words)


# Problem codes; gongkai.search.labels gives their messages.
EMPTY, TOO_LONG, TOO_MANY, TOO_SHORT = "empty", "too_long", "too_many", "too_short"


def parse_query(raw: str | None) -> ParsedQuery:
    """Words separated by spaces must all occur; each word is matched as an exact substring."""
    raw = (raw or "").strip()
    if not raw:
        return ParsedQuery((), EMPTY, raw)
    if len(raw) > MAX_QUERY:
        return ParsedQuery((), TOO_LONG, raw)
    # Quotes and FTS operators carry no meaning here: a word is a literal substring.
    words: list[str] = []
    for word in segments(normalize(raw).replace('"', " ")):
        if word not in words:
            words.append(word)
    if not words:
        return ParsedQuery((), EMPTY, raw)
    if len(words) > MAX_WORDS:
        return ParsedQuery((), TOO_MANY, raw)
    # A single character inside a longer query adds nothing the bigram index can check; drop it unless alone.
    long_words = tuple(w for w in words if len(w) >= MIN_WORD)
    if not long_words:
        return ParsedQuery((), TOO_SHORT, raw)
    # A word contained in another word is implied by it.
    kept = tuple(w for w in long_words if not any(w != o and w in o for o in long_words))
    return ParsedQuery(kept, "", raw)


def bigrams(word: str) -> list[str]:
    return [word[i:i + 2] for i in range(len(word) - 1)]


def trigrams(word: str) -> list[str]:
    return [word[i:i + 3] for i in range(len(word) - 2)]


def matches(words, normalized_text: str) -> bool:
    """The reference semantics every backend must reproduce: every word is a substring."""
    return all(w in normalized_text for w in words)


# --- encodings of a bigram for the two backends -------------------------------------------------------------

def _safe(cp: int) -> bool:
    # Characters SQLite's unicode61 tokenizer (Unicode 6.1 tables) certainly treats as token characters.
    # The space stays: it separates segments.
    return cp == 0x20 or (0x30 <= cp <= 0x39) or (0x61 <= cp <= 0x7A) or (0x4E00 <= cp <= 0x9FCC)


@lru_cache(maxsize=1)
def _fts_table() -> dict[int, int]:
    # Everything else goes to supplementary private use (always a token character); one-to-one for the BMP.
    return {cp: 0xF0000 + cp for cp in range(0x10000) if not _safe(cp) and not (0xD800 <= cp < 0xE000)}


_ASTRAL = re.compile("[\U00010000-\U000EFFFF\U00100000-\U0010FFFF]")


def _fold_astral(match: re.Match) -> str:
    return chr(0x100000 + min(ord(match.group()) & 0xFFFF, 0xFFFD))


def fts_encode(normalized: str) -> str:
    """Map a normalised text so that each character is a token character of FTS5's unicode61 tokenizer."""
    encoded = normalized.translate(_fts_table())
    # Astral characters (rare CJK extensions, emoji) fold into plane-16 private use: collisions only widen.
    return _ASTRAL.sub(_fold_astral, encoded)


FTS_GAP = "zzz"   # three characters: never a bigram token, so phrases cannot run across segments or fields


def fts_tokens(normalized: str) -> str:
    """The token text FTS5 indexes: each segment's bigrams, segments separated by a gap token."""
    parts = []
    for seg in segments(fts_encode(normalized)):
        if len(seg) >= 2:
            parts.append(" ".join(map(str.__add__, seg, seg[1:])))
    return f" {FTS_GAP} ".join(parts)


def fts_phrase(word: str) -> str:
    encoded = fts_encode(word)
    return '"' + " ".join(map(str.__add__, encoded, encoded[1:])) + '"'


_LITTLE = sys.byteorder == "little"
_U32 = next(code for code in "IL" if array(code).itemsize == 4)   # the unsigned 32-bit array type here


def gram_key(bigram: str) -> int:
    """A signed 32-bit key of a bigram for PostgreSQL int4[] arrays (astral characters fold: candidates only)."""
    a, b = ord(bigram[0]) & 0xFFFF, ord(bigram[1]) & 0xFFFF
    return ((a << 16) | b) - 0x80000000


def gram_keys(normalized: str) -> list[int]:
    """Every bigram's ``gram_key`` within the segments, sorted and distinct.

    A bigram of the Basic Multilingual Plane is its two UTF-16 code units read as one big-endian 32-bit number
    (less 2³¹): the even and the odd pairs of a segment's UTF-16 are two arrays read at C speed. A segment
    with an astral character (a surrogate pair in UTF-16) takes the per-bigram way."""
    codes: set[int] = set()
    for seg in segments(normalized):
        n = len(seg)
        if n < 2:
            continue
        if max(seg) > "\uffff":
            codes.update(gram_key(seg[i:i + 2]) + 0x80000000 for i in range(n - 1))
            continue
        data = seg.encode("utf-16-be")
        for start in (0, 2):
            pairs = array(_U32, data[start:start + 4 * ((n - start // 2) // 2)])
            if _LITTLE:
                pairs.byteswap()
            codes.update(pairs)
    return sorted(k - 0x80000000 for k in codes)


def trigram_key(trigram: str) -> int:
    """A signed 32-bit key of three characters for PostgreSQL int4[] arrays: a hash (CRC-32 of the UTF-8),
    so two trigrams may share a key — that widens the candidates only, which ``strpos`` checks anyway."""
    return zlib.crc32(trigram.encode("utf-8")) - 0x80000000


def trigram_keys(normalized: str) -> list[int]:
    """The keys of every trigram of a text, within its segments (as ``gram_keys`` for bigrams)."""
    keys: set[int] = set()
    for seg in segments(normalized):
        keys.update(trigram_key(seg[i:i + 3]) for i in range(len(seg) - 2))
    return sorted(keys)
