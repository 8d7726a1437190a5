"""extract_isolated: same result as in-process; hangs and memory blow-ups become errors."""

from __future__ import annotations

import time

import pytest
from selfeval.extract import ExtractionError, Limits, extract_file, extract_isolated

from .conftest import CORPUS


def test_isolated_matches_in_process() -> None:
    a = extract_file(CORPUS / "seed_004.table.xlsx")
    b = extract_isolated(CORPUS / "seed_004.table.xlsx", timeout_s=60)
    assert b.format == a.format and [p.text for p in b.pages] == [p.text for p in a.pages]
    assert b.tables == a.tables and b.pages[0].name == a.pages[0].name


def test_isolated_passes_hints_and_limits() -> None:
    with pytest.raises(ExtractionError) as ei:
        extract_isolated(CORPUS / "seed_004.pdf", timeout_s=60, limits=Limits(max_pages=2))
    assert ei.value.reason == "too many pages: 9 > limit 2"
    doc = extract_isolated(CORPUS / "seed_001.table.xls", timeout_s=60, name_hint="x.et")
    assert doc.format == "et"


def test_isolated_timeout_never_hangs_the_caller() -> None:
    t0 = time.monotonic()
    with pytest.raises(ExtractionError) as ei:
        extract_isolated(CORPUS / "seed_001.pdf", timeout_s=0.05)
    assert ei.value.reason == "timeout after 0.05 s"
    assert time.monotonic() - t0 < 10


def test_isolated_memory_limit() -> None:
    with pytest.raises(ExtractionError) as ei:
        extract_isolated(CORPUS / "seed_001.pdf", timeout_s=60, memory_mb=16)
    # under memory pressure CPython fails in odd places; any reasoned error will do,
    # but the usual one names the limit
    assert "memory" in ei.value.reason or ei.value.reason.startswith("extractor"), ei.value.reason
