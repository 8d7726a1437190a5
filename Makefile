# Two commands for a new user (see README): `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ENV := source scripts/airflow-env.sh &&

.PHONY: help setup demo test lint bench clean lock airflow airflow-stop

help:
	@echo "make demo   - set up, run the demo portal through the Airflow DAGs into the SQLite warehouse"
	@echo "make test   - set up and run the whole test suite"
	@echo "make lint   - ruff"
	@echo "make bench  - benchmarks (print figures)"
	@echo "make airflow - a running local Airflow (api-server, scheduler, dag-processor, triggerer, demo portal);"
	@echo "               both DAGs unpaused, URL and login printed; make airflow-stop stops it"

setup:
	@bash scripts/setup.sh

demo: setup
	@$(ENV) python -m selfeval.demo.run

test: setup
	@bash scripts/test.sh

airflow: setup
	@bash scripts/airflow-up.sh

airflow-stop:
	@bash scripts/airflow-up.sh stop

lint: setup
	@.venv/bin/ruff check .

bench: setup
	@$(ENV) for b in bench/bench_*.py; do echo "== $$b"; python $$b || exit 1; done

lock:
	uv pip compile requirements.txt --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf data airflow_home .pytest_cache
