"""The demo holds the district's 2017 catalog at the seed report's counts, and later years of normative
documents for the 2021-format table 二. Loading twice changes nothing."""

import datetime as dt

import pytest

from gongkai.agencies.models import Agency
from gongkai.catalog import selectors
from gongkai.catalog.models import Compilation, Item
from gongkai.demo import load_agencies, load_catalog

pytestmark = pytest.mark.django_db

Y2017 = {"start": dt.date(2017, 1, 1), "end": dt.date(2017, 12, 31)}


def test_the_2017_catalog_matches_the_seed_report():
    load_agencies.load_step()
    load_catalog.load_step()
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
