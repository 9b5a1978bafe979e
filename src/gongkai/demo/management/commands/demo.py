from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.core.command import GongkaiCommand
from gongkai.core.planner_statistics import analyze_after_bulk_load
from gongkai.core.progress import Progress
from gongkai.demo.district_2017 import DEMO_ACCOUNTS, DEMO_PASSWORD
from gongkai.demo.steps import STEPS, run_steps


class Command(GongkaiCommand):
    help = "演示数据：load（载入，已载入则跳过）；logins（列出演示账号）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        load = sub.add_parser("load", help="载入演示数据")
        load.add_argument("--if-empty", action="store_true", help="数据库中已有机构时什么也不做")
        load.add_argument("--force", action="store_true", help="DEBUG 关闭时也载入（演示账号的密码是公开的）")
        logins = sub.add_parser("logins", help="列出演示账号和密码")
        logins.add_argument("--url", default="http://127.0.0.1:8000/", help="网站地址（默认 http://127.0.0.1:8000/）")

    def handle(self, *args, verb, **options):
        if verb == "load":
            if options["if_empty"] and Agency.objects.exists():
                self.stdout.write("[演示数据] 已存在，跳过载入")
            else:
                self.refuse_in_production(options["force"])
                # The bar closes after the commit: what runs on commit (the search index of every published item,
                # the page cache) is part of the wait, and the last line's time includes it.
                with Progress(self.stderr, "载入演示数据", total=len(STEPS)) as progress:
                    with transaction.atomic():
                        progress(0)
                        run_steps(progress.note if progress.tty else self.stdout.write, on_progress=progress)
                        progress.note("[演示数据] 提交，写入检索索引……")
                analyze_after_bulk_load()   # the first pages are served before the minute timer runs
        else:
            self.print_logins(options["url"].rstrip("/") + "/")

    def refuse_in_production(self, force: bool) -> None:
        if settings.DEBUG:
            return
        if not force:
            raise CommandError("DEBUG 关闭（生产配置）时不载入演示数据：演示账号的密码是公开的。"
                               "确需在本机演示时加 --force。")
        self.stderr.write("警告：DEBUG 关闭时载入演示数据，演示账号的密码是公开的，不得用于生产环境。")

    def print_logins(self, url: str):
        self.stdout.write("演示账号（仅供演示，密码相同）：")
        self.stdout.write(f"  {'admin':<18} 平台管理员（超级用户）")
        for username, display, agency_code, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<18} {display}（{agency_code}，{role}）")
        self.stdout.write(f"  密码：{DEMO_PASSWORD}")
        self.stdout.write(f"  工作台：{url}staff/    门户：{url}")
