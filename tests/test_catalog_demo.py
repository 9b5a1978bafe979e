"""The demo holds the district's 2017 catalog at the seed report's counts, and later years of normative
documents for the 2021-format table 二. Loading twice changes nothing."""

import datetime as dt

import pytest

from gongkai.agencies.models import Agency
from gongkai.catalog import selectors
from gongkai.catalog.models import Compilation, Item
from gongkai.demo import load_catalog

pytestmark = pytest.mark.usefixtures("demo_db")   # the demo, loaded once per session (tests/demo_database.py)

Y2017 = {"start": dt.date(2017, 1, 1), "end": dt.date(2017, 12, 31)}


def test_the_2017_catalog_matches_the_seed_report():
    district = Agency.objects.get(code="wsjkq")
    cluster = list(Agency.objects.filter(path__startswith=district.path).values_list("id", flat=True))
    assert len(cluster) == 43
    assert selectors.item_counts(agency_ids=cluster, by="channel", **Y2017) == {
        "portal": 15117, "weibo": 2600, "weixin": 1174, "upper_portal": 2369, "compilation": 108, "bulletin": 6,
    }
    assert selectors.item_counts(agency_ids=[district.pk], by="channel", **Y2017)["portal"] == 5980
    focus = selectors.item_counts(agency_ids=cluster, by="focus", **Y2017)
    assert {k: focus[k] for k in ("guifanxing", "gongwen", "caizhengzijin", "zhaotoubiao", "quanli", "guowuyuan",
                                  "shizhengfu", "zhongdianxiangmu")} == {
        "guifanxing": 12, "gongwen": 61, "caizhengzijin": 117, "zhaotoubiao": 360, "quanli": 3194,
        "guowuyuan": 269, "shizhengfu": 181, "zhongdianxiangmu": 6,
    }
    normative_2017 = Item.objects.filter(normative_kind="normative", written_on__year=2017, status="published")
    assert normative_2017.count() == 12
    assert sum(1 for p in normative_2017 if p.interpretations.filter(status="published").exists()) == 3
    editions = Compilation.objects.filter(agency=district, year=2017)
    assert editions.count() == 6 and sum(e.entries.count() for e in editions) == 108
    assert sum(e.copies_distributed for e in editions) > 20000
    numbers = list(Item.objects.exclude(index_number="").values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert Item.objects.filter(agency=district, doc_number__regex=r"^万盛经开(办)?发〔2017〕[0-9]+号$").count() == 73

    facts = selectors.normative_facts(agency_ids=cluster, until=dt.date(2024, 12, 31))
    issued_2024 = sum(1 for f in facts if f.issued_on.year == 2024)
    abolished_2024 = sum(1 for f in facts if f.abolished_on and f.abolished_on.year == 2024)
    in_force = sum(1 for f in facts if not f.abolished_on or f.abolished_on > dt.date(2024, 12, 31))
    assert (issued_2024, abolished_2024, in_force) == (9, 4, 12 + 57 - 10)

    assert load_catalog.load_step() == "已存在，跳过"
    assert selectors.published_count(agency_ids=cluster, **Y2017) == 15117


def test_the_demo_items_were_published_in_their_own_time():
    """History pages tell the truth: a 2017 publication's event is dated when it was published, not when the
    demo was loaded."""
    from django.contrib.contenttypes.models import ContentType

    from gongkai.core.models import Event

    items = dict(Item.objects.filter(is_demo=True, published_on__year=2017).values_list("pk", "published_at"))
    imported = Event.objects.filter(content_type=ContentType.objects.get_for_model(Item), action="item.imported")
    stamps = dict(imported.filter(object_id__in=[str(pk) for pk in items]).values_list("object_id", "at"))
    assert len(stamps) == len(items) == 15117   # the site cluster of the seed (its 3 解读 among them)
    assert all(stamps[str(pk)] == at for pk, at in items.items())
    abolished = Event.objects.filter(action="item.abolished").order_by("at")
    assert [e.at.year for e in abolished] == [2019, 2019, 2021, 2023, 2023, 2024, 2024, 2024, 2024]
