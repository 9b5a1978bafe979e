"""Bulk import of an existing catalog (CSV/XLSX): all rows are checked first; nothing is written unless every
row passes. Every row is screened like an item before publication (条例 art. 17; personal data, 负面清单, 错敏词).

What is published at once is the office's choice (``CatalogSettings`` of the row's agency):
- a row with findings is never published by the import: it waits in the review queue as 待审核 with its findings,
  to be fixed or overridden with a reason like any other item (``import_with_findings = review``, the default),
  or the whole file is refused (``refuse``);
- a clean row is published at once only where the office said so (``import_publishes_clean_rows``); otherwise it
  waits in the review queue too (the default: screening finds patterns, not every name or address).
Rows keep their 索引号 (given, or assigned consecutively per agency and period) and 发布日期 also when they wait.
Each row gets an ``item.imported`` event through ``record_events`` (``record_event``'s events, in batches)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.policy import agencies_where
from gongkai.calendars.official import current_calendar
from gongkai.catalog.domain.import_rows import Lookups, RowError, check_rows, header_problems
from gongkai.catalog.domain.index_numbers import (
    IndexNumberError,
    format_index_number,
    parse_index_number,
    period_key,
)
from gongkai.catalog.domain.index_numbers import prefix as index_prefix
from gongkai.catalog.domain.screening import FINDING_LABELS, Finding, html_attribute_texts, screen
from gongkai.catalog.domain.states import Status
from gongkai.catalog.domain.taxonomies import Scheme
from gongkai.catalog.import_files import ImportFileError, read_table
from gongkai.catalog.models import CatalogSettings, Item, ItemChannel, ScreeningFinding, Term
from gongkai.catalog.models.settings import ImportWithFindings
from gongkai.catalog.services.common import disclosure_due, plain_text, sanitize_body
from gongkai.catalog.services.index_numbers import _locked_counter, scheme_for
from gongkai.catalog.services.screening import screening_lists
from gongkai.catalog.signals import items_bulk_published
from gongkai.core.errors import NotAllowed
from gongkai.core.events import record_events
from gongkai.core.time import event_time, local_today, replaying

TERM_FIELDS = {"topic": Scheme.TOPIC, "genre": Scheme.GENRE, "category": Scheme.CATEGORY, "focus": Scheme.FOCUS,
               "statutory_item": Scheme.STATUTORY}


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    published: int = 0      # of ``written``: published at once
    held: int = 0           # of ``written``: waiting in the review queue
    held_with_findings: int = 0
    dry_run: bool = True
    errors: list[RowError] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_problems


def _lookups(actor, default_agency: Agency | None) -> Lookups:
    terms: dict[str, dict[str, int]] = defaultdict(dict)
    for pk, scheme, code, label in Term.objects.values_list("id", "scheme", "code", "label"):
        for name, s in TERM_FIELDS.items():
            if s == scheme:
                terms[name][code] = pk
                terms[name].setdefault(label, pk)
    allowed = agencies_where(actor, "catalog.import")
    return Lookups(
        terms=dict(terms),
        agencies=dict(allowed.values_list("code", "id")),
        default_agency=default_agency.pk if default_agency else None,
        existing_index_numbers=frozenset(Item.objects.exclude(index_number="").values_list("index_number", flat=True)),
        today=local_today(),
    )


def import_catalog(*, actor, name: str, data: bytes, agency: Agency | None = None, dry_run: bool = False,
                   on_progress=None) -> ImportReport:
    """Check every row, screen it, and write all rows or none. ``on_progress(done, total)`` hears as rows are
    screened and once more when they are written (the command's progress bar)."""
    report = ImportReport(dry_run=dry_run)
    if agency is not None and not agencies_where(actor, "catalog.import").filter(
            pk=agency.pk).exists():
        raise NotAllowed(_("您无权向该机构导入目录"))
    try:
        header, records = read_table(name, data)
    except ImportFileError as exc:
        report.file_problems.append(str(exc))
        return report
    report.file_problems = header_problems(header, agency_given=agency is not None)
    if report.file_problems:
        return report
    report.rows = len(records)
    if not records:
        report.file_problems.append("文件中没有数据行")
        return report
    parsed, report.errors = check_rows(records, _lookups(actor, agency))
    policies = _import_policies({row.values.get("agency_id") for row in parsed} - {None})
    lists: dict[int, tuple] = {}
    held_lines: set[int] = set()
    finding_lines: set[int] = set()
    row_findings: dict[int, list[Finding]] = {}
    for done, row in enumerate(parsed, 1):
        if on_progress and done % 200 == 0:
            on_progress(done, len(parsed))
        agency_id = row.values.get("agency_id")
        if agency_id is None:
            continue
        negative, words = _memo(lists, agency_id, screening_lists)
        found = screen(row_public_texts(row.values), negative_list=negative, sensitive_words=words)
        row_findings[row.line] = found
        with_findings, publish_clean = policies[agency_id]
        if found:
            held_lines.add(row.line)
            finding_lines.add(row.line)
            summary = describe_findings(found)
            if with_findings == ImportWithFindings.REFUSE:
                report.errors.append(RowError(row.line, "", f"审查发现：{summary}。本机构设置为有审查发现的行不予导入，"
                                                            "请修改后重新导入"))
            else:
                report.warnings.append(f"第{row.line}行：审查发现：{summary}；导入后进入审核，处理后才能发布")
        elif not publish_clean:
            held_lines.add(row.line)
    if report.ok and not dry_run:
        values = [dict(row.values, held=row.line in held_lines, findings=row_findings.get(row.line, []))
                  for row in parsed]
        ids = write_imported_items(actor=actor, rows=values, reason=f"批量导入：{name}")
        report.written = len(ids)
        report.held = sum(1 for v in values if v["held"])
        report.published = report.written - report.held
        report.held_with_findings = len(finding_lines)
    if on_progress:
        on_progress(len(parsed), len(parsed))
    return report


def row_public_texts(values: dict) -> dict[str, str]:
    """The texts of an import row the public would see, named like the fields of an item's screening."""
    body = sanitize_body(values.get("body") or "")
    return {"名称": values.get("title", ""), "内容概述": values.get("summary", ""), "文号": values.get("doc_number", ""),
            "关键词": values.get("keywords", ""), "正文": plain_text(body), **html_attribute_texts(body)}


def describe_findings(found: list[Finding]) -> str:
    """Findings for a message: kind, field and the masked match (never the personal data itself)."""
    return "、".join(f"{FINDING_LABELS[f.kind]}（{f.field}）{f.match}" for f in found)


def _import_policies(agency_ids: set[int]) -> dict[int, tuple[str, bool]]:
    rows = dict(CatalogSettings.objects.filter(agency_id__in=agency_ids).values_list(
        "agency_id", "import_with_findings"))
    clean = dict(CatalogSettings.objects.filter(agency_id__in=agency_ids).values_list(
        "agency_id", "import_publishes_clean_rows"))
    default = CatalogSettings()
    return {pk: (rows.get(pk, default.import_with_findings), clean.get(pk, default.import_publishes_clean_rows))
            for pk in agency_ids}


@transaction.atomic
def write_imported_items(*, actor, rows: list[dict], reason: str) -> list[int]:
    """Write checked import rows: ``held`` rows wait in the review queue (待审核) with their findings kept, the
    others are published. 索引号 are assigned across both, in publication order."""
    agencies = Agency.objects.in_bulk({row["agency_id"] for row in rows})
    _assign_index_numbers(rows, agencies)
    published = [row for row in rows if not row["held"]]
    held = [row for row in rows if row["held"]]
    ids = write_published_items(actor=actor, rows=published, action="item.imported", reason=reason,
                                numbered=True) if published else []
    calendar = current_calendar()
    user = actor if getattr(actor, "is_authenticated", False) else None
    due_dates: dict = {}
    waiting = []
    for row in held:
        body = sanitize_body(row.get("body") or "")
        fields = {k: v for k, v in row.items() if k in ITEM_COLUMNS}
        fields.update(body=body, body_text=plain_text(body), status=Status.SUBMITTED, created_by=user,
                      generated_on=row.get("written_on") or row["published_on"],
                      disclosure_due_on=_memo(due_dates, row.get("written_on"), lambda d: disclosure_due(d, calendar)))
        waiting.append(Item(**fields))
    created = Item.objects.bulk_create(waiting, batch_size=1000)
    # The findings the import found are the item's screening findings (the same texts, the same lists).
    ScreeningFinding.objects.bulk_create(
        [ScreeningFinding(item=item, kind=f.kind, field=f.field, match=f.match[:120], suggestion=f.suggestion,
                          start=f.start if f.start >= 0 else None, end=f.end if f.start >= 0 else None)
         for item, row in zip(created, held, strict=True) for f in row.get("findings", [])],
        batch_size=1000,
    )
    record_events(
        {"actor": actor, "obj": item, "action": "item.imported", "to_state": Status.SUBMITTED, "reason": reason,
         "payload": {"index_number": item.index_number, "held_for_review": True, "channels": row.get("channels", []),
                     "findings": [f"{FINDING_LABELS[f.kind]}（{f.field}）{f.match}" for f in row.get("findings", [])]}}
        for item, row in zip(created, held, strict=True)
    )
    return ids + [item.pk for item in created]


def _assign_index_numbers(rows: list[dict], agencies: dict[int, Agency]) -> None:
    """Give rows without a 索引号 the next serials of their agency and period, in publication order."""
    groups: dict[tuple[int, str], list[dict]] = defaultdict(list)
    given_max: dict[tuple[int, str], int] = defaultdict(int)
    schemes = {pk: scheme_for(agency) for pk, agency in agencies.items()}
    for row in rows:
        agency = agencies[row["agency_id"]]
        scheme = schemes[agency.pk]
        period = period_key(scheme, row["published_on"])
        number = row.get("index_number") or ""
        if number:
            head, num_period, serial = parse_index_number(number) or ("", "", 0)
            try:
                own = head == index_prefix(scheme, org_code=agency.org_code, uscc=agency.uscc)
            except IndexNumberError:
                own = False
            if own and num_period == period:
                row["index_period"], row["index_serial"] = period, serial
                given_max[(agency.pk, period)] = max(given_max[(agency.pk, period)], serial)
            continue
        groups[(agency.pk, period)].append(row)
    for (agency_id, period), members in sorted(groups.items()):
        agency = agencies[agency_id]
        scheme = schemes[agency_id]
        counter = _locked_counter(agency, period)
        counter.last_serial = max(counter.last_serial, given_max.pop((agency_id, period), 0))
        code_prefix = index_prefix(scheme, org_code=agency.org_code, uscc=agency.uscc)
        for row in sorted(members, key=lambda r: (r["published_on"], r.get("published_at") or timezone.now())):
            counter.last_serial += 1
            row["index_number"] = format_index_number(scheme, code_prefix=code_prefix, period=period,
                                                      serial=counter.last_serial)
            row["index_period"], row["index_serial"] = period, counter.last_serial
        counter.save(update_fields=["last_serial"])
    for (agency_id, period), serial in given_max.items():
        counter = _locked_counter(agencies[agency_id], period)
        if serial > counter.last_serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])


