"""The reminder of the 政府网站工作年度报表 (国办函〔2018〕12号 二: on the site's home page by 31 January): which
sites still owe last year's 报表, and the timed job that tells their offices — once on 15 January (or the first
run after it), once more when the deadline has passed — by mail to the site's managers and an event on the
site. The workbench lists the same sites (``sites_owing``) for as long as the 报表 is not published."""

import datetime as dt

from django.db import transaction
from django.db.models import Q

from gongkai.agencies.domain.roles import roles_for
from gongkai.agencies.models import Membership
from gongkai.agencies.policy import agencies_where
from gongkai.core.actors import System
from gongkai.core.events import record_event
from gongkai.core.outbox import queue_mail
from gongkai.core.time import local_today
from gongkai.core.timed import claim_once
from gongkai.sites.domain import yearly_schedule as schedule
from gongkai.sites.models import Site, SiteYearlyReport

JOB = "sites.remind_yearly_reports"
BASIS = "《国务院办公厅关于做好政府网站年度报表发布工作的通知》（国办函〔2018〕12号）"


def _owing(sites, year: int):
    """Of ``sites``, those active and online during ``year`` whose 报表 of ``year`` is not published."""
    end = dt.date(year, 12, 31)
    done = SiteYearlyReport.objects.filter(year=year).values_list("site_id", flat=True)
    return (sites.filter(is_active=True, agency__is_active=True)
            .filter(Q(integrated_on__lte=end) | Q(integrated_on__isnull=True, created_at__date__lte=end))
            .exclude(pk__in=done).select_related("agency").order_by("agency__path", "id"))


def sites_owing(user, today: dt.date) -> tuple[schedule.Stage | None, list[Site]]:
    """(stage, sites the user manages that owe last year's 报表); no sites before 15 January."""
    stage = schedule.stage(today)
    if stage is None:
        return None, []
    managed = Site.objects.filter(agency__in=agencies_where(user, "site.manage"))
    return stage, list(_owing(managed, schedule.reported_year(today)))


def _managers(site: Site) -> list[str]:
    roles = [r.value for r in roles_for("site.manage")]
    return sorted(set(Membership.objects.filter(agency_id=site.agency_id, role__in=roles, user__is_active=True)
                      .exclude(user__email="").values_list("user__email", flat=True)))


def remind_yearly_reports(*, today: dt.date | None = None) -> int:
    """Remind each owing site's office once per stage (idempotent: a ``claim_once`` mark per site, year and
    stage, committed with the mails and the event). Returns the number of sites reminded in this run."""
    today = today or local_today()
    stage = schedule.stage(today)
    if stage is None:
        return 0
    year, due = schedule.reported_year(today), schedule.deadline(today)
    reminded = 0
    for site in _owing(Site.objects.all(), year):
        with transaction.atomic():
            if not claim_once(JOB, f"site:{site.pk}:year:{year}:{stage.value}"):
                continue
            if stage is schedule.Stage.DUE:
                subject = f"【政府网站工作年度报表】{site.name}：{year}年度报表须于{due:%-m月%-d日}前发布"
                body = (f"{site.name}的{year}年度政府网站工作年度报表尚未发布。依据{BASIS}，报表须于{due.year}年"
                        f"{due:%-m月%-d日}前在网站首页显著位置发布。请在工作台“网站集群”核对数据、录入无记录可统计的项目后发布。")
            else:
                subject = f"【政府网站工作年度报表】{site.name}：{year}年度报表已逾期未发布"
                body = (f"{site.name}的{year}年度政府网站工作年度报表至今未发布，已超过{BASIS}规定的"
                        f"{due.year}年{due:%-m月%-d日}发布期限。请尽快发布。")
            for to in _managers(site):
                queue_mail(to=to, subject=subject, body=body, agency_path=site.agency.path,
                           dedupe_key=f"{JOB}:{site.pk}:{year}:{stage.value}:{to}")
            record_event(actor=System, obj=site, action="site.yearly_report_reminded",
                         legal_basis=BASIS, payload={"year": year, "stage": stage.value, "deadline": due.isoformat()})
        reminded += 1
    return reminded
