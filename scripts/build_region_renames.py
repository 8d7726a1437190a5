#!/usr/bin/env python3
"""Rebuild include/selfeval/understand/data/region_renames.csv: county-level divisions renamed or re-parented
since 2017 (株洲县 -> 渌口区 2018, 邵东县 -> 邵东市 2019), each mapped to the division of gbt2260.csv that
replaced it, so a 2018 report of 株洲县财政局 still resolves to 湖南省 / 株洲市.  Source: the change list of
jionlp (Apache-2.0), jionlp/dictionary/china_location_change.txt.

    pip download jionlp==1.5.31 --no-deps && unzip -o jionlp-1.5.31-*.whl 'jionlp/dictionary/china_location_change.txt'
    python3 scripts/build_region_renames.py jionlp/dictionary/china_location_change.txt \
        > include/selfeval/understand/data/region_renames.csv

Standard library only.
"""
import csv
import re
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "include/selfeval/understand/data/gbt2260.csv"
SINCE = "2017"  # reports of this genre start with fiscal 2018: older renames never reach them


def main(changes: Path) -> None:
    rows = list(csv.DictReader(line for line in TABLE.open(encoding="utf-8") if not line.startswith("#")))
    names = {(r["name"], r["parent"]) for r in rows}
    by_name: dict[str, list[dict]] = {}
    for r in rows:
        by_name.setdefault(r["name"], []).append(r)
    out = {}
    for line in changes.open(encoding="utf-8"):
        old, _, new = line.rstrip("\n").partition("=>")
        old_f, new_f = old.split("\t"), new.split("\t")
        if not old_f[0] >= SINCE or len(old_f) != 8 or len(new_f) != 3:
            continue  # (a prefecture's own rename, or a change before the genre's years)
        old_name, (prov, city, county) = old_f[6], new_f
        cities = [r for r in by_name.get(city, []) if r["level"] == "2" and by_name.get(prov)
                  and r["parent"] == by_name[prov][0]["code"]]
        target = [r for r in by_name.get(county, []) if cities and r["parent"] == cities[0]["code"]]
        if len(target) != 1 or old_name == county or any((old_name, t["parent"]) in names for t in target):
            continue  # not resolvable in the table, or the table keeps the old name already
        if not re.search(r"[县市区旗]$", old_name) or re.fullmatch(r"(?:城|郊|矿|桥[东西]|[东南西北])区", old_name):
            continue  # '冷湖行政委员会' is no county name; '城区', '桥东区' are words or name several districts
        out[old_name, target[0]["code"]] = (old_f[0], county)
    w = csv.writer(sys.stdout, lineterminator="\n")
    print("# County-level divisions renamed or re-parented since 2017, mapped to the division that replaced them.")
    print("# Built by scripts/build_region_renames.py from jionlp 1.5.31 (Apache-2.0) china_location_change.txt.")
    w.writerow(["old_name", "code", "changed", "new_name"])
    for (old_name, code), (date, county) in sorted(out.items(), key=lambda kv: (kv[1][0], kv[0])):
        w.writerow([old_name, code, date, county])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
