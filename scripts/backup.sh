#!/usr/bin/env bash
# Back up or restore a Gongkai deployment: the PostgreSQL database (pg_dump, custom format) and the files of
# GONGKAI_VAR_DIR (uploads and letters under media/, the secret key, the personal-data and index keys, the
# static site), and the file-system storages kept outside it: GONGKAI_MEDIA_ROOT (attachments, letters,
# redactions) and GONGKAI_STATIC_SITE_DIR (the static site), as DIR/media.tar.gz and DIR/site.tar.gz.
# Storages moved to another backend by GONGKAI_STORAGES (an object store) are backed up by that store
# (versioning, replication); the script says which. Collected static files (GONGKAI_STATIC_ROOT) are left
# out: `gongkai collectstatic` remakes them.
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

# The file-system storages outside GONGKAI_VAR_DIR: name -> directory.
outside=()
for pair in "media=${GONGKAI_MEDIA_ROOT:-}" "site=${GONGKAI_STATIC_SITE_DIR:-}"; do
  name="${pair%%=*}"; path="${pair#*=}"
  [ -n "$path" ] || continue
  case "$(realpath -m "$path")/" in "$(realpath -m "$var")/"*) ;; *) outside+=("$name=$path") ;; esac
done
if [ -n "${GONGKAI_STORAGES:-}" ]; then
  echo "note: storages configured by GONGKAI_STORAGES are not in this backup; back them up with their store" \
       "($GONGKAI_STORAGES)" >&2
fi

case "$verb" in
  backup)
    mkdir -p "$dir"; chmod 700 "$dir"
    pg_dump --format=custom --no-owner --file="$dir/database.dump" "$url"
    tar -C "$var" "${excludes[@]}" --exclude='./*.sqlite3*' -czf "$dir/files.tar.gz" .
    chmod 600 "$dir/database.dump" "$dir/files.tar.gz"
    for pair in "${outside[@]}"; do
      name="${pair%%=*}"; path="${pair#*=}"
      if [ -d "$path" ]; then tar -C "$path" -czf "$dir/$name.tar.gz" . && chmod 600 "$dir/$name.tar.gz"; fi
    done
    echo "backup: $dir/database.dump $(du -h "$dir/database.dump" | cut -f1), $dir/files.tar.gz $(du -h "$dir/files.tar.gz" | cut -f1)"
    ;;
  restore)
    [ -f "$dir/database.dump" ] && [ -f "$dir/files.tar.gz" ] || { echo "no backup in $dir" >&2; exit 2; }
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$url" "$dir/database.dump"
    mkdir -p "$var"; chmod 700 "$var"
    tar -C "$var" -xzf "$dir/files.tar.gz"
    for pair in "${outside[@]}"; do
      name="${pair%%=*}"; path="${pair#*=}"
      if [ -f "$dir/$name.tar.gz" ]; then mkdir -p "$path" && tar -C "$path" -xzf "$dir/$name.tar.gz"; fi
    done
    echo "restore: database and files of $dir are back"
    ;;
  *) echo "usage: $0 backup|restore DIR" >&2; exit 2 ;;
esac
