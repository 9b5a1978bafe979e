"""What the public item page shows, read by three prepared queries (``core.prepared``: compiled once per process):
the item with its agency and the labels of its topic and genre; its attachments (name, type, size); and its
links — the 解读 of it, the policy it interprets and the document that abolished it — in one query.

The item is a model instance (the page calls its display methods) built from the row with ``Model.from_db``,
holding only the columns the page shows (others are deferred), its agency whole (the page's site, breadcrumbs
and frame read it) and its topic and genre with their labels; attachments and links are plain rows. The same
page as ``public_item_page`` with ``public_attachments`` and ``public_links`` gave, at a fraction of the ORM's
compiling.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import router
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.catalog.domain.states import Status
from gongkai.catalog.models import Attachment, Item, Term
from gongkai.core.domain.numbers import ascii_int
from gongkai.core.prepared import PreparedQuery

_SHOWN = {"id", "agency_id", "status", "title", "summary", "body", "doc_number", "index_number", "keywords",
          "written_on", "published_on", "validity", "validity_changed_on", "disclosure_mode", "interprets_id",
          "abolished_by_id", "topic_id", "genre_id"}
# In the model's order of columns, as Model.from_db takes them.
ITEM_COLUMNS = [f.attname for f in Item._meta.concrete_fields if f.attname in _SHOWN]
AGENCY_COLUMNS = [f.attname for f in Agency._meta.concrete_fields]
_SELECT = [*ITEM_COLUMNS, *(f"agency__{name}" for name in AGENCY_COLUMNS), "topic__label", "genre__label"]


def _item_query(by: str):
    def build(code, key):
        where = {"pk": key} if by == "pk" else {"index_number": key}
        return (Item.objects.filter(agency__code=code, agency__is_active=True, **where).order_by()
                .values_list(*_SELECT)[:1])

    return PreparedQuery(Item, build, code=str, key=int if by == "pk" else str)


_BY_PK, _BY_INDEX_NUMBER = _item_query("pk"), _item_query("index_number")

_ATTACHMENTS = PreparedQuery(
    Attachment, lambda item: Attachment.objects.filter(item_id=item).order_by("id")
    .values_list("pk", "original_name", "kind", "size"), item=int)

# Unordered in SQL: an item has a handful of 解读, and ORDER BY would tempt SQLite into walking every published item
# by date instead of looking them up by interprets_id (or by id for the two others).
_LINKS = PreparedQuery(
    Item, lambda item, interprets, abolished_by: Item.objects.filter(
        Q(interprets_id=item) | Q(pk=interprets) | Q(pk=abolished_by), status=Status.PUBLISHED,
        agency__is_active=True).order_by().values_list("pk", "title", "published_on", "agency__code", "interprets_id"),
    item=int, interprets=int, abolished_by=int)


@dataclass
class ItemPage:
    item: Item
    attachments: list[dict]
    interpretations: list[dict]   # newest first
    interprets: dict | None   # the policy this item interprets, when published
    abolished_by: dict | None


def item_page(agency_code: str, key: str) -> tuple[ItemPage | None, str]:
    """The item page's data and the item's public status ("published", "withdrawn" for 410, "missing" for 404);
    the data only when published."""
    pk = ascii_int(key)
    query = _BY_PK if pk is not None else _BY_INDEX_NUMBER
    rows = query.rows(code=agency_code, key=pk if pk is not None else str(key))
    if not rows:
        return None, "missing"
    row = rows[0]
    status = row[ITEM_COLUMNS.index("status")]
    if status == Status.WITHDRAWN:
        return None, "withdrawn"
    if status != Status.PUBLISHED:
        return None, "missing"
    item = _item(row)
    links = _LINKS.rows(item=item.pk, interprets=item.interprets_id or 0, abolished_by=item.abolished_by_id or 0)
    by_pk = {link[0]: _link(link) for link in links}
    interpretations = sorted((_link(link) for link in links if link[4] == item.pk),
                             key=lambda i: (i["published_on"] or dt.date.min, i["pk"]), reverse=True)
    attachments = [{"pk": pk, "original_name": name, "kind": kind, "size": size}
                   for pk, name, kind, size in _ATTACHMENTS.rows(item=item.pk)]
    return ItemPage(item=item, attachments=attachments, interpretations=interpretations,
                    interprets=by_pk.get(item.interprets_id) if item.interprets_id else None,
                    abolished_by=by_pk.get(item.abolished_by_id) if item.abolished_by_id else None), "published"


def _item(row: tuple) -> Item:
    db = router.db_for_read(Item)
    items, agencies = len(ITEM_COLUMNS), len(AGENCY_COLUMNS)
    item = Item.from_db(db, ITEM_COLUMNS, row[:items])
    agency = Agency.from_db(db, AGENCY_COLUMNS, row[items:items + agencies])
    Item._meta.get_field("agency").set_cached_value(item, agency)
    for name, label in zip(("topic", "genre"), row[items + agencies:], strict=True):
        term_id = getattr(item, f"{name}_id")
        if term_id is not None:
            Item._meta.get_field(name).set_cached_value(item, Term.from_db(db, ["id", "label"], [term_id, label]))
    return item


def _link(row: tuple) -> dict:
    pk, title, published_on, code, _interprets = row
    return {"pk": pk, "title": title, "published_on": published_on, "agency": {"code": code}}
