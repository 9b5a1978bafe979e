"""Hooks the apps register by dotted path (gongkai.core.deferred) resolve, the timed jobs are all listed though
their modules are imported only on first use, and the admin is complete once the URLconf is loaded."""

import subprocess
import sys
from pathlib import Path

from gongkai.core.deferred import ByPath, by_path, registered_paths
from gongkai.core.timed import timed_jobs

ROOT = Path(__file__).resolve().parents[1]


def test_every_hook_the_apps_name_resolves_to_a_callable():
    hooks = registered_paths()
    assert len(hooks) >= 9   # 4 portal receivers + its site receiver, 3 recomputers, 3 timed jobs
    for hook in hooks:
        assert callable(hook.resolve()), hook.dotted


def test_a_hook_forwards_its_call_and_its_result():
    hook = by_path("os.path.join")
    assert isinstance(hook, ByPath)
    assert hook("a", "b") == "a/b"


def test_the_timed_jobs_of_every_app_are_listed():
    names = {job.name for job in timed_jobs()}
    assert {"agencies.forget_login_counters", "cases.lapse_windows", "catalog.publish_scheduled",
            "catalog.matter_obligations", "core.send_outbox", "engagement.flag_overdue_messages",
            "portal.static_item_pages", "search.flush_page_views", "sites.flush_visits"} <= names


def _modules_after_setup(code: str = "") -> set[str]:
    script = (
        "import os, sys, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'gongkai.config.settings')\n"
        "django.setup()\n" + code +
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.split())


def test_starting_the_apps_imports_no_receiver_job_or_admin_module():
    loaded = _modules_after_setup()
    for module in ("gongkai.portal.publication", "gongkai.portal.static_site", "gongkai.cases.jobs", "cryptography",
                   "gongkai.demo.district_2017", "gongkai.backoffice.second_factor",
                   "gongkai.catalog.services.workflow", "gongkai.core.outbox", "gongkai.backoffice.admin",
                   "django.test"):
        assert module not in loaded, module


def test_loading_the_urlconf_discovers_the_admin():
    loaded = _modules_after_setup(
        "import gongkai.config.urls\n"
        "from django.contrib import admin\n"
        "from django.contrib.auth.models import User\n"
        "assert type(admin.site._registry[User]).__name__ == 'AuditedUserAdmin'\n"
    )
    assert "gongkai.agencies.admin" in loaded   # the area that owns a model registers its admin
