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

replica() { psql -h 127.0.0.1 -p "$PORT" -U postgres -Atqc "$1" 2>/dev/null; }
streaming() { [ "$(replica "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")" = "1" ]; }

"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PRIMARY_PORT" || { echo "replica: no primary on 127.0.0.1:$PRIMARY_PORT" >&2; exit 1; }

# One that answers is used only when it is a streaming, replaying copy of this primary. A copy left from an
# earlier session can be of another cluster, behind WAL the primary has recycled (it never catches up), or
# paused by a test that was killed between pg_wal_replay_pause() and the resume: each is made fresh or resumed.
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ "$(replica "SELECT system_identifier FROM pg_control_system()")" != \
       "$(primary "SELECT system_identifier FROM pg_control_system()")" ] \
     || [ "$(replica "SELECT pg_is_in_recovery()")" != "t" ]; then
    echo "replica: 127.0.0.1:$PORT is not a standby of this primary; making a fresh copy"
    "$0" reset
  else
    [ "$(replica "SELECT pg_is_wal_replay_paused()")" = "t" ] && {
      echo "replica: replay was paused (a test stopped half-way); resuming it"; replica "SELECT pg_wal_replay_resume()" >/dev/null; }
    for _ in $(seq 1 15); do streaming && break; sleep 1; done
    if streaming; then echo "replica: answering and streaming on 127.0.0.1:$PORT"; exit 0; fi
    echo "replica: 127.0.0.1:$PORT answers but does not stream from the primary; the end of its log:" >&2
    as_postgres tail -n 5 "$DIR/replica.log" >&2 || true
    echo "replica: making a fresh copy"
    "$0" reset
  fi
fi

make_copy() {
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
  # The copy is the whole cluster: say so plainly when the disk cannot hold it (a full disk otherwise shows up
  # only as a pg_basebackup error in the middle of the copy).
  as_postgres mkdir -p "$(dirname "$DIR")"
  need_kb=$(( $(primary "SELECT sum(pg_database_size(datname)) FROM pg_database") / 1024 ))
  free_kb="$(df -Pk "$(dirname "$DIR")" | awk 'NR==2 {print $4}')"
  echo "replica: copying the primary ($(( need_kb / 1024 )) MB; $(( free_kb / 1024 )) MB free) into $DIR (pg_basebackup)"
  if [ "$free_kb" -lt $(( need_kb + 262144 )) ]; then
    echo "replica: not enough free disk for a copy of the primary under $(dirname "$DIR")" >&2; exit 1
  fi
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
}

# Starts the copy in $DIR and waits until it streams; false (with the end of its log) when it does not.
start_and_wait() {
  if ! as_postgres "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/replica.log" -w -t 60 start >/dev/null; then
    echo "replica: pg_ctl could not start the copy in $DIR; the end of its log:" >&2
    as_postgres tail -n 8 "$DIR/replica.log" >&2 || true
    return 1
  fi
  for _ in $(seq 1 60); do
    streaming && { echo "replica: streaming on 127.0.0.1:$PORT from 127.0.0.1:$PRIMARY_PORT"; return 0; }
    sleep 1
  done
  echo "replica: started but not streaming after 60 s; the end of its log:" >&2
  as_postgres tail -n 8 "$DIR/replica.log" >&2 || true
  return 1
}

# A directory left from an earlier session may not start or catch up (another cluster's copy, WAL the primary
# has recycled, a stale lock file): it gets one fresh copy before the script gives up.
if [ -f "$DIR/PG_VERSION" ]; then
  start_and_wait && exit 0
  echo "replica: the copy in $DIR does not serve; making a fresh one"
  "$0" reset
fi
make_copy
start_and_wait
