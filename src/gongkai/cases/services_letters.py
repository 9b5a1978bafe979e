"""Writers of letters (告知书) and of the templates the disclosure office edits."""

import datetime as dt

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.cases.domain import letters as wording
from gongkai.cases.domain.results import ROW_OF, Result
from gongkai.cases.models import Application, Letter, LetterTemplate
from gongkai.cases.models.choices import LETTER_KIND_CHOICES, RESULT_CHOICES
from gongkai.cases.transitions import require
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event
from gongkai.core.time import local_today

LETTER_KINDS = {code for code, _ in LETTER_KIND_CHOICES}
RESULT_CODES = {code for code, _ in RESULT_CHOICES}


def template_for(agency: Agency, kind: str, result: str = "") -> tuple[str, str]:
    """The nearest agency's own template up the tree (result-specific first), else the built-in wording."""
    ancestor_ids = [int(pk) for pk in agency.path.strip("/").split("/") if pk] or [agency.pk]
    rows = {(t.agency_id, t.result): t for t in LetterTemplate.objects.filter(
        agency_id__in=ancestor_ids, kind=kind, result__in={result, ""})}
    for agency_id in reversed(ancestor_ids):
        for res in ([result, ""] if result else [""]):
            template = rows.get((agency_id, res))
            if template:
                return template.title, template.body
    return wording.default_template(kind, result)


def reconsideration_body(agency: Agency) -> str:
    if agency.parent_id:
        return agency.parent.name
    return "上一级人民政府"


def base_values(app: Application, on: dt.date) -> dict[str, str]:
    decision = getattr(app, "decision", None)
    values = {
        "机关": app.agency.name,
        "申请人": app.applicant_name,
        "查询码": app.tracking_code,
        "收到日期": app.received_on.strftime("%Y年%m月%d日") if app.received_on else "",
        "申请内容": app.description,
        "答复期限": app.reply_due_on.strftime("%Y年%m月%d日") if app.reply_due_on else "",
        "复议机关": reconsideration_body(app.agency),
        "日期": on.strftime("%Y年%m月%d日"),
    }
    if decision is not None:
        row = ROW_OF[Result(decision.result)]
        values.update({
            "办理结果": row.label, "理由": decision.reasons,
            "法律依据": decision.legal_basis or row.legal_basis,
            "不予公开部分": decision.withheld_what, "不予公开理由": decision.withheld_why,
            "索引号": (f"该信息已主动公开，索引号：{decision.catalog_index_numbers}" if decision.catalog_index_numbers else ""),
            "负责机关": (f"该信息由{decision.responsible_organ}负责公开。" if decision.responsible_organ else ""),
        })
    return values


def issue_letter(*, actor, app: Application, kind: str, values: dict[str, str] | None = None,
                 on: dt.date | None = None, result: str = "") -> Letter:
    """Freeze a letter's text at issue; called inside the step's transaction."""
    on = on or local_today()
    title, body = template_for(app.agency, kind, result)
    filled = wording.fill(body, base_values(app, on) | (values or {}))
    count = app.letters.count() + 1
    letter = Letter.objects.create(
        application=app, kind=kind, number=f"{app.tracking_code}-{count:02d}", title=title, body=filled,
        issued_on=on, issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_event(actor=actor, obj=app, action="case.letter_issued", payload={"letter": letter.number, "kind": kind})
    return letter


@transaction.atomic
def record_letter_delivery(*, actor, letter: Letter, delivered_on: dt.date, method: str) -> Letter:
    require(actor, "case.handle", letter.application)
    if not method.strip():
        raise ValidationFailed("请填写送达方式。")
    if delivered_on < letter.issued_on:
        raise ValidationFailed("送达日期不能早于出具日期。")
    letter.delivered_on, letter.delivery_method = delivered_on, method.strip()
    letter.save(update_fields=["delivered_on", "delivery_method", "updated_at"])
    record_event(actor=actor, obj=letter.application, action="case.letter_delivered",
                 payload={"letter": letter.number, "on": delivered_on, "method": letter.delivery_method})
    return letter


@transaction.atomic
def save_letter_template(*, actor, agency: Agency, kind: str, title: str, body: str, result: str = "") -> LetterTemplate:
    require(actor, "case.configure", agency)
    if kind not in LETTER_KINDS:
        raise ValidationFailed("未知的文书类型。")
    if result and (kind != "decision" or result not in RESULT_CODES):
        raise ValidationFailed("只有答复书可以按办理结果设置模板。")
    if not title.strip() or not body.strip():
        raise ValidationFailed("标题和正文不能为空。")
    unknown = wording.unknown_placeholders(title + body)
    if unknown:
        raise ValidationFailed("模板中有未知的占位符：" + "、".join("{" + n + "}" for n in unknown))
    template, created = LetterTemplate.objects.update_or_create(
        agency=agency, kind=kind, result=result, defaults={"title": title.strip(), "body": body},
    )
    record_event(actor=actor, obj=agency, action="case.letter_template_saved",
                 payload={"kind": kind, "result": result, "created": created}, after={"title": template.title})
    return template
