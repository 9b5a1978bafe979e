"""What the API gives out: plain schemas filled from the areas' objects (never models handed to ninja)."""

import datetime as dt
from typing import Any

from ninja import Schema

from gongkai.catalog.domain.disclosure import VALIDITY_LABELS


class TermOut(Schema):
    code: str
    label: str


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    parent_code: str | None


class OfficeOut(Schema):
    name: str
    address: str
    postcode: str
    hours: str
    phone: str
    fax: str
    email: str
    website: str
    sections: list[Any]
    staff_count: int


class AgencyDetailOut(AgencyOut):
    uscc: str
    org_code: str
    office: OfficeOut
    children: list[str]


class ItemOut(Schema):
    id: int
    title: str
    summary: str
    index_number: str            # 索引号
    agency_code: str             # 发布机构
    agency_name: str
    co_issuers: list[str]        # 联合发文机构（代码）
    doc_number: str              # 文号
    written_on: dt.date | None   # 成文日期
    published_on: dt.date | None  # 发布日期
    topic: TermOut | None        # 主题分类
    genre: TermOut | None        # 体裁
    category: TermOut | None
    validity: str                # 有效性
    validity_label: str
    validity_changed_on: dt.date | None
    normative_kind: str
    effective_on: dt.date | None
    url: str


class StaffItemOut(ItemOut):
    status: str
    revision: int


class ItemPage(Schema):
    items: list[ItemOut]
    next_cursor: str | None


class ChangeOut(Schema):
    change: str                  # "published" (new or corrected) or "withdrawn"
    changed_at: dt.datetime
    item: ItemOut


class ChangePage(Schema):
    changes: list[ChangeOut]
    next_cursor: str


def _term(term) -> TermOut | None:
    return TermOut(code=term.code, label=term.label) if term is not None else None


def item_out(item, cls=ItemOut):
    extra = {"status": item.status, "revision": item.revision} if cls is StaffItemOut else {}
    return cls(
        id=item.pk, title=item.title, summary=item.summary, index_number=item.index_number,
        agency_code=item.agency.code, agency_name=item.agency.name,
        co_issuers=[a.code for a in item.co_issuers.all()], doc_number=item.doc_number,
        written_on=item.written_on, published_on=item.published_on, topic=_term(item.topic),
        genre=_term(item.genre), category=_term(item.category), validity=item.validity,
        validity_label=VALIDITY_LABELS.get(item.validity, item.validity),
        validity_changed_on=item.validity_changed_on, normative_kind=item.normative_kind,
        effective_on=item.effective_on, url=item.public_path, **extra,
    )


def agency_out(agency, parent_code: str | None) -> AgencyOut:
    return AgencyOut(code=agency.code, name=agency.name, short_name=agency.short_name, kind=agency.kind,
                     level=agency.level, parent_code=parent_code)


def agency_detail_out(agency, parent_code: str | None, children: list[str]) -> AgencyDetailOut:
    office = OfficeOut(name=agency.office_name, address=agency.office_address, postcode=agency.office_postcode,
                       hours=agency.office_hours, phone=agency.office_phone, fax=agency.office_fax,
                       email=agency.office_email, website=agency.website,
                       sections=list(agency.office_sections or []), staff_count=agency.disclosure_staff_count)
    return AgencyDetailOut(**agency_out(agency, parent_code).dict(), uscc=agency.uscc, org_code=agency.org_code,
                           office=office, children=children)
