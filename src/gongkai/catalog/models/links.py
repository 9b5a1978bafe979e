from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.domain.links import MAX_URL, is_broken


class LinkCheck(models.Model):
    """The last answer of a website that a published item links to (written by the link-check timed job)."""

    url = models.CharField(_("网址"), max_length=MAX_URL, unique=True)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(_("HTTP状态码"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)
    broken = models.BooleanField(_("失效"), default=False)

    class Meta:
        verbose_name = _("外部链接检查")
        verbose_name_plural = _("外部链接检查")
        indexes = [models.Index(fields=["checked_at"], name="linkcheck_checked_at")]

    def __str__(self) -> str:
        return self.url

    def record(self, *, status: int | None, error: str, at) -> None:
        self.status, self.error, self.checked_at = status, error[:200], at
        self.broken = is_broken(status, error)
