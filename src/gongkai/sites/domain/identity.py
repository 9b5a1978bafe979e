"""The identity a government site must print (国办发〔2017〕47号《政府网站发展指引》: 网站标识码, ICP备案,
公安机关备案, 党政机关网站标识) and the forms of its codes."""

import re
from enum import StrEnum


class SiteType(StrEnum):
    # 国办发〔2017〕47号 二（一）: 政府网站分为政府门户网站和部门网站; 专项网站 are opened for a special task.
    PORTAL = "portal"          # 政府门户网站
    DEPARTMENT = "department"  # 部门网站
    SPECIAL = "special"        # 专项网站


SITE_TYPE_LABELS = {SiteType.PORTAL: "政府门户网站", SiteType.DEPARTMENT: "部门网站", SiteType.SPECIAL: "专项网站"}

# 政府网站标识码: 10 characters, given by the national government-website database. The codes published
# on sites are either ten digits starting with the province's two-digit division code (GB/T 2260: 11 北京 …
# 65 新疆), e.g. 5000000045 for 重庆市人民政府, or "bm" and eight digits for a State Council department.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
})
_SITE_CODE = re.compile(r"^(?:[0-9]{10}|bm[0-9]{8})$")

# ICP备案号 (工业和信息化部): the province's one-character abbreviation, "ICP备", the number, "号", and an
# optional "-n" for the site under that filing: 渝ICP备05001234号-1.
_ICP = re.compile(r"^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新]ICP备[0-9]{6,10}号(?:-[0-9]{1,3})?$")
# 公安机关备案号 (全国互联网安全管理服务平台): abbreviation, "公网安备", 14 digits, "号".
_POLICE = re.compile(r"^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新]公网安备 ?([0-9]{14})号$")
POLICE_RECORD_LINK = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={number}"
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def site_code_problem(value: str) -> str:
    """Why ``value`` is not a 政府网站标识码, or "" when it has the form of one."""
    if not _SITE_CODE.match(value or ""):
        return "网站标识码应为10位：10位数字，或国务院部门网站的“bm”加8位数字"
    if value[0].isdigit() and value[:2] not in PROVINCE_CODES:
        return "网站标识码前两位应为省级行政区划代码（如重庆为50）"
    return ""


def icp_problem(value: str) -> str:
    if value and not _ICP.match(value):
        return "ICP备案号格式应如“渝ICP备05001234号”或“渝ICP备05001234号-1”"
    return ""


def police_record_problem(value: str) -> str:
    if value and not _POLICE.match(value):
        return "公安机关备案号格式应如“渝公网安备 50011002500001号”（14位数字）"
    return ""


def police_record_link(value: str) -> str:
    """The 全国互联网安全管理服务平台 page of a 公安机关备案号, "" when there is none."""
    match = _POLICE.match(value or "")
    return POLICE_RECORD_LINK.format(number=match.group(1)) if match else ""


def normal_domain(value: str) -> str:
    """A host name as routing compares it: lower case, no port, no trailing dot."""
    host = (value or "").strip().lower().rstrip(".")
    if host.startswith("[") or host.count(":") > 1:   # an IPv6 literal names no site
        return ""
    return host.split(":", 1)[0]


def domain_problem(value: str) -> str:
    if not _DOMAIN.match(normal_domain(value)) or normal_domain(value) != (value or "").strip().lower():
        return "域名格式不正确，应如 www.example.gov.cn（不含 http:// 和路径）"
    return ""
