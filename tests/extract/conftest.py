"""Fixtures and helpers for the extraction tests.

The corpus renderings live in tests/fixtures/corpus (copied from shared/corpus); hostile files
are generated per test in tmp_path. Tests that OCR are marked `ocr` and touch at most two
pages; `realdata` tests run over /work/shared/realdata (or $SELFEVAL_REALDATA) only when
it exists.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from selfeval.textnorm import normalize_text

from tests.conftest import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"

REALDATA = Path(os.environ.get("SELFEVAL_REALDATA", Path(__file__).resolve().parents[3] / "shared" / "realdata"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ocr: runs Tesseract (kept to one or two pages)")
    config.addinivalue_line("markers", "soffice: runs LibreOffice headless")
    config.addinivalue_line("markers", "realdata: runs over shared/realdata when present")


def squash(s: str) -> str:
    """Normalised copy with all whitespace removed: what similarity is measured on."""
    return re.sub(r"\s+", "", normalize_text(s))


def similarity(a: str, b: str) -> float:
    """Character-level SequenceMatcher ratio of the squashed strings (autojunk off)."""
    return difflib.SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


def seed_text(seed: str) -> str:
    return (CORPUS / f"{seed}.txt").read_text(encoding="utf-8")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip (not fail) LibreOffice / Tesseract tests on machines without those tools."""
    from selfeval.extract.ocr import has_language
    from selfeval.extract.office import soffice_binary

    no_soffice = pytest.mark.skip(reason="LibreOffice (soffice) not installed")
    no_tesseract = pytest.mark.skip(reason="tesseract with chi_sim not installed")
    for item in items:
        if "soffice" in item.keywords and not soffice_binary():
            item.add_marker(no_soffice)
        if "ocr" in item.keywords and not has_language("chi_sim"):
            item.add_marker(no_tesseract)


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFEVAL_OCR", "0")
