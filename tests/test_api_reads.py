"""Public reads: an agency with its disclosure office, the catalog with its filters and cursor pages, the
working-day calendar with its provisional flag."""

import pytest

from gongkai.agencies.services import update_agency_office
from gongkai.core.actors import System
from tests.api_helpers import call
from tests.catalog_helpers import published


@pytest.mark.django_db
def test_an_agency_with_its_disclosure_office(client, personas):
    update_agency_office(actor=System, agency=personas.dept_a, office_name="测试区财政局办公室", office_phone="023-1234567",
                         office_postcode="400000", office_hours="工作日 9:00-17:00")
    data = call(client, "get", "/agencies/dept-a").json()
    assert (data["parent_code"], data["org_code"]) == ("gov", personas.dept_a.org_code)
    assert data["office"]["name"] == "测试区财政局办公室" and data["office"]["postcode"] == "400000"
    assert sorted(call(client, "get", "/agencies/gov").json()["children"]) == ["dept-a", "dept-b", "town"]


@pytest.mark.django_db
def test_the_catalog_pages_by_cursor_and_filters(client, personas):
    items = [published(personas, title=f"第{n}号通知", doc_number=f"测财〔2025〕{n}号") for n in range(5)]
    seen, cursor = [], None
    while True:
        page = call(client, "get", "/items?limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [i.pk for i in reversed(items)]   # newest first, each once
    first = call(client, "get", f"/items?index_number={items[2].index_number}").json()["items"]
    assert [(i["id"], i["doc_number"], i["agency_code"]) for i in first] == [(items[2].pk, "测财〔2025〕2号", "dept-a")]
    assert call(client, "get", "/items?agency=dept-b").json()["items"] == []
    assert len(call(client, "get", "/items?agency=gov&validity=valid").json()["items"]) == 5
    assert call(client, "get", "/items?validity=abolished").json()["items"] == []
    assert call(client, "get", "/items?published_from=2100-01-01").json()["items"] == []
    unknown = call(client, "get", "/items?agency=nowhere")
    assert unknown.status_code == 422 and unknown.json()["fields"][0]["path"] == "query.agency"


@pytest.mark.django_db
def test_the_calendar_adds_and_counts_working_days(client):
    # 2024 National Day: 1-7 October off, Saturday 12 October a make-up working day.
    added = call(client, "get", "/calendar/add?start=2024-09-27&days=5").json()
    assert added == {"start": "2024-09-27", "days": 5, "due": "2024-10-10", "provisional": False}
    between = call(client, "get", "/calendar/between?start=2024-09-27&end=2024-10-12").json()
    assert (between["working_days"], between["provisional"]) == (7, False)
    assert call(client, "get", "/calendar/add?start=2099-03-02&days=3").json()["provisional"] is True
    assert call(client, "get", "/calendar/add?start=2024-01-01&days=-1").status_code == 422
    assert call(client, "get", "/calendar/between?start=1980-01-01&end=2024-01-01").status_code == 422
