"""When an agency's annual report is due.

2019 条例 art. 49: departments of governments at county level and above publish by 31 January; the
disclosure office of a government at county level and above publishes the government's report by 31 March.
Townships are not named in art. 49 (spec §1.12, UNCONFIRMED, set locally): they default to 31 March and the
default is configurable. Reports for 2008-2018 fell under the 2008 条例 art. 31: 31 March for every organ.
"""

import datetime as dt

DEPARTMENT = "department"
GOVERNMENT = "government"
TOWNSHIP = "township"

DUE_2019 = {DEPARTMENT: (1, 31), GOVERNMENT: (3, 31)}
DUE_2008 = (3, 31)


def report_due_on(kind: str, report_year: int, *, township_due: tuple[int, int] = (3, 31)) -> dt.date:
    if report_year <= 2018:
        month, day = DUE_2008
    elif kind == TOWNSHIP:
        month, day = township_due
    else:
        month, day = DUE_2019.get(kind, DUE_2019[DEPARTMENT])
    return dt.date(report_year + 1, month, day)
