"""Applicant types: the columns of annual-report table 三 (申请人情况), official labels."""

from enum import StrEnum


class ApplicantType(StrEnum):
    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICES = "legal_services"
    OTHER = "other"


APPLICANT_TYPE_LABELS = {
    ApplicantType.NATURAL_PERSON: "自然人",
    ApplicantType.COMMERCIAL: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.PUBLIC_INTEREST: "社会公益组织",
    ApplicantType.LEGAL_SERVICES: "法律服务机构",
    ApplicantType.OTHER: "其他",
}

# Column order of table 三; 商业企业 … 其他 sit under the heading 法人或其他组织.
COLUMN_ORDER = tuple(ApplicantType)
LEGAL_PERSON_HEADING = "法人或其他组织"
