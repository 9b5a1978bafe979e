"""How a fee notice is paid: the nearest agency's payment details up the tree (``FeePaymentDetails``), as the
lines the 收费通知书 prints and the applicant's page shows. Kept in cases, not agencies: only the fee notice
(国办函〔2020〕109号) uses them, and agencies (a lower layer) need know nothing of fees."""

from gongkai.agencies.models import Agency
from gongkai.cases.models import FeePaymentDetails

NOT_CONFIGURED = "缴费方式请与本机关政府信息公开工作机构联系确认。"


def payment_details_for(agency: Agency) -> FeePaymentDetails | None:
    ancestor_ids = [int(pk) for pk in agency.path.strip("/").split("/") if pk] or [agency.pk]
    rows = {d.agency_id: d for d in FeePaymentDetails.objects.filter(agency_id__in=ancestor_ids)}
    return next((rows[pk] for pk in reversed(ancestor_ids) if pk in rows), None)


def payment_lines(details: FeePaymentDetails | None) -> list[str]:
    if details is None:
        return [NOT_CONFIGURED]
    lines = [f"执收单位：{details.collecting_unit}", f"缴费方式：{details.method.strip()}"]
    if details.payment_code:
        lines.append(f"非税缴款码（执收单位编码）：{details.payment_code}")
    if details.payment_url:
        lines.append(f"网上缴费：{details.payment_url}")
    if details.bank_account.strip():
        lines.append(f"收款账户：{' '.join(details.bank_account.split())}")
    if details.budget_subject:
        lines.append(f"收入科目：{details.budget_subject}")
    if details.contact:
        lines.append(f"咨询电话：{details.contact}")
    return lines


def payment_text(agency: Agency) -> str:
    return "\n".join(payment_lines(payment_details_for(agency)))
