#!/usr/bin/env bash
# One-time (idempotent) set-up: Debian packages if missing, the virtualenv from the hashed lock,
# the project in editable mode, and a project-local Airflow home with its pools.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the project needs; each is installed only when missing.
need_apt=()
command -v soffice >/dev/null || need_apt+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v tesseract >/dev/null || need_apt+=(tesseract-ocr tesseract-ocr-chi-sim)
[ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || need_apt+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v redis-server >/dev/null || need_apt+=(redis-server)   # Celery broker of tests/e2e/test_celery.py
command -v chromium >/dev/null || need_apt+=(chromium)   # browser tests of the UI plugin
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)   # CJK glyphs in rendered pages
# OpenCV's wheel (RapidOCR, the default OCR engine) links libGL and GLib from the system
ldconfig -p | grep 'libGL\.so\.1 ' >/dev/null || need_apt+=(libgl1)
ldconfig -p | grep 'libgthread-2\.0\.so\.0 ' >/dev/null || need_apt+=(libglib2.0-0)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    echo "missing Debian packages: ${need_apt[*]} (run as root or install them)" >&2; exit 1
  fi
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo ">> apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.lock-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo ">> installing requirements.lock into .venv"
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check "uv==0.13.8"
  .venv/bin/uv pip install -q --python .venv/bin/python --require-hashes -r requirements.lock
  .venv/bin/uv pip install -q --python .venv/bin/python --no-deps --no-build-isolation -e .
  rm -f .venv/.lock-*; touch "$stamp"
fi

# Project-local Airflow home with the SQLite metadata DB and the pools the DAGs name.
source scripts/airflow-env.sh
if [ ! -f "$AIRFLOW_HOME/.pools-ok" ] || [ airflow/pools.json -nt "$AIRFLOW_HOME/.pools-ok" ]; then
  echo ">> airflow db migrate (AIRFLOW_HOME=$AIRFLOW_HOME)"
  .venv/bin/airflow db migrate >/dev/null
  .venv/bin/airflow pools import airflow/pools.json >/dev/null
  touch "$AIRFLOW_HOME/.pools-ok"
fi
