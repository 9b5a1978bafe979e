import time

from django.core.management.base import CommandError

from gongkai.core import sweeps
from gongkai.core.command import GongkaiCommand
from gongkai.core.progress import Progress


class Command(GongkaiCommand):
    help = ("分块任务：start 名称 [--argument 参数] [--here] 开始一次（有任务队列时分块交给各进程，否则由定时任务处理；"
            "--here 在本进程内做完）；status 查看最近的运行；resume 编号 重新发送未完成的分块。")
    requires_migrations_checks = True

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        start = sub.add_parser("start", help="开始一次分块任务")
        start.add_argument("name", help="、".join(s.name for s in sweeps.sweeps()))
        start.add_argument("--argument", default="", help="参数（如报告年度、机构代码）")
        start.add_argument("--here", action="store_true", help="在本进程内依次处理全部分块，显示进度")
        start.add_argument("--wait", action="store_true", help="交给任务队列后等到全部分块完成")
        sub.add_parser("status", help="最近的分块任务及其进度")
        resume = sub.add_parser("resume", help="重新发送一次运行中未完成的分块")
        resume.add_argument("run", type=int)

    def handle(self, *args, verb, **options):
        getattr(self, f"_{verb}")(**options)

    def _start(self, *, name, argument, here, wait, **_):
        if name not in {s.name for s in sweeps.sweeps()}:
            raise CommandError(f"没有名为“{name}”的分块任务；可用：{'、'.join(s.name for s in sweeps.sweeps())}")
        started = time.perf_counter()
        run = sweeps.start(name, argument=argument, queue=False if here else None)
        self.stdout.write(f"分块任务 #{run.pk} {name}（{run.argument or '无参数'}）：{len(run.chunks)} 块"
                          + ("，已交给任务队列" if run.queued else ""))
        if here:
            with Progress(self.stderr, name, total=len(run.chunks)) as progress:
                for n, (first, last) in enumerate(sweeps.pending_chunks(run), start=1):
                    sweeps.run_chunk(name, run.pk, first, last)
                    progress(n)
        elif wait and run.queued:
            with Progress(self.stderr, name, total=len(run.chunks)) as progress:
                while (done := sweeps.progress(run)[0]) < len(run.chunks):
                    progress(done)
                    time.sleep(0.5)
                progress(done)
        if here or (wait and run.queued):
            self.stdout.write(f"完成：{len(run.chunks)} 块，{time.perf_counter() - started:.1f} 秒")

    def _status(self, **_):
        from gongkai.core.models import SweepRun

        for run in SweepRun.objects.order_by("-started_at")[:20]:
            done, total = sweeps.progress(run)
            state = "已完成" if run.finished_at else ("任务队列" if run.queued else "定时任务")
            self.stdout.write(f"#{run.pk}\t{run.name}\t{run.argument or '-'}\t{done}/{total}\t{state}\t"
                              f"{run.started_at:%Y-%m-%d %H:%M}")

    def _resume(self, *, run, **_):
        from gongkai.core.models import SweepRun

        found = SweepRun.objects.filter(pk=run).first()
        if found is None:
            raise CommandError(f"没有编号为 {run} 的分块任务")
        self.stdout.write(f"重新处理 {sweeps.resume(found)} 块")
