"""The only readers of the catalog for other apps and the interfaces.

Public door (the portal, feeds, search):
- ``public_items()``: published, not withdrawn items of active agencies, agency select_related.
- ``public_item(agency_code, key)``: one public item by pk or 索引号; ``Item.DoesNotExist`` otherwise.
- ``item_status_for_public(agency_code, key) -> "published" | "withdrawn" | "missing"``: 410 vs 404.
- ``public_item_page(agency_code, key) -> (item | None, status)``: both at once, for the item page.
- ``public_links(**where)``: published items as links only (title, agency code, date).
- ``item_document(item) -> IndexedDocument``: what the search index holds for an item (url = ``item.public_path``,
  ``/gk/<agency code>/items/<pk>/``).
- ``feed_items(agency_code, category=None)``: the newest public items of an agency (and one category).
- ``published_items(agency_path=, topic=, genre=, validity=, published_from=, published_to=, doc_number=,
  index_number=, after=)``: the API's filtered catalog, newest first, keyset-paged by (发布日期, id).
- ``public_changes(agency_path=, after=)``: published and withdrawn items in the order they last changed
  (the API's changes feed for a higher-level portal), keyset-paged by (updated_at, id).

Staff door (the back office, API):
- ``access_item(user, pk, action="item.view")``: the item if ``user`` may do ``action`` to it, else NotAllowed.
- ``staff_items(user, action="item.view")``, ``filter_items(qs, **filters)``, ``review_queue(user)``,
  ``overdue_items(user, today)`` (条例 art. 26), ``matter_compliance(user, today, agency=None)`` (公开清单),
  ``interpretations_due(user, today)`` (解读 past the local grace period).

Annual report (the reports app codes against these):
- ``normative_facts(*, agency_ids, until) -> list[NormativeDocFact]``: every 规章/行政规范性文件 issued (成文) on or
  before ``until``; ``abolished_on`` is the 失效/废止 date, whenever it is (compare with the period yourself).
- ``item_counts(*, agency_ids, start, end, by) -> dict[str, int]``: published items (发布日期 in [start, end],
  withdrawn items excluded) counted by ``by``: "channel" (one count per channel an item went to; keys are
  ``Channel`` values), "category", "focus" (重点领域), "statutory_item", "topic" (keys are term codes), "agency"
  (keys are ``str(agency_id)``). Items without a value for ``by`` are not counted.
- ``items_for_count(*, agency_ids, start, end, by, key)``: the queryset behind one of those counts.
- ``published_count(*, agency_ids, start, end) -> int``.
"""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.catalog.domain.disclosure import Validity
from gongkai.catalog.domain.facts import NormativeDocFact, NormativeKind
from gongkai.catalog.domain.states import PENDING, TRANSITIONS, Status
from gongkai.catalog.models import (
    CatalogSettings,
    DisclosureMatter,
    Item,
    ItemChannel,
    MatterObligation,
    Term,
)
from gongkai.core.domain.numbers import ascii_int
from gongkai.core.errors import NotAllowed
from gongkai.search.domain.documents import IndexedDocument

# ---------------------------------------------------------------------------------------------- public door


TERM_CHOICES = "catalog:term-choices"


def term_choices(scheme: str, *, top_level: bool = False) -> list[tuple[str, str]]:
    """(code, label) of the active terms of a taxonomy, in its order: the filters of the search form, read from
    the shared cache (dropped when a term is saved)."""
    from gongkai.core.cached_lists import cached_list

    def build():
        qs = Term.objects.filter(scheme=scheme, is_active=True)
        if top_level:
            qs = qs.filter(parent__isnull=True)
        return list(qs.values_list("code", "label"))

    return cached_list(TERM_CHOICES, build, variant=f"{scheme}:{int(top_level)}")


def public_items() -> QuerySet[Item]:
    return Item.objects.filter(status=Status.PUBLISHED, agency__is_active=True).select_related(
        "agency", "topic", "genre", "category", "focus", "statutory_item"
    )


def _by_key(qs: QuerySet[Item], key: str) -> QuerySet[Item]:
    """By id when the key is an id (ASCII digits within 64 bits), else by 索引号."""
    pk = ascii_int(key)
    return qs.filter(pk=pk) if pk is not None else qs.filter(index_number=str(key))


