#!/usr/bin/env bash
# The whole suite: lint, layer contracts, the tests on SQLite and, when CI=true (or asked for), on PostgreSQL
# and in production mode on the real services (Redis, RabbitMQ, PostgreSQL with its streaming replica).
#
# The production-mode tests run beside the SQLite run: they share nothing with it (they use PostgreSQL, Redis
# databases 5 and 6 and RabbitMQ; the SQLite run's workers use SQLite files and Redis databases 7 and 8), and
# they spend much of their time waiting for the processes they start. Their output goes to
# var/test-production.log, printed in one piece when they end. Running the PostgreSQL run beside them too was
# slower than after them: the two cores are the limit (docs/development.md, "Test time").
set -uo pipefail
BIN=.venv/bin
# Every process of the run (the test workers and the product processes the tests start) shares compiled
# bytecode and pytest's rewritten test modules, kept under var/ so the tree stays clean: without it each of
# them compiles the sources again (about 5 s of each worker's collection, 0.2–0.5 s a product process).
unset PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX="$PWD/var/pycache"
mkdir -p var
status=0
started=$SECONDS
stage() { echo "== $1 ($((SECONDS - started)) s since the suite started)"; }

stage "ruff"
$BIN/ruff check src tests bench || status=1
stage "import-linter (layers of docs/architecture)"
$BIN/lint-imports --no-cache || status=1
stage "migrations in step with models"
GONGKAI_DATABASE_URL="sqlite:///var/migration-check.sqlite3" $BIN/gongkai makemigrations --check --dry-run >/dev/null \
  || { echo "models changed without a migration"; status=1; }

PG_URL="${GONGKAI_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/gongkai}"
on_postgres=""; in_production=""
[ "${CI:-}" = "true" ] || [ -n "${GONGKAI_TEST_POSTGRES:-}" ] && on_postgres=1
[ "${CI:-}" = "true" ] || [ -n "${GONGKAI_TEST_PRODUCTION:-}" ] && in_production=1

if [ -n "$on_postgres$in_production" ]; then
  if ! GONGKAI_DATABASE_URL="$PG_URL" $BIN/python - <<'PY'
import os, sys
import psycopg
from urllib.parse import urlsplit
u = urlsplit(os.environ["GONGKAI_DATABASE_URL"])
try:
    psycopg.connect(host=u.hostname, port=u.port or 5432, user=u.username or "postgres",
                    password=u.password or None, dbname="postgres", connect_timeout=5).close()
except Exception as exc:
    print(f"cannot connect to PostgreSQL at {u.hostname}:{u.port}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
  then
    echo "PostgreSQL is required when CI=true: failing."
    exit 1
  fi
fi

pids=(); names=(); logs=()
beside() {   # beside NAME COMMAND...: run a part of the suite in the background, its output to var/test-NAME.log
  local name=$1; shift
  ( "$@" ) >"var/test-$name.log" 2>&1 &
  pids+=($!); names+=("$name"); logs+=("var/test-$name.log")
}
production_run() {
  # Tests marked "production"; elsewhere they skip with the reason; with CI=true a missing service fails them.
  make --no-print-directory replica || echo "replica: make replica failed; the replica test runs it once more and reports"
  GONGKAI_TEST_PRODUCTION=1 GONGKAI_DATABASE_URL="$PG_URL" $BIN/pytest -p no:xdist -p no:cacheprovider \
    -m production tests/test_engines_production.py
}
if [ -n "$in_production" ]; then
  stage "production mode (Redis, RabbitMQ, PostgreSQL replica), beside the SQLite run: var/test-production.log"
  beside production production_run
else
  echo "Production mode: skipped (runs when CI=true or GONGKAI_TEST_PRODUCTION=1)"
fi
trap 'kill "${pids[@]}" 2>/dev/null' INT TERM

stage "tests on SQLite"
unset GONGKAI_DATABASE_URL
$BIN/pytest -n 2 --dist loadscope "$@"
rc=$?; [ $rc -eq 0 ] || status=$rc

if [ -n "$on_postgres" ]; then
  stage "tests on PostgreSQL ($PG_URL)"
  # The tests that can meet the database (tests/database_runs.py: the others ran on SQLite, and their code
  # does not depend on the database), with Redis databases of their own (tests/engines_services.py).
  GONGKAI_TEST_DATABASE_RUN=1 GONGKAI_TEST_REDIS_DB=10 GONGKAI_DATABASE_URL="$PG_URL" \
    $BIN/pytest -n 2 --dist loadscope -m "not browser" "$@"
  rc=$?; [ $rc -eq 0 ] || status=$rc
else
  echo "PostgreSQL: skipped (runs when CI=true or GONGKAI_TEST_POSTGRES=1; needs 127.0.0.1:5432)"
fi

for n in "${!pids[@]}"; do
  wait "${pids[$n]}"
  rc=$?
  stage "${names[$n]} ended (exit status $rc): ${logs[$n]}"
  cat "${logs[$n]}"
  [ $rc -eq 0 ] || status=$rc
done
stage "done (exit status $status)"
exit $status
