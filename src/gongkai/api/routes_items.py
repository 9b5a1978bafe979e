"""Writing items by token or staff session: the catalog's own services, with their permissions and screening
(create, update, attach files, submit, review, 保密审查, reject, publish, withdraw). A missing item is 404, an item
the caller may not touch 403, a step the item's state does not allow 409."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from ninja import Field, File, Path, Router, Schema, Status
from ninja.files import UploadedFile

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import WRITE_AUTH
from gongkai.api.errors import ERROR_RESPONSES, ApiError
from gongkai.api.routes_public import router as public_router
from gongkai.api.schemas import StaffItemOut, item_out
from gongkai.catalog import services
from gongkai.catalog.selectors import access_item
from gongkai.catalog.services.attachments import max_attachment_bytes
from gongkai.core.errors import NotAllowed

router = Router(tags=["items (write)"], auth=WRITE_AUTH)
ItemId = Path(..., ge=1, le=2**62)
Upload = File(...)


def agency_for_write(code: str, path: str):
    try:
        return agency_by_code(code)
    except ObjectDoesNotExist:
        message = _("没有该机构。")
        raise ApiError(422, "unknown_agency", message, [{"path": path, "message": message}]) from None


def _item(actor, pk: int, *actions: str):
    """The item, if the caller holds one of ``actions`` on it (the service checks again, for its own step)."""
    last = None
    for action in actions:
        try:
            return access_item(actor, pk, action)
        except NotAllowed as exc:
            last = exc
    raise last


class ItemFields(Schema):
    title: str | None = Field(None, max_length=300, description="名称")
    summary: str | None = Field(None, max_length=5000, description="内容概述")
    body: str | None = Field(None, max_length=500_000, description="正文（HTML，保存时清理）")
    doc_number: str | None = Field(None, max_length=100, description="文号")
    written_on: dt.date | None = Field(None, description="成文日期")
    topic: str | None = Field(None, max_length=40, description="主题分类代码")
    genre: str | None = Field(None, max_length=40, description="体裁代码")
    category: str | None = Field(None, max_length=40, description="内容类别代码")
    keywords: str | None = Field(None, max_length=200)
    disclosure_mode: Literal["proactive", "on_request", "withheld"] | None = None
    non_disclosure_basis: str | None = Field(None, max_length=100)
    normative_kind: Literal["", "rule", "normative"] | None = None
    effective_on: dt.date | None = None

    def changes(self) -> dict:
        return self.dict(exclude_unset=True)


class ItemCreate(ItemFields):
    agency: str = Field(..., min_length=1, max_length=50, description="发布机构代码")
    title: str = Field(..., min_length=1, max_length=300, description="名称")


class ItemUpdate(ItemFields):
    reason: str = Field("", max_length=500, description="更正已发布信息时必填")


class Comment(Schema):
    comment: str = Field("", max_length=2000)


class Reason(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class PublishIn(Schema):
    published_on: dt.date | None = Field(None, description="发布日期（默认今天）")


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int


def _none_to_blank(fields: dict) -> dict:
    text = {"summary", "doc_number", "keywords", "non_disclosure_basis", "normative_kind", "topic", "genre",
            "category"}
    return {k: ("" if v is None and k in text else v) for k, v in fields.items()}


@router.get("/staff/items/{item_id}", response={200: StaffItemOut, **ERROR_RESPONSES},
            summary="读取一条信息（含草稿；须有该信息的任一权限）")
def get_staff_item(request, item_id: int = ItemId):
    item = _item(request.auth, item_id, "item.view", "item.edit", "item.submit", "item.review",
                 "item.secrecy_review", "item.publish")
    return item_out(item, StaffItemOut)


# On the public router: one router per path, and GET /items is there (the operation carries its own auth).
@public_router.post("/items", response={201: StaffItemOut, **ERROR_RESPONSES}, summary="新建信息（草稿）",
                    auth=WRITE_AUTH, tags=["items (write)"])
def create_item(request, payload: ItemCreate):
    agency = agency_for_write(payload.agency, "body.agency")
    fields = _none_to_blank(payload.changes())
    fields.pop("agency", None)
    item = services.create_item(actor=request.auth, agency=agency, **fields)
    return Status(201, item_out(access_item(request.auth, item.pk, "item.edit"), StaffItemOut))


@router.patch("/items/{item_id}", response={200: StaffItemOut, **ERROR_RESPONSES},
              summary="修改草稿，或更正已发布的信息（须填理由）")
def update_item(request, payload: ItemUpdate, item_id: int = ItemId):
    item = _item(request.auth, item_id, "item.edit", "item.publish")
    fields = _none_to_blank(payload.changes())
    reason = fields.pop("reason", "")
    services.update_item(actor=request.auth, item=item, reason=reason, **fields)
    return item_out(_item(request.auth, item_id, "item.edit", "item.publish"), StaffItemOut)


def _step(request, item_id: int, actions: tuple[str, ...], run):
    item = _item(request.auth, item_id, *actions)
    run(item)
    return item_out(_item(request.auth, item_id, *actions, "item.view"), StaffItemOut)


@router.post("/items/{item_id}/submit", response={200: StaffItemOut, **ERROR_RESPONSES}, summary="送审")
def submit_item(request, item_id: int = ItemId):
    return _step(request, item_id, ("item.submit",), lambda i: services.submit_item(actor=request.auth, item=i))


@router.post("/items/{item_id}/review", response={200: StaffItemOut, **ERROR_RESPONSES}, summary="审核通过")
def review_item(request, payload: Comment, item_id: int = ItemId):
    return _step(request, item_id, ("item.review",),
                 lambda i: services.review_item(actor=request.auth, item=i, comment=payload.comment))


@router.post("/items/{item_id}/secrecy-review", response={200: StaffItemOut, **ERROR_RESPONSES},
             summary="保密审查通过（《条例》第十七条）")
def secrecy_review_item(request, payload: Comment, item_id: int = ItemId):
    return _step(request, item_id, ("item.secrecy_review",),
                 lambda i: services.secrecy_review_item(actor=request.auth, item=i, comment=payload.comment))


@router.post("/items/{item_id}/reject", response={200: StaffItemOut, **ERROR_RESPONSES}, summary="退回修改")
def reject_item(request, payload: Reason, item_id: int = ItemId):
    return _step(request, item_id, ("item.review", "item.secrecy_review", "item.publish"),
                 lambda i: services.reject_item(actor=request.auth, item=i, reason=payload.reason))


@router.post("/items/{item_id}/publish", response={200: StaffItemOut, **ERROR_RESPONSES},
             summary="发布（审查发现须已处理；赋索引号）")
def publish_item(request, payload: PublishIn, item_id: int = ItemId):
    return _step(request, item_id, ("item.publish",),
                 lambda i: services.publish_item(actor=request.auth, item=i, published_on=payload.published_on))


@router.post("/items/{item_id}/withdraw", response={200: StaffItemOut, **ERROR_RESPONSES}, summary="撤稿")
def withdraw_item(request, payload: Reason, item_id: int = ItemId):
    return _step(request, item_id, ("item.withdraw",),
                 lambda i: services.withdraw_item(actor=request.auth, item=i, reason=payload.reason))


@router.post("/items/{item_id}/attachments", response={201: AttachmentOut, **ERROR_RESPONSES},
             summary="添加附件（按文件内容判断类型）")
def add_attachment(request, item_id: int = ItemId, file: UploadedFile = Upload):
    item = _item(request.auth, item_id, "item.edit")
    limit = max_attachment_bytes()
    if file.size is not None and file.size > limit:
        message = _("附件过大：不能超过 %(mb)d MB") % {"mb": limit // (1024 * 1024)}
        raise ApiError(422, "too_large", message, [{"path": "body.file", "message": message}])
    attachment = services.add_attachment(actor=request.auth, item=item, name=file.name or "", data=file.read())
    return Status(201, AttachmentOut(id=attachment.pk, name=attachment.original_name, kind=attachment.kind,
                                     size=attachment.size))
