import time

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management.base import CommandError

from gongkai.core.command import GongkaiCommand
from gongkai.core.progress import Progress
from gongkai.portal import page_cache, site_publication, static_site


class Command(GongkaiCommand):
    help = "门户：publish 把全部公开页面写成静态文件（GONGKAI_STATIC_SITE_DIR），供 nginx 直接提供。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        publish = sub.add_parser("publish", help="重新生成全部静态页面")
        publish.add_argument("--queue", action="store_true",
                             help="信息页面分块交给任务队列的各个进程写入（需要 GONGKAI_BROKER_URL）")

    def handle(self, *args, verb, queue=False, **options):
        from gongkai.core.queue import queue_enabled

        if queue and not queue_enabled():
            raise CommandError("未配置任务队列：--queue 需要 GONGKAI_BROKER_URL")
        # Pages name their CSS and scripts by the hashed names of the collected static files.
        if isinstance(staticfiles_storage, ManifestFilesMixin) and staticfiles_storage.read_manifest() is None:
            raise CommandError("静态文件尚未收集：请先运行 gongkai collectstatic --noinput")
        started = time.perf_counter()
        page_cache.invalidate()
        if queue:
            from gongkai.portal.publication import republish_through_queue

            written, run = republish_through_queue()
            with Progress(self.stderr, "写入各网站的静态页面（网站）") as progress:
                written += site_publication.publish_all_sites(on_progress=progress)
            self.stdout.write(f"{written} 个栏目页面已写入 {static_site.site_dir()}，信息页面分 {len(run.chunks)} "
                              f"个任务交给任务队列（分块任务 #{run.pk}，gongkai sweep status 查看进度）")
            return
        with Progress(self.stderr, "写入静态页面") as progress:
            written = static_site.publish_all(on_progress=progress)
        with Progress(self.stderr, "写入各网站的静态页面（网站）") as progress:
            written += site_publication.publish_all_sites(on_progress=progress)
        self.stdout.write(f"{written} 个页面已写入 {static_site.site_dir()}（{time.perf_counter() - started:.1f} 秒）")
