"""Letters (告知书) as issued: the wording (the nearest agency's template up the tree, else the built-in one)
filled with the case's values and frozen. Written only from inside the cases services."""

import datetime as dt

from gongkai.agencies.models import Agency
from gongkai.cases.domain import letters as wording
from gongkai.cases.domain.results import ROW_OF, Result
from gongkai.cases.models import Application, Letter, LetterTemplate
from gongkai.cases.remedies import remedy_for
from gongkai.core.time import local_today


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


def base_values(app: Application, on: dt.date, kind: str = "", result: str = "") -> dict[str, str]:
    decision = getattr(app, "decision", None)
    due = wording.cn_date(app.reply_due_on)
    if due and app.due_provisional:
        # The date rests on a year whose holidays the State Council has not published: not a fact yet.
        due += "（暂定，以国务院公布的该年度节假日安排为准）"
    remedy = remedy_for(app, kind=kind or "decision", on=on, result=result or None)
    values = {
        "机关": app.agency.name,
        "申请人": app.applicant_name,
        "您": wording.ADDRESS[app.is_natural_person],
        "查询码": app.tracking_code,
        "收到日期": wording.cn_date(app.received_on),
        "申请内容": app.description,
        "答复期限": due,
        "复议机关": remedy.body,
        "救济途径": remedy.text,
        "日期": wording.cn_date(on),
    }
    if decision is not None:
        row = ROW_OF[Result(decision.result)]
        values.update({
            "办理结果": row.label, "理由": decision.reasons,
            "法律依据": decision.legal_basis or row.legal_basis,
            "不予公开部分": decision.withheld_what, "不予公开理由": decision.withheld_why,
            "索引号": (f"该信息已主动公开，索引号：{decision.catalog_index_numbers}。"
                    if decision.catalog_index_numbers else ""),
            "负责机关": (f"该信息由{decision.responsible_organ}负责公开。" if decision.responsible_organ else ""),
        })
    return values


def write_letter(*, actor, app: Application, kind: str, values: dict[str, str] | None = None,
                 on: dt.date | None = None, result: str = "") -> Letter:
    """Freeze a letter's text at issue; called inside the step's transaction, whose event names the letter."""
    on = on or local_today()
    title, body = template_for(app.agency, kind, result)
    filled = wording.fill(body, base_values(app, on, kind, result) | (values or {}))
    count = app.letters.count() + 1
    letter = Letter.objects.create(
        application=app, kind=kind, number=f"{app.tracking_code}-{count:02d}", title=title, body=filled,
        issued_on=on, issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return letter
