"""Workbooks (XLSX, XLS, ET) with python-calamine: one Page per sheet.

Numbers come out as plain decimal strings without float noise (1478.93, 42, not
1478.9300000001 or 42.0) and without thousands separators, so that figures match however
the sheet was formatted. Cells formatted as percentages are the one exception: a rate
stored as 0.873 is printed as the sheet shows it, 87.30%, because "0.873" would be read
as a fraction by anyone downstream. The percent styles are read from the XLSX styles
(defusedxml) or from the BIFF8 FORMAT/XF records of an XLS.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from pathlib import Path, PurePosixPath

from selfeval.textnorm import clean_extracted_text

from ..model import ExtractedDocument, Page, Table
from . import biff
from .base import ExtractionError, Limits, lib_version
from .tables import fill_grid, rows_to_text

PercentCells = dict[int, dict[tuple[int, int], int]]  # sheet index -> (row, col) -> decimals
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def format_number(x: float, percent_decimals: int | None = None) -> str:
    """Shortest faithful decimal for a cell number; percent cells as 'NN.NN%'."""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, int):
        return str(x) if percent_decimals is None else f"{x * 100:.{percent_decimals}f}%"
    if math.isnan(x) or math.isinf(x):
        return ""
    if percent_decimals is not None:
        return f"{x * 100:.{percent_decimals}f}%"
    if abs(x) >= 1e15 or (x != 0 and abs(x) < 1e-6):
        return repr(x)
    r = round(x, 6)
    if r.is_integer():
        return str(int(r))
    return format(r, ".6f").rstrip("0").rstrip(".")


def format_cell(v: object, percent_decimals: int | None = None) -> str:
    """Any calamine cell value as text."""
    if v is None:
        return ""
    if isinstance(v, str):
        return clean_extracted_text(v)
    if isinstance(v, bool | int | float):
        return format_number(v, percent_decimals)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v)
    return clean_extracted_text(str(v))


# --------------------------------------------------------------------------- percent styles


def _xlsx_sheet_paths(zf: zipfile.ZipFile) -> list[str]:
    """Worksheet part names in workbook order."""
    from defusedxml import ElementTree as SafeET

    wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    paths = []
    for sh in wb.iter(_NS + "sheet"):
        target = targets.get(sh.get(_REL_NS + "id"), "")
        if target.startswith("/"):
            paths.append(target.lstrip("/"))
        else:
            paths.append(str(PurePosixPath("xl") / target))
    return paths


def _ref_to_rc(ref: str) -> tuple[int, int]:
    """'B3' -> (2, 1)."""
    m = re.match(r"([A-Z]+)(\d+)", ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def xlsx_percent_cells(path: Path) -> PercentCells:
    """Cells with a percent number format, per sheet index (empty when none or unreadable)."""
    from defusedxml import ElementTree as SafeET

    try:
        with zipfile.ZipFile(path) as zf:
            styles = SafeET.fromstring(zf.read("xl/styles.xml"))
            codes = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in styles.iter(_NS + "numFmt")}
            xfs = styles.find(_NS + "cellXfs")
            pct_xf: dict[int, int] = {}
            for i, xf in enumerate(xfs if xfs is not None else []):
                fid = int(xf.get("numFmtId") or 0)
                d = biff.BUILTIN_PERCENT.get(fid) if fid not in codes else biff.percent_decimals(codes[fid])
                if d is not None:
                    pct_xf[i] = d
            if not pct_xf:
                return {}
            out: PercentCells = {}
            for idx, part in enumerate(_xlsx_sheet_paths(zf)):
                cells: dict[tuple[int, int], int] = {}
                with zf.open(part) as fh:
                    for _, el in SafeET.iterparse(fh):
                        if el.tag == _NS + "c":
                            s = el.get("s")
                            if s is not None and int(s) in pct_xf and el.get("r"):
                                cells[_ref_to_rc(el.get("r"))] = pct_xf[int(s)]
                            el.clear()
                out[idx] = cells
            return out
    except (KeyError, ValueError, zipfile.BadZipFile, SafeET.ParseError):
        return {}


# --------------------------------------------------------------------------- workbook


def _open_workbook(path: Path, fmt: str):
    """CalamineWorkbook or a precise ExtractionError."""
    from python_calamine import CalamineWorkbook

    try:
        with open(path, "rb") as fh:  # from content, not extension: names are often wrong
            return CalamineWorkbook.from_filelike(fh)
    except Exception as e:  # noqa: BLE001 - calamine raises its own exception types
        msg = str(e)
        if "password" in msg.lower() or "encrypt" in msg.lower():
            raise ExtractionError(f"encrypted {fmt} workbook") from e
        raise ExtractionError(f"unreadable {fmt} workbook: {msg}"[:300]) from e


def _sheet_page(sheet, number: int, pct: dict[tuple[int, int], int], limits: Limits) -> Page:
    """One sheet as a Page: text (merged cells once) and a table (merged cells repeated)."""
    h, w = sheet.height, sheet.width
    if h * w > limits.max_sheet_cells:
        raise ExtractionError(f"sheet {sheet.name!r} too large: {h}x{w} cells > limit {limits.max_sheet_cells}")
    rows = sheet.to_python(skip_empty_area=False)
    grid: list[list[str | None]] = [
        [format_cell(v, pct.get((r, c))) for c, v in enumerate(row)] for r, row in enumerate(rows)
    ]
    spans = {}
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, min(r1 + 1, len(grid))):
            for c in range(c0, min(c1 + 1, len(grid[r]))):
                if (r, c) != (r0, c0):
                    grid[r][c] = None
    text_rows = [[c for c in row if c is not None] for row in grid]
    table = fill_grid(grid, spans)
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    tables: list[Table] = [table] if any(any(c.strip() for c in r) for r in table) else []
    return Page(number, rows_to_text(text_rows), tables, name=sheet.name)


def extract_workbook(path: Path, fmt: str, limits: Limits, pct: PercentCells | None = None) -> ExtractedDocument:
    """All sheets of a workbook, in order; hidden sheets are kept and listed in meta."""
    wb = _open_workbook(path, fmt)
    if pct is None:
        pct = xlsx_percent_cells(path) if fmt == "xlsx" else _biff_percent(path)
    pages: list[Page] = []
    hidden: list[str] = []
    for i, sm in enumerate(wb.sheets_metadata):
        if "Visible" not in str(sm.visible):
            hidden.append(sm.name)
        try:
            sheet = wb.get_sheet_by_index(i)
        except Exception as e:  # noqa: BLE001 - chart sheets and the like
            pages.append(Page(len(pages) + 1, "", [], name=sm.name))
            del e
            continue
        pages.append(_sheet_page(sheet, len(pages) + 1, pct.get(i, {}), limits))
    if not pages:
        raise ExtractionError(f"{fmt} workbook has no sheets")
    return ExtractedDocument(
        format=fmt,
        pages=pages,
        engine=f"python-calamine {lib_version('python-calamine')}",
        title_hint=None,
        meta={"sheets": [p.name for p in pages], "hidden_sheets": hidden},
    )


def _biff_percent(path: Path) -> PercentCells:
    """Percent cells of an XLS (BIFF8) workbook; {} when the stream cannot be parsed."""
    try:
        return biff.biff_percent_cells(path.read_bytes())
    except Exception:  # noqa: BLE001 - formatting is a nicety, never a failure
        return {}
