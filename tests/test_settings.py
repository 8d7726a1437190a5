"""Settings in one place: every SELFEVAL_* variable is read by settings.py at call time, and the README's
configuration table lists exactly those variables."""

from __future__ import annotations

import re

import pytest
from selfeval.settings import ENV_VARS, Limits, get_settings

from tests.conftest import ROOT


def test_readme_table_matches_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(SELFEVAL_[A-Z0-9_]+)`", readme, re.M))
    assert set(ENV_VARS) <= rows, f"undocumented: {sorted(set(ENV_VARS) - rows)}"
    assert rows - set(ENV_VARS) <= {"SELFEVAL_DEMO_BASE_URL"}, f"documented but never read: {rows - set(ENV_VARS)}"


def test_no_module_reads_selfeval_variables_itself():
    """os.environ lookups of SELFEVAL_* outside settings.py would bypass the one model (and import-time reads
    would ignore later changes)."""
    offenders = []
    for path in [*(ROOT / "include" / "selfeval").rglob("*.py"), *(ROOT / "dags").glob("*.py")]:
        if path.name == "settings.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(environ(\.get)?\s*[\[(]|getenv\()\s*f?[\"']SELFEVAL_", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert not offenders, offenders


def test_values_are_read_at_call_time(monkeypatch):
    monkeypatch.setenv("SELFEVAL_MAX_ATTEMPTS", "7")
    monkeypatch.setenv("SELFEVAL_MAX_PAGES", "12")
    monkeypatch.setenv("SELFEVAL_PDF_TABLES", "PDFPlumber")
    s = get_settings()
    assert (s.max_attempts, s.limits.max_pages, s.pdf_tables) == (7, 12, "pdfplumber")
    monkeypatch.delenv("SELFEVAL_MAX_PAGES")
    assert get_settings().limits == Limits()


def test_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("SELFEVAL_MAX_DOWNLOAD_MB", "lots")
    with pytest.raises(ValueError, match="SELFEVAL_MAX_DOWNLOAD_MB"):
        get_settings()
