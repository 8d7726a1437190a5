"""OCR engines on a real scan: both read it, SELFEVAL_OCR_ENGINE picks one, SELFEVAL_OCR_THREADS bounds them.

The scan is made here from a real text PDF of the corpus (tests/fixtures/corpus/seed_001.pdf, page 2,
upper half: narrative lines and the income table with 1,482.43-style amounts): rasterised at the OCR
dpi into an image-only PDF, so the text layer of the same region is the known text. Accuracy is
`ocr_score.char_accuracy` (CJK ideographs and digits, edit distance); no timing is asserted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selfeval.extract import ExtractionError, extract_file, ocr_rapid, ocr_tesseract
from selfeval.extract.ocr_post import clean_ocr_text, fix_number_separators
from selfeval.extract.ocr_score import (
    _levenshtein_py,
    amounts_found,
    char_accuracy,
    char_errors_unordered,
    levenshtein,
    scored_chars,
)
from selfeval.settings import OCR_ENGINES, Limits, get_settings, usable_cores

from tests.conftest import CORPUS

DPI = Limits().ocr_dpi
CROP_PT = 427  # from the top of page 2: down to the income table's last row (「2、二级机构 149.30 …」)


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(image-only PDF of the upper half of seed_001.pdf page 2, that region's text layer)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(CORPUS / "seed_001.pdf"))
    page = doc[1]
    width, height = page.get_size()
    textpage = page.get_textpage()
    truth = textpage.get_text_bounded(left=0, bottom=height - CROP_PT, right=width, top=height)
    image = page.render(scale=DPI / 72.0, grayscale=True).to_pil()
    image = image.crop((0, 0, image.width, round(CROP_PT * DPI / 72.0)))
    textpage.close()
    page.close()
    doc.close()
    out = tmp_path_factory.mktemp("scan") / "seed_001_p2_top.scan.pdf"
    image.save(out, format="PDF", resolution=DPI)
    return out, truth


_READ: dict[str, object] = {}


def read_with(engine: str, scan: tuple[Path, str], threads: str | None = None):
    """extract_file of the scan with SELFEVAL_OCR_ENGINE=engine (once per engine and thread setting)."""
    key = f"{engine}:{threads}"
    if key not in _READ:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SELFEVAL_OCR", "1")
            mp.setenv("SELFEVAL_OCR_ENGINE", engine)
            if threads is None:
                mp.delenv("SELFEVAL_OCR_THREADS", raising=False)
            else:
                mp.setenv("SELFEVAL_OCR_THREADS", threads)
            _READ[key] = extract_file(scan[0])
    return _READ[key]


def test_fixture_is_an_image_only_scan(scan: tuple[Path, str], no_ocr: None) -> None:
    doc = extract_file(scan[0])
    assert doc.meta["scanned"] is True and not doc.ocr
    assert "1,482.43" in scan[1] and len(scored_chars(scan[1])) > 400


def test_rapidocr_reads_the_scan(scan: tuple[Path, str]) -> None:
    doc = read_with("rapidocr", scan)
    assert doc.ocr and doc.pages[0].ocr
    assert "rapidocr-onnxruntime" in doc.engine and "PP-OCRv4" in doc.engine and "tesseract" not in doc.engine
    # the side-by-side cells (a two-line label beside a paragraph, a three-line table head) have no one
    # reading order, which costs ~0.16 of the ordered figure; the characters themselves are read (409/409 today)
    acc = char_accuracy(scan[1], doc.text)
    assert acc >= 0.80, f"rapidocr character accuracy {acc:.4f}"
    errors, n = char_errors_unordered(scan[1], doc.text)
    assert errors <= 0.01 * n, f"rapidocr misread {errors} of {n} characters"
    assert amounts_found(scan[1], doc.text) == (12, 12, 4, 4), doc.text  # 1,482.43 1,252.66 1,333.13 1,104.77


@pytest.mark.ocr
def test_tesseract_reads_the_scan(scan: tuple[Path, str]) -> None:
    doc = read_with("tesseract", scan)
    assert doc.ocr and doc.pages[0].ocr
    assert "tesseract" in doc.engine and "chi_sim" in doc.engine and "rapidocr" not in doc.engine
    acc = char_accuracy(scan[1], doc.text)
    assert acc >= 0.80, f"tesseract character accuracy {acc:.4f}"
    errors, n = char_errors_unordered(scan[1], doc.text)
    assert errors <= 0.03 * n, f"tesseract misread {errors} of {n} characters"
    assert amounts_found(scan[1], doc.text)[0] >= 8  # today 10 of 12: it drops the comma of 1,482.43 and 1,333.13


def test_engine_setting_default_and_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SELFEVAL_OCR_ENGINE", raising=False)
    assert get_settings().ocr_engine == OCR_ENGINES[0]
    for name in ("tesseract", "rapidocr", "RapidOCR"):
        monkeypatch.setenv("SELFEVAL_OCR_ENGINE", name)
        assert get_settings().ocr_engine == name.lower()


def test_invalid_engine_is_an_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch,
                                                        scan: tuple[Path, str]) -> None:
    monkeypatch.setenv("SELFEVAL_OCR_ENGINE", "abbyy")
    with pytest.raises(ValueError, match=r"SELFEVAL_OCR_ENGINE='abbyy' is not one of: .*tesseract"):
        get_settings()
    monkeypatch.setenv("SELFEVAL_OCR", "1")
    with pytest.raises(ExtractionError, match="SELFEVAL_OCR_ENGINE='abbyy' is not one of"):
        extract_file(scan[0])


def test_thread_setting(monkeypatch: pytest.MonkeyPatch, scan: tuple[Path, str]) -> None:
    monkeypatch.delenv("SELFEVAL_OCR_THREADS", raising=False)
    assert get_settings().ocr_threads == usable_cores() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("SELFEVAL_OCR_THREADS", "3")
    assert get_settings().ocr_threads == 3
    assert ocr_rapid.pool_size(3) == ocr_tesseract.pool_size(3) == 3
    monkeypatch.setenv("SELFEVAL_OCR_THREADS", "many")
    with pytest.raises(ValueError, match="SELFEVAL_OCR_THREADS"):
        get_settings()
    doc = read_with("rapidocr", scan, threads="1")
    assert doc.meta["ocr_threads"] == 1
    assert read_with("rapidocr", scan).meta["ocr_threads"] == usable_cores()
    # every RapidOCR instance (one per worker thread) runs its three ONNX sessions on one thread
    assert ocr_rapid.session_threads(0) == [1, 1, 1]


@pytest.mark.ocr
def test_tesseract_thread_setting(scan: tuple[Path, str]) -> None:
    assert read_with("tesseract", scan, threads="1").meta["ocr_threads"] == 1


@pytest.mark.skipif(not shutil.which("unshare") or subprocess.run(["unshare", "-n", "true"]).returncode != 0,
                    reason="cannot create a network namespace here")
def test_rapidocr_needs_no_network(scan: tuple[Path, str]) -> None:
    """The models are in the wheel: OCR works in a network namespace with no interface but loopback down."""
    code = ("import sys; from selfeval.extract import ocr; "
            "r = ocr.ocr_pdf_pages(__import__('pathlib').Path(sys.argv[1]), [1], engine='rapidocr', threads=1); "
            "print(len(r.texts[1]), r.warnings)")
    env = dict(os.environ, PYTHONPATH=str(Path(ocr_rapid.__file__).resolve().parents[2]))
    out = subprocess.run(["unshare", "-n", sys.executable, "-c", code, str(scan[0])],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-500:]
    chars, warnings = out.stdout.split(" ", 1)
    assert int(chars) > 300 and warnings.strip() == "[]"


def test_number_separator_repair() -> None:
    assert fix_number_separators("合计12.542.74万元") == "合计12,542.74万元"
    assert fix_number_separators("1.234.567.00 与 1,482.43") == "1,234,567.00 与 1,482.43"
    for kept in ("5137.69", "2023.12.31", "12.542", "0.5", "1.1.2", "v12345.678.90"):
        assert fix_number_separators(kept) == kept
    assert clean_ocr_text("收入 合计 1.482.43\n\n\n\n其他") == "收入合计 1,482.43\n\n其他"


def test_join_boxes_reading_order() -> None:
    """RapidOCR's boxes (corner points, text, score): lines top to bottom, boxes left to right, TAB across cells."""
    def box(x0: float, y0: float, x1: float, y1: float, text: str) -> list:
        return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]], text, 0.99]

    result = [box(400, 102, 520, 140, "1,482.43"), box(10, 100, 200, 140, "局机关及二级"),
              box(10, 160, 300, 200, "2、二级机构"), box(310, 161, 330, 199, "计")]
    assert ocr_rapid.join_boxes(result) == "局机关及二级\t1,482.43\n2、二级机构 计"


def test_accuracy_measures() -> None:
    assert levenshtein("湘西州2021", "湘西洲2021年") == _levenshtein_py("湘西州2021", "湘西洲2021年") == 2
    assert char_accuracy("收入 1,482.43 万元", "收入1，482．43万元") == 1.0  # punctuation and width are not scored
    assert char_accuracy("一二三四", "") == 0.0
    assert char_errors_unordered("甲乙丙", "丙乙甲") == (0, 3)
    assert amounts_found("合计 1,482.43 与 5.01 与 5.01", "合计1,482.43与5.01") == (2, 3, 1, 1)
    assert amounts_found("1,482.43", "1.482.43") == (0, 1, 0, 1)
