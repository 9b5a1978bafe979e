"""Writers of letter deliveries and of the templates the disclosure office edits."""

import datetime as dt

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.cases.domain import letters as wording
from gongkai.cases.models import Letter, LetterTemplate
from gongkai.cases.models.choices import LETTER_KIND_CHOICES, RESULT_CHOICES
from gongkai.cases.transitions import require
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import record_event

LETTER_KINDS = {code for code, _ in LETTER_KIND_CHOICES}
RESULT_CODES = {code for code, _ in RESULT_CHOICES}


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
