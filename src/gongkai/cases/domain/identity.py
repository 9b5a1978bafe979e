"""Checks of applicants' identifiers (条例 art. 29(1): identity proof), and the stable applicant key."""

import hashlib
import hmac
import re

_RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_CHECK = "10X98765432"  # GB 11643-1999 check characters for remainders 0..10


def normalise(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def resident_id_problem(value: str) -> str | None:
    value = normalise(value)
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        return "居民身份证号码应为18位，前17位为数字，最后一位为数字或X。"
    total = sum(int(c) * w for c, w in zip(value[:17], _RESIDENT_WEIGHTS, strict=True))
    if _RESIDENT_CHECK[total % 11] != value[17]:
        return "居民身份证号码校验位不正确，请核对。"
    return None


def resident_id_check_char(first17: str) -> str:
    return _RESIDENT_CHECK[sum(int(c) * w for c, w in zip(first17, _RESIDENT_WEIGHTS, strict=True)) % 11]


def applicant_key(id_type: str, id_number: str, *, key: bytes) -> str:
    """The same applicant across applications (fee months, repeated requests), without the number in clear: a
    keyed hash (blind index), because an unkeyed hash of an 18-digit ID number is found again by trying them."""
    return hmac.new(key, f"gongkai-applicant:{id_type}:{normalise(id_number)}".encode(), hashlib.sha256).hexdigest()
