"""The REST API for integrations (OpenAPI at /api/docs). Routers of each area are added here."""

from ninja import NinjaAPI, Schema

from gongkai.agencies.selectors import public_agencies

api = NinjaAPI(title="Gongkai API", version="1", urls_namespace="api")


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    parent_code: str | None


@api.get("/agencies", response=list[AgencyOut], tags=["agencies"])
def list_agencies(request):
    return [
        AgencyOut(code=a.code, name=a.name, short_name=a.short_name, kind=a.kind, level=a.level,
                  parent_code=a.parent.code if a.parent_id else None)
        for a in public_agencies().select_related("parent").order_by("path")
    ]
