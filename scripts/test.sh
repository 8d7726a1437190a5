#!/usr/bin/env bash
# The whole suite. Tests that need PostgreSQL start a throwaway server themselves (tests/conftest.py).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/airflow-env.sh
export SELFEVAL_TEST_OUTPUT="${SELFEVAL_TEST_OUTPUT:-$PWD/test-output}"
mkdir -p "$SELFEVAL_TEST_OUTPUT"
python -m pytest -p no:cacheprovider "$@" 2>&1 | tee "$SELFEVAL_TEST_OUTPUT/pytest.log"
rc=${PIPESTATUS[0]}
exit "$rc"
