"""Hostile and broken files become ExtractionError with a precise reason (never a hang)."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from selfeval.extract import ExtractionError, Limits, extract_file

from .conftest import CORPUS


def _rezip(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    """Copy an OOXML package, replacing or adding members."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def _patch_declared_size(path: Path, member: str, size: int) -> None:
    """Make the central directory lie about a member's uncompressed size."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + n_len]) == name:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    path.write_bytes(bytes(data))


def _reason(path: Path, **kw) -> str:
    with pytest.raises(ExtractionError) as ei:
        extract_file(path, **kw)
    assert isinstance(ei.value.reason, str) and ei.value.reason
    return ei.value.reason


def test_zip_bomb_docx_declared_size(tmp_path: Path) -> None:
    bomb = _rezip(CORPUS / "seed_000.docx", tmp_path / "bomb.docx", add={"word/media/pad.bin": b"0" * 1000})
    _patch_declared_size(bomb, "word/media/pad.bin", 0xFFFFFFF0)
    reason = _reason(bomb)
    assert reason.startswith("zip bomb: uncompressed") and "GB > limit" in reason


def test_zip_bomb_docx_ratio(tmp_path: Path) -> None:
    bomb = _rezip(CORPUS / "seed_000.docx", tmp_path / "ratio.docx", add={"word/media/zeros.bin": bytes(60 << 20)})
    assert bomb.stat().st_size < 2 << 20
    assert "compression ratio" in _reason(bomb)


def test_zip_bomb_docx_under_tight_limit(tmp_path: Path) -> None:
    bomb = _rezip(CORPUS / "seed_000.docx", tmp_path / "big.docx", add={"word/media/zeros.bin": bytes(8 << 20)})
    assert "zip bomb" in _reason(bomb, limits=Limits(max_unzipped_mb=4))


def test_xxe_xlsx(tmp_path: Path) -> None:
    src = CORPUS / "seed_004.table.xlsx"
    with zipfile.ZipFile(src) as zf:
        wb = zf.read("xl/workbook.xml").decode()
    evil = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + wb.split("?>", 1)[-1]
    xxe = _rezip(src, tmp_path / "xxe.xlsx", replace={"xl/workbook.xml": evil.encode()})
    reason = _reason(xxe)
    assert reason.startswith("XXE") and "xl/workbook.xml" in reason


def test_billion_laughs_docx(tmp_path: Path) -> None:
    src = CORPUS / "seed_000.docx"
    with zipfile.ZipFile(src) as zf:
        body = zf.read("word/document.xml").decode()
    lol = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    evil = _rezip(src, tmp_path / "lol.docx", replace={"word/document.xml": (lol + body.split("?>", 1)[-1]).encode()})
    assert _reason(evil).startswith("XXE")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = (CORPUS / "seed_000.pdf").read_bytes()
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[: len(data) // 2])
    reason = _reason(bad)
    assert reason.startswith("truncated PDF") and "xref" in reason


def _encrypted_pdf() -> bytes:
    """A one-page PDF with a Standard security handler whose user password is not empty."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_encrypted_pdf(tmp_path: Path) -> None:
    enc = tmp_path / "locked.pdf"
    enc.write_bytes(_encrypted_pdf())
    assert _reason(enc) == "encrypted PDF (password required)"


