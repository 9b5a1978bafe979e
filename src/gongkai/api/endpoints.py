"""The REST API for integrations: ``/api/v1/``, OpenAPI 3 at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``.

Every route calls the areas' services and selectors (docs/adr/0060-rest-api.md); errors have one shape
(``gongkai.api.errors``); callers are tokens or staff sessions (``gongkai.api.auth``).
"""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from gongkai.api import errors
from gongkai.api.auth import WindowThrottle
from gongkai.api.docs import OfflineSwagger
from gongkai.api.routes_cases import router as cases_router
from gongkai.api.routes_intake import public_router as check_router
from gongkai.api.routes_intake import router as intake_router
from gongkai.api.routes_items import router as items_router
from gongkai.api.routes_public import router as public_router
from gongkai.api.routes_reports import router as reports_router


class ReadableJSON(JSONRenderer):
    """Chinese as characters, not \\u escapes: the same JSON, readable in a log or a terminal (UTF-8)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Gongkai API", version="1", urls_namespace="api", docs=OfflineSwagger(), throttle=[WindowThrottle()],
    renderer=ReadableJSON(),
    description="政府信息公开平台接口：公开数据可匿名读取；写入须使用接口令牌（Authorization: Bearer gk_…）"
                "或工作人员登录会话（须附 X-CSRFToken）。错误均为 {code, message, fields}。",
)
errors.install(api)
api.add_router("", public_router)
api.add_router("", check_router)
api.add_router("", items_router)
api.add_router("", intake_router)
api.add_router("", cases_router)
api.add_router("", reports_router)