def _memo(cache: dict, key, compute):
    if key not in cache:
        cache[key] = compute(key)
    return cache[key]


ITEM_COLUMNS = {f.attname for f in Item._meta.concrete_fields} - {"id"}


@transaction.atomic
def write_published_items(*, actor, rows: list[dict], action: str, reason: str = "", is_demo: bool = False,
                          batch_size: int = 1000, numbered: bool = False) -> list[int]:
    """Write already-checked rows as published items (import, demo). Returns the new ids. Each row holds
    Item column values (``agency_id``, ``title``, ``published_on`` …) plus ``channels`` (Channel values).
    The events go through ``gongkai.core.events.record_events`` (the events ``record_event`` writes, inserted
    in batches: the demo's hundred thousand items). ``numbered``: the rows already carry their 索引号. The
    events are stamped now, or, while the past is replayed (``gongkai.core.time.clock_at``, the demo's district year), at each item's
    publication: the item was published then."""
    if not numbered:
        agencies = Agency.objects.in_bulk({row["agency_id"] for row in rows})
        _assign_index_numbers(rows, agencies)
    now, at_publication = event_time(), replaying()
    user = actor if getattr(actor, "is_authenticated", False) else None
    calendar = current_calendar()
    due_dates: dict = {}
    items = []
    for row in rows:
        body = sanitize_body(row.get("body") or "")
        fields = {k: v for k, v in row.items() if k in ITEM_COLUMNS}
        fields.update(
            body=body, body_text=plain_text(body), status=Status.PUBLISHED, is_demo=is_demo,
            generated_on=row.get("generated_on") or row.get("written_on") or row["published_on"],
            published_at=row.get("published_at") or timezone.make_aware(
                dt.datetime.combine(row["published_on"], dt.time(9, 0))),
            disclosure_due_on=_memo(due_dates, row.get("written_on"), lambda d: disclosure_due(d, calendar)),
            created_by=user,
        )
        items.append(Item(**fields))
    created = Item.objects.bulk_create(items, batch_size=batch_size)
    ItemChannel.objects.bulk_create(
        [ItemChannel(item=item, channel=c, sent_on=row.get("channel_dates", {}).get(c, item.published_on))
         for item, row in zip(created, rows, strict=True) for c in row.get("channels", [])],
        batch_size=batch_size * 2,
    )
    at = (lambda item: item.published_at) if at_publication else (lambda item: now)
    record_events(
        ({"actor": actor, "obj": item, "action": action, "to_state": Status.PUBLISHED, "reason": reason,
          "at": at(item), "payload": {"index_number": item.index_number}} for item in created),
        batch_size=batch_size,
    )
    ids = [item.pk for item in created]
    transaction.on_commit(lambda: items_bulk_published.send(sender=Item, item_ids=ids))
    return ids
