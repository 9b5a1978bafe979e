"""``gongkai report``: check a published report, build one from records, import past reports.

    gongkai report check FILE.json [--previous FILE.json]
    gongkai report build --agency CODE --year YYYY [--form 2021|2019|legacy] [--format ...] [--out PATH]
    gongkai report import --agency CODE [--year YYYY] FILE.json|FILE.xlsx
"""

from gongkai.core.command import Finding, GongkaiCommand
from gongkai.reports.management.report_arguments import add_build_arguments

# Each verb imports what it runs: ``check`` reads a JSON file and needs none of the statistics, renderers and
# importers that ``build`` and ``import`` use (a third of the command's start-up time).


class Command(GongkaiCommand):
    help = "年度报告：check 检查交换格式的报告；build 由记录生成报告；import 导入往年报告。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        check = sub.add_parser("check", help="检查一份交换格式（JSON）报告的勾稽关系；全部成立时退出码为0，否则为1")
        check.add_argument("file")
        check.add_argument("--previous", help="上一年度报告（JSON），用于跨年度检查（只作警告）")
        build = sub.add_parser("build", help="由平台记录生成某机构某年度的报告")
        add_build_arguments(build)
        imp = sub.add_parser("import", help="导入往年报告（JSON 或 XLSX），作为跨年度检查的历史")
        imp.add_argument("file")
        imp.add_argument("--agency", required=True)
        imp.add_argument("--year", type=int, help="默认取文件中的年度；指定时须与文件一致")

    def handle(self, *args, verb, **options):
        if verb == "check":
            from gongkai.reports.management.report_check import run_check

            ok = run_check(options["file"], options.get("previous"), write=self.stdout.write)
            if not ok:
                raise Finding("勾稽关系不成立")
        elif verb == "build":
            from gongkai.reports.management.report_build import run_build

            run_build(options, stdout=self.stdout, stderr=self.stderr)
        else:
            from gongkai.reports.management.report_build import run_import

            run_import(options, write=self.stdout.write)
