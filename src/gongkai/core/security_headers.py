"""Headers every response carries: the Content-Security-Policy, and no caching of pages with personal data.

Django 5.2 has no CSP support of its own (it comes in 6.0), so this middleware sets ``settings.GONGKAI_CSP`` on
every response that has none yet. Responses under ``settings.GONGKAI_NO_STORE_PATHS`` (the back office and the
Django admin: every page there may show an applicant's or a writer's personal data) are marked
``no-store, private`` so neither the browser nor a proxy keeps a copy; the portal's private pages (status
lookup, application and mailbox confirmations, private rating links) are wrapped in ``never_cache`` in their
URLconf, and the public pages keep their caching.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

CSP_HEADER = "Content-Security-Policy"
# Directives a <meta http-equiv> policy may not carry (the browser ignores them there, with a console error).
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def csp_meta_policy() -> str:
    """The policy for a <meta> tag in published HTML files, which nginx may serve without the application."""
    return "; ".join(part.strip() for part in settings.GONGKAI_CSP.split(";")
                     if part.strip() and part.split()[0] not in NOT_IN_META)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.GONGKAI_CSP and CSP_HEADER not in response:
            response[CSP_HEADER] = settings.GONGKAI_CSP
        if request.path_info.startswith(tuple(settings.GONGKAI_NO_STORE_PATHS)):
            add_never_cache_headers(response)
        return response
