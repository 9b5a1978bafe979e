"""Test set-up shared by every test module: fast hashing, plain static storage, and the standard personas."""

import tempfile
from pathlib import Path

import pytest


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    # The test client and the live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A test's transaction never commits, so work started from a page runs in the request; the browser test of
    # the progress page sets "thread", as a deployment without a queue runs it.
    settings.GONGKAI_BACKGROUND_WORK = "inline"
    # The search slots are machine-wide locks: each test process has its own, so parallel runs never refuse.
    settings.GONGKAI_SEARCH_SLOTS_DIR = Path(tempfile.mkdtemp(prefix="gk-search-slots-"))


def pytest_collection_modifyitems(config, items):
    from tests.database_runs import select

    select(config, items)   # the PostgreSQL run repeats only the tests that can meet the database


@pytest.hookimpl(optionalhook=True)   # an xdist hook: unknown when a run is not distributed (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    from tests.scheduling import ModulesWithTheDemoTogether

    return ModulesWithTheDemoTogether(config, log)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request leaves its language active in the thread (the
    locale middleware activates, nothing deactivates), and service errors render when they are read, so a
    test that follows an English request would otherwise read English."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from gongkai.portal import frame_store
    from gongkai.portal.templatetags import site_identity

    cache.clear()
    # Kept per process until the next publication (tests edit sites and agencies without publishing).
    frame_store.forget_all()   # the search page's and the sites' frames
    site_identity.forget_identities()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request, django_db_blocker):
    """Transactional tests flush every table when they end, the rows of data migrations included (the
    shipped taxonomies): they are loaded for such a test, and again once its flush is done (this fixture asks
    for ``transactional_db`` after it starts, so it ends after it), so whatever runs next on the worker finds
    them, in whatever order the tests come."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames))
    if transactional:
        request.getfixturevalue("transactional_db")
        _load_reference_data()
    elif "db" in request.fixturenames:
        # Whatever ran before on this worker (a flush that ended after this fixture's reload, a copy of
        # another database), a test in a transaction starts with the taxonomies: one query when they are there.
        request.getfixturevalue("db")
        from gongkai.catalog.models import Term

        if not Term.objects.exists():
            _load_reference_data()
    yield
    if transactional:
        with django_db_blocker.unblock():
            _load_reference_data()


def _load_reference_data() -> None:
    from gongkai.catalog.models import SensitiveWord, Term
    from gongkai.catalog.taxonomy_loading import load_default_terms

    load_default_terms(Term, SensitiveWord)


@pytest.fixture
def personas(db):
    from tests.personas import build_personas

    return build_personas()


pytest_plugins = ["tests.browser", "tests.demo_database"]
