#!/usr/bin/env bash
# Keeps the background worker alive (`make run` starts it): before every start it resumes
# or closes import runs a dead worker left behind (`stadt360 recover_import_runs`), then
# runs `stadt360 db_worker`; when the worker dies it is started again after a pause that
# doubles from 1 s up to 60 s (and drops back to 1 s once a worker has run for a minute).
# Beside it, every PERIODIC_SECONDS (60) it runs the periodic jobs that must not wait for a
# day: Wagtail's `publish_scheduled` (pages whose go-live time has come, expired ones) and
# `stadt360 events_periodic` (waiting-list offers that ran out, tomorrow's reminders).
#   scripts/worker.sh [db_worker options]      BIN=.venv/bin by default
set -u
BIN=${BIN:-.venv/bin}
PERIODIC_SECONDS=${PERIODIC_SECONDS:-60}
delay=1
child=""
periodic=""
stop() {
  [[ -n $periodic ]] && kill "$periodic" 2>/dev/null && wait "$periodic"
  [[ -n $child ]] && kill "$child" 2>/dev/null && wait "$child"
  exit 0
}
# Runs in a subshell; on TERM it ends its running command or pause too (nothing is left
# holding the supervisor's output open).
run_periodic() {
  local job=""
  trap '[[ -n $job ]] && kill "$job" 2>/dev/null; exit 0' TERM
  while true; do
    for command in publish_scheduled events_periodic; do
      "$BIN/stadt360" "$command" >/dev/null &
      job=$!
      wait "$job" || echo "worker.sh: $command failed" >&2
    done
    sleep "$PERIODIC_SECONDS" &
    job=$!
    wait "$job"
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
