"""The 400/403/404/500 pages: in the site's layout and the visitor's language.

Staff pages (under /staff/) answer in the back office's layout, with its navigation; everything else in the
portal's. The message of a 403 or 400 is shown when it says something in the visitor's language (the
permission messages of the back office are Chinese source strings); otherwise the page's own text explains.
"""

import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

STAFF_PREFIX = "/staff/"
API_PREFIX = "/api/"
API_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error"}

TEXTS = {
    400: (gettext_lazy("请求有误"), gettext_lazy("您提交的地址或内容有误，无法处理。请检查后重试。")),
    403: (gettext_lazy("无权访问"),
          gettext_lazy("您的账号没有访问该页面的权限。如需办理，请联系本机关的管理员或公开办。")),
    404: (gettext_lazy("页面不存在"), gettext_lazy("您访问的页面不存在，可能已被移动或网址有误。")),
    500: (gettext_lazy("服务暂时不可用"), gettext_lazy("服务器出现错误，我们已记录该问题，请稍后再试。")),
}


def _is_staff_page(request) -> bool:
    return request.path.startswith(STAFF_PREFIX)


def _detail(exception) -> str:
    """The exception's message if it reads in the visitor's language, else nothing."""
    text = str(exception or "").strip()
    if not text or text.startswith(("<", "{")) or len(text) > 200:
        return ""
    translated = _(text)
    if translated != text or (get_language() or "").startswith("zh"):
        return translated
    return ""


def _page(request, status: int, exception=None, *, portal_template: str):
    title, text = TEXTS[status]
    context = {"status": status, "title": str(title), "text": str(text), "detail": _detail(exception)}
    if request.path.startswith(API_PREFIX):
        # What the API's clients read: its one error shape (gongkai.api.errors), never an HTML page.
        return JsonResponse({"code": API_CODES[status], "message": context["detail"] or context["text"], "fields": []},
                            status=status, json_dumps_params={"ensure_ascii": False})
    if _is_staff_page(request):
        return render(request, "backoffice/error.html", context, status=status)
    return render(request, portal_template, context, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, exception, portal_template="portal/400.html")


def permission_denied(request, exception=None):
    return _page(request, 403, exception, portal_template="portal/403.html")


def not_found(request, exception=None):
    # Http404 messages name what was looked up ("没有该信息"); the page's own text is enough.
    return _page(request, 404, None, portal_template="portal/404.html")


def server_error(request):
    try:
        return _page(request, 500, None, portal_template="portal/500.html")
    except Exception:
        # The layout itself failed (the database is what usually fails): a plain page still answers.
        logger.exception("the error page could not be rendered in the layout")
        title, text = TEXTS[500]
        return HttpResponse(f"<!DOCTYPE html><title>{title}</title><h1>{title}</h1><p>{text}</p>", status=500)
