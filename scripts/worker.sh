#!/usr/bin/env bash
# Keeps the background worker alive (`make run` starts it): before every start it resumes
# or closes import runs a dead worker left behind (`stadt360 recover_import_runs`), then
# runs `stadt360 db_worker`; when the worker dies it is started again after a pause that
# doubles from 1 s up to 60 s (and drops back to 1 s once a worker has run for a minute).
# Beside it, every PERIODIC_SECONDS (300) it runs the periodic jobs that must not wait for a
# day: `stadt360 events_periodic` (waiting-list offers that ran out, tomorrow's reminders).
#   scripts/worker.sh [db_worker options]      BIN=.venv/bin by default
set -u
BIN=${BIN:-.venv/bin}
PERIODIC_SECONDS=${PERIODIC_SECONDS:-300}
delay=1
child=""
periodic=""
stop() {
  [[ -n $periodic ]] && kill "$periodic" 2>/dev/null
  [[ -n $child ]] && kill "$child" 2>/dev/null && wait "$child"
  exit 0
}
run_periodic() {
  while true; do
    "$BIN/stadt360" events_periodic >/dev/null || echo "worker.sh: events_periodic failed" >&2
    sleep "$PERIODIC_SECONDS"
  done
}
run_periodic &
periodic=$!
trap stop INT TERM
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
