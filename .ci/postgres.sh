#!/usr/bin/env bash
# A local PostgreSQL server for the database-sink tests (tests/test_sinks.py).
#
#   eval "$(.ci/postgres.sh)"        # install if missing, start, create role+db, export the URL
#   .ci/postgres.sh start            # same; prints: export IDNEWS_TEST_POSTGRES_URL=...
#   .ci/postgres.sh stop             # stop the cluster (leaves data and packages in place)
#   .ci/postgres.sh status
#
# Runs as root (CI) or as a user with sudo-free access to pg_ctlcluster via root.
# Uses Debian's packages (postgresql, postgresql-common): apt-get install only if
# the server is missing.  Idempotent: running it twice changes nothing.
# Settings (environment): PGPORT (5432), IDNEWS_PG_USER (idnews),
# IDNEWS_PG_PASSWORD (idnews), IDNEWS_PG_DB (idnews_test), IDNEWS_PG_CLUSTER (main).
# Only the export line goes to stdout; progress goes to stderr.
set -euo pipefail

PORT="${PGPORT:-5432}"
PG_USER="${IDNEWS_PG_USER:-idnews}"
PG_PASSWORD="${IDNEWS_PG_PASSWORD:-idnews}"
PG_DB="${IDNEWS_PG_DB:-idnews_test}"
CLUSTER="${IDNEWS_PG_CLUSTER:-main}"

log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

server_version() {
    # Newest installed server major version (e.g. 15), empty when none.
    local v
    v=$(ls -1 /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then echo "$v"; fi
}

install_server() {
    if [ -n "$(server_version)" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL server is not installed and we are not root: install Debian's 'postgresql' package"
        exit 1
    fi
    log "installing Debian's postgresql packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
}

cluster_exists() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$CLUSTER" '$1==v && $2==c {f=1} END {exit !f}'; }
cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$CLUSTER" '$1==v && $2==c && $4 ~ /online/ {f=1} END {exit !f}'; }
cluster_port() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$CLUSTER" '$1==v && $2==c {print $3}'; }

start() {
    install_server
    local ver
    ver=$(server_version)
    if [ -z "$ver" ]; then log "no PostgreSQL server found under /usr/lib/postgresql"; exit 1; fi
    if ! cluster_exists "$ver"; then
        log "creating cluster $ver/$CLUSTER on port $PORT"
        pg_createcluster "$ver" "$CLUSTER" --port "$PORT" >&2
    elif [ "$(cluster_port "$ver")" != "$PORT" ]; then
        log "cluster $ver/$CLUSTER is configured for port $(cluster_port "$ver"), not $PORT: using its port"
        PORT=$(cluster_port "$ver")
    fi
    if cluster_online "$ver"; then
        log "cluster $ver/$CLUSTER already running on port $PORT"
    else
        log "starting cluster $ver/$CLUSTER"
        # Containers often lack /var/run/postgresql (a tmpfs on real systems).
        install -d -o postgres -g postgres -m 2775 /var/run/postgresql 2>/dev/null || true
        pg_ctlcluster "$ver" "$CLUSTER" start >&2
    fi
    local i
    for i in $(seq 1 30); do
        if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
        sleep 0.5
    done
    pg_isready -q -h 127.0.0.1 -p "$PORT" || { log "server did not become ready on port $PORT"; exit 1; }

    # Role and database (idempotent). Password login over TCP (Debian's pg_hba: scram-sha-256).
    local pw_sql=${PG_PASSWORD//\'/\'\'}
    if [ "$(as_postgres psql -p "$PORT" -XtAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != 1 ]; then
        log "creating role $PG_USER"
        as_postgres psql -p "$PORT" -Xq -v ON_ERROR_STOP=1 -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$pw_sql'" >&2
    else
        as_postgres psql -p "$PORT" -Xq -v ON_ERROR_STOP=1 -c "ALTER ROLE \"$PG_USER\" LOGIN PASSWORD '$pw_sql'" >&2
    fi
    if [ "$(as_postgres psql -p "$PORT" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
        log "creating database $PG_DB"
        as_postgres createdb -p "$PORT" -O "$PG_USER" "$PG_DB" >&2
    fi
    echo "export IDNEWS_TEST_POSTGRES_URL=postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/$PG_DB"
}

stop() {
    local ver
    ver=$(server_version)
    if [ -n "$ver" ] && cluster_online "$ver"; then
        log "stopping cluster $ver/$CLUSTER"
        pg_ctlcluster "$ver" "$CLUSTER" stop >&2
    else
        log "no running cluster $CLUSTER"
    fi
}

status() {
    command -v pg_lsclusters >/dev/null && pg_lsclusters >&2 || log "PostgreSQL is not installed"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
