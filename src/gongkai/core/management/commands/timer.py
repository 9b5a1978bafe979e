import time

from django.db import close_old_connections

from gongkai.core.command import GongkaiCommand
from gongkai.core.timed import run_timed_jobs


class Command(GongkaiCommand):
    help = "每分钟运行一次定时任务，直到被停止（make run 使用）。"
    requires_migrations_checks = True  # every job would fail on the missing tables: say it once

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="两次运行之间的秒数（默认 60）")

    def handle(self, *args, interval, **options):
        while True:
            started = time.monotonic()
            close_old_connections()
            results = run_timed_jobs()
            changed = {k: v for k, v in results.items() if v}
            if changed:
                self.stdout.write(f"{time.strftime('%H:%M:%S')} {changed}")
            time.sleep(max(1.0, interval - (time.monotonic() - started)))
