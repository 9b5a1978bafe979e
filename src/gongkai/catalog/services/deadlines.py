"""条例 art. 26 due dates follow the calendar: when a year's holiday data changes, recompute them."""

from django.conf import settings
from django.db import transaction

from gongkai.catalog.domain.states import PENDING
from gongkai.catalog.models import Item
from gongkai.catalog.services.common import ART26_BASIS, ART26_WORKING_DAYS
from gongkai.core.events import record_event


@transaction.atomic
def recompute_disclosure_due(*, calendar, changed_years: set[int], actor) -> int:
    years = set(changed_years) | {y - 1 for y in changed_years}
    changed = 0
    items = Item.objects.filter(status__in=[s.value for s in PENDING], written_on__year__in=sorted(years))
    for item in items.select_for_update():
        due = calendar.add_working_days(item.written_on, ART26_WORKING_DAYS,
                                        count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY).due
        if due != item.disclosure_due_on:
            before = item.disclosure_due_on
            item.disclosure_due_on = due
            item.save(update_fields=["disclosure_due_on"])
            record_event(actor=actor, obj=item, action="item.due_recomputed", legal_basis=ART26_BASIS,
                         before={"disclosure_due_on": before}, after={"disclosure_due_on": due})
            changed += 1
    return changed
