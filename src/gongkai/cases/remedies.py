"""The one door to the remedy notice (救济途径): letters, the public guide and the applicant's page all read it here,
so they say the same. The rules are the pure table of ``cases.domain.remedies``.

- ``remedy_text(app) -> str``: what the applicant's page says under the answer ("" while undecided, and for a
  withdrawal, which has no remedy to state).
- ``remedy_text_for_code(tracking_code) -> str``: the same, for a page that holds only the tracking code.
- ``remedy_for(app, *, kind="decision", on=None, result=None) -> Remedy``: the same for any letter kind.
- ``guide_remedies(agency, *, on=None) -> list[GuideLine]``: the public guide's lines.
- ``review_body_for(agency, *, on) -> str``: the 复议机关 named.
"""

import datetime as dt

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.cases.conf import remedy_settings, review_body_overrides
from gongkai.cases.domain import remedies as rules
from gongkai.cases.domain.results import Result
from gongkai.cases.domain.states import State
from gongkai.cases.models import Application
from gongkai.core.time import local_today

_GOVERNMENT_KINDS = {AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP}


def _government_above(agency: Agency) -> str:
    ids = [int(pk) for pk in agency.path.strip("/").split("/") if pk and int(pk) != agency.pk]
    if not ids and agency.parent_id:
        ids = [agency.parent_id]
    names = dict(Agency.objects.filter(pk__in=ids, kind=AgencyKind.GOVERNMENT).values_list("pk", "name"))
    return next((names[pk] for pk in reversed(ids) if pk in names), "")


def review_body_for(agency: Agency, *, on: dt.date) -> str:
    parent_name = agency.parent.name if agency.parent_id else ""
    kind = rules.BodyKind.GOVERNMENT if agency.kind in _GOVERNMENT_KINDS else rules.BodyKind.SUBORDINATE
    return rules.review_body(on=on, kind=kind, government_above=_government_above(agency), parent_name=parent_name,
                             override=review_body_overrides().get(agency.code, ""))


def remedy_for(app: Application, *, kind: str = "decision", on: dt.date | None = None,
               result: str | None = None) -> rules.Remedy:
    """For a 答复书 the law is the one in force on the decision date and the rule that of the result row."""
    decision = getattr(app, "decision", None)
    if on is None:
        on = decision.decided_on if (kind == "decision" and decision is not None) else local_today()
    if result is None and decision is not None:
        result = decision.result
    return rules.remedy(on=on, kind=kind, result=Result(result) if result else None,
                        body=review_body_for(app.agency, on=on), settings=remedy_settings())


_KIND_OF_STATE = {State.WITHDRAWN: "withdrawal", State.ABANDONED: "abandonment"}


def remedy_text(app: Application) -> str:
    if getattr(app, "decision", None) is None:
        return ""
    kind = _KIND_OF_STATE.get(State(app.state), "decision")
    return remedy_for(app, kind=kind, on=app.decision.decided_on).text


def remedy_text_for_code(tracking_code: str) -> str:
    """For the public status page, which holds only the tracking code."""
    app = (Application.objects.select_related("agency", "agency__parent", "decision")
           .filter(tracking_code=(tracking_code or "").strip().upper()).first())
    return remedy_text(app) if app is not None else ""


def guide_remedies(agency: Agency, *, on: dt.date | None = None) -> list[rules.GuideLine]:
    on = on or local_today()
    return rules.guide_lines(on=on, body=review_body_for(agency, on=on), settings=remedy_settings())
