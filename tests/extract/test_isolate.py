"""extract_isolated: same result as in-process; hangs and memory blow-ups become errors."""

from __future__ import annotations

import time
from pathlib import Path

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


def test_cli_extract_is_isolated_and_sizes_first(tmp_path, monkeypatch, capsys):
    """`selfeval extract` uses the pipeline's limited child process, and refuses an oversized file before
    reading it (issue 13 item 7)."""
    import json

    from selfeval.cli import main

    from tests.conftest import CORPUS

    seed = CORPUS / "seed_000.txt"
    assert main(["extract", str(seed), "--json"]) == 0
    isolated = json.loads(capsys.readouterr().out)
    assert main(["extract", str(seed), "--json", "--in-process"]) == 0
    assert json.loads(capsys.readouterr().out) == isolated and isolated["is_self_eval"]

    monkeypatch.setenv("SELFEVAL_EXTRACT_TIMEOUT_S", "0.01")  # only a child process can be timed out
    assert main(["extract", str(seed), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"].startswith("timeout after")

    monkeypatch.delenv("SELFEVAL_EXTRACT_TIMEOUT_S")
    monkeypatch.setenv("SELFEVAL_MAX_FILE_MB", "1")
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:
        fh.truncate(3 << 20)  # sparse: 3 MB that nothing should read
    assert main(["extract", str(big), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["error"].startswith("file too large: 3.0 MB") and "sha256" not in out


def test_the_child_and_libreoffice_die_with_a_killed_worker(tmp_path) -> None:
    """A worker SIGKILLed while its isolated child converts a DOC with LibreOffice leaves nothing running
    (issue 13: killing the process stage left the child and soffice converting on as orphans)."""
    import os
    import signal
    import subprocess
    import sys

    import psutil
    from selfeval.extract.office import soffice_binary

    if soffice_binary() is None:
        pytest.skip("LibreOffice not installed")
    worker = subprocess.Popen(
        [sys.executable, "-c", "import sys; from selfeval.extract import extract_isolated; "
         "extract_isolated(sys.argv[1], timeout_s=600)", str(CORPUS / "seed_002.doc")],
        env=dict(os.environ, SELFEVAL_LO_PROFILES=str(tmp_path / "lo")), start_new_session=True)
    try:
        seen: dict[int, str] = {}
        request = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("soffice" in n or "oosplash" in n for n in seen.values()):
            for p in psutil.Process(worker.pid).children(recursive=True):
                try:
                    seen.setdefault(p.pid, p.name())
                    request = request or next((a for a in p.cmdline() if a.endswith("request.json")), None)
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.05)
        assert request is not None, seen
        assert any("soffice" in n or "oosplash" in n for n in seen.values()), seen
        # LibreOffice runs in its own session: killing the worker's group does not reach it
        killed_at = time.time()
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        deadline = time.monotonic() + 20
        alive = dict(seen)
        while alive and time.monotonic() < deadline:
            alive = {pid: n for pid, n in alive.items()
                     if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE}
            time.sleep(0.1)
        assert alive == {}, f"left running after the worker died: {alive}"
        # killed, not finished: the orphan never wrote its result after the kill (the conversion takes seconds, the
        # lifeline ms; on a loaded machine the poll may first see LibreOffice after it had already finished)
        result = Path(request).parent / "result.json"
        assert not result.exists() or result.stat().st_mtime <= killed_at + 0.01, "written after the kill"
    finally:
        if request is not None:
            import shutil

            shutil.rmtree(Path(request).parent, ignore_errors=True)
        if worker.poll() is None:
            worker.kill()
