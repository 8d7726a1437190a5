"""Chaos bench: kill the pipeline at random moments while portals misbehave, then check nothing was lost.

Two loopback portals are served: the demo county portal (8 real reports) and a fault portal (the TRS test
portal of tests/crawl/portals.py) whose pages and documents misbehave in the ways real portals do (FAULT_MODES
below). The stages run as they do in production, as separate processes: `selfeval crawl SOURCE` (list pages,
detail pages, downloads) and `selfeval process` (extract, understand, validate, load).

1. A clean run (every stage once, to completion) gives the reference warehouse content checksum.
2. The chaos run starts stages in random order and SIGKILLs each stage's process group after a random delay,
   `--kills` times, then lets every stage run to completion.
3. The two warehouses are compared by content (natural keys, no ids or timestamps):

   kills N, lost 0, duplicated 0, stuck 0, max RSS … MB, longest task … s, faults recorded with a reason M/M

`lost` = rows of the clean content missing after chaos, `duplicated` = rows the clean run does not have,
`stuck` = crawl runs left `running` or items/versions left in a non-final state, `max RSS` = the largest
resident set of any stage process, `longest task` = the longest stage run, `faults recorded` = fault URLs
the warehouse records with a status and a reason, of those that can never succeed.

    .venv/bin/python bench/chaos.py --kills 30          # the full run (about 5 minutes)
    .venv/bin/python bench/chaos.py --kills 3           # the short variant tests/e2e/test_chaos.py runs
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test portals live in tests/
from selfeval.demo.portal import serve  # noqa: E402
from selfeval.warehouse.checksum import checksums  # noqa: E402

from tests.crawl.portals import PDF, Response, TrsPortal  # noqa: E402

FAULT_SOURCE = "chaos-trs"
DEMO_SOURCE = "demo-county"

# name -> (where, how). Transient faults are used up by retries; persistent ones answer the same way forever.
FAULT_MODES = {
    "5xx burst on a list page": ("list:1", ["503", "502", "500"]),
    "429 with a huge Retry-After": ("list:2", ["429:100000"]),
    "connection reset": ("doc", ["reset"]),
    "truncated body": ("doc", ["truncate"]),
    "timeout (never answers)": ("doc", ["timeout:1"] * 1000),
    "slow loris with Content-Length": ("doc", ["drip:400"] * 1000),
    "endless body without Content-Length": ("doc", ["bigstream:40"] * 1000),
    "gzip bomb on a detail page": ("detail", ["gzipbomb:64"] * 1000),
    "wrong Content-Type": ("doc:special", "wrongtype"),
    "HTML error page instead of a PDF": ("doc:special", "errpage"),
    "redirect loop": ("doc:special", "loop"),
    "redirect to the metadata address": ("doc:special", "meta"),
    "redirect to a private address": ("doc:special", "private"),
    "redirect to NAT64 loopback": ("doc:special", "nat64"),
    "oversized body": ("doc:special", "big"),
    "5xx forever on a detail page": ("detail", ["500"] * 1000),
    "path traversal file name": ("doc:special", "traversal"),
    "10,000-link list page": ("page:special", "manylinks"),
    "query-string trap (endless calendar links)": ("page:special", "calendar"),
    "GBK page labelled UTF-8": ("page:special", "gbk"),
    "epoch-zero date": ("page:special", "epoch"),
    "anti-bot challenge on a side page": ("page:special", "challenge"),
}
NEVER_SUCCEED = {"timeout (never answers)", "slow loris with Content-Length", "endless body without Content-Length",
                 "gzip bomb on a detail page", "HTML error page instead of a PDF", "redirect loop",
                 "redirect to the metadata address", "redirect to a private address", "redirect to NAT64 loopback",
                 "oversized body", "5xx forever on a detail page"}


def _special(kind: str, doc) -> Response:
    name = doc.path.rsplit("/", 1)[-1]
    return {
        "wrongtype": Response(200, doc.body, "text/html; charset=utf-8"),
        "errpage": Response(200, "<!DOCTYPE html><html><body>文件不存在或已删除</body></html>".encode()),
        "loop": Response(302, b"", headers={"Location": doc.path}),
        "meta": Response(302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
        "private": Response(302, b"", headers={"Location": "http://10.0.0.1/secret.pdf"}),
        "nat64": Response(302, b"", headers={"Location": "http://[64:ff9b::7f00:1]/x.pdf"}),
        "big": Response(200, PDF + b"0" * (3 * 1024 * 1024), "application/pdf"),
        "traversal": Response(200, doc.body, "application/pdf", headers={
            "Content-Disposition": f'attachment; filename="../../../etc/{name}"'}),
    }[kind]


def _page(kind: str) -> Response:
    if kind == "manylinks":
        links = "".join(f'<li><a href="/zwgk/jxzp/x/t{i}.html">新闻{i}</a><span>2025-01-01</span></li>'
                        for i in range(10_000))
        return Response(200, f"<html><body><ul>{links}</ul></body></html>".encode())
    if kind == "calendar":
        links = "".join(f'<a href="?date=2025-{m:02d}-{d:02d}&page={d}">{d}</a>' for m in range(1, 13) for d in range(1, 29))
        return Response(200, f"<html><body>{links}</body></html>".encode())
    if kind == "gbk":
        return Response(200, "<html><body><h1>县财政局2024年度部门整体支出绩效自评报告</h1></body></html>".encode("gbk"),
                        "text/html; charset=utf-8")
    if kind == "epoch":
        return Response(200, b'<html><head><meta name="PubDate" content="1970-01-01 08:00"></head><body></body></html>')
    return Response(200, b"<html><head><script>window.EO_Bot_Ssid=1;document.cookie='__tst_status=1';"
                         b"location.reload()</script></head><body></body></html>")


def fault_portal() -> tuple[TrsPortal, dict[str, str]]:
    """The TRS test portal with every fault mode installed; returns it and fault name -> affected path."""
    portal = TrsPortal(n=40, source_id=FAULT_SOURCE)
    n_detail = sum(1 for target, _ in FAULT_MODES.values() if target == "detail")
    faulty = [e for e in portal.entries if e.kind == "report"][-n_detail:]  # their documents are never reached
    details = [e.detail_path for e in faulty]
    docs = [d for e in portal.entries if e.relevant and e.kind != "container" and e not in faulty for d in e.docs]
    where: dict[str, str] = {}
    for name, (target, how) in FAULT_MODES.items():
        if target.startswith("list:"):
            path = f"/zwgk/jxzp/index_{target[5:]}.html"
            portal.faults[path] = list(how)
        elif target == "doc":
            path = docs.pop(0).path
            portal.faults[path] = list(how)
        elif target == "detail":
            path = details.pop()
            portal.faults[path] = list(how)
        elif target == "doc:special":
            d = docs.pop(0)
            path = d.path
            portal.special[path] = _special(how, d)
        else:  # a page linked from nowhere the crawler must go: served, and must never hurt
            path = f"/zwgk/jxzp/side/{how}.html"
            portal.special[path] = _page(how)
        where[name] = path
    return portal, where


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stage:
    name: str
    argv: list[str]


@dataclass
class Outcome:
    kills: int = 0
    max_rss_mb: float = 0.0
    longest_s: float = 0.0
    runs: list[dict] = field(default_factory=list)


def _registry(dir_: Path, portal: TrsPortal, demo_url: str) -> Path:
    reg = dir_ / "sources"
    reg.mkdir(parents=True, exist_ok=True)
    cfg = portal.source(max_download_mb=2, private_networks=["127.0.0.0/8"], allow_hosts=["127.0.0.1", "10.0.0.1"])
    cfg["politeness"].update({"timeout_s": 0.5, "max_retries": 2, "max_download_s": 5})
    import yaml

    (reg / "chaos.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    demo = (ROOT / "demo-sources" / "demo-county.yaml").read_text("utf-8").replace("${SELFEVAL_DEMO_BASE_URL}", demo_url)
    (reg / "demo.yaml").write_text(demo, "utf-8")
    return reg


def _env(data: Path, reg: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"SELFEVAL_DATA_DIR": str(data), "SELFEVAL_SOURCES": str(reg), "SELFEVAL_OCR": "0",
                "PATH": f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}"})
    env.pop("SELFEVAL_WAREHOUSE_URL", None)
    return env


def _stages(reg: Path) -> list[Stage]:
    return [Stage("crawl " + DEMO_SOURCE, ["selfeval", "crawl", DEMO_SOURCE, "--sources", str(reg)]),
            Stage("crawl " + FAULT_SOURCE, ["selfeval", "crawl", FAULT_SOURCE, "--sources", str(reg)]),
            Stage("process", ["selfeval", "process", "--batch-size", "3"])]


def _run(stage: Stage, env: dict[str, str], out: Outcome, kill_after: float | None = None) -> None:
    """One stage as its own process group; SIGKILLed after `kill_after` seconds if given."""
    t0 = time.monotonic()
    proc = subprocess.Popen(stage.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=kill_after if kill_after is not None else 1800)
        killed = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        killed = True
    took = time.monotonic() - t0
    out.kills += int(killed)
    out.longest_s = max(out.longest_s, took)
    out.max_rss_mb = max(out.max_rss_mb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    out.runs.append({"stage": stage.name, "killed": killed, "rc": proc.returncode, "s": round(took, 2)})


def _complete(stages: list[Stage], env: dict[str, str], out: Outcome) -> None:
    """Every stage to completion, twice (a second pass finds nothing left when the first was complete)."""
    for _ in range(2):
        for st in stages:
            _run(st, env, out)


def _rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _pipeline(workdir: Path, demo_port: int, fault_port: int, kills: int, seed: int, out: Outcome) -> tuple[Path, dict]:
    portal, where = fault_portal()
    portal.start(fault_port)
    demo = serve(port=demo_port)
    try:
        reg = _registry(workdir, portal, demo.url)
        env = _env(workdir / "data", reg)
        stages = _stages(reg)
        rnd = random.Random(seed)
        attempts = 0
        while out.kills < kills and attempts < kills * 4:  # a stage that finished first is no kill: go on
            attempts += 1
            st = rnd.choice(stages)
            _run(st, env, out, kill_after=rnd.uniform(0.2, 4.0))
        _complete(stages, env, out)
    finally:
        portal.stop()
        demo.stop()
    return workdir / "data" / "warehouse.sqlite", {name: portal.url(path) for name, path in where.items()}


def run_chaos(kills: int = 30, seed: int = 7, workdir: Path | None = None) -> dict:
    """The clean run, the chaos run, and their comparison (the figures of the summary line)."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="selfeval-chaos-"))
    demo_port, fault_port = _free_port(), _free_port()
    clean_out, chaos_out = Outcome(), Outcome()
    clean_db, _ = _pipeline(workdir / "clean", demo_port, fault_port, 0, seed, clean_out)
    chaos_db, fault_urls = _pipeline(workdir / "chaos", demo_port, fault_port, kills, seed, chaos_out)
    ref, got = checksums(f"sqlite:///{clean_db}"), checksums(f"sqlite:///{chaos_db}")
    lost = sum(max(0, ref[t][0] - got[t][0]) for t in ref)
    duplicated = sum(max(0, got[t][0] - ref[t][0]) for t in ref)
    differs = [t for t in ref if ref[t] != got[t]]
    stuck = (_rows(chaos_db, "SELECT COUNT(*) FROM crawl_run WHERE status = 'running'")[0][0]
             + _rows(chaos_db, "SELECT COUNT(*) FROM document_version WHERE status = 'pending'")[0][0])
    recorded = 0
    for name in NEVER_SUCCEED:
        url = fault_urls[name]
        rows = _rows(chaos_db, "SELECT status, reason FROM discovered_item WHERE url = ?", (url,))
        recorded += int(any(st in ("failed", "skipped") and reason for st, reason in rows))
    reports = _rows(chaos_db, "SELECT COUNT(*) FROM v_report")[0][0]
    return {"kills": chaos_out.kills, "lost": lost, "duplicated": duplicated, "differs": differs, "stuck": stuck,
            "max_rss_mb": round(max(clean_out.max_rss_mb, chaos_out.max_rss_mb), 1),
            "longest_s": round(max(clean_out.longest_s, chaos_out.longest_s), 1),
            "faults_recorded": recorded, "faults_total": len(NEVER_SUCCEED), "fault_modes": len(FAULT_MODES),
            "reports": reports, "runs": chaos_out.runs, "workdir": str(workdir)}


def summary_line(r: dict) -> str:
    return (f"kills {r['kills']}, lost {r['lost']}, duplicated {r['duplicated']}, stuck {r['stuck']}, "
            f"max RSS {r['max_rss_mb']:.0f} MB, longest task {r['longest_s']:.0f} s, "
            f"faults recorded with a reason {r['faults_recorded']}/{r['faults_total']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print every figure and stage run as JSON")
    args = ap.parse_args()
    r = run_chaos(args.kills, args.seed)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=2))
    print(f"{r['fault_modes']} fault modes, {r['reports']} reports; content differs in: {r['differs'] or 'nothing'}")
    print(summary_line(r))
    return 0 if r["lost"] == 0 and r["duplicated"] == 0 and r["stuck"] == 0 and not r["differs"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
