"""Long work started from the back office (gongkai.core.background): a catalog import and a report's statistics
run as background work, the page that follows them shows progress and outcome, and only to who started them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core import background
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import BackgroundWork
from gongkai.reports.models import AnnualReport

HEADER = "名称,内容概述,索引号,文号,发布日期"
ROWS = [f"第{n}号通知,概述,,,2017-02-0{1 + n % 8}" for n in range(1, 6)]


def _upload(client, personas, rows=ROWS, **extra):
    client.force_login(personas["publisher"])
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    return client.post(reverse("backoffice:catalog_import"), {
        "file": SimpleUploadedFile("catalog.csv", data, content_type="text/csv"),
        "agency": personas.dept_a.pk, **extra})


@pytest.mark.django_db
def test_an_import_from_the_back_office_is_followed_to_its_report(client, personas):
    response = _upload(client, personas)
    work = BackgroundWork.objects.get()
    assert response.status_code == 302 and response.url == reverse("backoffice:work_detail", args=[work.pk])
    assert work.kind == "catalog.import" and work.state == "done" and work.started_by == personas["publisher"]
    assert work.data == b"" or bytes(work.data) == b""       # the uploaded file is not kept after the work
    assert (work.done, work.total) == (5, 5) and work.result["written"] == 5
    page = client.get(response.url).content.decode()
    assert "导入目录文件：catalog.csv" in page and "已导入 5 条信息" in page and "work_progress.js" not in page
    status = client.get(reverse("backoffice:work_status", args=[work.pk])).json()
    assert status["finished"] is True and status["done"] == status["total"] == 5 and status["share"] == 1.0


@pytest.mark.django_db
def test_a_file_with_bad_rows_shows_its_errors_and_writes_nothing(client, personas):
    _upload(client, personas, rows=[*ROWS, "没有日期的一行,概述,,,"])
    work = BackgroundWork.objects.get()
    page = client.get(reverse("backoffice:work_detail", args=[work.pk])).content.decode()
    assert work.state == "done" and not work.result["ok"]
    assert "共 6 行，1 处错误；未写入任何数据。" in page


@pytest.mark.django_db
def test_nobody_else_sees_the_work(client, personas):
    _upload(client, personas)
    work = BackgroundWork.objects.get()
    client.force_login(personas["editor_a"])
    assert client.get(reverse("backoffice:work_detail", args=[work.pk])).status_code == 404
    assert client.get(reverse("backoffice:work_status", args=[work.pk])).status_code == 404


@pytest.mark.django_db
def test_a_running_work_shows_its_bar_counts_and_time_left(client, personas):
    started = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    work = BackgroundWork.objects.create(kind="catalog.import", label="导入目录文件：big.csv",
                                         started_by=personas["publisher"], state="running", done=250, total=1000,
                                         started_at=started, updated_at=started + dt.timedelta(seconds=10))
    assert background.status(work)["seconds_left"] == 30
    client.force_login(personas["publisher"])
    page = client.get(reverse("backoffice:work_detail", args=[work.pk])).content.decode()
    assert '<progress id="work-bar" max="1000" value="250"' in page
    assert "已处理 250/1000" in page and "剩余约 30 秒" in page and "work_progress.js" in page
    assert '<meta http-equiv="refresh" content="2">' in page      # without scripts the page reloads itself


@pytest.mark.django_db
def test_report_statistics_run_as_work_and_land_on_the_report(client, personas):
    client.force_login(personas["publisher"])
    response = client.post(reverse("backoffice:report_generate"), {
        "agency": personas.government.code, "year": 2024, "form": "", "include": "*"})
    work = BackgroundWork.objects.get()
    assert work.kind == "report.generate" and work.state == "done", work.message
    assert work.total == work.done == 11
    landing = client.get(response.url)
    report = AnnualReport.objects.get()
    assert landing.status_code == 302 and landing.url == reverse("backoffice:report_detail", args=[report.pk])


def _fails_in_words(work, on_progress):
    on_progress(1, 4)
    raise ValidationFailed("这一年不能统计", code="bad_year")


def _fails_badly(work, on_progress):
    raise RuntimeError("boom")


@pytest.mark.django_db
@pytest.mark.parametrize("runner, message", [
    (_fails_in_words, "这一年不能统计"), (_fails_badly, "处理中出现内部错误，未完成；请稍后重试或联系管理员。")])
def test_a_failed_work_says_why_in_the_users_words(personas, runner, message):
    background._RUNNERS["tests.failing"] = runner
    try:
        work = background.start("tests.failing", actor=personas["publisher"], label="测试", arguments={})
    finally:
        del background._RUNNERS["tests.failing"]
    assert work.state == "failed" and work.message == message and work.finished_at is not None


@pytest.mark.django_db
def test_with_a_queue_the_work_is_sent_to_a_worker_after_commit(personas, settings, monkeypatch,
                                                                 django_capture_on_commit_callbacks):
    from gongkai.core import queue

    sent = []
    monkeypatch.setattr(queue.run_background_work, "delay", lambda pk: sent.append(pk))
    settings.GONGKAI_BACKGROUND_WORK = ""
    settings.GONGKAI_BROKER_URL = "redis://127.0.0.1:1/0"
    assert background.mode() == "queue"
    with django_capture_on_commit_callbacks(execute=True):
        work = background.start("catalog.import", actor=personas["publisher"], label="测试",
                                arguments={"name": "x.csv"}, data=b"x")
    assert sent == [work.pk] and BackgroundWork.objects.get(pk=work.pk).state == "waiting"


def test_progress_is_written_at_most_every_half_second_and_at_the_end(monkeypatch):
    writes = []
    now = [0.0]
    reporter = background._Reporter(1, clock=lambda: now[0])
    monkeypatch.setattr(reporter, "flush", lambda: (writes.append((reporter.done, reporter.total)),
                                                    setattr(reporter, "_pending", False)))
    for done in range(1, 11):
        reporter(done, 10)
        now[0] += 0.2
    assert writes == [(1, 10), (4, 10), (7, 10), (10, 10)]


@pytest.mark.django_db
def test_the_work_page_speaks_english_too(client, personas):
    from django.utils import translation

    work = BackgroundWork.objects.create(kind="catalog.import", label="导入目录文件：big.csv",
                                         started_by=personas["publisher"], state="running", done=5, total=10)
    with translation.override("en"):
        assert background.status(work)["state_label"] == "In progress"
    client.force_login(personas["publisher"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("backoffice:work_detail", args=[work.pk])).content.decode()
    assert "5 of 10 done" in page and 'data-text-left="about {time} left"' in page
