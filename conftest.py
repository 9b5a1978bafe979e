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

    from gongkai.portal import search_frame
    from gongkai.portal.templatetags import site_identity

    cache.clear()
    # Kept per process until the next publication (tests edit sites and agencies without publishing).
    search_frame.forget()
    site_identity.forget_identities()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests flush every table when they end, the rows of data migrations included (the
    shipped taxonomies); a later transactional test on the same worker gets them back here."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        from gongkai.catalog.models import SensitiveWord, Term
        from gongkai.catalog.taxonomy_loading import load_default_terms

        load_default_terms(Term, SensitiveWord)
    yield


@pytest.fixture
def personas(db):
    from tests.personas import build_personas

    return build_personas()


pytest_plugins = ["tests.browser", "tests.demo_database"]
