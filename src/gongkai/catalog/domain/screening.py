"""Screening before publication (条例 art. 17 review; 个人信息保护法 for personal data; the agency's 负面清单).

Pure detectors over text: each returns findings with the matched span masked, so that a finding can be shown
to reviewers without repeating the personal data it found.
"""

import re
from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    field: str          # title / summary / body / attachment:<name>
    match: str          # masked for personal data
    suggestion: str = ""

    @property
    def fingerprint(self) -> str:
        return f"{self.kind}|{self.field}|{self.match}"


# GB 11643-1999: weights and check characters of the 18-digit citizen identity number.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![0-9A-Za-z])")
# Mainland mobile numbers: 11 digits starting 13-19 (工信部 number plan), optionally +86/86 and separators.
MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)")
# Bank cards: 16-19 digits (GB/T 19584 / ISO 7812), optionally grouped by spaces or hyphens in fours.
CARD_RE = re.compile(r"(?<!\d)((?:\d{4}[ -]?){3}\d{4,7})(?!\d)")


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


def personal_data(text: str, field: str) -> list[Finding]:
    findings: list[Finding] = []
    ids: set[str] = set()
    for m in ID_RE.finditer(text):
        if id_check_digit_ok(m.group(1)):
            ids.add(m.group(1))
            findings.append(Finding(FindingKind.ID_NUMBER, field, mask(m.group(1), 6, 4)))
    for m in MOBILE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        findings.append(Finding(FindingKind.MOBILE, field, mask(digits, 3, 4)))
    for m in CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if 16 <= len(digits) <= 19 and digits not in ids and luhn_ok(digits):
            findings.append(Finding(FindingKind.BANK_CARD, field, mask(digits, 4, 4)))
    return findings


def listed_terms(text: str, field: str, terms: list[tuple[str, str]], kind: FindingKind) -> list[Finding]:
    return [Finding(kind, field, term, suggestion) for term, suggestion in terms if term and term in text]


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
