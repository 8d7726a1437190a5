"""Format sniffing from magic bytes, never from the extension."""

from __future__ import annotations

import io
import zipfile

import pytest
from selfeval.extract.sniff import FORMATS, ole_root_streams, sniff_format

from .conftest import CORPUS

EXPECTED = {
    ".txt": "txt",
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
    ".html": "html",
    ".xlsx": "xlsx",
    ".xls": "xls",
}


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.name.startswith("seed_")), ids=lambda p: p.name)
def test_corpus_formats(path) -> None:
    assert sniff_format(path.read_bytes(), path.name) == EXPECTED[path.suffix]


def test_extension_is_ignored() -> None:
    docx = (CORPUS / "seed_000.docx").read_bytes()
    html = (CORPUS / "seed_000.html").read_bytes()
    pdf = (CORPUS / "seed_000.pdf").read_bytes()
    assert sniff_format(docx, "report.doc") == "docx"
    assert sniff_format(html, "report.pdf") == "html"
    assert sniff_format(pdf, "page.html") == "pdf"
    assert sniff_format(docx, None) == "docx"


def test_ole_streams_tell_word_from_excel_and_kingsoft() -> None:
    doc = (CORPUS / "seed_000.doc").read_bytes()
    xls = (CORPUS / "seed_001.table.xls").read_bytes()
    assert "WordDocument" in ole_root_streams(doc)
    assert "Workbook" in ole_root_streams(xls)
    assert sniff_format(doc, "x.wps") == "wps"
    assert sniff_format(xls, "x.et") == "et"
    assert sniff_format(xls, "x.doc") == "xls"  # streams beat a wrong extension


def test_misc_magic() -> None:
    assert sniff_format(b"Rar!\x1a\x07\x01\x00rest") == "rar"
    assert sniff_format(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20) == "image"
    assert sniff_format(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "image"
    assert sniff_format(b"  <!DOCTYPE html><html><body>x") == "html"
    assert sniff_format("\ufeff<HTML><HEAD><META charset=gb2312>".encode()) == "html"
    assert sniff_format("纯文本报告\n第二行".encode("gb18030")) == "txt"
    assert sniff_format(b"\x00\x01\x02\x03binary\x00") == "unknown"
    assert sniff_format(b"") == "unknown"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.pdf", b"%PDF-1.4")
    assert sniff_format(buf.getvalue()) == "zip"
    assert set(EXPECTED.values()) <= set(FORMATS)
