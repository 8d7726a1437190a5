"""Real government files from shared/realdata (skipped when the folder is absent).

Every file must either extract or raise ExtractionError with a precise reason; image-only
PDFs must be detected as scanned (OCR is switched off here to keep the run fast); no
output may contain `(cid:` codes or radical look-alikes.
"""

from __future__ import annotations

import csv
import os
from functools import cache

import pytest
from selfeval.extract import ExtractionError, extract_file
from selfeval.textnorm import is_radical

from .conftest import REALDATA

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(not (REALDATA / "manifest.csv").exists(), reason=f"no realdata at {REALDATA}"),
]

KNOWN_FAILURES = {
    # a download cut off mid-file
    "pdf-unparseable_c021-quanzhou-whgdlytyj_fec1a754.pdf": "truncated PDF",
    # a scanned PDF the crawler stored as text: every binary byte became U+FFFD
    "pdf-itext_c016-zhengzhou-csglhzhzfj_083a1cd8.html": "damaged PDF: binary streams were re-encoded as UTF-8",
}


def _rows() -> list[dict[str, str]]:
    if not (REALDATA / "manifest.csv").exists():
        return []
    with open(REALDATA / "manifest.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def _extract(name: str):
    """Extraction result (document or ExtractionError) of one realdata file, OCR off, cached."""
    old = os.environ.get("SELFEVAL_OCR")
    os.environ["SELFEVAL_OCR"] = "0"
    try:
        return extract_file(REALDATA / name)
    except ExtractionError as e:
        return e
    finally:
        if old is None:
            del os.environ["SELFEVAL_OCR"]
        else:
            os.environ["SELFEVAL_OCR"] = old


def _all_text(doc) -> str:
    cells = "\n".join(c for t in doc.tables for r in t for c in r)
    return doc.text + "\n" + cells


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["file"][:60])
def test_realdata_file(row: dict[str, str]) -> None:
    doc = _extract(row["file"])
    if isinstance(doc, ExtractionError):
        expected = KNOWN_FAILURES.get(row["file"])
        assert expected and doc.reason.startswith(expected), f"{row['file']}: {doc.reason}"
        return
    assert row["file"] not in KNOWN_FAILURES, "expected an ExtractionError"
    assert doc.format == row["kind"]
    text = _all_text(doc)
    assert "(cid:" not in text
    assert not any(is_radical(ch) for ch in text)
    if row["kind"] == "pdf":
        assert doc.page_count == int(row["pages"])
        if row["text_layer"] == "no":
            assert doc.meta["scanned"] is True and doc.meta["scanned_pages"]
            assert any("OCR disabled" in w for w in doc.warnings)
        elif row["text_layer"] == "yes":
            assert doc.meta["scanned"] is False
    if row["cms_family"] == "edgeone_challenge":
        assert doc.meta["page_kind"] == "bot_challenge"


def test_kangxi_radicals_mapped_in_zhuhai() -> None:
    name = "pdf-nometa_c077-zhuhai-ylbzj_177a1017.pdf"
    if not (REALDATA / name).exists():
        pytest.skip("file absent")
    doc = _extract(name)
    assert not any(is_radical(ch) for ch in doc.text)
    assert "乙" in doc.text and "用" in doc.text and "片" in doc.text


def test_ningde_self_eval_sheet_table() -> None:
    name = "pdf-wps-sheet_c083-ningde-zfbgt_f17e3c9d.pdf"
    if not (REALDATA / name).exists():
        pytest.skip("file absent")
    doc = _extract(name)
    assert doc.tables, "the 自评表 is a ruled table"
    cells = [c for t in doc.tables for r in t for c in r]
    assert any("自评" in c or "得分" in c for c in cells)
