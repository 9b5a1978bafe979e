"""The Celery application of production mode (gongkai.core.queue), for the worker and beat commands:

    celery -A gongkai.config.celery worker --concurrency 2
    celery -A gongkai.config.celery beat --schedule /var/lib/gongkai/celerybeat-schedule

Both read the same environment as the web processes (GONGKAI_BROKER_URL and the rest, docs/deployment.md).
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
django.setup()

from gongkai.core.queue import app, configure  # noqa: E402

configure()

__all__ = ["app"]
