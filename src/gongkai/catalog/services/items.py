"""Writing and editing items; every save keeps a revision (ItemRevision) for side-by-side comparison."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.disclosure import attribute_problems
from gongkai.catalog.domain.states import EDITABLE, STATUS_LABELS, Status
from gongkai.catalog.domain.taxonomies import Scheme
from gongkai.catalog.models import Item, ItemRevision, Term
from gongkai.catalog.services.common import disclosure_due, plain_text, require, sanitize_body
from gongkai.catalog.services.screening import screen_item
from gongkai.catalog.signals import item_changed
from gongkai.core.errors import InvalidTransition, Message, Sentences, ValidationFailed, gettext_noop
from gongkai.core.events import record_event, snapshot

ITEM_FIELDS = [
    "title", "summary", "body", "doc_number", "written_on", "generated_on", "topic", "genre", "category", "focus",
    "statutory_item", "keywords", "disclosure_mode", "non_disclosure_basis", "scope", "normative_kind",
    "effective_on", "amends", "interprets", "matter",
]
REVISION_FIELDS = [f for f in ITEM_FIELDS if f not in {"amends", "interprets", "matter"}]
TERM_SCHEMES = {"topic": Scheme.TOPIC, "genre": Scheme.GENRE, "category": Scheme.CATEGORY, "focus": Scheme.FOCUS,
                "statutory_item": Scheme.STATUTORY}


def _check(item: Item) -> None:
    problems = []
    if not item.title or not item.title.strip():
        problems.append(gettext_noop("名称不能为空"))
    elif len(item.title) > 300:
        problems.append(gettext_noop("名称不能超过300字"))
    problems += attribute_problems(item.disclosure_mode, item.non_disclosure_basis)
    for name, scheme in TERM_SCHEMES.items():
        term = getattr(item, name)
        if term is not None and term.scheme != scheme:
            problems.append(Message(gettext_noop("%(verbose_name)s选择有误"), verbose_name=Item._meta.get_field(name).verbose_name))
    if item.normative_kind and not item.written_on:
        problems.append(gettext_noop("规范性文件须填写成文日期"))
    if item.effective_on and item.written_on and item.effective_on < item.written_on:
        problems.append(gettext_noop("施行日期不能早于成文日期"))
    if item.amends_id and not (item.amends and item.amends.normative_kind):
        problems.append(gettext_noop("只能修订规章或规范性文件"))
    if item.interprets_id and item.interprets_id == item.pk:
        problems.append(gettext_noop("解读不能指向自身"))
    if item.generated_on and item.generated_on > dt.date(2100, 1, 1):
        problems.append(gettext_noop("生成日期有误"))
    if problems:
        raise ValidationFailed(_("信息有误：%(problems)s"), code="catalog.invalid_item", problems=Sentences(problems))


def _apply(item: Item, fields: dict) -> None:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationFailed(_("未知字段：%(unknown)s"), code="catalog.unknown_fields", unknown=sorted(unknown))
    for name, value in fields.items():
        if name in TERM_SCHEMES and isinstance(value, str):
            value = Term.objects.filter(scheme=TERM_SCHEMES[name], code=value).first() if value else None
        setattr(item, name, value if value is not None or name not in {"summary", "keywords", "doc_number"} else "")
    item.body = sanitize_body(item.body)
    item.body_text = plain_text(item.body)
    item.title = (item.title or "").strip()
    if item.written_on and not item.generated_on:
        item.generated_on = item.written_on
    item.disclosure_due_on = disclosure_due(item.written_on)


def _revision_data(item: Item) -> dict:
    data = snapshot(item, REVISION_FIELDS)
    for name in TERM_SCHEMES:
        term = getattr(item, name)
        data[name] = term.label if term else ""
    return data


def _save_revision(item: Item, actor) -> None:
    ItemRevision.objects.create(item=item, number=item.revision, data=_revision_data(item),
                                created_by=actor if getattr(actor, "is_authenticated", False) else None)


@transaction.atomic
def create_item(*, actor, agency, co_issuers=(), **fields) -> Item:
    require(actor, "item.edit", agency)
    item = Item(agency=agency, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _apply(item, fields)
    _check(item)
    item.save()
    if co_issuers:
        item.co_issuers.set(co_issuers)
    _save_revision(item, actor)
    screen_item(item=item)
    record_event(actor=actor, obj=item, action="item.created", to_state=item.status,
                 after=_revision_data(item))
    return item


@transaction.atomic
def update_item(*, actor, item: Item, reason: str = "", co_issuers=None, **fields) -> Item:
    """Edit a draft (editor), or correct a published item (publisher, with a reason; 索引号 unchanged)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status in EDITABLE:
        require(actor, "item.edit", item)
    elif item.status == Status.PUBLISHED:
        require(actor, "item.publish", item)
        if not reason.strip():
            raise ValidationFailed(_("更正已发布的信息须填写理由"), code="catalog.reason_required")
    else:
        raise InvalidTransition(_("“%(status)s”的信息不能修改，请先退回"), code="catalog.wrong_state", status=STATUS_LABELS[Status(item.status)])
    before = _revision_data(item)
    if not item.revisions.exists():
        # Imported items have no stored first version; keep it now so the correction can be compared.
        ItemRevision.objects.create(item=item, number=item.revision, data=before)
    _apply(item, fields)
    _check(item)
    after = _revision_data(item)
    changed = {k for k in after if after[k] != before[k]}
    if co_issuers is not None:
        item.co_issuers.set(co_issuers)
    if not changed and co_issuers is None:
        return item
    item.revision += 1
    item.save()
    _save_revision(item, actor)
    findings = screen_item(item=item)
    if item.status == Status.PUBLISHED and findings:
        raise ValidationFailed(_("更正后的内容有未处理的审查发现：%(details)s"), code="catalog.screening_open", details="；".join(f.get_kind_display() for f in findings))
    record_event(actor=actor, obj=item, action="item.updated", before={k: before[k] for k in changed},
                 after={k: after[k] for k in changed}, reason=reason, payload={"revision": item.revision})
    if item.status == Status.PUBLISHED:
        transaction.on_commit(lambda: item_changed.send(sender=Item, item=item))
    return item
