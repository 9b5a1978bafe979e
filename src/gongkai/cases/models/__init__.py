from gongkai.cases.models.appeals import Appeal
from gongkai.cases.models.applicant import (
    AccessCode,
    CorrectionReply,
    CorrectionReplyFile,
    FeePaymentDetails,
    NoticeTemplate,
    ReleasedFile,
)
from gongkai.cases.models.applications import Application, Attachment
from gongkai.cases.models.handling import Consultation, Correction, Decision, Extension, Fee
from gongkai.cases.models.letters import Delivery, Letter, LetterTemplate
from gongkai.cases.models.redaction import RedactionRecord

__all__ = [
    "AccessCode", "Appeal", "Application", "Attachment", "Consultation", "Correction", "CorrectionReply",
    "CorrectionReplyFile", "Decision", "Delivery", "Extension", "Fee", "FeePaymentDetails", "Letter", "LetterTemplate",
    "NoticeTemplate", "RedactionRecord", "ReleasedFile",
]
