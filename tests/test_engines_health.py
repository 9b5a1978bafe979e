"""Health pages, request ids, the staff queue page, the per-period claim of the queue and batched static
publication (in-process; production mode on the real services is in test_engines_production)."""

import json
import logging

import pytest
from django.urls import reverse

from tests.catalog_helpers import published
from tests.engines_services import need_redis, redis_cache_settings


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")   # no django_db mark: a query would raise
    assert response.status_code == 200 and response.json() == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_cache(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert "broker" not in body["checks"] and "replica" not in body["checks"]   # embedded default: none


@pytest.mark.django_db
def test_readyz_is_503_when_the_broker_is_down(client, settings):
    from gongkai.core import queue

    settings.GONGKAI_BROKER_URL = "redis://127.0.0.1:1/0"   # nothing listens on port 1
    queue.configure()
    try:
        response = client.get("/readyz")
    finally:
        settings.GONGKAI_BROKER_URL = ""
        queue.configure()
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "not ready" and body["checks"]["broker"]["ok"] is False


def test_every_response_carries_a_request_id_that_the_logs_carry_too(client, caplog):
    from gongkai.core.request_id import RequestIdFilter, current_request_id

    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-req-12345678")
    assert response["X-Request-ID"] == "nginx-req-12345678"
    made = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "outside a request", None, None)
    assert RequestIdFilter().filter(record) and record.request_id == current_request_id() == "-"


def test_json_log_lines_name_the_request():
    from gongkai.core.request_id import JsonFormatter, request_id

    token = request_id.set("abcdef0123456789")
    try:
        record = logging.LogRecord("gongkai.test", logging.WARNING, __file__, 1, "结果 %s", ("好",), None)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert line["request_id"] == "abcdef0123456789" and line["message"] == "结果 好" and line["level"] == "WARNING"


@pytest.mark.django_db
def test_the_queue_page_is_for_platform_administrators(client, personas):
    from gongkai.core.models import TaskFailure

    TaskFailure.objects.create(task="gongkai.run_periodic", arguments="('cases.remind_handlers', '60:1')",
                               error="error: 数据库不可用")
    url = reverse("backoffice:queue")
    client.force_login(personas["admin"])
    assert client.get(url).status_code == 403
    client.force_login(personas["superuser"])
    html = client.get(url).content.decode()
    assert "未配置任务队列" in html and "数据库不可用" in html and "core.send_outbox" in html
    assert "还没有分块任务" in html


@pytest.mark.django_db
def test_the_queue_page_shows_the_sweeps_and_how_far_they_are(client, personas):
    from gongkai.core import sweeps
    from tests.catalog_helpers import published

    published(personas, title="有链接的信息", body='<p><a href="https://www.gov.cn/">中国政府网</a></p>')
    run = sweeps.start("catalog.link_sweep")   # one chunk, not done yet
    client.force_login(personas["superuser"])
    html = client.get(reverse("backoffice:queue")).content.decode()
    assert "catalog.link_sweep" in html and f"0 / {len(run.chunks)}" in html and "定时任务处理中" in html


@pytest.mark.django_db
def test_a_period_is_claimed_once_in_the_database():
    from gongkai.core.queue import claim_period

    assert claim_period("cases.remind_handlers", "60:100") is True
    assert claim_period("cases.remind_handlers", "60:100") is False
    assert claim_period("cases.remind_handlers", "60:101") is True
    assert claim_period("core.send_outbox", "60:100") is True


def test_a_period_is_claimed_once_in_a_shared_cache(settings):
    import uuid

    from gongkai.core.queue import claim_period

    settings.CACHES = redis_cache_settings(need_redis())
    period = f"60:{uuid.uuid4().hex}"
    assert [claim_period("core.send_outbox", period) for _ in range(3)] == [True, False, False]


def test_the_tick_names_the_same_period_within_an_interval(settings, monkeypatch):
    from gongkai.core import queue

    settings.GONGKAI_TICK_SECONDS = 60
    monkeypatch.setattr(queue.time, "time", lambda: 6000.2)
    first = queue.current_period()
    monkeypatch.setattr(queue.time, "time", lambda: 6059.9)
    assert queue.current_period() == first == "60:100"
    monkeypatch.setattr(queue.time, "time", lambda: 6060.0)
    assert queue.current_period() == "60:101"


@pytest.mark.django_db
def test_batched_static_publication_removes_then_rewrites_each_page_once(personas, settings, tmp_path,
                                                                         django_capture_on_commit_callbacks):
    from gongkai.core.timed import run_job
    from gongkai.portal import static_site

    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    with django_capture_on_commit_callbacks(execute=True):
        first = published(personas, title="立即写入的通知")
    catalog = static_site.file_for(reverse("portal:catalog", kwargs={"code": "dept-a"}))
    other_site = static_site.file_for(reverse("portal:site", kwargs={"code": "dept-b"}))
    static_site.write_path(reverse("portal:site", kwargs={"code": "dept-b"}))
    assert catalog.exists() and "立即写入的通知" in catalog.read_text()
    settings.GONGKAI_STATIC_PUBLISH = "batched"
    with django_capture_on_commit_callbacks(execute=True):
        second = published(personas, title="批量写入的第一份")
        third = published(personas, title="批量写入的第二份")
    assert not catalog.exists() and other_site.exists()   # only what the publications changed was removed
    assert not static_site.file_for(second.public_path).exists()
    assert run_job("portal.static_site_pages") >= 1 and run_job("portal.static_item_pages") >= 2
    text = catalog.read_text()
    assert "批量写入的第一份" in text and "批量写入的第二份" in text and "立即写入的通知" in text
    assert static_site.file_for(third.public_path).exists() and static_site.file_for(first.public_path).exists()
    assert run_job("portal.static_site_pages") == 0   # nothing left to write


@pytest.mark.django_db
def test_a_full_republication_is_cut_into_chunks_that_cover_every_item_once(personas, settings, tmp_path,
                                                                             django_capture_on_commit_callbacks):
    from gongkai.portal import static_site

    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    with django_capture_on_commit_callbacks(execute=True):
        items = [published(personas, title=f"分块发布的第{n}份通知") for n in range(5)]
    for item in items:
        static_site.file_for(item.public_path).unlink(missing_ok=True)
    chunks = static_site.item_chunks(2)
    assert len(chunks) == 3 and chunks[0][0] == items[0].pk and chunks[-1][1] == items[-1].pk
    assert sum(static_site.write_item_pages_between(first, last) for first, last in chunks) == 5
    assert all(static_site.file_for(item.public_path).exists() for item in items)
    assert static_site.write_item_pages_between(*chunks[0]) == 2   # a chunk run again writes the same pages


@pytest.mark.django_db
def test_republication_through_the_queue_needs_a_broker():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="GONGKAI_BROKER_URL"):   # exit code 2 from the gongkai command
        call_command("portal", "publish", "--queue")
