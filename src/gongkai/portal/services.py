"""The portal's writer: the staff-written text around generated column pages."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import can
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event
from gongkai.portal.models import ColumnText

MAX_TEXT = 20_000


@transaction.atomic
def set_column_text(*, actor, agency, column: str, body: str) -> ColumnText:
    if not can(actor, "portal.edit", agency):
        raise NotAllowed(_("您无权编辑该机构的栏目文字"), action="portal.edit")
    if column not in ColumnText.Column.values:
        raise ValidationFailed(_("栏目不存在"), code="portal.column_unknown")
    body = (body or "").strip()
    if len(body) > MAX_TEXT:
        raise ValidationFailed(_("内容过长，请不超过20000字"), code="portal.column_text_too_long")
    text, _created = ColumnText.objects.select_for_update().get_or_create(agency=agency, column=column)
    before = text.body
    text.body = body
    text.save()
    record_event(actor=actor, obj=text, action="portal.column_text_changed", before={"body": before},
                 after={"body": body}, payload={"agency": agency.code, "column": column})
    transaction.on_commit(lambda: _republish(agency, column))
    return text


def _republish(agency, column: str) -> None:
    from django.urls import reverse

    from gongkai.portal import page_cache, static_site

    page_cache.invalidate(page_cache.site_scope(agency.code))
    name = "rules" if column == "rules" else "guide"
    static_site.write_path(reverse(f"portal:{name}", kwargs={"code": agency.code}))
