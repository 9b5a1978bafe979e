from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "gongkai.demo"
    label = "demo"
    verbose_name = _("演示数据")

    def ready(self):
        from django.core.checks import Tags, register

        register(_demo_accounts_check, Tags.security, deploy=True)


def _demo_accounts_check(app_configs=None, **kwargs):
    """The deployment check of ``gongkai.demo.checks``, imported (with the demo's data) only when
    ``gongkai check --deploy`` runs it, not at every command's start."""
    from gongkai.demo.checks import demo_accounts_check

    return demo_accounts_check(app_configs, **kwargs)
