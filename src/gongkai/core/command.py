"""The base of the product's own ``gongkai`` commands: one exit-code contract, said in every ``--help``.

    0  done
    1  a finding: the command ran and what it checked is wrong (``report check``: an identity does not hold;
       ``catalog import``: a bad row; ``tick``: a job failed)
    2  bad usage, or the command cannot run as asked: a wrong argument, a file or an agency code that does not
       exist, a database not migrated yet (the last one is said by ``gongkai.config.cli``)

Django's ``CommandError`` exits 1 by default; in a ``GongkaiCommand`` it means "cannot do what was asked" and
exits 2. A command that found something raises ``Finding`` (exit 1).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

SUCCESS, FINDING, USAGE = 0, 1, 2

EXIT_CODES = _(
    "退出码：0 成功；1 有发现（检查或导入的内容有误、定时任务失败）；"
    "2 用法错误或无法执行（参数有误、文件或机构代码不存在、数据库尚未迁移）。"
)


class Finding(CommandError):
    """The command ran and found something wrong in what it checked: exit code 1."""

    def __init__(self, *args):
        super().__init__(*args, returncode=FINDING)


class GongkaiCommand(BaseCommand):
    # Django's system checks import every URL module: half the start-up time of a command that answers in
    # milliseconds. They run in ``gongkai check`` (and ``--deploy``), ``migrate`` and ``runserver``.
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("epilog", str(EXIT_CODES))
        return super().create_parser(prog_name, subcommand, **kwargs)

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except Finding:
            raise
        except CommandError as exc:
            exc.returncode = USAGE
            raise
