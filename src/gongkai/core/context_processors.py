from django.conf import settings


def platform(request):
    return {"platform_name": settings.GONGKAI_PLATFORM_NAME}
