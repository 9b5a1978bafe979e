"""The arguments of ``gongkai report build``, apart from the build itself so that ``--help`` and the other verbs
do not import the statistics and the renderers."""

from gongkai.reports.domain.forms import ReportForm

FORMATS = ("text", "json", "html", "pdf", "docx", "xlsx")


def add_build_arguments(parser) -> None:
    parser.add_argument("--agency", required=True, help="机构代码，如 wsjkq")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--form", choices=[f.value for f in ReportForm], help="默认按年度：2018年及以前 legacy")
    parser.add_argument("--format", choices=FORMATS, default="text", help="默认 text（在终端打印）")
    parser.add_argument("--out", help="输出文件；pdf/docx/xlsx 必须指定")
    parser.add_argument("--include", default=None,
                        help="汇总的下级机构代码，逗号分隔；* 为全部下级。默认：政府汇总全部下级，其他机构只统计本机构")
    parser.add_argument("--from-records", action="store_true", help="即使已有发布的报告，也由记录重新统计（指定 --include 时亦然）")
