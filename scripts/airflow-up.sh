#!/usr/bin/env bash
# `make airflow`: a running local Airflow for this project, with nothing left to do by hand.
# Starts the demo portal (the default registry's source), the api-server, scheduler, dag-processor and
# triggerer in the background (logs and pids under $AIRFLOW_HOME/run), unpauses both DAGs and prints the URL
# and the login. `make airflow-stop` (scripts/airflow-up.sh stop) stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
# Airflow's own default level, so task logs carry the INFO lines (one per crawled source, the run's summary);
# airflow-env.sh quietens the one-shot commands (make demo, airflow dags test) to WARNING
LOG_LEVEL="${AIRFLOW__LOGGING__LOGGING_LEVEL:-INFO}"
source scripts/airflow-env.sh
export AIRFLOW__LOGGING__LOGGING_LEVEL="$LOG_LEVEL"
RUN="$AIRFLOW_HOME/run"
mkdir -p "$RUN"
PORT="${AIRFLOW_PORT:-8080}"
DEMO_PORT="${SELFEVAL_DEMO_PORT:-8000}"
SERVICES=(demo-portal api-server scheduler dag-processor triggerer)

stop() {
  for name in "${SERVICES[@]}"; do
    pidfile="$RUN/$name.pid"
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$pid" 2>/dev/null || true   # what did not stop in 10 s
    rm -f "$pidfile"
    echo "stopped $name"
  done
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi
stop >/dev/null  # a second `make airflow` restarts cleanly

export SELFEVAL_DEMO_BASE_URL="${SELFEVAL_DEMO_BASE_URL:-http://127.0.0.1:$DEMO_PORT}"
export AIRFLOW__API__BASE_URL="${AIRFLOW__API__BASE_URL:-http://127.0.0.1:$PORT}"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS:-admin:admin}"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="${AIRFLOW__CORE__EXECUTION_API_SERVER_URL:-http://127.0.0.1:$PORT/execution/}"

if [ ! -f "$AIRFLOW_HOME/.pools-ok" ] || [ airflow/pools.json -nt "$AIRFLOW_HOME/.pools-ok" ]; then
  airflow db migrate >/dev/null   # a fresh AIRFLOW_HOME (make setup prepares the project's own)
  airflow pools import airflow/pools.json >/dev/null
  touch "$AIRFLOW_HOME/.pools-ok"
fi

start() {  # name, command...: own session (process group) so stop() takes its children too
  local name=$1; shift
  setsid nohup "$@" >"$RUN/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$name.pid"
}

start demo-portal selfeval demo-portal --port "$DEMO_PORT"
start api-server airflow api-server --port "$PORT"
start scheduler airflow scheduler
start dag-processor airflow dag-processor
start triggerer airflow triggerer

echo -n "waiting for the api-server on :$PORT "
for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:$PORT/api/v2/monitor/health" >/dev/null 2>&1; then break; fi
  echo -n "."; sleep 2
done
echo
echo -n "waiting for the DAGs to be parsed "
for _ in $(seq 1 90); do
  if airflow dags unpause selfeval_crawl >/dev/null 2>&1 && airflow dags unpause selfeval_process >/dev/null 2>&1; then
    ok=1; break
  fi
  echo -n "."; sleep 2
done
echo
if [ -z "${ok:-}" ]; then
  echo "the DAGs were not parsed in time: see $RUN/dag-processor.log" >&2
  exit 1
fi
pw="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
echo "Airflow:      http://127.0.0.1:$PORT   (both DAGs unpaused; the Self-eval view is in the menu)"
echo "demo portal:  $SELFEVAL_DEMO_BASE_URL"
if [ -f "$pw" ]; then
  chmod 600 "$pw"
  echo "login:        $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(', '.join(f'{u} / {p}' for u, p in d.items()))" "$pw")"
fi
echo "logs:         $RUN/*.log      stop: make airflow-stop"
