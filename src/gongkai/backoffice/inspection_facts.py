"""Facts about each site for the inspection-readiness check (rules in backoffice/inspection_rules.py)."""

import re

from django.db.models import Max

from gongkai.backoffice.inspection_rules import DYNAMIC, OTHER, POLICY, ColumnFact, SiteFacts, check_site
from gongkai.catalog.domain.links import external_links
from gongkai.catalog.selectors import item_status_for_public, public_items
from gongkai.catalog.selectors_terms import category_columns, statutory_columns_for
from gongkai.catalog.services.link_checks import broken_urls

# Which columns are "dynamic" (2 weeks) and which are "policy/notice" (6 months): 内容类别 工作动态 is news;
# 公文 and the statutory item of normative documents (条例 art. 20(1)) are policy columns.
CATEGORY_KINDS = {"dongtai": DYNAMIC, "gongwen": POLICY}
STATUTORY_KINDS = {"art20-01": POLICY}
_ITEM_LINK = re.compile(r'href="/gk/([\w-]+)/items/([\w/-]+?)/"')


def site_facts(agency, *, unanswered: int | None) -> SiteFacts:
    items = public_items().filter(agency=agency)
    homepage = public_items().filter(agency__path__startswith=agency.path).aggregate(m=Max("published_on"))["m"]
    latest_by_stat = dict(items.values_list("statutory_item__code").annotate(m=Max("published_on")))
    latest_by_cat = dict(items.values_list("category__code").annotate(m=Max("published_on")))
    columns = []
    for term in statutory_columns_for(agency):   # 条例 art. 20, and art. 21 for the organ's kind
        columns.append(ColumnFact(term.code, term.label, STATUTORY_KINDS.get(term.code, OTHER),
                                  latest_by_stat.get(term.code)))
    for term in category_columns(CATEGORY_KINDS):
        columns.append(ColumnFact(f"category:{term.code}", term.label, CATEGORY_KINDS[term.code],
                                  latest_by_cat.get(term.code)))
    return SiteFacts(homepage_latest_on=homepage, columns=tuple(columns), broken_links=tuple(broken_links(items)),
                     unanswered_messages=unanswered)


def broken_links(items) -> list[tuple[str, str]]:
    """Links inside published items to portal items that are withdrawn or missing, attachments whose file is
    gone, and links to other websites that the link-check job found broken (catalog/services/link_checks.py)."""
    found = []
    elsewhere = broken_urls()
    for item in items.select_related(None).prefetch_related("attachments").only("title", "body"):
        for code, key in _ITEM_LINK.findall(item.body or ""):
            if item_status_for_public(code, key) != "published":
                found.append((item.title, f"/gk/{code}/items/{key}/"))
        found += [(item.title, url) for url in external_links(item.body) if url in elsewhere]
        for attachment in item.attachments.all():
            if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
                found.append((item.title, attachment.original_name))
    return found


def check(agency, *, today, unanswered: int | None):
    return check_site(site_facts(agency, unanswered=unanswered), today)
