"""The search index's own table: one row per indexed document, with what a result list shows.

The backend-specific structures (an FTS5 table on SQLite, gram arrays on PostgreSQL) hang off ``sort_key``;
they are created by this app's migration and written only by ``gongkai.search.services``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    key = models.CharField(_("文档键"), max_length=100, unique=True)
    # Publication day and row number in one integer (days * 10**9 + id): "newest first" is "largest key first",
    # which both backends can walk in index order and stop early; the year filter is a key range.
    sort_key = models.BigIntegerField(_("排序键"), unique=True, null=True)
    agency_id = models.BigIntegerField(_("机构"), db_index=True)
    agency_path = models.CharField(_("机构路径"), max_length=255)
    title = models.TextField(_("标题"))
    summary = models.TextField(_("摘要"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    doc_number = models.CharField(_("文号"), max_length=200, blank=True)
    index_number = models.CharField(_("索引号"), max_length=100, blank=True)
    doc_number_key = models.CharField(_("文号检索键"), max_length=200, blank=True, db_index=True)
    index_number_key = models.CharField(_("索引号检索键"), max_length=100, blank=True, db_index=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=50, blank=True)
    genre = models.CharField(_("体裁"), max_length=50, blank=True)
    validity = models.CharField(_("有效性"), max_length=30, blank=True)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    extra = models.JSONField(_("附加信息"), default=dict, blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        constraints = [models.CheckConstraint(condition=models.Q(sort_key__gte=0), name="search_sort_key_nonneg")]
        indexes = [models.Index(fields=["published_on"], name="search_doc_published_on")]

    def __str__(self) -> str:
        return self.title


class PageView(models.Model):
    """Public views of a site (item empty) or of an item, per day. No address, no cookie, no user: only counts.

    Kept here, below the catalog and the reports, so that the annual report and the back office can read it.
    """

    day = models.DateField(_("日期"))
    agency_id = models.BigIntegerField(_("机构"))
    item_id = models.BigIntegerField(_("信息"), null=True, blank=True)
    count = models.PositiveIntegerField(_("浏览次数"), default=0)

    class Meta:
        verbose_name = _("浏览量")
        verbose_name_plural = _("浏览量")
        constraints = [
            # One row per site and day, and one per item and day; two partial constraints because SQLite
            # cannot make NULLs equal in one (nulls_distinct).
            models.UniqueConstraint(fields=["day", "agency_id"], condition=models.Q(item_id__isnull=True),
                                    name="pageview_unique_site_day"),
            models.UniqueConstraint(fields=["day", "agency_id", "item_id"], condition=models.Q(item_id__isnull=False),
                                    name="pageview_unique_item_day"),
        ]
        indexes = [models.Index(fields=["agency_id", "day"], name="pageview_agency_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}/{self.item_id}: {self.count}"
