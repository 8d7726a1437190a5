"""The end-to-end bench's corpus and portals (bench/bench_e2e.py): N distinct documents made from the corpus
renderings (tests/fixtures/corpus/seed_00N.*), served on loopback portals of several CMS families.

Every document is one seed rendering with its own department (the seed's unit or township name replaced by
one of UNITS / TOWNS), its own fiscal year (every year in the text shifted by the same number of years, so
dates stay consistent) and its own amounts (every figure before 万元 scaled by a factor of its own), so every
document has a different sha256 and different field values; the pair (department, fiscal year) is unique per
seed for up to len(UNITS) × len(YEARS) = 144 documents per seed.

- txt, html (UTF-8 or GBK like its seed), docx (word/document.xml) and xlsx (the sheet's inline strings) are
  edited directly;
- pdf, doc and xls are the edited docx / xlsx converted by LibreOffice (one batch conversion per target
  format, two at a time), and every PDF gets an incremental update of its own appended (a new Info
  dictionary: title and variant number), as portals' PDFs often carry.

The scanned rendering (seed_000.scanned.pdf) is left out: the bench runs with SELFEVAL_OCR=0, like chaos.py.

`CorpusPortal` turns a family portal of tests/crawl/portals.py into one that lists these documents (one
report per detail page; an html rendering is the detail page itself, an article) and serves it on its own
loopback address (127.0.0.2, .3, …), so each portal is a host of its own, as real portals are.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tests.crawl.portals import (
    CTYPE,
    MAGIC,
    CssPortal,
    Doc,
    Entry,
    GkmlptPortal,
    HanwebPortal,
    Response,
    SearchPortal,
    TrsPortal,
    VsbPortal,
    _Handler,
    _Server,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
UNITS = ["农业农村局", "交通运输局", "水利局", "民政局", "自然资源局", "卫生健康局", "教育局", "文化旅游广电体育局",
         "市场监督管理局", "人力资源和社会保障局", "林业局", "住房和城乡建设局", "审计局", "统计局", "司法局", "商务局",
         "应急管理局", "生态环境局", "退役军人事务局", "医疗保障局", "科学技术局", "工业和信息化局", "发展和改革局",
         "城市管理和综合执法局"]
TOWNS = ["龙潭", "桥江", "低庄", "大江", "思蒙", "观音", "水东", "双井", "卢峰", "祖市", "江东", "深子", "北斗", "两丫",
         "统溪", "葛竹", "岗东", "小横", "均坪", "中都", "沿溪", "谭家", "舒溶", "油洋"]
YEARS = list(range(2019, 2025))
# seed → (fiscal year, the name that makes its department, the replacement pattern)
SEEDS = {"seed_000": (2023, "乡村振兴局", "{unit}"), "seed_001": (2021, "乡村振兴局", "{unit}"),
         "seed_002": (2023, "太常", "{town}"), "seed_003": (2023, "平口镇", "{town}镇"),
         "seed_004": (2023, "瓜里乡", "{town}乡")}
# (seed, rendering) in the order documents cycle through them; .table renderings are self-evaluation forms
TEMPLATES = [(s, f) for s in SEEDS for f in ("pdf", "docx", "doc", "html", "txt")] + [
    (s, f) for s in ("seed_001", "seed_004") for f in ("table.pdf", "table.xls", "table.xlsx")]
FAMILIES = ["static_list", "hanweb_jcms", "vsb", "gkmlpt", "css", "search"]
TEXT_CTYPE = {"txt": "text/plain; charset=utf-8"}
MAGIC.setdefault("txt", b"")  # the family portals make placeholder bodies by extension (replaced here)


@dataclass
class GenDoc:
    n: int  # 0-based document number
    seed: str
    rendering: str  # pdf | docx | doc | html | txt | table.pdf | table.xls | table.xlsx
    year: int
    name: str  # the replacement of the seed's department name
    factor: float  # amounts × factor
    title: str
    published: date
    path: Path = field(default=Path())

    @property
    def ext(self) -> str:
        return self.rendering.rsplit(".", 1)[-1]

    @property
    def family(self) -> str:
        return FAMILIES[self.n % len(FAMILIES)]


def plan(n_docs: int) -> list[GenDoc]:
    """What each document will be (deterministic: the same N gives the same corpus)."""
    truth = json.loads((CORPUS / "truth.json").read_text("utf-8"))
    per_seed: dict[str, int] = {}
    out = []
    for n in range(n_docs):
        seed, rendering = TEMPLATES[n % len(TEMPLATES)]
        k = per_seed[seed] = per_seed.get(seed, -1) + 1  # the k-th document made from this seed
        base_year, token, pattern = SEEDS[seed]
        names = UNITS if "{unit}" in pattern else TOWNS
        name = pattern.format(unit=names[k % len(names)], town=names[k % len(names)])
        year = YEARS[(k // len(names) + k) % len(YEARS)]
        rnd = random.Random(n)
        factor = round(0.7 + 0.6 * rnd.random(), 4)
        key = seed + (".table" if rendering.startswith("table") else "")
        title = truth[key]["title"]
        if key.endswith(".table"):  # the form's own title names no unit: the portal's list title does
            title = truth[seed]["department"] + f"{base_year}年度" + title
        title = _edit_text(title, base_year, token, name, year, 1.0)
        published = date(year + 1, 3 + k % 8, 1 + (7 * k) % 28)
        out.append(GenDoc(n, seed, rendering, year, name, factor, title, published))
    return out


# -- editing --------------------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![\d.])(20[12]\d)(?![\d.])")
# a figure before 万元, with tags (docx runs, html) or blanks between
_AMOUNT = re.compile(r"(?<![\d.])(\d{1,9}(?:\.\d+)?)(?=(?:\s|&nbsp;|<[^>]{0,200}>){0,6}万元)")


def _scale(m: re.Match, factor: float) -> str:
    raw = m.group(1)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = float(raw) * factor
    return f"{value:.{decimals}f}" if decimals else str(round(value))


def _edit_text(text: str, base_year: int, token: str, name: str, year: int, factor: float) -> str:
    """Department name, years and amounts of one document (text, or the text of markup)."""
    shift = year - base_year
    text = text.replace(token, name)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    return _AMOUNT.sub(lambda m: _scale(m, factor), text) if factor != 1.0 else text


def _unref(xml: str) -> str:
    """Numeric character references of non-ASCII characters as the characters (xlsx writes CJK as &#NNNNN;)."""
    return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))) if int(m.group(1)) > 127 else m.group(0), xml)


