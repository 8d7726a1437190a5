"""The ops commands of docs/runbook.md, run as a user runs them (the installed `selfeval` entry point)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def sh(*args: str, env: dict, ok: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["selfeval", *args], env=env, capture_output=True, text=True, timeout=600)
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_runbook_commands(tmp_path, demo_portal):
    env = dict(os.environ, SELFEVAL_DATA_DIR=str(tmp_path / "data"), SELFEVAL_SOURCES=str(ROOT / "demo-sources"),
               SELFEVAL_DEMO_BASE_URL=demo_portal.url,
               PATH=f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}")
    env.pop("SELFEVAL_WAREHOUSE_URL", None)
    assert "valid" in sh("sources", "check", env=env).stdout
    assert "demo-county" in sh("sources", "list", env=env).stdout

    dry = sh("crawl", "demo-county", "--dry-run", env=env)
    assert dry.stdout.count("\n") >= 8 and not (tmp_path / "data" / "warehouse.sqlite").exists()

    crawl = sh("crawl", "demo-county", env=env).stdout
    assert "demo-county" in crawl
    assert "8 report(s)" in sh("process", env=env).stdout
    summary = sh("summary", env=env).stdout
    assert "reports loaded" in summary

    chain = json.loads(sh("lineage", "1", "--json", env=env).stdout)
    doc_id_row = chain["document_version"]
    assert chain["crawl_run"]["source_id"] == "demo-county" and doc_id_row["sha256"]

    before = chain["load"]["dag_run_id"]
    assert "queued and processed" in sh("reprocess", "1", env=env).stdout
    after = json.loads(sh("lineage", "1", "--json", env=env).stdout)
    assert after["report"]["id"] == 1 and after["load"]["dag_run_id"] != before  # same row, new run

    bad = tmp_path / "bad.yaml"
    bad.write_text("id: BAD id\nname: x\nfamily: nope\nstart_urls: [ftp://x]\n", "utf-8")
    proc = sh("sources", "check", "--sources", str(bad), env=env, ok=False)
    assert proc.returncode == 1 and f"{bad}:family" in proc.stdout and f"{bad}:id" in proc.stdout
