from gongkai.core.command import GongkaiCommand
from gongkai.core.timed import run_timed_jobs


class Command(GongkaiCommand):
    help = "运行一次定时任务（定时发布、期限提醒、补正与缴费期满处理）。部署时每分钟运行一次。"
    requires_migrations_checks = True  # every job would fail on the missing tables: say it once

    def handle(self, *args, **options):
        results = run_timed_jobs()
        for name, outcome in results.items():
            self.stdout.write(f"{name}: {outcome}")
        if any(isinstance(v, str) for v in results.values()):
            raise SystemExit(1)
