"""`selfeval crawl SOURCE_ID [--dry-run]` on a test portal."""

from __future__ import annotations

import yaml
from selfeval.cli import main

from tests.crawl.portals import HanwebPortal, TrsPortal


def _registry(tmp_path, portal) -> str:
    reg = tmp_path / "sources"
    reg.mkdir()
    (reg / "s.yaml").write_text(yaml.safe_dump(portal.source(), allow_unicode=True), "utf-8")
    return str(reg)


def test_dry_run_lists_what_would_be_downloaded_and_writes_nothing(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(data))
    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    with HanwebPortal() as portal:
        rc = main(["crawl", portal.source_id, "--dry-run", "--sources", _registry(tmp_path, portal)])
    out, err = capsys.readouterr()
    assert rc == 0
    listed = {line.split("  ")[1] for line in out.splitlines() if line.strip()}
    assert listed == set(portal.expected_documents())
    assert f"[{portal.source_id}] 3 pages, 36 items" in err and "21 document(s) would be downloaded" in err
    assert not data.exists()  # no warehouse, no state file


def test_crawl_command_runs_both_stages(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    with TrsPortal() as portal:
        reg = _registry(tmp_path, portal)
        assert main(["crawl", portal.source_id, "--sources", reg]) == 0
        first = capsys.readouterr().out
        assert main(["crawl", portal.source_id, "--sources", reg]) == 0
        second = capsys.readouterr().out
    assert "36 items (36 new: 15 relevant, 21 skipped), 3 article(s), downloaded 18, unchanged 0, failed 0" in first
    assert "1 list pages (1 not modified)" in second and "1 requests" in second


def test_crawl_command_fails_when_the_start_url_cannot_be_read(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SELFEVAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SELFEVAL_WAREHOUSE_URL", raising=False)
    with TrsPortal() as portal:
        reg = _registry(tmp_path, portal)
    # the portal is gone: connection refused on its port
    assert main(["crawl", portal.source_id, "--sources", reg]) == 1
    out = capsys.readouterr().out
    assert "error:" in out and "connection refused" in out and "disallowed by robots.txt" not in out
