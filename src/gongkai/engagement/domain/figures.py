"""Which records each figure of ``EngagementFigures`` counts (the annual report's narrative numbers).

A figure counts records dated inside the period (legal dates, Asia/Shanghai). Mailbox figures follow the
cohort of items received in the period: accepted/completed/rated are those of that cohort, as of the
period's end (so a report for a past year does not change when later years are worked).
"""

from gongkai.engagement.domain.records import ArchiveKind, OutreachKind

MAILBOX_FIGURES = ("mailbox_received", "mailbox_accepted", "mailbox_completed", "mailbox_rated",
                   "mailbox_satisfied")

OUTREACH_FIGURES = {
    "concern_responses": OutreachKind.CONCERN_RESPONSE,
    "press_conferences": OutreachKind.PRESS_CONFERENCE,
    "online_interviews": OutreachKind.ONLINE_INTERVIEW,
    "interpretations_of_normative": OutreachKind.NORMATIVE_INTERPRETATION,
    "other_interpretations": OutreachKind.OTHER_INTERPRETATION,
}

# figure -> (archive kind, quantity summed)
ARCHIVE_FIGURES = {
    "archive_items_appraised": (ArchiveKind.APPRAISAL, "items"),
    "archive_volumes_appraised": (ArchiveKind.APPRAISAL, "volumes"),
    "archive_visitors": (ArchiveKind.READING, "visitors"),
    "archive_pages_copied": (ArchiveKind.COPYING, "pages"),
    "archive_items_delivered": (ArchiveKind.DELIVERY, "items"),
}

OTHER_FIGURES = ("suggestions_and_complaints", "periodical_issues", "periodical_copies", "trainings",
                 "training_participants", "disclosure_staff", "disclosure_staff_agencies")

ALL_FIGURES = frozenset(MAILBOX_FIGURES) | frozenset(OUTREACH_FIGURES) | frozenset(ARCHIVE_FIGURES) | frozenset(
    OTHER_FIGURES)