def _edit_zip(src: Path, dst: Path, members: tuple[str, ...], edit) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in members or info.filename.startswith("xl/worksheets/sheet"):
                data = edit(_unref(data.decode("utf-8"))).encode("utf-8")
            zout.writestr(info, data)


def _source_of(g: GenDoc) -> str:
    """The seed file edited to make this document (pdf/doc from the docx, the form's pdf/xls from its xlsx)."""
    if g.rendering.startswith("table"):
        return f"{g.seed}.table.xlsx"
    return f"{g.seed}.{ {'pdf': 'docx', 'doc': 'docx'}.get(g.rendering, g.rendering)}"


def _write_edited(g: GenDoc, out: Path) -> Path:
    base_year, token, _pattern = SEEDS[g.seed]
    src = CORPUS / _source_of(g)

    def edit(text: str) -> str:
        return _edit_text(text, base_year, token, g.name, g.year, g.factor)

    dst = out / f"d{g.n:05d}{src.suffix}"
    if src.suffix in (".txt", ".html"):
        raw = src.read_bytes()
        enc = "utf-8"
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            enc = "gb18030"
        text = edit(raw.decode(enc))
        if src.suffix == ".html":  # the page's own title and date say which report it is
            text = re.sub(r'(<meta name="PubDate" content=")[^"]*"', rf'\g<1>{g.published} 10:00"', text)
        dst.write_bytes(text.encode(enc))
    else:
        _edit_zip(src, dst, ("word/document.xml", "docProps/core.xml"), edit)
    return dst


