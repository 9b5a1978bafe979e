"""Well-formed identifiers for demo agencies: valid check characters, clearly not real organisations."""

from gongkai.agencies.domain.codes import org_code_check_char, uscc_check_char

DEMO_AREA = "500110"  # the area code the district used; the body digits below are made up


def demo_org_code(n: int) -> str:
    body = f"MA{n:06d}"
    return body + org_code_check_char(body)


def demo_uscc(n: int) -> str:
    first17 = "11" + DEMO_AREA + demo_org_code(n)
    return first17 + uscc_check_char(first17)
