"""Shared helpers: build ExtractedDocument objects from plain text, locate fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from selfeval.model import ExtractedDocument, Page

FIXTURES = Path(__file__).parent / "fixtures"
CASES = Path(__file__).parent / "cases"


def text_doc(text: str) -> ExtractedDocument:
    """One-page document as the .txt reader would give it."""
    return ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt")


@pytest.fixture
def seed_doc():
    def load(n: int) -> ExtractedDocument:
        return text_doc((FIXTURES / f"seed_00{n}.txt").read_text(encoding="utf-8"))
    return load
