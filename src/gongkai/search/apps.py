from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _forget_flushed_index(sender, using="default", **kwargs):
    """A database flush (tests) empties the documents but not the backend's own tables: empty those too."""
    from django.db import connections

    from gongkai.search.backends import backend_for
    from gongkai.search.models import SearchDocument

    if not SearchDocument.objects.using(using).exists():
        backend_for(connections[using]).clear()


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = _("搜索")

    def ready(self):
        from gongkai.core.deferred import by_path
        from gongkai.core.timed import register_timed_job

        post_migrate.connect(_forget_flushed_index, sender=self, dispatch_uid="search_forget_flushed_index")
        register_timed_job("search.flush_page_views", "写入本进程累计的浏览量")(
            by_path("gongkai.search.page_views.flush_views"))
        register_timed_job("search.year_partitions", "预先建立今明两年的检索索引分区（PostgreSQL）")(
            by_path("gongkai.search.services.prepare_year_partitions"))
        from gongkai.core.sweeps import register_sweep

        register_sweep("search.reindex", "由已存文档分块重建检索索引（多个进程分担）",
                       chunks=by_path("gongkai.search.services.reindex_chunks"))(
            by_path("gongkai.search.services.reindex_between"))
