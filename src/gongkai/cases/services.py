"""The only writers of cases. Each step is one service, keyword-only with ``actor=`` first, and writes one
event; the modules are split by purpose and gathered here."""

from gongkai.cases.services_appeals import record_appeal, record_appeal_outcome
from gongkai.cases.services_applicant import (
    ReplyFile,
    accept_correction_reply,
    release_file,
    request_access_code,
    save_fee_payment_details,
    save_notice_template,
    submit_correction_reply,
    verify_access_code,
    withdraw_by_applicant,
)
from gongkai.cases.services_clock import recompute_open_deadlines, remind_handlers
from gongkai.cases.services_decision import close_case, decide, deliver, lapse_windows, withdraw
from gongkai.cases.services_fees import issue_fee_notice, quote_for, record_payment
from gongkai.cases.services_handling import (
    accept_application,
    assign_handler,
    end_consultation,
    extend_deadline,
    receive_correction,
    request_correction,
    set_reasonable_delay,
    start_consultation,
    transfer_application,
)
from gongkai.cases.services_intake import (
    ApplicantInput,
    confirm_receipt,
    register_application,
    submit_online_application,
)
from gongkai.cases.services_letters import (
    freeze_original,
    record_delivery,
    record_delivery_read,
    save_letter_template,
)

__all__ = [
    "ApplicantInput",
    "ReplyFile",
    "accept_application",
    "accept_correction_reply",
    "assign_handler",
    "close_case",
    "confirm_receipt",
    "decide",
    "deliver",
    "end_consultation",
    "extend_deadline",
    "freeze_original",
    "issue_fee_notice",
    "lapse_windows",
    "quote_for",
    "receive_correction",
    "recompute_open_deadlines",
    "record_appeal",
    "record_appeal_outcome",
    "record_delivery",
    "record_delivery_read",
    "record_payment",
    "register_application",
    "release_file",
    "remind_handlers",
    "request_access_code",
    "request_correction",
    "save_fee_payment_details",
    "save_letter_template",
    "save_notice_template",
    "set_reasonable_delay",
    "start_consultation",
    "submit_correction_reply",
    "submit_online_application",
    "transfer_application",
    "verify_access_code",
    "withdraw",
    "withdraw_by_applicant",
]
