"""Realset texts served the way portals serve reports: a GBK HTML page, a Word document, a PDF.

    selfeval eval realset --split dev --render html,docx,pdf

The labelled texts are page openings as a reader sees them. Portals publish the same reports as HTML
articles (often GBK, tables as real `<table>`s), DOCX attachments and PDFs whose lines wrap at the page
width. Rendering each text into those formats and scoring the rendered file against the same label shows
what the format costs, independently of the wording (a title lost to a wrapped line, a form lost to an HTML
layout rule). The renderings are made fresh in a temporary directory; DOCX and PDF need LibreOffice.

* `html`: every `|`-separated row (two or more pipes) becomes a `<table>` row, every other non-empty line a
  `<p>`; encoded as GBK with a `<meta charset>` as county portals serve it (characters outside GBK become
  numeric references). The `<title>` is empty, so the title must come from the page text.
* `docx`: LibreOffice's import of that HTML saved as Word 2007 XML (paragraphs and real tables).
* `pdf`: LibreOffice's PDF of the DOCX (A4, lines wrapped at the page width, tables ruled).
* `xlsx`: LibreOffice Calc's import of the HTML page saved as a workbook, for the items shaped as forms or
  `|` tables only (a 自评表 is published as a spreadsheet; prose is not).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

FORMATS = ("html", "docx", "pdf", "xlsx")
SHEET_SHAPES = ("form", "pipe_table")


def text_to_html(text: str) -> bytes:
    """A GBK article page of a realset text (pipe rows as table rows, other lines as paragraphs)."""
    body: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            body.append('<table border="1">' + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in row) + "</tr>" for row in rows)
                + "</table>")
            rows.clear()

    for line in text.splitlines():
        if line.count("|") >= 2:
            rows.append(line.strip().strip("|").split("|"))
            continue
        flush()
        if line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    flush()
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title></title></head>'
            "<body>\n" + "\n".join(body) + "\n</body></html>")
    return page.encode("gbk", errors="xmlcharrefreplace")


def _soffice(args: list[str], outdir: Path, files: list[Path], timeout_s: float) -> None:
    """One LibreOffice batch conversion with a throwaway profile (a user's running instance is not disturbed)."""
    from selfeval.extract.office import soffice_binary

    binary = soffice_binary()
    if binary is None:
        raise RuntimeError("rendering DOCX/PDF needs LibreOffice (soffice), which was not found")
    with tempfile.TemporaryDirectory(prefix="selfeval-render-lo-") as profile:
        subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", *args, "--outdir",
                        str(outdir), *map(str, files)], check=False, capture_output=True, timeout=timeout_s)


def render_all(texts: dict[str, Path], formats: list[str], workdir: Path) -> dict[str, dict[str, Path]]:
    """{format: {item id: rendered file}} for every text; an item LibreOffice failed to convert is missing."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown render format(s) {unknown}; choose from {', '.join(FORMATS)}")
    dirs = {f: workdir / f for f in FORMATS}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    for item_id, path in texts.items():
        (dirs["html"] / f"{item_id}.html").write_bytes(text_to_html(path.read_text(encoding="utf-8")))
    timeout = 60.0 + 3.0 * len(texts)
    if "docx" in formats or "pdf" in formats:
        _soffice(["--convert-to", "docx:MS Word 2007 XML"], dirs["docx"], sorted(dirs["html"].glob("*.html")), timeout)
    if "pdf" in formats:
        _soffice(["--convert-to", "pdf"], dirs["pdf"], sorted(dirs["docx"].glob("*.docx")), timeout)
    if "xlsx" in formats:
        _soffice(["--infilter=HTML (StarCalc)", "--convert-to", "xlsx"], dirs["xlsx"],
                 sorted(dirs["html"].glob("*.html")), timeout)
    out: dict[str, dict[str, Path]] = {}
    for f in formats:
        out[f] = {i: dirs[f] / f"{i}.{f}" for i in texts if (dirs[f] / f"{i}.{f}").is_file()}
    return out


def rendered_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="selfeval-render-"))


def cleanup(workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
