"""Score a realset split read as multi-page PDFs: each text hard-wrapped like a narrow PDF layout (perturb.py
wrap), cut into pages of N lines, each page closed by a page number ('— 1 —'), and scored as `selfeval eval`
scores it.  How the reader holds up when a report's sentences, tables and titles run across page breaks:

    python3 realset/tools/paged.py --split dev --lines 12 [--footer '— {n} —'] [--head] [--misses]

Needs the project's package (run it with the project's venv, PYTHONPATH=include).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perturb import REALSET, wrap  # noqa: E402


def paged_document(text: str, lines: int, footer: str, head: bool = False):
    """The text as the PDF reader would hand over an N-lines-per-page layout of it (`head`: every page after the
    first opens with the text's first line, as a word processor's running head repeats the title)."""
    from selfeval.model import ExtractedDocument, Page

    rows = wrap(text).split("\n")
    first = next((r for r in rows if r.strip()), "")
    pages = []
    for k in range(0, len(rows), lines):
        body = ("\n".join([first] + rows[k:k + lines]) if head and k else "\n".join(rows[k:k + lines]))
        mark = footer.format(n=len(pages) + 1) if footer else ""
        pages.append(Page(number=len(pages) + 1, text=body + ("\n" + mark if mark else "")))
    return ExtractedDocument(format="pdf", pages=pages, engine="paged")


def main(argv: list[str]) -> int:
    from selfeval.eval.realset import evaluate_document, format_realset, load_items, score

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--lines", type=int, default=12, help="lines per page (default 12)")
    ap.add_argument("--footer", default="— {n} —", help="page number line, {n} the page ('' for none)")
    ap.add_argument("--head", action="store_true", help="repeat the first line atop every later page (a running head)")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args(argv)
    items = load_items(REALSET, args.split)
    results = [evaluate_document(it, paged_document(it.text_path.read_text(encoding="utf-8"), args.lines, args.footer,
                                                    args.head), it.id + ".pdf") for it in items]
    print(format_realset({"split": f"{args.split} paged ({args.lines} lines)", **score(items, results)},
                         misses=args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
