"""The readers of a case's documents for the interfaces: letters, the applicant's attachments, the saved letter
templates, and a case found by its 查询码 within one agency.

The access rule is the one of every object: none is ``DoesNotExist`` (404), one the user may not see
``NotAllowed`` (403). Letters and attachments carry the applicant's name and identifiers, so they need
``case.view_personal_data`` on their case.
"""

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.policy import can
from gongkai.cases.models import Application, Attachment, Letter, LetterTemplate
from gongkai.core.errors import NotAllowed


def access_letter(user, pk: int, action: str = "case.view_personal_data") -> Letter:
    letter = Letter.objects.select_related("application__agency").filter(pk=pk).first()
    if letter is None:
        raise Letter.DoesNotExist("no such letter")
    if not can(user, action, letter.application):
        raise NotAllowed(_("您无权查看该文书"))
    return letter


def access_attachment(user, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("application__agency").filter(pk=pk).first()
    if attachment is None:
        raise Attachment.DoesNotExist("no such attachment")
    if not can(user, "case.view_personal_data", attachment.application):
        raise NotAllowed(_("您无权查看该附件"))
    return attachment


def saved_templates(agency):
    """The letter templates an agency has saved (its own wording over the built-in texts)."""
    return LetterTemplate.objects.filter(agency=agency).order_by("kind", "result")


def case_in_agency(agency, tracking_code: str) -> Application | None:
    """The application of ``tracking_code`` handled by ``agency`` (for linking an appeal to it), or None."""
    code = (tracking_code or "").strip().upper()
    return Application.objects.filter(tracking_code=code, agency=agency).first() if code else None
