"""The search page's concurrency limit (ADR 0069) and its ready-made layout: a search beyond the machine's
slots gets "busy, try again" (503 with Retry-After) in the page's own layout and the visitor's language; the
layout rendered once follows publications and carries the query only in the title."""

import fcntl
import os
import threading

import pytest
from django.urls import reverse

from gongkai.portal import page_cache, search_frame
from gongkai.portal.search_slots import search_slot


@pytest.fixture
def one_slot(settings, tmp_path):
    settings.GONGKAI_SEARCH_SLOTS = 1
    settings.GONGKAI_SEARCH_WAIT_MS = 0
    settings.GONGKAI_SEARCH_SLOTS_DIR = tmp_path / "slots"
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    return settings.GONGKAI_SEARCH_SLOTS_DIR


def _held_elsewhere(directory, n=0):
    """Take slot n as another process would (its own open file)."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / f"slot-{n}", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


@pytest.mark.django_db
def test_busy_search_is_503_with_retry_after_in_the_layout_in_chinese(client, personas, one_slot):
    fd = _held_elsewhere(one_slot)
    try:
        response = client.get(reverse("portal:search"), {"q": "预算公开"})
    finally:
        os.close(fd)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response["Cache-Control"] == "no-store"
    assert "检索的人较多，请几秒后再试。" in html
    assert '<header class="site-header">' in html and '<footer class="site-footer">' in html   # the layout
    assert 'name="q" value="预算公开"' in html   # the query kept, one click to try again
    assert "<title>预算公开 - 搜索 - " in html
    assert 'id="results-heading"' not in html   # nothing was searched
    # The slot free again: the same request searches.
    again = client.get(reverse("portal:search"), {"q": "预算公开"})
    assert again.status_code == 200 and 'id="results-heading"' in again.content.decode()


@pytest.mark.django_db
def test_busy_search_speaks_english_to_an_english_reader(client, personas, one_slot):
    client.cookies["django_language"] = "en"
    fd = _held_elsewhere(one_slot)
    try:
        response = client.get(reverse("portal:search"), {"q": "预算"})
    finally:
        os.close(fd)
    html = response.content.decode()
    assert response.status_code == 503
    assert "Many people are searching right now. Please try again in a few seconds." in html
    assert '<html lang="en">' in html and '<footer class="site-footer">' in html


@pytest.mark.django_db
def test_every_slot_counts_and_no_limit_means_none(client, personas, settings, one_slot):
    settings.GONGKAI_SEARCH_SLOTS = 2
    first = _held_elsewhere(one_slot, 0)
    try:
        assert client.get(reverse("portal:search"), {"q": "预算"}).status_code == 200   # slot 1 was free
        second = _held_elsewhere(one_slot, 1)
        try:
            assert client.get(reverse("portal:search"), {"q": "预算"}).status_code == 503
            settings.GONGKAI_SEARCH_SLOTS = 0
            assert client.get(reverse("portal:search"), {"q": "预算"}).status_code == 200
        finally:
            os.close(second)
    finally:
        os.close(first)


def test_a_search_waits_for_a_slot_that_comes_free_in_time(settings, tmp_path):
    settings.GONGKAI_SEARCH_SLOTS, settings.GONGKAI_SEARCH_SLOTS_DIR = 1, tmp_path
    settings.GONGKAI_SEARCH_WAIT_MS = 5000
    fd = _held_elsewhere(tmp_path)
    released = threading.Event()

    def release():
        os.close(fd)
        released.set()

    timer = threading.Timer(0.05, release)
    timer.start()
    with search_slot() as free:
        assert free and released.is_set()
        # While this search holds the slot, another one (not waiting) is refused.
        settings.GONGKAI_SEARCH_WAIT_MS = 0
        with search_slot() as other:
            assert not other
    timer.join()


@pytest.mark.django_db
def test_layout_is_made_once_and_follows_publications(client, personas, settings, tmp_path):
    settings.GONGKAI_STATIC_SITE_DIR = tmp_path / "site"
    client.get(reverse("portal:search"), {"q": "预算"})
    made = dict(search_frame._frames)
    assert len(made) == 1
    html = client.get(reverse("portal:search"), {"q": "<b>公开</b>"}).content.decode()
    assert search_frame._frames == made   # another query, the same layout
    assert "<title>&lt;b&gt;公开&lt;/b&gt; - 搜索 - " in html and "<b>公开</b>" not in html
    page_cache.invalidate()   # a publication of everything (site identities among them)
    client.get(reverse("portal:search"), {"q": "预算"})
    (stamp_before, _t, _parts), = made.values()
    (stamp_after, _t, _parts), = search_frame._frames.values()
    assert stamp_after > stamp_before
