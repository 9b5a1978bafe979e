"""Readable labels of the account and role events in the audit trail."""

from django.utils.translation import gettext_lazy as _

NO_PAYLOAD = _("无附加数据")
ACCOUNT = _("账号名、来访地址")

# action code -> (label, what the payload holds); read by gongkai.core.event_vocabulary
EVENT_ACTIONS = {
    "account.login": (_("登录成功"), _("来访地址、登录后打开的页面")),
    "account.logout": (_("退出登录"), _("来访地址")),
    "account.login_failed": (_("登录失败"), _("账号名、来访地址、失败原因")),
    "account.locked": (_("登录锁定"), _("锁定范围（账号、地址或二者）、锁定秒数")),
    "account.unlocked": (_("解除登录锁定"), _("锁定范围、账号名、来访地址")),
    "account.password_changed": (_("修改密码"), _("账号名")),
    "account.superuser_granted": (_("授予超级用户权限"), _("账号名")),
    "account.superuser_revoked": (_("撤销超级用户权限"), _("账号名")),
    "account.admin_access_granted": (_("授予后台管理站点权限"), _("账号名")),
    "account.admin_access_revoked": (_("撤销后台管理站点权限"), _("账号名")),
    "account.activated": (_("启用账号"), _("账号名")),
    "account.deactivated": (_("停用账号"), _("账号名")),
    "account.permissions_changed": (_("变更账号权限组"), _("账号名、变更的字段、增删及其取值")),
    "account.otp_enrolled": (_("绑定两步验证"), ACCOUNT),
    "account.otp_verified": (_("两步验证通过"), ACCOUNT),
    "account.otp_removed": (_("解除两步验证"), ACCOUNT),
    "user.created": (_("创建账号"), _("账号名")),
    "membership.granted": (_("授予角色"), NO_PAYLOAD),
    "membership.revoked": (_("撤销角色"), NO_PAYLOAD),
    "agency.created": (_("新建机构"), NO_PAYLOAD),
    "agency.updated": (_("修改机构信息"), NO_PAYLOAD),
    "agency.office_updated": (_("修改政府信息公开工作机构信息"), NO_PAYLOAD),
    "api_token.issued": (_("签发接口令牌"), _("令牌前缀、名称、权限、到期时间")),
    "api_token.revoked": (_("撤销接口令牌"), _("令牌前缀、名称")),
}
EVENT_LABELS = {code: label for code, (label, _payload) in EVENT_ACTIONS.items()}

FAILURE_REASON_LABELS = {
    "bad_credentials": _("用户名或密码错误"),
    "inactive": _("账号已停用"),
    "locked": _("已锁定，未核对密码"),
    "wrong_otp": _("两步验证码错误"),
}

SCOPE_LABELS = {
    "pair": _("同一账号在同一地址"),
    "address": _("同一地址"),
    "account": _("同一账号"),
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))
