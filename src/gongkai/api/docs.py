"""The documentation page at ``/api/v1/docs``: Swagger UI from swagger-ui-dist, pinned in package.json and copied
into static by ``make assets``; nothing is loaded from another origin (the CSP allows only 'self')."""

import json

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from ninja.openapi.docs import DocsBase


class OfflineSwagger(DocsBase):
    def render_page(self, request, api, **kwargs):
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout", "deepLinking": True}
        # The page sends the CSRF token with a staff session's writes, as the back office's forms do.
        try:
            return render(request, "api/docs.html", {"api": api, "swagger_settings": json.dumps(settings),
                                                     "csrf_token_value": get_token(request)})
        except ValueError:
            # The collected static files lack Swagger UI (``make assets`` did not run before collectstatic):
            # the schema is still there; say so instead of an error page.
            return HttpResponse(
                format_html(_('<p>接口文档页面的静态文件尚未安装（请运行 make assets 和 gongkai collectstatic）。'
                              '接口说明见 <a href="{}">{}</a>。</p>'), settings["url"], settings["url"]),
                status=503, content_type="text/html; charset=utf-8")
