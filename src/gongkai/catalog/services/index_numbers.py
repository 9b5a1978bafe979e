"""Assigning 索引号 at publication: a counter row per agency and period, locked in the publishing transaction,
so that concurrent publications never collide and the serials of an agency's period have no gaps (a rolled
back publication rolls its increment back too)."""

import datetime as dt

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.catalog.domain.index_numbers import (
    IndexNumberError,
    IndexScheme,
    Period,
    PrefixSource,
    format_index_number,
    period_key,
    prefix,
)
from gongkai.catalog.models import CatalogSettings, IndexCounter
from gongkai.core.errors import ValidationFailed


def scheme_for(agency: Agency) -> IndexScheme:
    settings = CatalogSettings.objects.filter(agency=agency).first()
    if settings is None:
        return IndexScheme()
    return IndexScheme(PrefixSource(settings.index_prefix_source), Period(settings.index_period),
                       settings.index_serial_width)


def _locked_counter(agency: Agency, period: str) -> IndexCounter:
    counter = IndexCounter.objects.select_for_update().filter(agency=agency, period=period).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            IndexCounter.objects.create(agency=agency, period=period, last_serial=0)
    except IntegrityError:
        pass  # another publication created it first; lock theirs below
    return IndexCounter.objects.select_for_update().get(agency=agency, period=period)


def next_index_number(agency: Agency, published_on: dt.date) -> tuple[str, str, int]:
    """(索引号, period, serial); call inside the publishing transaction."""
    scheme = scheme_for(agency)
    try:
        code_prefix = prefix(scheme, org_code=agency.org_code, uscc=agency.uscc)
    except IndexNumberError as exc:
        raise ValidationFailed.like(exc) from exc
    period = period_key(scheme, published_on)
    counter = _locked_counter(agency, period)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    try:
        number = format_index_number(scheme, code_prefix=code_prefix, period=period, serial=counter.last_serial)
    except IndexNumberError as exc:
        raise ValidationFailed.like(exc) from exc
    return number, period, counter.last_serial


def reserve_serials(agency: Agency, period: str, count: int) -> int:
    """Reserve ``count`` consecutive serials (bulk import); returns the first. Inside a transaction."""
    counter = _locked_counter(agency, period)
    first = counter.last_serial + 1
    counter.last_serial += count
    counter.save(update_fields=["last_serial"])
    return first
