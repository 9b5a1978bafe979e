"""Shared set-up for the catalog tests: an item of department A moved along the workflow."""

from gongkai.catalog import services


def draft(personas, **fields):
    fields.setdefault("title", "关于做好2024年度财政预算公开工作的通知")
    fields.setdefault("summary", "部署年度预算公开工作。")
    fields.setdefault("body", "<p>各单位：请按要求公开预算。</p>")
    return services.create_item(actor=personas["editor_a"], agency=personas.dept_a, **fields)


def ready(personas, **fields):
    """An item that has passed 审核 and 保密审查 (待发布)."""
    item = draft(personas, **fields)
    services.submit_item(actor=personas["editor_a"], item=item)
    services.review_item(actor=personas["reviewer_a"], item=item)
    return services.secrecy_review_item(actor=personas["secrecy_a"], item=item)


def published(personas, **fields):
    return services.publish_item(actor=personas["publisher"], item=ready(personas, **fields))


def minute_reading(item):
    """A time in the minute whose slice of items holds ``item``: the link job reads one slice of published items
    a minute, chosen by the minute, so a test on a database whose ids do not start at 1 (PostgreSQL keeps its
    sequences across tests) must pick the minute rather than take the clock's."""
    import datetime as dt

    from django.db.models import Max
    from django.utils import timezone

    from gongkai.catalog.models import Item
    from gongkai.catalog.services.link_checks import SLICE

    slots = (Item.objects.aggregate(m=Max("pk"))["m"] or 0) // SLICE + 1
    minute = int(timezone.now().timestamp() // 60)
    minute += item.pk // SLICE - minute % slots
    return dt.datetime.fromtimestamp(minute * 60, tz=dt.UTC)
