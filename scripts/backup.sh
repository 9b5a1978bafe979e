#!/usr/bin/env bash
# Back up or restore a Gongkai deployment: the PostgreSQL database (pg_dump, custom format) and the files of
# GONGKAI_VAR_DIR (uploads and letters under media/, the secret key, the personal-data and index keys, the
# static site). Collected static files (GONGKAI_STATIC_ROOT) are left out: `gongkai collectstatic` remakes them.
#   scripts/backup.sh backup  DIR    writes DIR/database.dump and DIR/files.tar.gz (DIR is created, 0700)
#   scripts/backup.sh restore DIR    replaces the database's content and the files with those of DIR
# Reads GONGKAI_DATABASE_URL (postgresql://…) and GONGKAI_VAR_DIR (default var/) as the application does.
# Stop the web, worker and scheduler services before a restore (docs/deployment.md).
set -euo pipefail
verb="${1:-}"; dir="${2:-}"
[ -n "$verb" ] && [ -n "$dir" ] || { echo "usage: $0 backup|restore DIR" >&2; exit 2; }
url="${GONGKAI_DATABASE_URL:-}"
case "$url" in postgres://*|postgresql://*) ;; *)
  echo "GONGKAI_DATABASE_URL must name a PostgreSQL database (for the SQLite default, back up GONGKAI_VAR_DIR" \
       "with the services stopped)" >&2; exit 2 ;;
esac
var="${GONGKAI_VAR_DIR:-var}"
static_root="${GONGKAI_STATIC_ROOT:-$var/static}"
excludes=()
case "$(realpath -m "$static_root")/" in "$(realpath -m "$var")/"*)
  excludes+=(--exclude="./$(realpath -m --relative-to="$var" "$static_root")") ;;
esac

case "$verb" in
  backup)
    mkdir -p "$dir"; chmod 700 "$dir"
    pg_dump --format=custom --no-owner --file="$dir/database.dump" "$url"
    tar -C "$var" "${excludes[@]}" --exclude='./*.sqlite3*' -czf "$dir/files.tar.gz" .
    chmod 600 "$dir/database.dump" "$dir/files.tar.gz"
    echo "backup: $dir/database.dump $(du -h "$dir/database.dump" | cut -f1), $dir/files.tar.gz $(du -h "$dir/files.tar.gz" | cut -f1)"
    ;;
  restore)
    [ -f "$dir/database.dump" ] && [ -f "$dir/files.tar.gz" ] || { echo "no backup in $dir" >&2; exit 2; }
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$url" "$dir/database.dump"
    mkdir -p "$var"; chmod 700 "$var"
    tar -C "$var" -xzf "$dir/files.tar.gz"
    echo "restore: database and files of $dir are back"
    ;;
  *) echo "usage: $0 backup|restore DIR" >&2; exit 2 ;;
esac
