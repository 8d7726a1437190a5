"""Shared helpers: build ExtractedDocument objects from plain text, locate fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from selfeval.model import ExtractedDocument, Page

from tests.conftest import CORPUS as FIXTURES

CASES = Path(__file__).parent / "cases"


def text_doc(text: str) -> ExtractedDocument:
    """One-page document as the .txt reader would give it."""
    return ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt")


def case_doc(case: Path, exp: dict) -> ExtractedDocument:
    """The document of a labelled case: its .txt as one page (pages split at form feeds), with the
    engine tables, format and title hint the case's JSON gives (how a PDF/HTML reader would hand it over)."""
    text = case.with_suffix(".txt").read_text(encoding="utf-8")
    chunks = text.split("\f")
    tables = exp.get("tables", {})
    pages = [Page(number=i + 1, text=t, tables=tables.get(str(i + 1), [])) for i, t in enumerate(chunks)]
    return ExtractedDocument(format=exp.get("format", "txt"), pages=pages, engine="case",
                             title_hint=exp.get("title_hint"))


@pytest.fixture
def seed_doc():
    def load(n: int) -> ExtractedDocument:
        return text_doc((FIXTURES / f"seed_00{n}.txt").read_text(encoding="utf-8"))
    return load
