"""The long commands report their progress: portal publish counts pages, report build the parts it reads."""

import io

import pytest
from django.core.management import call_command

from gongkai.portal import site_publication, static_site
from tests.catalog_helpers import published


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return settings.GONGKAI_STATIC_SITE_DIR


@pytest.mark.django_db
def test_publishing_every_page_counts_columns_then_items(personas, site_dir):
    for n in range(3):
        published(personas, title=f"第{n}份通知")
    calls = []
    written = static_site.publish_all(on_progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1] == (total, total) and calls[0][0] == total - 3      # the columns, then the 3 items
    assert written == total
    sites = []
    site_publication.publish_all_sites(on_progress=lambda done, total: sites.append((done, total)))
    assert sites == [(n, len(sites)) for n in range(1, len(sites) + 1)]


@pytest.mark.django_db
def test_portal_publish_and_report_build_write_progress_lines_to_stderr(personas, site_dir, settings):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    err = io.StringIO()
    call_command("portal", "publish", stdout=io.StringIO(), stderr=err)
    assert "写入静态页面" in err.getvalue() and "100%" in err.getvalue()
    err = io.StringIO()
    call_command("report", "build", "--agency", personas.government.code, "--year", "2024",
                 stdout=io.StringIO(), stderr=err)
    lines = [line for line in err.getvalue().splitlines() if line.startswith("统计年度报告")]
    assert lines and lines[-1].startswith("统计年度报告 11/11 100%")
