"""The texts staff write around an agency's generated column pages (the 政府信息公开指南 before and after its generated
body, the 政府信息公开制度 page): the one writer and the readers. The back office edits them, the portal shows them;
when one changes, ``column_text_changed`` is sent on commit and the portal rewrites the pages that show it."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import agencies_where, can
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event
from gongkai.sites.models import ColumnText
from gongkai.sites.signals import column_text_changed

MAX_TEXT = 20_000
EDIT = "portal.edit"   # the permission (agencies/domain/roles.py): editing what the public column pages show
COLUMNS = ColumnText.Column.choices
GUIDE_COLUMNS = (ColumnText.Column.GUIDE_INTRO, ColumnText.Column.GUIDE_OUTRO)


@transaction.atomic
def set_column_text(*, actor, agency, column: str, body: str) -> ColumnText:
    if not can(actor, EDIT, agency):
        raise NotAllowed(_("您无权编辑该机构的栏目文字"), action=EDIT)
    if column not in ColumnText.Column.values:
        raise ValidationFailed(_("栏目不存在"), code="sites.column_unknown")
    body = (body or "").strip()
    if len(body) > MAX_TEXT:
        raise ValidationFailed(_("内容过长，请不超过20000字"), code="sites.column_text_too_long")
    text, _created = ColumnText.objects.select_for_update().get_or_create(agency=agency, column=column)
    before = text.body
    text.body = body
    text.save()
    record_event(actor=actor, obj=text, action="portal.column_text_changed", before={"body": before},
                 after={"body": body}, payload={"agency": agency.code, "column": column})
    code = agency.code
    transaction.on_commit(lambda: column_text_changed.send(sender=ColumnText, agency_code=code, column=column))
    return text


def column_texts(agency) -> dict[str, str]:
    """column -> text of one agency (what its 指南 and 制度 pages show)."""
    return dict(ColumnText.objects.filter(agency=agency).values_list("column", "body"))


def column_label(column: str) -> str | None:
    """The label of a column code; None for a code that names no column."""
    return dict(COLUMNS).get(column)


def editable_agencies(user):
    """The active agencies whose column texts ``user`` may edit, in the tree's order."""
    return agencies_where(user, EDIT).filter(is_active=True).order_by("path")


def texts_of(agencies) -> dict[tuple[int, str], ColumnText]:
    """(agency id, column) -> text, for the agencies given."""
    return {(t.agency_id, t.column): t for t in ColumnText.objects.filter(agency__in=agencies)}


def column_text(agency, column: str) -> ColumnText | None:
    return ColumnText.objects.filter(agency=agency, column=column).first()
