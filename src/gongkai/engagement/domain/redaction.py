"""Personal data that must not appear in a published question and answer (条例 art. 15: 个人隐私)."""

import re

# Mainland mobile numbers, landlines with area code, 18-character ID numbers, e-mail addresses.
PATTERNS = {
    "身份证号码": re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{2}[0-9]{3}[0-9Xx]"),
    "手机号码": re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])"),
    "固定电话": re.compile(r"(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])"),
    "电子邮箱": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
}


def personal_data_found(text: str, *, known: list[str] = ()) -> list[str]:
    """Kinds of personal data found in ``text``: the writer's own details, or anything that looks like it."""
    found = []
    for value in known:
        value = (value or "").strip()
        if len(value) >= 2 and value in text:
            found.append(value)
    found.extend(label for label, pattern in PATTERNS.items() if pattern.search(text))
    return found
