from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = _("机构与人员")

    def ready(self):
        from gongkai.agencies import login_throttle  # noqa: F401  (connects the login-failure signal)
