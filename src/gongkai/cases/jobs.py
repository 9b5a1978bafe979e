"""Timed work of the cases area (run every minute by ``gongkai tick``), all idempotent."""

from gongkai.cases.services_clock import remind_handlers
from gongkai.cases.services_decision import lapse_windows
from gongkai.core.timed import register_timed_job


@register_timed_job("cases.lapse_windows", "逾期未补正、逾期未缴费的申请视为放弃")
def run_lapse_windows() -> int:
    return lapse_windows()


@register_timed_job("cases.remind_handlers", "答复期限前提醒承办人")
def run_remind_handlers() -> int:
    return remind_handlers()
