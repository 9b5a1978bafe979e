"""Government sites of the cluster: schema and constraints only. ``services`` writes them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.models import TimeStampedModel
from gongkai.sites.domain.error_reports import ReportStatus
from gongkai.sites.domain.identity import icp_problem, police_record_problem, site_code_problem
from gongkai.sites.labels import ERROR_KIND_CHOICES, REPORT_STATUS_CHOICES, SITE_TYPE_CHOICES


def _raise(problem: str) -> None:
    if problem:
        raise ValidationError(problem)


def validate_site_code(value: str) -> None:
    _raise(site_code_problem(value))


def validate_icp_record(value: str) -> None:
    _raise(icp_problem(value))


def validate_police_record(value: str) -> None:
    _raise(police_record_problem(value))


class Site(TimeStampedModel):
    """A government site of an agency, with the identity every page of it prints (国办发〔2017〕47号)."""

    agency = models.ForeignKey(Agency, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(_("网站名称"), max_length=100)
    site_type = models.CharField(_("网站类型"), max_length=12, choices=SITE_TYPE_CHOICES)
    site_code = models.CharField(_("网站标识码"), max_length=10, unique=True, validators=[validate_site_code])
    sponsor = models.CharField(_("主办单位"), max_length=200)
    operator = models.CharField(_("承办单位"), max_length=200, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=40, blank=True, validators=[validate_icp_record])
    police_record = models.CharField(_("公安机关备案号"), max_length=40, blank=True,
                                     validators=[validate_police_record])
    conac_image = models.CharField(_("党政机关网站标识图片地址"), max_length=300, blank=True)
    conac_link = models.URLField(_("党政机关网站标识链接"), max_length=300, blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    theme_name = models.CharField(_("页头名称"), max_length=100, blank=True)
    theme_logo = models.CharField(_("标志图片地址"), max_length=300, blank=True)
    theme_colour = models.CharField(_("主色"), max_length=7, blank=True,
                                    validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("颜色应为 #RRGGBB"))])
    integrated_on = models.DateField(_("整合上线日期"), null=True, blank=True)
    is_active = models.BooleanField(_("运行中"), default=True)

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站")
        ordering = ["agency__path", "id"]

    def __str__(self) -> str:
        return self.name


class SiteDomain(models.Model):
    site = models.ForeignKey(Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("域名"), max_length=253, unique=True)
    is_canonical = models.BooleanField(_("主域名"), default=False)

    class Meta:
        verbose_name = _("网站域名")
        verbose_name_plural = _("网站域名")
        constraints = [models.UniqueConstraint(fields=["site"], condition=Q(is_canonical=True),
                                               name="sites_one_canonical_domain")]

    def __str__(self) -> str:
        return self.domain


class SiteFigure(TimeStampedModel):
    """A yearly figure of a site that no other record holds (a drill held, legacy counts of a year before the
    platform), entered by the office with its source."""

    site = models.ForeignKey(Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("年度"))
    key = models.CharField(_("指标"), max_length=40)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=2)
    is_approximate = models.BooleanField(_("约数"), default=False)
    note = models.CharField(_("来源说明"), max_length=300)

    class Meta:
        verbose_name = _("网站年度数据")
        verbose_name_plural = _("网站年度数据")
        constraints = [models.UniqueConstraint(fields=["site", "year", "key"], name="sites_figure_unique")]

    def __str__(self) -> str:
        return f"{self.site} {self.year} {self.key}: {self.value}"


class ErrorReport(TimeStampedModel):
    """One 我为政府网站找错 report about a page of a site, answered by the site's 主办单位."""

    site = models.ForeignKey(Site, verbose_name=_("网站"), on_delete=models.PROTECT, related_name="error_reports")
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    kind = models.CharField(_("问题类型"), max_length=12, choices=ERROR_KIND_CHOICES)
    page_url = models.CharField(_("问题页面"), max_length=500)
    description = models.TextField(_("问题描述"), max_length=2000)
    contact_name = models.CharField(_("姓名"), max_length=60, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=REPORT_STATUS_CHOICES,
                              default=ReportStatus.RECEIVED.value)
    received_on = models.DateField(_("收到日期"))
    reply_due_on = models.DateField(_("答复期限"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="site_error_reports")
    reply = models.TextField(_("答复"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    is_valid = models.BooleanField(_("问题属实"), null=True, blank=True)

    class Meta:
        verbose_name = _("网站找错")
        verbose_name_plural = _("网站找错")
        indexes = [models.Index(fields=["site", "status", "reply_due_on"], name="sites_report_queue")]
        constraints = [models.CheckConstraint(
            condition=~Q(status=ReportStatus.REPLIED.value) | Q(replied_on__isnull=False),
            name="sites_report_replied_has_day")]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.site}"


class SiteVisitDay(models.Model):
    """网站总访问量 (views) and 独立用户访问总量 (visitors counted once that day) of a site, per day."""

    site = models.ForeignKey(Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="visit_days")
    day = models.DateField(_("日期"))
    views = models.PositiveBigIntegerField(_("访问量"), default=0)
    visitors = models.PositiveIntegerField(_("独立用户数"), default=0)

    class Meta:
        verbose_name = _("网站日访问量")
        verbose_name_plural = _("网站日访问量")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="sites_visit_day_unique")]

    def __str__(self) -> str:
        return f"{self.site_id} {self.day}: {self.views}/{self.visitors}"


class VisitorMark(models.Model):
    """A visitor seen today on a site, as a keyed hash; deleted with the day's key once the day is over."""

    site_id = models.BigIntegerField()
    day = models.DateField()
    digest = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site_id", "day", "digest"], name="sites_visitor_unique")]

    def __str__(self) -> str:
        return f"{self.site_id} {self.day}"


class DayKey(models.Model):
    """The random key of today's visitor hashes. Only today's row exists: older rows are deleted."""

    day = models.DateField(unique=True)
    key = models.BinaryField()

    def __str__(self) -> str:
        return str(self.day)


class AccessLogPosition(models.Model):
    """How far the nginx access log has been read (its inode and byte offset), for the timed import."""

    path = models.CharField(max_length=500, unique=True)
    inode = models.BigIntegerField(default=0)
    offset = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.path}@{self.offset}"


class SiteYearlyReport(models.Model):
    """A published 政府网站工作年度报表: the rows as counted when published, kept as published."""

    site = models.ForeignKey(Site, verbose_name=_("网站"), on_delete=models.PROTECT, related_name="yearly_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    rows = models.JSONField(_("报表内容"))
    published_at = models.DateTimeField(_("发布时间"))

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="sites_yearly_report_unique")]

    def __str__(self) -> str:
        return f"{self.site} {self.year}"


class ColumnText(TimeStampedModel):
    """Staff-written text shown before or after a generated column page of an agency (指南, 制度). The table
    keeps the name it had when the portal held it."""

    class Column(models.TextChoices):
        GUIDE_INTRO = "guide_intro", _("政府信息公开指南：正文前")
        GUIDE_OUTRO = "guide_outro", _("政府信息公开指南：正文后")
        RULES = "rules", _("政府信息公开制度")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    column = models.CharField(_("栏目"), max_length=20, choices=Column.choices)
    body = models.TextField(_("内容"), blank=True)

    class Meta:
        db_table = "portal_columntext"
        verbose_name = _("栏目文字")
        verbose_name_plural = _("栏目文字")
        constraints = [models.UniqueConstraint(fields=["agency", "column"], name="column_text_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.column}"
