"""In Chromium, under the Content-Security-Policy: the dashboard's ECharts charts draw, the portal's large-text
switch and the publisher's agency picker work, and the browser reports no violation of the policy."""

import pytest

from gongkai.agencies.services import grant_role
from gongkai.core.actors import System
from tests.browser import login

# Records every violation the page reports, from before its first script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


def watch(page) -> list[str]:
    console: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda msg: console.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    return console


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_charts_draw_under_the_policy(live_server, page, demo_db):
    console = watch(page)
    login(page, live_server, "demo-supervisor", "gongkai-demo-2017")
    response = page.goto(f"{live_server.url}/staff/dashboard/?year=2017&agency=wsjkq")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("[data-chart=mailbox_units] svg")
    assert page.locator(".chart svg").count() >= 3
    assert violations(page) == []
    assert [m for m in console if "Content Security Policy" in m or "pageerror" in m] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_scripts_work_under_the_policy(live_server, page, personas):
    from gongkai.core.security_headers import csp_meta_policy

    console = watch(page)
    response = page.goto(f"{live_server.url}/gk/{personas.dept_a.code}/")
    assert response.headers["content-security-policy"] and csp_meta_policy()
    page.click("#large-text-toggle")
    assert page.get_attribute("#large-text-toggle", "aria-pressed") == "true"
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    page.goto(f"{live_server.url}/apply/status/")
    assert violations(page) == []
    page.goto(f"{live_server.url}/api/v1/docs")   # Swagger UI from our own static files (swagger-ui-dist)
    page.wait_for_selector(".swagger-ui .info")
    assert violations(page) == []
    # An editor of two departments picks the one to write for: the picker reloads the form.
    for department in (personas.dept_a, personas.dept_b):
        grant_role(actor=System, user=personas["publisher"], agency=department, role="editor")
    login(page, live_server, "publisher", "pw-publisher")
    page.goto(f"{live_server.url}/staff/catalog/new/")
    with page.expect_navigation():
        page.select_option("#agency-pick", personas.dept_b.code)
    assert f"agency={personas.dept_b.code}" in page.url
    assert violations(page) == []
    assert [m for m in console if "Content Security Policy" in m or "pageerror" in m] == []
