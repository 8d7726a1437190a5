"""Per-host token bucket and concurrency cap: the in-process half of politeness.

Airflow's `selfeval_http` pool caps how many sources crawl at once; inside one
crawl these caps keep one host from seeing more than `rate` requests per second
or more than `concurrency` requests in flight, whatever the number of threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TokenBucket:
    def __init__(self, rate: float, burst: int = 1):
        self.rate = rate
        self.capacity = max(1, burst)
        self.tokens = float(self.capacity)
        self.updated = time.monotonic()
        self.lock = threading.Lock()

    def acquire(self) -> float:
        """Block until a token is free; return seconds waited."""
        waited = 0.0
        while True:
            with self.lock:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return waited
                need = (1 - self.tokens) / self.rate
            time.sleep(need)
            waited += need


class HostLimiter:
    """One bucket and one semaphore per host, created on first use."""

    def __init__(self, rate: float, burst: int = 1, concurrency: int = 2):
        self.rate, self.burst, self.concurrency = rate, burst, max(1, concurrency)
        self._buckets: dict[str, TokenBucket] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self.in_flight: dict[str, int] = {}
        self.max_in_flight: dict[str, int] = {}

    def acquire(self, host: str) -> float:
        """Wait for the host's next request token (rate limit only)."""
        with self._lock:
            bucket = self._buckets.setdefault(host, TokenBucket(self.rate, self.burst))
        return bucket.acquire()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's concurrency slots, then take a rate token; released on exit."""
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        with sem:
            self.acquire(host)
            with self._lock:
                self.in_flight[host] = self.in_flight.get(host, 0) + 1
                self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self.in_flight[host])
            try:
                yield
            finally:
                with self._lock:
                    self.in_flight[host] -= 1
