"""The catalog's panel on the workbench: my drafts, what waits for me, art. 26 overdue items, and 公开清单
obligations past their limit."""

from gongkai.agencies.policy import is_staff_member
from gongkai.catalog import selectors
from gongkai.core.time import local_today


def workbench_panel(user):
    if not is_staff_member(user):
        return None
    today = local_today()
    drafts = selectors.my_drafts(user)
    queue = selectors.review_queue(user)
    overdue = selectors.overdue_items(user, today)
    late_matters = selectors.matter_compliance(user, today, only_problems=True).filter(fulfilled_on__isnull=True)
    return {
        "drafts": drafts[:5], "drafts_count": drafts.count(),
        "queue": queue[:5], "queue_count": queue.count(),
        "overdue": overdue[:5], "overdue_count": overdue.count(),
        "late_matters": late_matters[:5], "late_matters_count": late_matters.count(),
        "interpretations_due": selectors.interpretations_due(user, today)[:5],
        "today": today,
    }
