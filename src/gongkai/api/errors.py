"""One error shape for every failure of the API, with HTTP statuses used as HTTP means them.

``{"code": "...", "message": "...", "fields": [{"path": "body.title", "message": "..."}]}``; the message is in
the language the client asks for (``Accept-Language``: zh-hans, en).

400 a request that cannot be read (JSON that does not parse, a cursor that is not one); 401 no or a bad
credential; 403 a credential without the permission (or a session write without its CSRF token); 404 no such
object (or one the caller may not know of); 409 the object is not in a state that allows the step; 422 values
that are read but refused (schema or service rules); 429 too many calls (``Retry-After``).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed, ValidationFailed


class FieldError(Schema):
    path: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    fields: list[FieldError] = []


ERROR_RESPONSES = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut,
                   429: ErrorOut}
READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: list[dict] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or []


def not_found(message: str | None = None) -> ApiError:
    return ApiError(404, "not_found", message or _("没有该对象。"))


def bad_request(code: str, message: str, path: str = "") -> ApiError:
    return ApiError(400, code, message, [{"path": path, "message": message}] if path else [])


def _body(code: str, message: str, fields=()) -> dict:
    return {"code": code, "message": str(message), "fields": [dict(f) for f in fields]}


def _domain_fields(exc: DomainError) -> list[dict]:
    # The service names the input by its path ("receipt.date"); the message renders in the request's language.
    # A service names its own parameter ("reason"); the client sent it in the body ("body.reason"), as ninja's
    # validation errors say.
    message = exc.message
    return [{"path": path if path.split(".")[0] in {"body", "query", "path"} else f"body.{path}",
             "message": message} for path in exc.fields]


def _domain_body(exc: DomainError) -> dict:
    return _body(exc.code, exc.message, _domain_fields(exc))


def _loc_path(loc) -> str:
    # ninja says ("body", "payload", "title"): the schema's parameter name is not part of the client's body.
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] == "body":
        parts = ["body", *parts[2:]]
    return ".".join(parts)


def install(api) -> None:
    def respond(request, status: int, body: dict, headers: dict | None = None):
        response = api.create_response(request, body, status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, _body(exc.code, exc.message, exc.fields))

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc: NinjaValidationError):
        fields = [{"path": _loc_path(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors]
        return respond(request, 422, _body("invalid_input", _("请求的内容有误，请按字段说明改正。"), fields))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc=None):
        return respond(request, 401, _body("unauthenticated", _("需要有效的接口令牌（Authorization: Bearer …）或工作人员登录。")),
                       {"WWW-Authenticate": 'Bearer realm="gongkai"'})

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        if getattr(request, "_api_bad_token", False):   # a public read with a bad token (gongkai.api.auth)
            return unauthenticated(request)
        wait = max(int(exc.wait or 1), 1)
        return respond(request, 429, _body("rate_limited", _("请求过于频繁，请 %(seconds)d 秒后再试。") % {"seconds": wait}),
                       {"Retry-After": str(wait)})

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if exc.status_code == 403:
            return respond(request, 403, _body("csrf_failed", _("用登录会话写入时须附带 CSRF 令牌（X-CSRFToken）。")))
        if exc.status_code == 400:
            return respond(request, 400, _body("bad_request", _("无法读取请求的内容（例如 JSON 格式有误）。")))
        return respond(request, exc.status_code, _body("http_error", str(exc)))

    @api.exception_handler(NotAllowed)
    def forbidden(request, exc: NotAllowed):
        return respond(request, 403, _domain_body(exc))

    @api.exception_handler(InvalidTransition)
    def conflict(request, exc: InvalidTransition):
        return respond(request, 409, _domain_body(exc))

    @api.exception_handler(ValidationFailed)
    def refused(request, exc: ValidationFailed):
        return respond(request, 422, _domain_body(exc))

    @api.exception_handler(DomainError)
    def domain(request, exc: DomainError):
        return respond(request, 409, _domain_body(exc))

    @api.exception_handler(ObjectDoesNotExist)
    def missing(request, exc):
        return respond(request, 404, _body("not_found", _("没有该对象。")))

    @api.exception_handler(Http404)
    def missing_page(request, exc):
        return respond(request, 404, _body("not_found", _("没有该对象。")))
