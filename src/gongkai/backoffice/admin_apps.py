from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks


class SuperuserAdminConfig(SimpleAdminConfig):
    """django.contrib.admin with ``admin_site.SuperuserAdminSite`` as its default site.

    It does not import every app's ``admin.py`` when the apps start (``AdminConfig`` would, in ``ready``): the
    root URLconf (``gongkai.config.urls``) calls ``admin.autodiscover()``, as Django's documentation says for
    ``SimpleAdminConfig``, so the admin is complete wherever a page can be served and a command that serves no
    page (``gongkai workdays add``) does not pay for it. The admin's system checks discover the modules
    themselves, so ``gongkai check`` checks every ``ModelAdmin`` whatever order the checks run in.
    """

    default_site = "gongkai.backoffice.admin_site.SuperuserAdminSite"

    def ready(self):
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_discovered_admin, checks.Tags.admin)


def check_discovered_admin(app_configs, **kwargs):
    from django.contrib import admin

    admin.autodiscover()
    return check_admin_app(app_configs, **kwargs)
