from django.contrib.admin.apps import AdminConfig


class SuperuserAdminConfig(AdminConfig):
    """django.contrib.admin with ``admin_site.SuperuserAdminSite`` as its default site."""

    default_site = "gongkai.backoffice.admin_site.SuperuserAdminSite"
