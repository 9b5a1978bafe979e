from gongkai.cases.models.appeals import Appeal
from gongkai.cases.models.applications import Application, Attachment
from gongkai.cases.models.handling import Consultation, Correction, Decision, Extension, Fee
from gongkai.cases.models.letters import Delivery, Letter, LetterTemplate
from gongkai.cases.models.redaction import RedactionRecord

__all__ = [
    "Appeal", "Application", "Attachment", "Consultation", "Correction", "Decision", "Delivery", "Extension", "Fee",
    "Letter", "LetterTemplate", "RedactionRecord",
]
