"""Masking of applicants' identifiers and contacts for everyone but the handling agency's case roles."""

MASK = "*"


def mask_id(value: str) -> str:
    """``510104199001011234`` → ``5101**********1234``: the first and last four characters stay."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= 8:
        return value[:1] + MASK * (len(value) - 1)
    return value[:4] + MASK * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    digits = (value or "").strip()
    if not digits:
        return ""
    if len(digits) <= 4:
        return MASK * len(digits)
    keep = 3 if len(digits) >= 11 else 2
    return digits[:keep] + MASK * (len(digits) - keep - 4) + digits[-4:]


def mask_email(value: str) -> str:
    value = (value or "").strip()
    if "@" not in value:
        return mask_id(value)
    local, domain = value.split("@", 1)
    return (local[:1] + MASK * 3) + "@" + domain


def mask_text(value: str) -> str:
    """Names and addresses: the first character stays."""
    value = (value or "").strip()
    return value[:1] + MASK * min(len(value) - 1, 6) if value else ""
