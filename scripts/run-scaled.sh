#!/usr/bin/env bash
# `make run-scaled`: Mimic's scaled topology on one machine, to show it (README: "Running at
# scale" runs the same pieces on several machines).
#
#   PostgreSQL (Debian's package) on 127.0.0.1:$SCALED_PG_PORT   data in .scaled/pg
#   Redis      (Debian's package) on 127.0.0.1:$SCALED_REDIS_PORT  event bus, queue, Reflex state
#   $SCALED_QUEUE_WORKERS queue workers (taskiq)                    run the sessions
#   $SCALED_BACKEND_WORKERS backend workers (granian, Reflex prod)  dashboard + API on :$PORT
#
# Everything stops with Ctrl-C; the data stays in .scaled/ for the next start.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-3000}
PG_PORT=${SCALED_PG_PORT:-5433}
REDIS_PORT=${SCALED_REDIS_PORT:-6380}
BACKENDS=${SCALED_BACKEND_WORKERS:-2}
WORKERS=${SCALED_QUEUE_WORKERS:-2}
DIR=$PWD/.scaled
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$DIR/redis" "$DIR/log"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# -- PostgreSQL: a cluster of our own, listening on loopback only --------------------------
if [ ! -s "$DIR/pg/PG_VERSION" ]; then
  echo "Creating a PostgreSQL cluster in $DIR/pg"
  mkdir -p "$DIR/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$DIR/pg" "$DIR/log"; }
  as_postgres "$PG_BIN/initdb" -D "$DIR/pg" -U postgres --auth=trust -E UTF8 >/dev/null
fi
[ "$(id -u)" != 0 ] || chown postgres "$DIR/log"
as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/log/postgres.log" -w status >/dev/null 2>&1 || \
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/log/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $DIR/pg" start >/dev/null
psql_() { as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "$1"; }
[ "$(psql_ "SELECT 1 FROM pg_roles WHERE rolname='mimic'")" = 1 ] || psql_ "CREATE ROLE mimic LOGIN PASSWORD 'mimic'"
[ "$(psql_ "SELECT 1 FROM pg_database WHERE datname='mimic'")" = 1 ] || psql_ "CREATE DATABASE mimic OWNER mimic"

# -- Redis ------------------------------------------------------------------------------------
redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || \
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DIR/redis" --appendonly yes \
    --daemonize yes --pidfile "$DIR/redis/redis.pid" --logfile "$DIR/log/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# -- Mimic: the same settings on every process --------------------------------------------
export MIMIC_DATABASE_URL="postgresql://mimic:mimic@127.0.0.1:$PG_PORT/mimic"
export MIMIC_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export REFLEX_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
export MIMIC_SESSION_EXECUTION=queue
export GRANIAN_WORKERS=$BACKENDS
.venv/bin/alembic upgrade head

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
         as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast stop >/dev/null 2>&1 || true
         redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; }
trap stop EXIT INT TERM

.venv/bin/taskiq worker app.worker:broker --workers "$WORKERS" \
  --max-async-tasks "${MIMIC_MAX_CONCURRENT_SESSIONS:-8}" >"$DIR/log/workers.log" 2>&1 &
pids+=($!)
echo "Started $WORKERS queue workers (log: .scaled/log/workers.log)"
echo "Starting $BACKENDS backend workers on http://localhost:$PORT (PostgreSQL :$PG_PORT, Redis :$REDIS_PORT)"
.venv/bin/reflex run --env prod --backend-host "${MIMIC_HOST:-127.0.0.1}" --frontend-port "$PORT" \
  --backend-port "$PORT" --loglevel warning &
pids+=($!)
wait "${pids[@]}"