def _page_tree_pdf(levels: int = 6, fan: int = 10) -> bytes:
    """A 3 KB PDF whose page tree claims fan**levels pages (all the same leaf)."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for lvl in range(levels):
        nid, kid = 2 + lvl, (3 + lvl if lvl < levels - 1 else 100)
        kids = b" ".join([b"%d 0 R" % kid] * fan)
        objs[nid] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, fan ** (levels - lvl))
    objs[100] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>" % (1 + levels)
    out, offs = bytearray(b"%PDF-1.4\n"), {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 101\n0000000000 65535 f \n"
    for k in range(1, 101):
        out += b"%010d 00000 n \n" % offs[k] if k in offs else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size 101 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_million_page_pdf(tmp_path: Path) -> None:
    f = tmp_path / "million.pdf"
    f.write_bytes(_page_tree_pdf())
    assert _reason(f) == "too many pages: 1000000 > limit 2000"
    assert "limit 5" in _reason(CORPUS / "seed_000.pdf", limits=Limits(max_pages=5))


def test_page_cap_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFEVAL_MAX_PAGES", "3")
    assert _reason(CORPUS / "seed_004.pdf") == "too many pages: 9 > limit 3"


def test_pdf_that_is_really_html(tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    shutil.copyfile(CORPUS / "seed_003.html", fake)
    doc = extract_file(fake)
    assert doc.format == "html" and doc.meta["claimed_extension"] == "pdf"
    assert "平口镇" in doc.text


def test_doc_that_is_really_docx(tmp_path: Path) -> None:
    fake = tmp_path / "report.doc"
    shutil.copyfile(CORPUS / "seed_000.docx", fake)
    doc = extract_file(fake)
    assert doc.format == "docx" and "libreoffice" not in doc.engine


def _nested_zip(depth: int) -> bytes:
    inner = (CORPUS / "seed_004.html").read_bytes()
    name = "seed_004.html"
    for d in range(depth):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(name, inner)
        inner, name = buf.getvalue(), f"level{d}.zip"
    return inner


def test_recursive_archive(tmp_path: Path) -> None:
    f = tmp_path / "deep.zip"
    f.write_bytes(_nested_zip(5))
    reason = _reason(f)
    assert "nested archive depth" in reason


def test_archive_with_several_reports(tmp_path: Path) -> None:
    f = tmp_path / "reports.zip"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(CORPUS / "seed_000.docx", "一号报告.docx")
        zf.write(CORPUS / "seed_004.table.xlsx", "自评表.xlsx")
        zf.writestr("notes/", b"")
        zf.writestr("broken.pdf", b"%PDF-1.4 garbage")
    doc = extract_file(f)
    assert doc.format == "zip"
    names = [p.name for p in doc.pages]
    assert names[0] == "一号报告.docx" and names[1] == "自评表.xlsx/部门整体支出绩效自评表"
    assert [p.number for p in doc.pages] == [1, 2]
    members = {m["name"]: m for m in doc.meta["members"]}
    assert members["broken.pdf"]["error"].startswith(("truncated PDF", "corrupt PDF"))
    assert any(w.startswith("broken.pdf:") for w in doc.warnings)


def test_zip_bomb_archive(tmp_path: Path) -> None:
    f = tmp_path / "bomb.zip"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", b"x" * 100)
    _patch_declared_size(f, "a.txt", 3 << 30)
    assert _reason(f).startswith("zip bomb: uncompressed 3.0 GB")


def test_gbk_member_names(tmp_path: Path) -> None:
    f = tmp_path / "gbk.zip"
    gbk = "报告.txt".encode("gbk")
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("X" * (len(gbk) - 4) + ".txt", "绩效自评报告".encode())
    # what a Chinese Windows zip tool writes: GBK bytes, no UTF-8 flag
    f.write_bytes(f.read_bytes().replace(b"X" * (len(gbk) - 4) + b".txt", gbk))
    doc = extract_file(f)
    assert doc.pages[0].name == "报告.txt" and "绩效自评" in doc.text


def test_rar_unsupported(tmp_path: Path) -> None:
    f = tmp_path / "x.rar"
    f.write_bytes(b"Rar!\x1a\x07\x01\x00" + os.urandom(64))
    assert _reason(f) == "unsupported: rar archive (no RAR library installed)"


def test_empty_and_garbage(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert _reason(empty).startswith("empty file")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    assert _reason(junk).startswith("unknown format")
    assert _reason(tmp_path / "missing.pdf").startswith("not a file")


def test_mangled_pdf_reencoded_as_utf8(tmp_path: Path) -> None:
    raw = (CORPUS / "seed_004.pdf").read_bytes()
    f = tmp_path / "mangled.pdf"
    f.write_bytes(raw.decode("utf-8", "replace").encode("utf-8"))
    reason = _reason(f)
    assert "re-encoded as UTF-8" in reason or reason.startswith(("corrupt PDF", "truncated PDF"))


def test_corrupt_docx(tmp_path: Path) -> None:
    f = tmp_path / "bad.docx"
    data = (CORPUS / "seed_000.docx").read_bytes()
    f.write_bytes(data[: len(data) // 3])
    reason = _reason(f)
    assert "ZIP" in reason or "DOCX" in reason or "docx" in reason


def _patch_ole_stream(src: Path, dst: Path, stream: str, patch) -> None:
    """Copy an OLE2 file and edit the first sector of a (non-mini) stream in place."""
    from selfeval.extract.ole import OleFile

    data = bytearray(src.read_bytes())
    ole = OleFile(bytes(data))
    entry = next(e for e in ole.root_children() if e.name == stream)
    assert entry.size >= ole.mini_cutoff
    off = (entry.start + 1) * ole.ssz
    data[off : off + ole.ssz] = patch(bytes(data[off : off + ole.ssz]))
    dst.write_bytes(bytes(data))


def test_encrypted_doc_detected_before_libreoffice(tmp_path: Path) -> None:
    f = tmp_path / "locked.doc"

    def set_encrypted(sector: bytes) -> bytes:
        b = bytearray(sector)
        b[0x0B] |= 0x01
        return bytes(b)

    _patch_ole_stream(CORPUS / "seed_000.doc", f, "WordDocument", set_encrypted)
    assert _reason(f) == "encrypted DOC (password required)"


def test_encrypted_xls(tmp_path: Path) -> None:
    f = tmp_path / "locked.xls"

    def add_filepass(sector: bytes) -> bytes:
        b = bytearray(sector)
        _, length = struct.unpack_from("<HH", b, 0)  # BOF
        struct.pack_into("<H", b, 4 + length, 0x002F)  # next record becomes FILEPASS
        return bytes(b)

    _patch_ole_stream(CORPUS / "seed_004.table.xls", f, "Workbook", add_filepass)
    assert _reason(f) == "encrypted XLS workbook (password required)"


def test_workbook_with_wrong_extension(tmp_path: Path) -> None:
    f = tmp_path / "table.xls"
    shutil.copyfile(CORPUS / "seed_004.table.xlsx", f)
    doc = extract_file(f)
    assert doc.format == "xlsx" and "87.30%" in doc.text


def test_dtd_hidden_behind_long_comment(tmp_path: Path) -> None:
    src = CORPUS / "seed_000.docx"
    with zipfile.ZipFile(src) as zf:
        body = zf.read("word/document.xml").decode()
    evil = '<?xml version="1.0"?><!--' + "x" * 50000 + '--><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    f = _rezip(src, tmp_path / "hidden.docx", replace={"word/document.xml": (evil + body.split("?>", 1)[-1]).encode()})
    assert _reason(f) == "XXE: DTD/entity declaration in docx part 'word/document.xml'"


def test_prolog_scanner() -> None:
    from selfeval.extract.archive import prolog_has_dtd

    assert not prolog_has_dtd(b'<?xml version="1.0"?>\n<w:document/>')
    assert not prolog_has_dtd(b"<?xml version='1.0'?><!-- <!DOCTYPE in a comment --><root/>")
    assert prolog_has_dtd(b"<?xml version='1.0'?>\n<!DOCTYPE r SYSTEM 'http://x/'><r/>")
    assert prolog_has_dtd("<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE r><r/>".encode("utf-16"))
