"""Readers of the catalog for the back office's item, screening, settings and 汇编 pages.

The door is the same as ``catalog.selectors.access_item``: what the id names is read, or ``DoesNotExist`` is
raised (the interfaces answer 404); what the user may not see raises ``NotAllowed`` (403). Ids typed by people
(form fields, not URLs) are read with ``ascii_int``: a number no database column holds names nothing.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.catalog.models import (
    Attachment,
    CatalogSettings,
    Compilation,
    Item,
    NegativeListEntry,
    ScreeningFinding,
    SensitiveWord,
)
from gongkai.core.domain.numbers import ascii_int
from gongkai.core.errors import NotAllowed


def item_field_labels(names) -> dict[str, str]:
    """The verbose names of item fields, by field name (revision comparisons)."""
    return {name: str(Item._meta.get_field(name).verbose_name) for name in names}


def item_findings(item: Item) -> list[ScreeningFinding]:
    """The screening findings of an item, open ones first."""
    return list(ScreeningFinding.objects.filter(item=item).order_by("status", "id"))


def item_finding(item: Item, finding_id) -> ScreeningFinding:
    """One finding of ``item`` (the item's access was checked); ``DoesNotExist`` for any other id."""
    return ScreeningFinding.objects.get(pk=_id(finding_id, ScreeningFinding), item=item)


def item_attachment(item: Item, attachment_id) -> Attachment:
    return Attachment.objects.get(pk=_id(attachment_id, Attachment), item=item)


def item_by_reference(reference: str) -> Item | None:
    """An item named by its id or its 索引号 (the 废止 form's 'abolished by' field); None when none is."""
    reference = (reference or "").strip()
    if not reference:
        return None
    number = ascii_int(reference, low=1)
    if number is not None:
        found = Item.objects.filter(pk=number).first()
        if found is not None:
            return found
    return Item.objects.filter(index_number=reference).first()


def items_in_order(ids) -> list[Item]:
    """Items by id in the order given (the 汇编 being compiled); ids that are not numbers or name nothing are
    left out."""
    numbers = [n for n in (ascii_int(i, low=1) for i in ids) if n is not None]
    found = Item.objects.in_bulk(numbers)
    return [found[n] for n in dict.fromkeys(numbers) if n in found]


def catalog_settings_for(agency) -> CatalogSettings:
    """The agency's 主动公开 settings, or unsaved defaults when it has none yet."""
    return CatalogSettings.objects.filter(agency=agency).first() or CatalogSettings(agency=agency)


def negative_list(agency) -> QuerySet[NegativeListEntry]:
    return NegativeListEntry.objects.filter(agency=agency)


def negative_list_entry(agency, entry_id) -> NegativeListEntry:
    return NegativeListEntry.objects.get(pk=_id(entry_id, NegativeListEntry), agency=agency)


def sensitive_words(agency) -> QuerySet[SensitiveWord]:
    """The platform's 错敏词 and the agency's own."""
    return SensitiveWord.objects.filter(agency__isnull=True) | SensitiveWord.objects.filter(agency=agency)


def visible_compilations(user) -> QuerySet[Compilation]:
    return Compilation.objects.filter(agency__in=agencies_where(user, "item.view")).select_related("agency")


def access_compilation(user, compilation_id, action: str = "item.view") -> Compilation:
    compilation = Compilation.objects.select_related("agency").get(pk=_id(compilation_id, Compilation))
    if not can(user, action, compilation):
        raise NotAllowed(_("您无权查看该汇编"), action=action)
    return compilation


def _id(value, model) -> int:
    number = ascii_int(value, low=1)
    if number is None:
        raise model.DoesNotExist(f"no record numbered {str(value)[:20]!r}")
    return number
