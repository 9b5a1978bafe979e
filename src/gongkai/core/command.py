"""The base of the product's own ``gongkai`` commands: one exit-code contract, said in every ``--help``.

    0  done
    1  a finding: the command ran and what it checked is wrong (``report check``: an identity does not hold;
       ``catalog import``: a bad row; ``tick``: a job failed)
    2  bad usage, or the command cannot run as asked: a wrong argument, a file or an agency code that does not
       exist, a database not migrated yet (said by ``gongkai.config.cli`` when a table is missing, and before
       running by the commands that set ``requires_migrations_checks``)

Django's ``CommandError`` exits 1 by default; in a ``GongkaiCommand`` it means "cannot do what was asked" and
exits 2. A command that found something raises ``Finding`` (exit 1).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SUCCESS, FINDING, USAGE = 0, 1, 2

EXIT_CODES = _(
    "退出码：0 成功；1 有发现（检查或导入的内容有误、定时任务失败）；"
    "2 用法错误或无法执行（参数有误、文件或机构代码不存在、数据库尚未迁移）。"
)
NOT_MIGRATED = _("数据库尚未迁移（{detail}）：请先运行 gongkai migrate")


def unapplied_migrations() -> int:
    """How many migrations wait to be applied to the database (0 when the database cannot be asked)."""
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return 0


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

    def check_migrations(self):
        """Django warns and goes on; a product command that sets ``requires_migrations_checks`` (one that would
        otherwise report every job's failure on missing tables, as ``tick``) refuses in one line instead."""
        count = unapplied_migrations()
        if count:
            detail = ngettext("%(count)d 个迁移未运行", "%(count)d 个迁移未运行", count) % {"count": count}
            raise CommandError(str(NOT_MIGRATED).format(detail=detail))

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except Finding:
            raise
        except CommandError as exc:
            exc.returncode = USAGE
            raise
