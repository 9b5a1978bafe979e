"""Timed work of the engagement area (run every minute by ``gongkai tick``)."""

from gongkai.core.timed import register_timed_job
from gongkai.engagement.services import flag_overdue_messages


@register_timed_job("engagement.flag_overdue_messages", "标记超过答复期限的来信来电")
def flag_overdue() -> int:
    return flag_overdue_messages()
