"""Readable labels of the account and role events in the audit trail."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "account.login": _("登录成功"),
    "account.logout": _("退出登录"),
    "account.login_failed": _("登录失败"),
    "account.locked": _("登录锁定"),
    "account.unlocked": _("解除登录锁定"),
    "account.password_changed": _("修改密码"),
    "account.superuser_granted": _("授予超级用户权限"),
    "account.superuser_revoked": _("撤销超级用户权限"),
    "account.admin_access_granted": _("授予后台管理站点权限"),
    "account.admin_access_revoked": _("撤销后台管理站点权限"),
    "account.activated": _("启用账号"),
    "account.deactivated": _("停用账号"),
    "account.permissions_changed": _("变更账号权限组"),
    "account.otp_enrolled": _("绑定两步验证"),
    "account.otp_verified": _("两步验证通过"),
    "account.otp_removed": _("解除两步验证"),
    "user.created": _("创建账号"),
    "membership.granted": _("授予角色"),
    "membership.revoked": _("撤销角色"),
    "api_token.issued": _("签发接口令牌"),
    "api_token.revoked": _("撤销接口令牌"),
}

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
