#!/usr/bin/env bash
# A PostgreSQL streaming replica of the primary on 127.0.0.1:5432, listening on 127.0.0.1:5433 (production
# mode's read replica, tested for real when CI=true). Idempotent: nothing to do when one already answers; made
# with pg_basebackup when its directory is missing; started with pg_ctl as the postgres user otherwise.
#   scripts/replica.sh          make or start it
#   scripts/replica.sh stop     stop it (the directory stays)
#   scripts/replica.sh reset    stop it and remove the directory (the next run makes a fresh copy)
set -euo pipefail
PRIMARY_PORT="${GONGKAI_PRIMARY_PORT:-5432}"
PORT="${GONGKAI_REPLICA_PORT:-5433}"
DIR="${GONGKAI_REPLICA_DIR:-/var/lib/postgresql/gongkai-replica-$PORT}"
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
HBA_LINE="host replication all 127.0.0.1/32 trust"

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@";
  else sudo -u postgres "$@"; fi
}
primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atqc "$1"; }

case "${1:-start}" in
  stop) [ -f "$DIR/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$DIR" -m fast stop; exit 0 ;;
  reset) [ -f "$DIR/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$DIR" -m fast stop || true
         as_postgres rm -rf "$DIR"; exit 0 ;;
esac

if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "replica: answering on 127.0.0.1:$PORT"; exit 0
fi
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PRIMARY_PORT" || { echo "replica: no primary on 127.0.0.1:$PRIMARY_PORT" >&2; exit 1; }

if [ ! -f "$DIR/PG_VERSION" ]; then
  level="$(primary "SHOW wal_level")"; senders="$(primary "SHOW max_wal_senders")"
  if [ "$level" = "minimal" ] || [ "$senders" = "0" ]; then
    echo "replica: the primary has wal_level=$level, max_wal_senders=$senders; set wal_level=replica and" \
         "max_wal_senders>0 and restart it" >&2; exit 1
  fi
  # Replication connections match only a "replication" line of pg_hba.conf; adding one needs a reload, not a restart.
  hba="$(primary "SHOW hba_file")"
  if ! grep -qE '^\s*host\s+replication\s+all\s+127\.0\.0\.1/32' "$hba"; then
    echo "replica: adding '$HBA_LINE' to $hba and reloading the primary"
    echo "$HBA_LINE" >> "$hba"
    primary "SELECT pg_reload_conf()" >/dev/null
  fi
  echo "replica: copying the primary into $DIR (pg_basebackup)"
  as_postgres mkdir -p "$(dirname "$DIR")"
  as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR" -R -X stream -c fast
  # Debian keeps the primary's configuration outside its data directory: the copy gets its own. A hot standby
  # needs these limits at least as high as the primary's.
  settings=""
  for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    settings+="$name = $(primary "SHOW $name")"$'\n'
  done
  as_postgres tee "$DIR/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
hot_standby = on
unix_socket_directories = '/tmp'
$settings
CONF
  as_postgres tee "$DIR/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all all 127.0.0.1/32 trust
HBA
  as_postgres touch "$DIR/pg_ident.conf"
fi
as_postgres "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/replica.log" -w -t 60 start >/dev/null
for _ in $(seq 1 60); do
  [ "$(psql -h 127.0.0.1 -p "$PORT" -U postgres -Atqc "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null)" = "1" ] \
    && { echo "replica: streaming on 127.0.0.1:$PORT from 127.0.0.1:$PRIMARY_PORT"; exit 0; }
  sleep 1
done
echo "replica: started but not streaming; see $DIR/replica.log" >&2
exit 1
