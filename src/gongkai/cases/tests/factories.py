"""Ready-made applicants and applications for the cases tests."""

import datetime as dt

from gongkai.cases.domain.identity import resident_id_check_char
from gongkai.cases.services import ApplicantInput, register_application, submit_online_application


def resident_id(body17: str = "51010419900101123") -> str:
    return body17 + resident_id_check_char(body17)


def person(**overrides) -> ApplicantInput:
    values = dict(
        applicant_type="natural_person", applicant_name="张三", id_type="resident_id", id_number=resident_id(),
        phone="13812341234", email="zhangsan@example.com", address="重庆市万盛经开区万东北路1号",
        description="请公开2023年本区老旧小区改造项目的实施方案及资金安排", provision_form="electronic",
        delivery="email",
    )
    values.update(overrides)
    return ApplicantInput(**values)


def walk_in(actor, agency, *, arrived_on: dt.date, **overrides):
    return register_application(actor=actor, agency=agency, channel="in_person", data=person(**overrides),
                                arrived_on=arrived_on)


def online(agency, **overrides):
    return submit_online_application(agency=agency, data=person(**overrides))