def _pdf_increment(path: Path, g: GenDoc) -> None:
    """Append an incremental update: a new Info dictionary (title, variant) and its xref section."""
    data = path.read_bytes()
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", data, re.S)
    head = trailer[-1] if trailer else data[startxref:startxref + 4000]  # an xref stream's dictionary
    size = int(re.search(rb"/Size\s+(\d+)", head).group(1))
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", head).group(1)
    title = "FEFF" + g.title.encode("utf-16-be").hex().upper()
    body = data if data.endswith(b"\n") else data + b"\n"
    offset = len(body)
    obj = (f"{size} 0 obj\n<< /Title <{title}> /Subject (selfeval bench variant {g.n}) "
           f"/Producer (selfeval bench_e2e) >>\nendobj\n").encode()
    xref = len(body) + len(obj)
    tail = (f"xref\n0 1\n0000000000 65535 f \n{size} 1\n{offset:010d} 00000 n \n"
            f"trailer\n<< /Size {size + 1} /Root {root.decode()} /Info {size} 0 R /Prev {startxref} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(body + obj + tail)


def _soffice(files: list[Path], target: str, outdir: Path) -> None:
    """One LibreOffice batch conversion (its own profile, so two can run at once)."""
    if not files:
        return
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the pdf/doc/xls renderings: scripts/setup.sh")
    with tempfile.TemporaryDirectory(prefix="bench-e2e-lo-") as prof:
        subprocess.run([exe, f"-env:UserInstallation={Path(prof).as_uri()}", "--headless", "--invisible",
                        "--nologo", "--norestore", "--nodefault", "--nolockcheck", "--convert-to", target,
                        "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=3600)


def generate(n_docs: int, out: Path) -> list[GenDoc]:
    """Write the N documents into `out` (g.path set); returns them newest first per portal order."""
    docs = plan(n_docs)
    work = out / "edited"
    work.mkdir(parents=True, exist_ok=True)
    edited = {g.n: _write_edited(g, work) for g in docs}
    jobs: dict[tuple[str, str], list[Path]] = {}
    for g in docs:
        target = {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97", "table.pdf": "pdf:calc_pdf_Export",
                  "table.xls": "xls:MS Excel 97"}.get(g.rendering)
        if target:
            jobs.setdefault((target, g.rendering), []).append(edited[g.n])
    conv = out / "converted"
    with ThreadPoolExecutor(2) as pool:
        for fut in [pool.submit(_soffice, files, target, conv / rendering.replace(".", "-"))
                    for (target, rendering), files in jobs.items()]:
            fut.result()
    final = out / "docs"
    final.mkdir(exist_ok=True)
    for g in docs:
        if g.rendering in ("pdf", "doc", "table.pdf", "table.xls"):
            made = conv / g.rendering.replace(".", "-") / f"d{g.n:05d}.{g.ext}"
        else:
            made = edited[g.n]
        g.path = final / f"d{g.n:05d}.{g.ext}"
        shutil.move(made, g.path)
        if g.ext == "pdf":
            _pdf_increment(g.path, g)
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(conv, ignore_errors=True)
    return docs


# -- portals ----------------------------------------------------------------------------------------------------

class _HostServer(_Server):
    def __init__(self, portal, host: str, port: int = 0):  # noqa: D107 - _Server binds 127.0.0.1 only
        self.portal = portal
        super(_Server, self).__init__((host, port), _Handler)


class CorpusPortal:
    """Mixin over a family portal: its column lists `docs` (newest first) instead of the synthetic cycle."""

    def __init__(self, docs: list[GenDoc], source_id: str, **kw):
        self._plan = sorted(docs, key=lambda g: (g.published, g.n), reverse=True)
        self._pages: dict[str, tuple[bytes, str]] = {}  # html renderings: detail path → (bytes, content type)
        super().__init__(n=len(self._plan), source_id=source_id, **kw)

    def _make_entry(self, kind: str, i: int, when: date) -> Entry:
        g = self._plan[i]
        self._next_key += 1
        e = Entry(key=self._next_key, kind="article" if g.ext == "html" else "report", title=g.title,
                  date=g.published)
        e.detail_path = self.detail_path(e)
        if g.ext == "html":
            body = g.path.read_bytes()
            gbk = b'charset="gb2312"' in body[:600] or b"charset=gb2312" in body[:600]
            self._pages[e.detail_path] = (body, "text/html; charset=gb2312" if gbk else "text/html; charset=utf-8")
            return e
        doc = self.make_doc(e, 0, g.ext, g.title, self.styles[i % len(self.styles)], True)
        doc.body = g.path.read_bytes()
        e.docs.append(doc)
        self.docs[doc.path] = doc
        return e

    def route(self, method, path, query, form):
        if path in self._pages:
            body, ctype = self._pages[path]
            return Response(200, body, ctype, cacheable=True)
        return super().route(method, path, query, form)

    def serve_doc(self, doc: Doc) -> Response:
        if doc.ext in CTYPE:
            return super().serve_doc(doc)
        return Response(200, doc.body, TEXT_CTYPE[doc.ext], cacheable=True)

    def start_on(self, host: str):
        self._server = _HostServer(self, host)
        self.base = f"http://{host}:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self


class _Gkmlpt(CorpusPortal, GkmlptPortal):
    def make_doc(self, e, j, ext, name, style, relevant):  # the family portal renames docx to wps: keep it
        path = f"/attachment/0/{e.key // 10}/{e.key}{j}/{e.key}.{ext}"
        shown = f"附件{j + 1}：{name}.{ext}"
        return Doc(path=path, link=path, name=shown, ext=ext, body=b"", style=style, relevant=relevant, label=shown)


PORTAL_CLASSES = {
    "static_list": type("_Trs", (CorpusPortal, TrsPortal), {}),
    "hanweb_jcms": type("_Hanweb", (CorpusPortal, HanwebPortal), {}),
    "vsb": type("_Vsb", (CorpusPortal, VsbPortal), {}),
    "gkmlpt": _Gkmlpt,
    "css": type("_Css", (CorpusPortal, CssPortal), {}),
    "search": type("_Search", (CorpusPortal, SearchPortal), {}),
}


def start_portals(docs: list[GenDoc]) -> list:
    """One portal per family that has documents, each on its own loopback address (127.0.0.2, .3, …)."""
    portals = []
    for k, fam in enumerate(FAMILIES):
        mine = [g for g in docs if g.family == fam]
        if not mine:
            continue
        portal = PORTAL_CLASSES[fam](mine, source_id=f"e2e-{fam.replace('_', '-')}")
        portals.append(portal.start_on(f"127.0.0.{k + 2}"))
    return portals


def source_config(portal) -> dict:
    """The portal's source YAML (politeness at the schema's ceiling: loopback, the bench measures the work)."""
    return portal.source(name=f"e2e {portal.family}", schedule="@daily",
                         politeness={"requests_per_second": 50, "concurrency": 4, "timeout_s": 60,
                                     "max_retries": 3})


def expected_urls(portal) -> set[str]:
    """Document URLs a complete crawl stores: every attachment, and every article page."""
    urls = {portal.url(d.path) for e in portal.entries for d in e.docs}
    return urls | {portal.url(e.detail_path) for e in portal.entries if e.kind == "article"}
