"""The documentation page at ``/api/v1/docs``: Swagger UI from swagger-ui-dist, pinned in package.json and copied
into static by ``make assets``; nothing is loaded from another origin (the CSP allows only 'self')."""

import json

from django.middleware.csrf import get_token
from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class OfflineSwagger(DocsBase):
    def render_page(self, request, api, **kwargs):
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout", "deepLinking": True}
        # The page sends the CSRF token with a staff session's writes, as the back office's forms do.
        return render(request, "api/docs.html", {"api": api, "swagger_settings": json.dumps(settings),
                                                 "csrf_token_value": get_token(request)})
