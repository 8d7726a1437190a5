#!/usr/bin/env python3
"""Rebuild include/selfeval/understand/data/townships.csv: the townships (镇, 乡, 民族乡, 街道, 苏木) of every county-level
division of gbt2260.csv, so a report whose unit is a township named without its county ('卢峰镇人民政府') can be placed
when the name belongs to one county only (卢峰镇 -> 溆浦县 431224).  Source: the location tree of jionlp (Apache-2.0),
jionlp/dictionary/china_location.txt (province, prefecture, county with codes, then townships and villages, by tab
depth); villages and the other township-level units (农场, 林场, 工业园区, 管委会 …) are left out.

    pip download jionlp==1.5.31 --no-deps && unzip -o jionlp-1.5.31-*.whl 'jionlp/dictionary/china_location.txt'
    python3 scripts/build_townships.py jionlp/dictionary/china_location.txt \
        > include/selfeval/understand/data/townships.csv

Standard library only.
"""
import csv
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "include/selfeval/understand/data"
TABLE, RENAMES = DATA / "gbt2260.csv", DATA / "region_renames.csv"
TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,}(?:镇|乡|街道|苏木)")  # 民族乡 ends in 乡; one-character stems (唐镇) kept


def _township(name: str, county: str) -> str | None:
    """The township's own name: '街道办事处' read as '街道', a county's name before it dropped ('四子王旗巴音敖包苏木')."""
    name = re.sub(r"街道办事处$", "街道", name)
    for prefix in (county, re.sub(r"(?:自治县|自治旗|县|区|市|旗)$", "", county)):
        if len(prefix) >= 2 and name.startswith(prefix) and len(name) - len(prefix) >= 2:
            name = name[len(prefix):]
            break
    return name if TOWNSHIP.fullmatch(name) or re.fullmatch(r"[\u4e00-\u9fff](?:镇|乡|苏木)", name) else None


def main(tree: Path) -> None:
    rows = list(csv.DictReader(line for line in TABLE.open(encoding="utf-8") if not line.startswith("#")))
    counties = {r["code"]: r["name"] for r in rows if r["level"] == "3" and len(r["code"]) == 6}
    # a county by its name and city: the tree's code is older at times (偃师区 410381, now 410307)
    by_name = {(r["name"], r["parent"]): r["code"] for r in rows if r["code"] in counties}
    # a county renamed since (祁阳县 -> 祁阳市 431181): the division of region_renames.csv that replaced it
    renamed: dict[str, set[str]] = {}
    for r in csv.DictReader(line for line in RENAMES.open(encoding="utf-8") if not line.startswith("#")):
        renamed.setdefault(r["old_name"], set()).add(r["code"])
    city = None
    out: set[tuple[str, str]] = set()
    code = None  # the county the township lines below belong to (None: one the table does not hold)
    for line in tree.open(encoding="utf-8"):
        line = line.rstrip("\r\n")
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if depth == 1:
            city = fields[1] if len(fields) > 1 else None
        if depth == 2:
            # the name the tree gives first: it is newer than its code at times (祁阳市 431121, the code of 祁阳县)
            code = by_name.get((fields[0], city)) or (fields[1] if len(fields) > 1 and fields[1] in counties else None)
            if code is None and len(renamed.get(fields[0], ())) == 1:
                code = next(iter(renamed[fields[0]]))
        elif depth < 2:
            code = None
        elif depth == 3 and code is not None:
            name = _township(fields[0], counties[code])
            if name is not None:
                out.add((code, name))
    w = csv.writer(sys.stdout, lineterminator="\n")
    print("# Townships (镇/乡/民族乡/街道/苏木) of each county-level division of gbt2260.csv, by county code.")
    print("# Built by scripts/build_townships.py from jionlp 1.5.31 (Apache-2.0) china_location.txt.")
    w.writerow(["county_code", "township"])
    for code, name in sorted(out):
        w.writerow([code, name])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
