from gongkai.core.command import GongkaiCommand
from gongkai.core.timed import SKIPPED, is_error, run_timed_jobs


class Command(GongkaiCommand):
    help = "运行一次定时任务（定时发布、期限提醒、补正与缴费期满处理、发送待发消息）。部署时每分钟运行一次。"
    requires_migrations_checks = True  # every job would fail on the missing tables: say it once

    def handle(self, *args, **options):
        results = run_timed_jobs()
        for name, outcome in results.items():
            if outcome == SKIPPED:
                outcome = "跳过：另一次运行尚未结束"
            self.stdout.write(f"{name}: {outcome}")
        if any(is_error(v) for v in results.values()):
            raise SystemExit(1)
