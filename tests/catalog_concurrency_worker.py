"""Run by test_catalog_concurrency in separate OS processes: ``setup N`` creates N items ready for publication
in two agencies; ``publish K OF AT`` waits until the Unix time AT, then publishes the items whose id % OF == K;
``check`` prints the 索引号."""

import datetime as dt
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")

import django

django.setup()

from gongkai.agencies.models import AgencyKind, AgencyLevel  # noqa: E402
from gongkai.agencies.services import create_agency  # noqa: E402
from gongkai.catalog.models import Item  # noqa: E402
from gongkai.catalog.services import publish_item  # noqa: E402
from gongkai.core.actors import System  # noqa: E402
from gongkai.demo.codes import demo_org_code  # noqa: E402


def setup(count: int) -> None:
    gov = create_agency(actor=System, kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY, code="gov",
                        name="并发测试区人民政府", org_code=demo_org_code(801))
    dept = create_agency(actor=System, parent=gov, kind=AgencyKind.DEPARTMENT, level=AgencyLevel.COUNTY,
                         code="dept", name="并发测试区财政局", org_code=demo_org_code(802))
    Item.objects.bulk_create(
        [Item(agency=(gov, dept)[n % 2], title=f"并发发布测试信息{n}", status="secrecy_reviewed") for n in range(count)]
    )


def publish(k: int, of: int, at: float) -> None:
    ids = [pk for pk in Item.objects.order_by("id").values_list("id", flat=True) if pk % of == k]
    time.sleep(max(0.0, at - time.time()))
    for pk in ids:
        publish_item(actor=System, item=Item.objects.get(pk=pk), published_on=dt.date(2024, 6, 3))


def check() -> None:
    print(json.dumps(list(Item.objects.values_list("agency__code", "index_number", "index_serial", "status"))))


if __name__ == "__main__":
    verb = sys.argv[1]
    if verb == "setup":
        setup(int(sys.argv[2]))
    elif verb == "publish":
        publish(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    else:
        check()
