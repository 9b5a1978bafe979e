"""索引号 (spec §5): ``前段码/后段码``, 后段码 = period + "-" + serial.

目录系统实施指引（试行）: 20 characters, unique, never changed once generated; 前段码 is the publishing unit's
9-character 组织机构代码 (hyphen omitted); 后段码 is the 4-digit year, "-", and a 5-digit serial, e.g.
``000014349/2018-00222``. Provinces vary (§5.2): an 18-character 统一社会信用代码 as 前段码, a yyyyMM period.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.domain.errors import ValidationFailed
from gongkai.core.domain.errors import gettext_noop as _


class PrefixSource(StrEnum):
    ORG_CODE = "org_code"   # 9-character 组织机构代码 (national guide default)
    USCC = "uscc"           # 18-character 统一社会信用代码


class Period(StrEnum):
    YEAR = "year"     # YYYY (national guide default)
    MONTH = "month"   # yyyyMM


PREFIX_SOURCE_LABELS = {PrefixSource.ORG_CODE: "组织机构代码（9位）", PrefixSource.USCC: "统一社会信用代码（18位）"}
PERIOD_LABELS = {Period.YEAR: "年（YYYY）", Period.MONTH: "年月（yyyyMM）"}


@dataclass(frozen=True)
class IndexScheme:
    prefix_source: PrefixSource = PrefixSource.ORG_CODE
    period: Period = Period.YEAR
    serial_width: int = 5


class IndexNumberError(ValidationFailed):
    """The agency's codes or the serial do not make an index number (code ``catalog.index_…``)."""


def period_key(scheme: IndexScheme, published_on: dt.date) -> str:
    if scheme.period == Period.MONTH:
        return f"{published_on:%Y%m}"
    return f"{published_on:%Y}"


def prefix(scheme: IndexScheme, *, org_code: str, uscc: str) -> str:
    if scheme.prefix_source == PrefixSource.USCC:
        if len(uscc) != 18:
            raise IndexNumberError(_("本机构未登记18位统一社会信用代码，无法生成索引号"), code="catalog.index_prefix_missing")
        return uscc
    code = org_code or (uscc[8:17] if len(uscc) == 18 else "")
    if len(code) != 9:
        raise IndexNumberError(_("本机构未登记9位组织机构代码，无法生成索引号"), code="catalog.index_prefix_missing")
    return code


def format_index_number(scheme: IndexScheme, *, code_prefix: str, period: str, serial: int) -> str:
    if serial < 1 or serial >= 10**scheme.serial_width:
        raise IndexNumberError(_("流水号 %(serial)s 超出 %(width)s 位"), code="catalog.index_serial_overflow", serial=serial, width=scheme.serial_width)
    return f"{code_prefix}/{period}-{serial:0{scheme.serial_width}d}"


def parse_index_number(value: str) -> tuple[str, str, int] | None:
    """(前段码, period, serial) of a well-formed 索引号, else None."""
    head, sep, tail = value.partition("/")
    period, dash, serial = tail.partition("-")
    if not (sep and dash and head and period.isdigit() and len(period) in (4, 6) and serial.isdigit()):
        return None
    return head, period, int(serial)