def public_item(agency_code: str, key: str) -> Item:
    return _by_key(public_items().filter(agency__code=agency_code), key).get()


# What the item page shows and the view needs of an item (of its 59 columns) and of its terms; the agency whole
# (the page's site, breadcrumbs and footer read it). Reading the whole row costs a fresh render a third of its
# time in the ORM alone.
_ITEM_PAGE_FIELDS = (
    "id", "status", "title", "summary", "body", "doc_number", "index_number", "keywords", "written_on",
    "published_on", "validity", "validity_changed_on", "disclosure_mode", "interprets_id", "abolished_by_id",
    "agency", "topic__label", "genre__label",
)


def public_item_page(agency_code: str, key: str) -> tuple[Item | None, str]:
    """An item for its public page in one query, with what the page shows of its relations, and its public
    status ("published", "withdrawn" for 410, "missing" for 404); the item only when published."""
    # Unordered: one row by its key (the model's default order by date would be compiled and sorted for nothing).
    item = next(iter(_by_key(Item.objects.filter(agency__code=agency_code, agency__is_active=True), key)
                     .select_related("agency", "topic", "genre").only(*_ITEM_PAGE_FIELDS).order_by()[:1]), None)
    if item is None or item.status not in (Status.PUBLISHED, Status.WITHDRAWN):
        return None, "missing"
    if item.status == Status.WITHDRAWN:
        return None, "withdrawn"
    return item, "published"


def published_items(*, agency_path: str = "", topic: str = "", genre: str = "", validity: str = "",
                    published_from: dt.date | None = None, published_to: dt.date | None = None,
                    doc_number: str = "", index_number: str = "",
                    after: tuple[dt.date, int] | None = None) -> QuerySet[Item]:
    """Public items filtered as the API's list offers (agency subtree by path, topic with its sub-topics, 文号 and
    索引号 exact), newest 发布日期 first; ``after`` is the (发布日期, id) of the last item of the previous page."""
    qs = public_items().prefetch_related("co_issuers")
    if agency_path:
        qs = qs.filter(agency__path__startswith=agency_path)
    if topic:
        qs = qs.filter(Q(topic__code=topic) | Q(topic__parent__code=topic))
    if genre:
        qs = qs.filter(genre__code=genre)
    if validity:
        qs = qs.filter(validity=validity)
    if published_from:
        qs = qs.filter(published_on__gte=published_from)
    if published_to:
        qs = qs.filter(published_on__lte=published_to)
    if doc_number:
        qs = qs.filter(doc_number=doc_number.strip())
    if index_number:
        qs = qs.filter(index_number=index_number.strip())
    if after:
        on, pk = after
        qs = qs.filter(Q(published_on__lt=on) | Q(published_on=on, id__lt=pk))
    return qs.order_by("-published_on", "-id")


def public_changes(*, agency_path: str = "", after: tuple[dt.datetime, int] | None = None) -> QuerySet[Item]:
    """Published and withdrawn items in the order they last changed (publication, correction, withdrawal), for
    a higher-level portal that copies them (报送上级门户); ``after`` is the (updated_at, id) already seen."""
    qs = (Item.objects.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN], agency__is_active=True)
          .select_related("agency", "topic", "genre", "category", "focus", "statutory_item")
          .prefetch_related("co_issuers"))
    if agency_path:
        qs = qs.filter(agency__path__startswith=agency_path)
    if after:
        at, pk = after
        qs = qs.filter(Q(updated_at__gt=at) | Q(updated_at=at, id__gt=pk))
    return qs.order_by("updated_at", "id")


def public_links(**where) -> QuerySet[Item]:
    """Published items as links (title, agency code, date): 解读 of a policy, the policy of a 解读, and the like."""
    return (Item.objects.filter(status=Status.PUBLISHED, agency__is_active=True, **where).select_related("agency")
            .only("pk", "title", "published_on", "agency__code"))


def item_status_for_public(agency_code: str, key: str) -> str:
    status = (
        _by_key(Item.objects.filter(agency__code=agency_code, agency__is_active=True), key)
        .values_list("status", flat=True)
        .first()
    )
    if status == Status.PUBLISHED:
        return "published"
    if status == Status.WITHDRAWN:
        return "withdrawn"
    return "missing"


