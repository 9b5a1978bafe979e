from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.domain.codes import org_code_problem, uscc_problem
from gongkai.agencies.domain.roles import ROLE_LABELS, Role
from gongkai.core.models import TimeStampedModel


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门")
    TOWNSHIP = "township", _("乡镇人民政府/街道办事处")
    COMMUNITY = "community", _("村（居）委会")
    OTHER = "other", _("其他")


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县区")
    TOWNSHIP = "township", _("乡镇")


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem, code="uscc")


def validate_org_code(value: str) -> None:
    problem = org_code_problem(value)
    if problem:
        raise ValidationError(problem, code="org_code")


class Agency(TimeStampedModel):
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of primary keys ("/1/7/"), written only by services; subtree queries use a prefix.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    kind = models.CharField(_("机构类型"), max_length=20, choices=AgencyKind.choices)
    level = models.CharField(_("层级"), max_length=20, choices=AgencyLevel.choices)
    name = models.CharField(_("机构全称"), max_length=200)
    short_name = models.CharField(_("简称"), max_length=100, blank=True)
    code = models.SlugField(_("机构代码"), max_length=50, unique=True, help_text=_("稳定的英文代码，用于网址"))
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    org_code = models.CharField(
        _("组织机构代码"), max_length=9, blank=True, validators=[validate_org_code], help_text=_("9位，不含连字符")
    )
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=200, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=300, blank=True)
    office_postcode = models.CharField(
        _("邮政编码"), max_length=6, blank=True, validators=[RegexValidator(r"^[0-9]{6}$", _("邮政编码应为6位数字"))]
    )
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    office_fax = models.CharField(_("传真"), max_length=100, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    office_sections = models.JSONField(_("内设科室"), default=list, blank=True)
    publishes_own_report = models.BooleanField(_("单独发布年度报告"), default=True)
    disclosure_staff_count = models.PositiveIntegerField(_("从事信息公开工作人数"), default=0)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~models.Q(uscc=""), name="agency_uscc_unique_when_set"
            ),
            models.CheckConstraint(
                condition=models.Q(office_postcode="") | models.Q(office_postcode__regex=r"^[0-9]{6}$"),
                name="agency_postcode_six_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def index_org_code(self) -> str:
        """The 9-character code used as 索引号 前段码: the org code, or characters 9-17 of the USCC."""
        return self.org_code or (self.uscc[8:17] if self.uscc else "")

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1 if self.path else 0


class Membership(TimeStampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("角色"), max_length=32, choices=[(r.value, ROLE_LABELS[r]) for r in Role])

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class LoginCounter(models.Model):
    """Failed logins of one account from one address, of one address, or of one account (see login_throttle).

    Counted in the database so that every worker process and every restart sees the same number.
    """

    class Scope(models.TextChoices):
        PAIR = "pair", _("账号与地址")
        ADDRESS = "address", _("地址")
        ACCOUNT = "account", _("账号")

    scope = models.CharField(_("范围"), max_length=10, choices=Scope.choices)
    # SHA-256 of the normalised account name and/or address: what was typed as a user name is not kept
    # (people type their password into that field).
    key = models.CharField(max_length=64)
    address = models.CharField(_("地址"), max_length=64, blank=True)
    username = models.CharField(_("账号"), max_length=150, blank=True, help_text=_("仅当账号存在时记录"))
    failures = models.PositiveIntegerField(_("失败次数"), default=0)
    last_failure_at = models.DateTimeField(_("最近失败时间"), null=True, blank=True)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    class Meta:
        verbose_name = _("登录失败计数")
        verbose_name_plural = _("登录失败计数")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="login_counter_unique_key")]
        indexes = [models.Index(fields=["last_failure_at"], name="login_counter_last_failure")]

    def __str__(self) -> str:
        who = self.username or ""
        where = self.address or ""
        return " @ ".join(part for part in (who, where) if part) or self.key[:12]


class ApiToken(TimeStampedModel):
    """A token of one integration (an outside system) for the REST API.

    Only a prefix (to find the row and to name the token in events) and the SHA-256 of the whole token are
    kept: the token itself is shown once, when it is issued. It acts in ``agency`` and the agencies below it,
    with the listed actions of ``roles.PERMISSIONS``.
    """

    name = models.CharField(_("名称"), max_length=100, help_text=_("使用该令牌的系统，例如“12345热线平台”"))
    prefix = models.CharField(_("前缀"), max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="api_tokens")
    permissions = models.JSONField(_("权限"), default=list)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}（{self.name}）"
