"""The portal's tasks for the job queue (production mode), imported by the worker (gongkai.config.celery) and by
what sends them, never at start-up: a command or a web process without a broker does not load Celery."""

from gongkai.core.queue import app
from gongkai.portal import static_site


@app.task(name="portal.write_item_pages", acks_late=True)
def write_item_pages_task(first_pk: int, last_pk: int) -> int:
    return static_site.write_item_pages_between(first_pk, last_pk)
