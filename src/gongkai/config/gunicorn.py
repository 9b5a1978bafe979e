"""gunicorn's settings for Gongkai: ``gunicorn gongkai.config.wsgi -c python:gongkai.config.gunicorn``.

The access log keeps what operations need (address, time, method, path, status, size, duration, user agent) and
nothing a visitor would not want kept: no query string (search terms, cursors), no referrer (it carries the
previous page's query), and the secret part of a private link replaced by "…" (gongkai.core.log_filters).
Command-line flags given after ``-c`` still override these.
"""

from gunicorn.glogging import Logger

from gongkai.core.log_filters import redact_path

accesslog = "-"
# The last field is the request id (gongkai.core.request_id), the same as in the application's log lines.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)s "%(a)s" %({x-request-id}o)s'


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact_path(atoms["U"] or "")
        for secret in ("r", "q", "f"):   # request line, query string, referrer: never logged, even if asked
            atoms[secret] = "-"
        return atoms


logger_class = AccessLogger