def feed_items(agency_code: str, category: str | None = None, limit: int = 50) -> QuerySet[Item]:
    qs = public_items().filter(agency__code=agency_code)
    if category:
        qs = qs.filter(Q(category__code=category) | Q(focus__code=category))
    return qs.order_by("-published_at", "-published_on", "-id")[:limit]


def item_document(item: Item) -> IndexedDocument:
    attachment_text = "\n".join(a.text for a in item.attachments.all() if a.text)
    body = item.body_text + ("\n" + attachment_text if attachment_text else "")
    return IndexedDocument(
        key=f"item:{item.pk}",
        agency_id=item.agency_id,
        agency_path=item.agency.path,
        title=item.title,
        summary=item.summary,
        body=body,
        doc_number=item.doc_number,
        index_number=item.index_number,
        published_on=item.published_on,
        written_on=item.written_on,
        topic=item.topic.code if item.topic_id else "",
        genre=item.genre.code if item.genre_id else "",
        validity=item.validity,
        url=item.public_path,
        extra={
            "agency_name": item.agency.name,
            "category": item.category.code if item.category_id else "",
            "focus": item.focus.code if item.focus_id else "",
            "keywords": item.keywords,
            "normative_kind": item.normative_kind,
        },
    )


# ----------------------------------------------------------------------------------------------- staff door


def access_item(user, pk, action: str = "item.view") -> Item:
    item = Item.objects.select_related("agency", "topic", "genre", "category", "focus", "statutory_item").get(pk=pk)
    if not can(user, action, item):
        raise NotAllowed(_("您无权访问该信息"), action=action)
    return item


def staff_items(user, action: str = "item.view") -> QuerySet[Item]:
    return Item.objects.filter(agency__in=agencies_where(user, action)).select_related("agency", "category")


def filter_items(qs: QuerySet[Item], *, status: str = "", agency: str = "", category: str = "", q: str = "",
                 year: int | None = None, normative: bool = False) -> QuerySet[Item]:
    if status:
        qs = qs.filter(status=status)
    if agency:
        qs = qs.filter(agency__code=agency)
    if category:
        qs = qs.filter(Q(category__code=category) | Q(focus__code=category))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(index_number__icontains=q))
    if year:
        qs = qs.filter(Q(published_on__year=year) | Q(published_on__isnull=True, written_on__year=year))
    if normative:
        qs = qs.exclude(normative_kind="")
    return qs


def review_queue(user) -> QuerySet[Item]:
    """Items waiting for a step this user may take (审核, 保密审查, 发布)."""
    query = Q(pk__in=[])
    for name in ("review", "secrecy_review", "publish"):
        transition = TRANSITIONS[name]
        agencies = agencies_where(user, transition.permission)
        query |= Q(status__in=[s.value for s in transition.sources], agency__in=agencies)
    return (
        Item.objects.filter(query).select_related("agency")
        .annotate(open_findings=Count("findings", filter=Q(findings__status="open"))).order_by("updated_at")
    )


def my_drafts(user) -> QuerySet[Item]:
    return Item.objects.filter(created_by=user, status=Status.DRAFT).select_related("agency").order_by("-updated_at")


def overdue_items(user, today: dt.date) -> QuerySet[Item]:
    """Items past the 20 working days of 条例 art. 26 and still unpublished."""
    return staff_items(user).filter(status__in=[s.value for s in PENDING], disclosure_due_on__lt=today).order_by(
        "disclosure_due_on"
    )


def matter_compliance(user, today: dt.date, *, agency_code: str = "", only_problems: bool = False):
    """公开清单 obligations with their state: who owes what, by when, and how late (责任追究)."""
    qs = MatterObligation.objects.filter(
        matter__agency__in=agencies_where(user, "item.view")
    ).select_related("matter", "matter__agency", "item")
    if agency_code:
        qs = qs.filter(matter__agency__code=agency_code)
    if only_problems:
        qs = qs.filter(Q(fulfilled_on__isnull=True, due_on__lt=today) | Q(fulfilled_on__gt=F("due_on")))
    return qs.order_by("due_on", "id")


