"""The ``gongkai`` console command: Django's management commands plus the product's own.

Said once here for every command:

- a database that is not migrated yet (a table is missing and migrations are unapplied) is one line saying to
  run ``gongkai migrate``, exit code 2, not a traceback (``--traceback`` still shows it);
- the cyclic garbage collector is paused while Django starts (settings, apps, models: a few hundred thousand
  objects that live as long as the process, which the collector would scan again and again — about a seventh of
  a quick command's start) and resumes, with those objects frozen out of later collections (``gc.freeze``),
  when the command is looked up;
- when the reader of the output goes away (``gongkai demo logins | head -2``) the command stops quietly with the
  exit status of a process ended by SIGPIPE (141), as other Unix commands do (Python docs, "Note on SIGPIPE").

The exit codes of the product's own commands are in ``gongkai.core.command``.
"""

import gc
import os
import signal
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
    gc.disable()
    from django.core.management import ManagementUtility
    from django.db import OperationalError, ProgrammingError

    from gongkai.core.command import NOT_MIGRATED, USAGE, unapplied_migrations

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            _started()   # django.setup() has run: what was made so far lives as long as the process
            return super().fetch_command(subcommand)

    args = ["gongkai", *(sys.argv[1:] if argv is None else argv)]
    try:
        Utility(args).execute()
        sys.stdout.flush()  # inside the try: a reader that left shows here, not at interpreter exit
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at devnull so that flush cannot fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(128 + signal.SIGPIPE)
    except (OperationalError, ProgrammingError) as exc:
        # Only when migrations are indeed unapplied: otherwise a missing table is a fault to show.
        if "--traceback" in args or not (_missing_table(exc) and unapplied_migrations()):
            raise
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(str(NOT_MIGRATED).format(detail=detail) + "\n")
        sys.exit(USAGE)


def _started() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _missing_table(exc: Exception) -> bool:
    """SQLite says "no such table"; PostgreSQL gives SQLSTATE 42P01 (undefined_table, "relation … does not exist")."""
    return str(exc).startswith("no such table") or getattr(exc.__cause__, "sqlstate", None) == "42P01"


if __name__ == "__main__":
    main()
