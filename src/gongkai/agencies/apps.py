from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = _("机构与人员")

    def ready(self):
        from gongkai.agencies import account_audit  # noqa: F401  (account events, whatever door)
        from gongkai.agencies.models import Agency
        from gongkai.agencies.selectors import PUBLIC_AGENCY_CHOICES
        from gongkai.core.cached_lists import forget_on_change
        from gongkai.core.deferred import by_path
        from gongkai.core.timed import register_timed_job

        forget_on_change(Agency, PUBLIC_AGENCY_CHOICES)
        register_timed_job("agencies.forget_login_counters", "删除已过期的登录失败计数")(
            by_path("gongkai.agencies.login_throttle.forget_stale_counters")
        )
