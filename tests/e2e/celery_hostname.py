"""`[core] hostname_callable` of the Celery workers in tests/e2e/test_celery.py.

The two workers run on one machine, where `socket.getfqdn()` names them alike; each is started with its own
SELFEVAL_TEST_WORKER_HOSTNAME, which Airflow records as the task instance's `hostname`."""

from __future__ import annotations

import os
import socket


def worker_hostname() -> str:
    return os.environ.get("SELFEVAL_TEST_WORKER_HOSTNAME") or socket.getfqdn()
