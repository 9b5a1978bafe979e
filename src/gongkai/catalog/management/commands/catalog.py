from pathlib import Path

from django.core.management.base import CommandError

from gongkai.agencies.models import Agency
from gongkai.catalog.services.importing import import_catalog
from gongkai.core.actors import System
from gongkai.core.command import Finding, GongkaiCommand
from gongkai.core.progress import Progress


class Command(GongkaiCommand):
    help = "主动公开目录：import 文件.csv|文件.xlsx [--agency 机构代码] [--dry-run]（逐行检查，有错误则不写入）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="从 CSV 或 XLSX 导入已公开的目录")
        imp.add_argument("file")
        imp.add_argument("--agency", help="发布机构代码（文件中无“发布机构”列时必填）")
        imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, verb, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except OSError:
            raise CommandError(f"无法读取文件：{path}") from None
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"机构代码不存在：{options['agency']}")
        with Progress(self.stderr, "检查并导入目录") as progress:
            report = import_catalog(actor=System, name=path.name, data=data, agency=agency, dry_run=options["dry_run"],
                                    on_progress=progress)
        for problem in report.file_problems:
            self.stderr.write(problem)
        for error in report.errors:
            self.stderr.write(str(error))
        for warning in report.warnings[:50]:
            self.stdout.write(f"提示 {warning}")
        if not report.ok:
            raise Finding(f"检查未通过：{len(report.errors)} 处错误，共 {report.rows} 行；未写入任何数据")
        if report.dry_run:
            self.stdout.write(f"检查通过：{report.rows} 行均可导入（未写入）")
        else:
            self.stdout.write(f"已导入 {report.written} 条信息（直接发布 {report.published} 条，进入审核 {report.held} 条）")
