from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gongkai.backoffice.urls import auth_urlpatterns

urlpatterns = [
    *auth_urlpatterns,
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/", include("gongkai.backoffice.urls")),
    path("api/", include("gongkai.api.urls")),
    *([path("django-admin/", admin.site.urls)] if settings.GONGKAI_DJANGO_ADMIN else []),
    path("", include("gongkai.portal.urls")),
]

handler404 = "gongkai.portal.views_errors.not_found"
handler500 = "gongkai.portal.views_errors.server_error"
