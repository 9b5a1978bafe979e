"""Check characters of the two organisation identifiers that appear in 索引号.

- 统一社会信用代码, GB 32100-2015: 18 characters; the 18th is a check character over the first 17.
- 组织机构代码, GB 11714-1997: 9 characters (8 body + 1 check); it is characters 9-17 of the USCC.
"""

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: I, O, Z, S, V are never used
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when ``code`` is a valid unified social credit code, otherwise the reason in Chinese."""
    if len(code) != 18:
        return "统一社会信用代码应为18位"
    bad = [ch for ch in code if ch not in USCC_ALPHABET]
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(dict.fromkeys(bad))}"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确"
    if org_code_problem(code[8:17]):
        return "统一社会信用代码第9至17位的组织机构代码校验位不正确"
    return None


def _org_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    return ord(ch) - ord("A") + 10


def org_code_check_char(first8: str) -> str:
    total = sum(_org_value(ch) * w for ch, w in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def org_code_problem(code: str) -> str | None:
    """None when ``code`` is a valid 9-character organisation code (hyphen omitted)."""
    if len(code) != 9:
        return "组织机构代码应为9位（不含连字符）"
    body, check = code[:8], code[8]
    if not all(ch.isdigit() or "A" <= ch <= "Z" for ch in body):
        return "组织机构代码本体只能由数字和大写字母组成"
    if org_code_check_char(body) != check:
        return "组织机构代码校验位不正确"
    return None


def org_code_from_uscc(uscc: str) -> str:
    return uscc[8:17]
