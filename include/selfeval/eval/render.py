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

Text variants (the same `.txt` contract, other pages):

* `traditional`: the text in traditional characters (OpenCC s2t), as portals' 繁體 switch serves it;
* `gb18030`: the text's bytes in GB18030, as county sites save them;
* `untitled`: the first line naming a report (自评/绩效/报告/评价 in the first 15 lines) removed, as when the
  title lives only in the page's <title> or the copy starts below it;
* `opening800`: only the first 800 characters, as a page cut short or a list page's preview.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FORMATS = ("html", "docx", "pdf", "xlsx", "traditional", "gb18030", "untitled", "opening800")
TEXT_VARIANTS = ("traditional", "gb18030", "untitled", "opening800")
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


def text_variant(text: str, variant: str) -> bytes:
    """The bytes of a text variant (see the module docstring)."""
    if variant == "traditional":
        import opencc

        return opencc.OpenCC("s2t").convert(text).encode("utf-8")
    if variant == "gb18030":
        return text.encode("gb18030")
    if variant == "untitled":
        lines = text.split("\n")
        for i, line in enumerate(lines[:15]):
            if re.search(r"自评|绩效|报告|评价", line):
                del lines[i]
                break
        return "\n".join(lines).encode("utf-8")
    if variant == "opening800":
        return text[:800].encode("utf-8")
    raise ValueError(f"unknown text variant {variant!r}")


def _soffice(args: list[str], outdir: Path, files: list[Path], timeout_s: float) -> None:
    """One LibreOffice batch conversion with a throwaway profile (a user's running instance is not disturbed)."""
    from selfeval.extract.office import soffice_binary

    binary = soffice_binary()
    if binary is None:
        raise RuntimeError("rendering DOCX/PDF needs LibreOffice (soffice), which was not found")
    with tempfile.TemporaryDirectory(prefix="selfeval-render-lo-") as profile:
        try:
            subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", *args, "--outdir",
                            str(outdir), *map(str, files)], check=False, capture_output=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            pass  # what it converted so far stays; _convert retries the rest


def _convert(args: list[str], outdir: Path, files: list[Path], ext: str, timeout_s: float) -> None:
    """Convert every file, batch after batch: one LibreOffice batch can die part-way (a third of the dev
    split was silently missing from one run, though each file converts on its own), and a missing rendering
    is scored as a miss, which would blame the reader for the converter. A file that makes no progress on
    its own turn at the head of a batch is given up, so the loop ends."""
    pending = list(files)
    while pending:
        _soffice(args, outdir, pending, timeout_s)
        left = [f for f in pending if not (outdir / f"{f.stem}.{ext}").is_file()]
        if len(left) == len(pending):
            left = left[1:]
        pending = left


def render_all(texts: dict[str, Path], formats: list[str], workdir: Path) -> dict[str, dict[str, Path]]:
    """{format: {item id: rendered file}} for every text; an item LibreOffice failed to convert is missing."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown render format(s) {unknown}; choose from {', '.join(FORMATS)}")
    dirs = {f: workdir / f for f in FORMATS}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    for item_id, path in texts.items():
        text = path.read_text(encoding="utf-8")
        (dirs["html"] / f"{item_id}.html").write_bytes(text_to_html(text))
        for variant in set(formats) & set(TEXT_VARIANTS):
            (dirs[variant] / f"{item_id}.txt").write_bytes(text_variant(text, variant))
    timeout = 60.0 + 3.0 * len(texts)
    if "docx" in formats or "pdf" in formats:
        _convert(["--convert-to", "docx:MS Word 2007 XML"], dirs["docx"], sorted(dirs["html"].glob("*.html")), "docx",
                 timeout)
    if "pdf" in formats:
        _convert(["--convert-to", "pdf"], dirs["pdf"], sorted(dirs["docx"].glob("*.docx")), "pdf", timeout)
    if "xlsx" in formats:
        _convert(["--infilter=HTML (StarCalc)", "--convert-to", "xlsx"], dirs["xlsx"],
                 sorted(dirs["html"].glob("*.html")), "xlsx", timeout)
    out: dict[str, dict[str, Path]] = {}
    for f in formats:
        ext = "txt" if f in TEXT_VARIANTS else f
        out[f] = {i: dirs[f] / f"{i}.{ext}" for i in texts if (dirs[f] / f"{i}.{ext}").is_file()}
    return out


def rendered_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="selfeval-render-"))


def cleanup(workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
