#!/usr/bin/env bash
# The whole suite. Tests that need PostgreSQL start a throwaway server themselves (tests/conftest.py).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/airflow-env.sh
export SELFEVAL_TEST_OUTPUT="${SELFEVAL_TEST_OUTPUT:-$PWD/test-output}"
mkdir -p "$SELFEVAL_TEST_OUTPUT"
# Tests run on up to 4 pytest-xdist workers (each with its own PostgreSQL server and AIRFLOW_HOME: every
# fixture is private to a worker); SELFEVAL_TEST_WORKERS overrides the count, 1 runs them in one process.
workers="${SELFEVAL_TEST_WORKERS:-$(( $(nproc) < 4 ? $(nproc) : 4 ))}"
parallel=()
if [ "$workers" -gt 1 ] && [[ " $* " != *" -n "* ]]; then
  parallel=(-n "$workers")
fi
python -m pytest -p no:cacheprovider "${parallel[@]}" "$@" 2>&1 | tee "$SELFEVAL_TEST_OUTPUT/pytest.log"
rc=${PIPESTATUS[0]}
exit "$rc"
