import pytest

from tests.browser import login, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_sign_in_and_see_roles(live_server, page, personas):
    page.goto(live_server.url + "/")
    assert "政府信息公开条例" in page.content()
    login(page, live_server, "editor_a", "pw-editor_a")
    assert page.locator("h1").inner_text() == "我的工作台"
    assert "测试区财政局" in page.locator("main").inner_text()
    screenshot(page, "foundation-workbench")
