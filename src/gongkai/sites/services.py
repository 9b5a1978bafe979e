"""The only writers of sites, their domains, yearly figures and 找错 reports. Each change leaves an event."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import can
from gongkai.calendars.official import current_calendar
from gongkai.core.actors import PublicActor
from gongkai.core.errors import DomainError, NotAllowed, Sentences
from gongkai.core.events import record_event, snapshot
from gongkai.core.time import local_today
from gongkai.sites import routing
from gongkai.sites.domain import error_reports as rules
from gongkai.sites.domain.identity import domain_problem, normal_domain
from gongkai.sites.models import ErrorReport, Site, SiteDomain, SiteFigure
from gongkai.sites.signals import site_changed

IDENTITY_FIELDS = ("name", "site_type", "site_code", "sponsor", "operator", "icp_record", "police_record",
                   "conac_image", "conac_link", "contact_address", "contact_phone", "contact_email",
                   "theme_name", "theme_logo", "theme_colour", "integrated_on", "is_active")
GUIDE_BASIS = "《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）"
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class SiteError(DomainError):
    code = "site_invalid"


def _validated(site: Site) -> None:
    try:
        site.full_clean(exclude=["agency"])
    except ValidationError as exc:
        problems = Sentences(f"{Site._meta.get_field(f).verbose_name}：{'，'.join(m)}" if f != "__all__" else "，".join(m)
                             for f, m in exc.message_dict.items())
        raise SiteError(_("网站信息有误：%(problems)s"), code="sites.site_invalid",
                        field=[f for f in exc.message_dict if f != "__all__"], problems=problems) from None


def _domains(site: Site, domains: list[str]) -> None:
    names = [normal_domain(d) for d in domains if d.strip()]
    if not names:
        raise SiteError(_("至少填写一个域名"), code="sites.no_domain")
    for raw in domains:
        if raw.strip() and domain_problem(raw.strip().lower()):
            raise SiteError(_("%(domain)s：%(problem)s"), code="sites.domain_invalid", domain=raw.strip(), problem=domain_problem(raw.strip().lower()))
    if len(set(names)) != len(names):
        raise SiteError(_("域名重复"), code="sites.domain_repeated")
    taken = SiteDomain.objects.filter(domain__in=names).exclude(site=site).values_list("domain", flat=True)
    if taken:
        raise SiteError(_("域名已被其他网站使用：%(taken)s"), code="sites.domain_taken", taken=taken)
    SiteDomain.objects.filter(site=site).delete()
    # The first name is the canonical one: links, the sitemap and the static copy use it; the others redirect.
    SiteDomain.objects.bulk_create([SiteDomain(site=site, domain=d, is_canonical=i == 0)
                                    for i, d in enumerate(names)])


def _require(actor, agency) -> None:
    if not can(actor, "site.manage", agency):
        raise NotAllowed(_("无权管理该机关的网站"))


@transaction.atomic
def create_site(*, actor, agency, domains: list[str], **identity) -> Site:
    _require(actor, agency)
    site = Site(agency=agency, **{k: v for k, v in identity.items() if k in IDENTITY_FIELDS})
    _validated(site)
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError:
        raise SiteError(_("网站标识码已被其他网站使用"), code="sites.site_code_taken") from None
    _domains(site, domains)
    record_event(actor=actor, obj=site, action="site.created", after=snapshot(site, IDENTITY_FIELDS),
                 payload={"domains": [normal_domain(d) for d in domains if d.strip()]}, legal_basis=GUIDE_BASIS)
    _announce(site)
    return site


def _announce(site: Site) -> None:
    def changed():
        routing.forget()
        site_changed.send(sender=Site, site_id=site.pk)
    transaction.on_commit(changed)


@transaction.atomic
def update_site(*, actor, site: Site, domains: list[str] | None = None, **identity) -> Site:
    site = Site.objects.select_for_update().get(pk=site.pk)
    _require(actor, site.agency)
    before = snapshot(site, IDENTITY_FIELDS)
    old_domains = list(site.domains.order_by("-is_canonical", "domain").values_list("domain", flat=True))
    for name, value in identity.items():
        if name in IDENTITY_FIELDS:
            setattr(site, name, value)
    _validated(site)
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError:
        raise SiteError(_("网站标识码已被其他网站使用"), code="sites.site_code_taken") from None
    if domains is not None:
        _domains(site, domains)
    record_event(actor=actor, obj=site, action="site.changed", before=before,
                 after=snapshot(site, IDENTITY_FIELDS),
                 payload={"domains_before": old_domains, "domains": domains or old_domains}, legal_basis=GUIDE_BASIS)
    _announce(site)
    return site


@transaction.atomic
def set_site_figure(*, actor, site: Site, year: int, key: str, value, note: str,
                    is_approximate: bool = False) -> SiteFigure:
    """A figure no record holds, entered by the office with its source (a drill, a legacy count)."""
    _require(actor, site.agency)
    if not note.strip():
        raise SiteError(_("请说明数据来源"), code="sites.figure_note")
    figure, created = SiteFigure.objects.update_or_create(
        site=site, year=year, key=key,
        defaults={"value": value, "note": note.strip(), "is_approximate": is_approximate})
    record_event(actor=actor, obj=site, action="site.figure_set", reason=note.strip(),
                 payload={"year": year, "key": key, "value": value, "approximate": is_approximate,
                          "created": created})
    return figure


def reply_working_days() -> int:
    return int(getattr(settings, "GONGKAI_ERROR_REPORT_REPLY_WORKING_DAYS", rules.DEFAULT_REPLY_WORKING_DAYS))


@transaction.atomic
def submit_error_report(*, site: Site, kind: str, page_url: str, description: str, contact_name: str = "",
                        contact: str = "", received_on=None) -> ErrorReport:
    if kind not in {k.value for k in rules.ErrorKind}:
        raise SiteError(_("请选择问题类型"), code="sites.report_kind")
    if not description.strip():
        raise SiteError(_("请描述发现的问题"), code="sites.report_empty")
    received_on = received_on or local_today()
    report = ErrorReport(
        site=site, kind=kind, page_url=page_url.strip()[:500], description=description.strip(),
        contact_name=contact_name.strip(), contact=contact.strip(), received_on=received_on,
        reply_due_on=rules.reply_due_on(received_on, current_calendar(), reply_working_days()))
    for _attempt in range(5):
        report.tracking_code = "ZC" + received_on.strftime("%Y%m%d") + "".join(
            secrets.choice(TRACKING_ALPHABET) for _ in range(5))
        if not ErrorReport.objects.filter(tracking_code=report.tracking_code).exists():
            break
    report.save()
    record_event(actor=PublicActor("网民"), obj=report, action="site_report.received", to_state=report.status,
                 payload={"site": site.pk, "kind": kind, "due_on": report.reply_due_on})
    return report


def _report_for_update(report: ErrorReport, actor) -> ErrorReport:
    report = ErrorReport.objects.select_for_update().select_related("site__agency").get(pk=report.pk)
    if not can(actor, "site.handle_reports", report.site.agency):
        raise NotAllowed(_("无权办理该网站的找错留言"))
    return report


@transaction.atomic
def assign_error_report(*, actor, report: ErrorReport, assignee) -> ErrorReport:
    report = _report_for_update(report, actor)
    to = rules.next_status(report.status, "assign")
    if to is None:
        raise SiteError(_("已答复的留言不能再分办"), code="sites.report_closed")
    if not can(assignee, "site.handle_reports", report.site.agency):
        raise SiteError(_("承办人须为该网站主办单位中可办理找错留言的工作人员"), code="sites.assignee_invalid")
    before = {"assignee": report.assignee_id}
    from_state, report.status, report.assignee = report.status, to.value, assignee
    report.save(update_fields=["status", "assignee", "updated_at"])
    record_event(actor=actor, obj=report, action="site_report.assigned", from_state=from_state, to_state=to.value,
                 before=before, after={"assignee": assignee.pk})
    return report


@transaction.atomic
def reply_error_report(*, actor, report: ErrorReport, reply: str, is_valid: bool, replied_on=None) -> ErrorReport:
    report = _report_for_update(report, actor)
    to = rules.next_status(report.status, "reply")
    if to is None:
        raise SiteError(_("该留言已答复"), code="sites.report_closed")
    if not reply.strip():
        raise SiteError(_("请填写答复内容"), code="sites.reply_empty")
    replied_on = replied_on or local_today()
    if replied_on < report.received_on:
        raise SiteError(_("答复日期不能早于收到日期"), code="sites.reply_before_receipt")
    from_state = report.status
    report.status, report.reply, report.replied_on, report.is_valid = to.value, reply.strip(), replied_on, is_valid
    if report.assignee_id is None:
        report.assignee = actor
    report.save(update_fields=["status", "reply", "replied_on", "is_valid", "assignee", "updated_at"])
    record_event(actor=actor, obj=report, action="site_report.replied", from_state=from_state, to_state=to.value,
                 payload={"replied_on": replied_on, "valid": is_valid, "late": replied_on > report.reply_due_on,
                          "working_days": current_calendar().working_days_between(report.received_on, replied_on)})
    return report
