"""An agency's catalog settings and screening lists (负面清单, 错敏词)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.index_numbers import Period, PrefixSource
from gongkai.catalog.models import CatalogSettings, NegativeListEntry, SensitiveWord
from gongkai.catalog.models.settings import ImportWithFindings
from gongkai.catalog.services.common import require
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event, snapshot

SETTINGS_FIELDS = ["index_prefix_source", "index_period", "index_serial_width", "interpretation_required",
                   "interpretation_grace_days", "import_with_findings", "import_publishes_clean_rows"]


@transaction.atomic
def configure_catalog(*, actor, agency, reason: str = "", **changes) -> CatalogSettings:
    require(actor, "catalog.configure", agency)
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationFailed(_("未知字段：%(unknown)s"), code="catalog.unknown_fields", unknown=sorted(unknown))
    settings, _created = CatalogSettings.objects.select_for_update().get_or_create(agency=agency)
    before = snapshot(settings, SETTINGS_FIELDS)
    for name, value in changes.items():
        setattr(settings, name, value)
    if settings.index_prefix_source not in {p.value for p in PrefixSource}:
        raise ValidationFailed(_("索引号前段码来源无效"), code="catalog.bad_prefix_source")
    if settings.index_period not in {p.value for p in Period}:
        raise ValidationFailed(_("索引号期间无效"), code="catalog.bad_period")
    if not 3 <= int(settings.index_serial_width) <= 8:
        raise ValidationFailed(_("流水号位数应在3至8之间"), code="catalog.bad_serial_width")
    if settings.import_with_findings not in set(ImportWithFindings.values):
        raise ValidationFailed(_("导入时有审查发现的行的处理方式无效"), code="catalog.bad_import_policy")
    if not 0 <= int(settings.interpretation_grace_days) <= 30:
        raise ValidationFailed(_("解读发布期限应在0至30个工作日之间"), code="catalog.bad_interpretation_days")
    settings.save()
    record_event(actor=actor, obj=agency, action="catalog.configured", before=before,
                 after=snapshot(settings, SETTINGS_FIELDS), reason=reason)
    return settings


@transaction.atomic
def add_negative_list_entry(*, actor, agency, term: str, basis: str = "") -> NegativeListEntry:
    require(actor, "catalog.configure", agency)
    term = term.strip()
    if not term:
        raise ValidationFailed(_("请填写负面清单事项"), code="catalog.negative_item_required")
    if NegativeListEntry.objects.filter(agency=agency, term=term).exists():
        raise ValidationFailed(_("该事项已在负面清单中"), code="catalog.negative_item_exists")
    entry = NegativeListEntry.objects.create(agency=agency, term=term, basis=basis.strip())
    record_event(actor=actor, obj=agency, action="catalog.negative_list_added", payload={"term": term, "basis": basis})
    return entry


@transaction.atomic
def remove_negative_list_entry(*, actor, entry: NegativeListEntry, reason: str = "") -> None:
    require(actor, "catalog.configure", entry.agency)
    record_event(actor=actor, obj=entry.agency, action="catalog.negative_list_removed", reason=reason,
                 payload={"term": entry.term})
    entry.delete()


@transaction.atomic
def add_sensitive_word(*, actor, agency, word: str, replacement: str = "") -> SensitiveWord:
    require(actor, "catalog.configure", agency)
    word = word.strip()
    if not word:
        raise ValidationFailed(_("请填写错敏词"), code="catalog.term_required")
    if SensitiveWord.objects.filter(agency=agency, word=word).exists():
        raise ValidationFailed(_("该词已登记"), code="catalog.term_exists")
    row = SensitiveWord.objects.create(agency=agency, word=word, replacement=replacement.strip())
    record_event(actor=actor, obj=agency, action="catalog.sensitive_word_added",
                 payload={"word": word, "replacement": replacement})
    return row
