"""``gongkai apitoken``: issue, list and revoke the REST API's tokens (the operator acts as the system).

    gongkai apitoken issue --agency CODE --name NAME --permission item.edit --permission item.submit [--expires DATE]
    gongkai apitoken list [--agency CODE]
    gongkai apitoken revoke PREFIX [--reason TEXT]
"""

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import CommandError
from django.utils import timezone

from gongkai.agencies.api_tokens import (
    issue_token,
    manageable_tokens,
    revoke_token,
    token_by_prefix,
    token_state,
)
from gongkai.agencies.selectors import agency_by_code
from gongkai.core.actors import System
from gongkai.core.command import GongkaiCommand
from gongkai.core.errors import DomainError


class _System:
    """All tokens, for the operator at the console."""

    is_authenticated = True
    is_active = True
    is_superuser = True


class Command(GongkaiCommand):
    help = "接口令牌：issue 签发（令牌只显示一次）；list 列出；revoke 撤销。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        issue = sub.add_parser("issue", help="签发令牌：只保存其摘要，令牌本身只显示这一次")
        issue.add_argument("--agency", required=True, help="令牌所属机构代码（可作用于其下级机构）")
        issue.add_argument("--name", required=True, help="使用该令牌的系统名称")
        issue.add_argument("--permission", action="append", default=[], help="权限（可重复），如 item.edit")
        issue.add_argument("--expires", help="有效期至（YYYY-MM-DD，当日结束时失效）")
        listing = sub.add_parser("list", help="列出令牌")
        listing.add_argument("--agency", help="只列出该机构的令牌")
        revoke = sub.add_parser("revoke", help="撤销令牌")
        revoke.add_argument("prefix", help="令牌前缀（gk_ 之后的8个字符）")
        revoke.add_argument("--reason", default="", help="撤销理由")

    def handle(self, *args, verb, **options):
        try:
            getattr(self, f"_{verb}")(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from None

    def _agency(self, code):
        try:
            return agency_by_code(code)
        except ObjectDoesNotExist:
            raise CommandError(f"没有代码为“{code}”的机构") from None

    def _issue(self, *, agency, name, permission, expires, **_):
        expires_at = None
        if expires:
            try:
                day = dt.date.fromisoformat(expires)
            except ValueError:
                raise CommandError(f"有效期“{expires}”应为 YYYY-MM-DD") from None
            expires_at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_default_timezone())
        token, secret = issue_token(actor=System, agency=self._agency(agency), name=name, permissions=permission,
                                    expires_at=expires_at)
        self.stderr.write(f"已签发 {token.prefix}（{token.name}），权限：{'、'.join(token.permissions) or '无'}。"
                          "令牌只显示这一次，请妥善保存：")
        self.stdout.write(secret)

    def _list(self, *, agency=None, **_):
        tokens = manageable_tokens(_System())
        if agency:
            tokens = tokens.filter(agency=self._agency(agency))
        for token in tokens:
            used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "-"
            expires = token.expires_at.isoformat(timespec="minutes") if token.expires_at else "-"
            self.stdout.write(f"{token.prefix}\t{token_state(token)}\t{token.agency.code}\t{token.name}\t"
                              f"{','.join(token.permissions)}\texpires {expires}\tlast used {used}")

    def _revoke(self, *, prefix, reason, **_):
        try:
            token = token_by_prefix(prefix.removeprefix("gk_").split("_")[0])
        except ObjectDoesNotExist:
            raise CommandError(f"没有前缀为“{prefix}”的令牌") from None
        revoke_token(actor=System, token=token, reason=reason)
        self.stdout.write(f"已撤销 {token.prefix}")
