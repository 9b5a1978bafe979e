"""Demo applicants: made-up names and identifiers with valid check characters, clearly not real people."""

from gongkai.cases.domain.identity import resident_id_check_char
from gongkai.demo.codes import demo_uscc


def _resident(birth: str, seq: int) -> str:
    body = f"500110{birth}{seq:03d}"
    return body + resident_id_check_char(body)


def _person(name, birth, seq, phone, **extra):
    return dict(applicant_type="natural_person", applicant_name=name, id_type="resident_id",
                id_number=_resident(birth, seq), phone=phone, address="重庆市万盛经开区（演示地址）", **extra)


def _org(kind, name, n, contact, phone, **extra):
    return dict(applicant_type=kind, applicant_name=name, id_type="uscc", id_number=demo_uscc(n),
                contact_person=contact, phone=phone, address="重庆市万盛经开区（演示地址）", **extra)


APPLICANTS = {
    "zhang": _person("张某某", "19650312", 111, "13800000001"),
    "li": _person("李某", "19781120", 122, "13800000002", email="li.demo@example.com"),
    "wang": _person("王某某", "19850704", 133, "13800000003"),
    "zhao": _person("赵某", "19590101", 144, "13800000004"),
    "chen": _person("陈某某", "19900215", 155, "13800000005", email="chen.demo@example.com"),
    "liu": _person("刘某", "19720830", 166, "13800000006"),
    "yang": _person("杨某某", "19881111", 177, "13800000007"),
    "huang": _person("黄某", "19930521", 188, "13800000008", email="huang.demo@example.com"),
    "zhou": _person("周某某", "19670909", 199, "13800000009"),
    "wu": _person("吴某", "19800606", 201, "13800000010"),
    "realty": _org("commercial", "重庆某某房地产开发有限公司（演示）", 601, "孙某", "02300000001"),
    "mining": _org("commercial", "万盛某某建材有限公司（演示）", 602, "钱某", "02300000002"),
    "institute": _org("research", "某某大学城乡规划研究所（演示）", 603, "郑某", "02300000003"),
    "green": _org("public_interest", "某某环境保护公益服务中心（演示）", 604, "冯某", "02300000004"),
    "lawfirm": _org("legal_services", "重庆某某律师事务所（演示）", 605, "褚某", "02300000005",
                    email="lawfirm.demo@example.com"),
    "village": _org("other", "万东镇某某村村民委员会（演示）", 606, "卫某", "02300000006"),
}