def interpretations_due(user, today: dt.date) -> list[Item]:
    """Published policies still without a published 解读 past the agency's local grace period (spec §6.2: the
    "within N working days" rule is local; agencies with N = 0 cannot publish a policy without one at all)."""
    from gongkai.calendars.official import add_working_days

    out = []
    for settings in CatalogSettings.objects.filter(
        agency__in=agencies_where(user, "item.view"), interpretation_required=True, interpretation_grace_days__gt=0
    ):
        policies = Item.objects.filter(
            agency_id=settings.agency_id, status=Status.PUBLISHED, interpretation_not_required=False
        ).exclude(normative_kind="").exclude(interpretations__status=Status.PUBLISHED).select_related("agency")
        out += [p for p in policies if add_working_days(p.published_on, settings.interpretation_grace_days).due < today]
    return out


def visible_matters(user) -> QuerySet[DisclosureMatter]:
    return DisclosureMatter.objects.filter(agency__in=agencies_where(user, "item.view")).select_related("agency")


# ------------------------------------------------------------------------------------------- annual report

COUNT_FIELDS = {
    "category": "category__code",
    "focus": "focus__code",
    "statutory_item": "statutory_item__code",
    "topic": "topic__code",
    "agency": "agency_id",
}


def _published_between(agency_ids, start: dt.date, end: dt.date) -> QuerySet[Item]:
    return Item.objects.filter(
        agency_id__in=list(agency_ids), status=Status.PUBLISHED, published_on__gte=start, published_on__lte=end
    )


def published_count(*, agency_ids, start: dt.date, end: dt.date) -> int:
    return _published_between(agency_ids, start, end).count()


def published_between(*, agency_ids, start: dt.date, end: dt.date) -> QuerySet[Item]:
    """The items ``published_count`` counts (the annual report's drill-down)."""
    return _published_between(agency_ids, start, end).select_related("agency")


def items_with_ids(ids) -> QuerySet[Item]:
    """Items by id, whatever their state (the records frozen behind a report's cell)."""
    return Item.objects.filter(pk__in=list(ids)).select_related("agency")


def item_counts(*, agency_ids, start: dt.date, end: dt.date, by: str) -> dict[str, int]:
    items = _published_between(agency_ids, start, end)
    if by == "channel":
        rows = (
            ItemChannel.objects.filter(item__in=items).values("channel").annotate(n=Count("id")).values_list(
                "channel", "n"
            )
        )
        return {str(k): n for k, n in rows}
    if by not in COUNT_FIELDS:
        raise ValueError(f"by must be one of channel, {', '.join(COUNT_FIELDS)}")
    field = COUNT_FIELDS[by]
    rows = items.exclude(**{f"{field}__isnull": True}).values(field).annotate(n=Count("id")).values_list(field, "n")
    return {str(k): n for k, n in rows}


def items_for_count(*, agency_ids, start: dt.date, end: dt.date, by: str, key: str) -> QuerySet[Item]:
    items = _published_between(agency_ids, start, end).select_related("agency")
    if by == "channel":
        return items.filter(channels__channel=key)
    if by not in COUNT_FIELDS:
        raise ValueError(f"by must be one of channel, {', '.join(COUNT_FIELDS)}")
    return items.filter(**{COUNT_FIELDS[by]: key})


def normative_facts(*, agency_ids, until: dt.date) -> list[NormativeDocFact]:
    rows = (
        Item.objects.filter(
            agency_id__in=list(agency_ids), status=Status.PUBLISHED, written_on__lte=until
        )
        .exclude(normative_kind="")
        .order_by("written_on", "id")
        .values_list("id", "agency_id", "normative_kind", "title", "written_on", "effective_on", "validity",
                     "validity_changed_on")
    )
    return [
        NormativeDocFact(
            item_id=pk, agency_id=agency_id, kind=NormativeKind(kind), title=title, issued_on=written_on,
            effective_on=effective_on, abolished_on=changed_on if validity != Validity.VALID else None,
        )
        for pk, agency_id, kind, title, written_on, effective_on, validity, changed_on in rows
    ]


def public_attachments(item: Item) -> list:
    """An item's attachments as its page lists them (name, type, size), without their extracted text."""
    return list(item.attachments.only("pk", "item_id", "original_name", "kind", "size").order_by("id"))
