"""What the logs may hold: no secret of a citizen's private link, and no traceback for a refused request.

Used by ``settings.LOGGING`` for Django's loggers and by ``gongkai.config.gunicorn`` for the access log. Pure
Python (no Django), so gunicorn can import it before the application is loaded.
"""

import logging
import re

# Paths whose last part is a secret: the mailbox's private rating link (portal/urls_engagement.py) is the writer's
# only key to the reply. Query strings (search terms, cursors) never reach a log: gunicorn logs the path only.
PRIVATE_PATHS = (re.compile(r"(/mailbox/rate/)[^/?#\s]+"),)
REDACTED = "…"


def redact_path(text: str) -> str:
    for pattern in PRIVATE_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactPrivatePaths(logging.Filter):
    """Django logs the path of a refused or failed request ("Not Found: /mailbox/rate/…/"); drop the secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_path(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact_path(a) if isinstance(a, str) else a for a in record.args)
        return True


class PermissionDeniedWithoutTraceback(logging.Filter):
    """A 403 is an answer, not a fault: Django logs it with the PermissionDenied traceback; keep the one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
