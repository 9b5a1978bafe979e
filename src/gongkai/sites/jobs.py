"""Timed work of the sites area (run every minute by ``gongkai tick``)."""

from gongkai.core.timed import register_timed_job
from gongkai.sites import access_log, visits, yearly_reminders


@register_timed_job("sites.flush_visits", "写入本进程累计的网站访问量和独立用户数")
def flush_visits() -> int:
    return visits.flush_visits()


@register_timed_job("sites.forget_past_visitors", "删除已过去日期的访客散列和当日密钥，只保留计数")
def forget_past_visitors() -> int:
    return visits.forget_past_days()


@register_timed_job("sites.import_access_log", "导入 nginx 访问日志中静态页面的访问（GONGKAI_NGINX_ACCESS_LOG）")
def import_access_log() -> int:
    return access_log.import_access_log()


@register_timed_job(yearly_reminders.JOB, "提醒尚未发布上一年度政府网站工作年度报表的网站（1月15日起，逾期再提醒一次）")
def remind_yearly_reports() -> int:
    return yearly_reminders.remind_yearly_reports()
