"""Write a perturbed copy of the realset (texts changed, labels linked) to measure how the reader holds up
when the same reports reach it in another shape:

    python3 realset/tools/perturb.py wrap /tmp/realset-wrap     # then: selfeval eval /tmp/realset-wrap --split dev

Kinds:

* ``wrap``   — every prose line hard-wrapped at a width of 30–42 characters (fixed per text), as a narrow PDF
  layout breaks it; table rows (``|``) are left whole and a run of digits or Latin letters is never cut
  (word processors keep '1781.86' on one line);
* ``trad``   — converted to traditional characters (OpenCC s2t), as a 繁體 mirror serves a page;
* ``spaced`` — the first title-like line letter-spaced ('绩 效 自 评 报 告'), as a PDF's spaced headline extracts;
* ``nometa`` — the page's metadata lines (索引号, 发布机构, 发布日期 …) dropped from its head, as a document
  without its portal page has none.

The labels stay those of the original text, so a field whose only evidence the perturbation removed (the
publish date under ``nometa``) counts as missed.
"""

from __future__ import annotations

import os
import random
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

REALSET = Path(__file__).resolve().parents[1]
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.%]")
_META_LINE = re.compile(r"(?m)^.*(?:索引号|发布机构|发布日期|发布时间|来源|浏览次数|字号|分享到|打印).*\n?")


def wrap(text: str) -> str:
    width = random.Random(zlib.crc32(text.encode("utf-8"))).randint(30, 42)
    out: list[str] = []
    for line in text.split("\n"):
        if "|" in line:
            out.append(line)
            continue
        while len(line) > width:
            k = width
            while k > 1 and _UNBREAKABLE.match(line[k]) and _UNBREAKABLE.match(line[k - 1]):
                k -= 1
            k = k if k > 1 else width
            out.append(line[:k])
            line = line[k:]
        out.append(line)
    return "\n".join(out)


def traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def spaced(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines[:12]):
        if re.search(r"(?:自评|评价)(?:报告|表)", line) and len(line) < 60:
            lines[i] = " ".join(line)
            break
    return "\n".join(lines)


def nometa(text: str) -> str:
    return _META_LINE.sub("", text[:1500]) + text[1500:]


KINDS: dict[str, Callable[[str], str]] = {"wrap": wrap, "trad": traditional, "spaced": spaced, "nometa": nometa}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in KINDS:
        print(f"usage: perturb.py {{{','.join(KINDS)}}} OUT_DIR", file=sys.stderr)
        return 2
    change, out = KINDS[argv[0]], Path(argv[1])
    (out / "texts").mkdir(parents=True, exist_ok=True)
    (out / "labels").mkdir(exist_ok=True)
    n = 0
    for label in sorted((REALSET / "labels").glob("*.json")):
        text = (REALSET / "texts" / f"{label.stem}.txt").read_text(encoding="utf-8")
        (out / "texts" / f"{label.stem}.txt").write_text(change(text), encoding="utf-8")
        link = out / "labels" / label.name
        if not link.exists():
            os.symlink(label.resolve(), link)
        n += 1
    print(f"{n} texts written to {out} ({argv[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
