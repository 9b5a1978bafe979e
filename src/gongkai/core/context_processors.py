from django.conf import settings

from gongkai.core.security_headers import csp_meta_policy


def platform(request):
    return {"platform_name": settings.GONGKAI_PLATFORM_NAME, "csp_meta_policy": csp_meta_policy()}
