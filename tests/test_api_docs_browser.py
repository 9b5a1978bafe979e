"""The API's documentation page works with no network beyond the platform: every request from another origin
is refused, and Swagger UI (swagger-ui-dist from npm, served as our static files) still lists the operations."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_load_nothing_from_elsewhere(live_server, page):
    elsewhere = []

    def only_our_origin(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_origin)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert page.locator(".opblock-summary").count() >= 20
    assert "Gongkai API" in page.inner_text(".swagger-ui .info .title")
    assert elsewhere == []
