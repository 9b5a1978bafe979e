"""Choices of an application's intake fields (条例 art. 29: 申请人类型, 证件类型, 信息提供形式, 获取方式) for the
forms of every interface. They are built from the domain codes once, in ``cases.models.choices``; interfaces read
them here, not from the models package."""

from gongkai.cases.models.choices import (
    APPLICANT_TYPE_CHOICES,
    DELIVERY_CHOICES,
    ID_TYPE_CHOICES,
    PROVISION_FORM_CHOICES,
)

__all__ = ["APPLICANT_TYPE_CHOICES", "DELIVERY_CHOICES", "ID_TYPE_CHOICES", "PROVISION_FORM_CHOICES"]
