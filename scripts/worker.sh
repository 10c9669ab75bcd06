#!/usr/bin/env bash
# Keeps the background worker alive (`make run` starts it): before every start it resumes
# or closes import runs a dead worker left behind (`stadt360 recover_import_runs`), then
# runs `stadt360 db_worker`; when the worker dies it is started again after a pause that
# doubles from 1 s up to 60 s (and drops back to 1 s once a worker has run for a minute).
# Alongside, every PUBLISH_EVERY seconds (default 60) it runs Wagtail's `publish_scheduled`,
# which publishes pages whose go-live time has come and unpublishes expired ones.
#   scripts/worker.sh [db_worker options]      BIN=.venv/bin by default
set -u
BIN=${BIN:-.venv/bin}
PUBLISH_EVERY=${PUBLISH_EVERY:-60}
delay=1
child=""
ticker=""
stop() {
  [[ -n $ticker ]] && kill "$ticker" 2>/dev/null
  [[ -n $child ]] && kill "$child" 2>/dev/null && wait "$child"
  exit 0
}
trap stop INT TERM
publish_scheduled_loop() {
  trap 'exit 0' INT TERM
  while true; do
    "$BIN/stadt360" publish_scheduled >/dev/null || echo "worker.sh: publish_scheduled failed" >&2
    sleep "$PUBLISH_EVERY" &
    wait $!
  done
}
publish_scheduled_loop &
ticker=$!
while true; do
  "$BIN/stadt360" recover_import_runs || echo "worker.sh: recovery of import runs failed" >&2
  started=$SECONDS
  "$BIN/stadt360" db_worker --queue-name '*' "$@" &
  child=$!
  wait "$child"
  status=$?
  child=""
  (( SECONDS - started >= 60 )) && delay=1
  echo "worker.sh: db_worker stopped (exit $status); restarting in ${delay} s" >&2
  sleep "$delay" &
  wait $!
  delay=$(( delay * 2 > 60 ? 60 : delay * 2 ))
done
