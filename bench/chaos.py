"""Chaos bench: SIGKILL the pipeline at random moments while portals misbehave, then prove nothing was lost.

Two loopback portals are served: the demo county portal (8 real reports) and the fault portal of
tests/crawl/faultportal.py (three sources: a TRS column whose pages and documents misbehave, a column of crawler
traps, a column behind an anti-bot challenge; 34 fault modes, FAULTS there). Their sources are written as YAML
into a temporary registry (SELFEVAL_SOURCES). The stages run as in production, as separate processes, each in
its own process group: `selfeval crawl SOURCE` (list pages, detail pages, downloads) and `selfeval process`
(extract, understand, validate, load); with `--airflow-every K` every K-th killed run is
`airflow dags test selfeval_crawl|selfeval_process` instead.

The same rounds run twice, into two warehouses. Each round the fault portal publishes new reports (real corpus
documents it never served before), so every round has fresh work to interrupt.

1. Clean: every stage once per round, to completion.
2. Chaos: each round, stages picked at random (weighted by how long they worked in the clean round) are
   SIGKILLed — process group and all — at a random moment of their work (a few in start-up), then every
   stage is re-run to completion.
3. The warehouses are compared by content (`selfeval.warehouse.checksum.compare`, natural keys, no ids or
   timestamps) and the fault portal's faults are read back from the chaos warehouse:

   kills N, lost 0, duplicated 0, stuck 0, max RSS … MB, longest task … s, faults recorded with a reason M/M

`lost` = content rows of the clean warehouse missing after chaos (reports, evidence, indicators, rule outcomes,
document versions, extractions), `duplicated` = rows beyond the clean ones, `stuck` = crawl runs or load
batches left `running`, items left `new`, document versions left `pending` after the final re-runs, `max RSS`
= the largest resident set of any stage process (sampled every 20 ms, and the kernel's peak of every process
that was waited for), `longest task` = the longest stage run that was not killed, `faults recorded` = fault
URLs the warehouse records as each fault demands (a failed item with the right reason, a retried fetch, a list
page error, a cut recorded in the crawl run, a blocked source, a sanitised file name …), of those served.

    .venv/bin/python bench/chaos.py                     # the full run: 34 fault modes, 8 rounds, 30 kills
    .venv/bin/python bench/chaos.py --quick             # the variant tests/e2e/test_chaos.py runs
    .venv/bin/python bench/chaos.py --json              # every figure, stage run and fault record as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the fault portal lives in tests/
from selfeval.demo.portal import demo_source_text, serve  # noqa: E402
from selfeval.warehouse.checksum import compare  # noqa: E402
from selfeval.warehouse.db import get_engine  # noqa: E402
from sqlalchemy import text  # noqa: E402

from tests.crawl.faultportal import QUICK, FaultPortal, check_faults, free_port  # noqa: E402

DEMO = "demo-county"
DOC_PATH = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar)$", re.I)
STAGE_CAP_S = 900  # a stage run longer than this is hung: killed and reported
TIMEOUT_MIN = {"crawl": 180, "process": 120}  # the DAG tasks' execution_timeout (selfeval.settings)
STUCK_SQL = {
    "crawl_run running": "SELECT COUNT(*) FROM crawl_run WHERE status = 'running'",
    "load_batch running": "SELECT COUNT(*) FROM load_batch WHERE status = 'running'",
    "items new": "SELECT COUNT(*) FROM discovered_item WHERE status = 'new'",
    "versions pending": "SELECT COUNT(*) FROM document_version WHERE status = 'pending'",
}


@dataclass(frozen=True)
class Stage:
    name: str
    kind: str  # crawl | process
    source: str | None = None

    def argv(self, reg: Path, airflow: bool) -> list[str]:
        if airflow:
            if self.kind == "crawl":
                conf = {"source_id": self.source, "force": True}
                return ["airflow", "dags", "test", "selfeval_crawl", "--conf", json.dumps(conf)]
            return ["airflow", "dags", "test", "selfeval_process", "--conf", json.dumps({"batch_size": 3})]
        if self.kind == "crawl":
            return ["selfeval", "crawl", self.source, "--sources", str(reg)]
        return ["selfeval", "process", "--batch-size", "3"]


@dataclass
class StageRun:
    stage: str
    round: int
    airflow: bool
    killed: bool
    target: str | None  # the phase the kill aimed at: start-up | crawl | download | process
    phase: str | None  # where it landed (the last request it made, or the process stage's work)
    rc: int | None
    seconds: float
    rss_mb: float  # the peak resident set (VmHWM) of the stage process or any descendant
    startup_s: float | None = None  # to the first request (crawl) or the first sign of work (process)
    crawl_s: float | None = None  # first request → first document request (or the end)
    download_s: float | None = None  # first document request → the end
    orphans: list[str] = field(default_factory=list)  # the killed group's tree still alive after the kill
    crashed: bool = False  # a traceback from a run that was not killed
    hung: bool = False


@dataclass
class Kill:
    phase: str  # start-up | crawl | download | process: the delay counts from that phase's start
    delay: float


@dataclass
class _Watch:
    """What one running stage has done so far (times are time.monotonic())."""

    t0: float
    first_request: float | None = None
    first_doc: float | None = None
    work: float | None = None
    last_path: str | None = None
    seen: int = 0


@dataclass
class Pipeline:
    """One warehouse driven through the rounds, against freshly started portals on fixed ports."""

    name: str
    workdir: Path
    demo_port: int
    fault_port: int
    modes: list[str] | None
    publish: int
    entries: int = 108
    airflow_home: Path | None = None
    runs: list[StageRun] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.data = self.workdir / "data"
        self.reg = self.workdir / "sources"
        self.logs = self.workdir / "logs"
        for d in (self.data, self.reg, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        self.fault = FaultPortal(self.modes, n=self.entries).start(self.fault_port)
        self.demo = serve(port=self.demo_port)
        self.demo._server.handle_error = lambda *_a: None  # a client killed mid-request is the point here
        for cfg in self.fault.sources():
            (self.reg / f"{cfg['id']}.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
        (self.reg / f"{DEMO}.yaml").write_text(demo_source_text(self.demo.url), "utf-8")
        self.crawls = [Stage(f"crawl {DEMO}", "crawl", DEMO)] + [
            Stage(f"crawl {c['id']}", "crawl", c["id"]) for c in self.fault.sources()]
        self.process = Stage("process", "process")
        self.stages = [*self.crawls, self.process]
        self.url = f"sqlite:///{self.data / 'warehouse.sqlite'}"
        self._n = 0

    def stop(self) -> None:
        self.fault.stop()
        self.demo.stop()

    def new_round(self, r: int) -> None:
        if r > 0:
            self.fault.publish(self.publish)

    def env(self, airflow: bool) -> dict[str, str]:
        env = dict(os.environ)
        if airflow:
            from tests.conftest import airflow_env

            env = airflow_env(self.airflow_home)
        env.update({"SELFEVAL_DATA_DIR": str(self.data), "SELFEVAL_SOURCES": str(self.reg), "SELFEVAL_OCR": "0",
                    "SELFEVAL_MAX_ATTEMPTS": "3",  # a persistent fault is given up after three tries, not five
                    "PATH": f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}",
                    # a visit of its own: the fault portal's per-visit faults meet every run again
                    "SELFEVAL_USER_AGENT": f"selfeval-chaos/1.0 ({self.name} run {self._n})"})
        env.pop("SELFEVAL_WAREHOUSE_URL", None)
        return env

    # -- one stage run, watched ----------------------------------------------------------------------
    def _requests(self, stage: Stage) -> list:
        return self.demo._server.requests if stage.source == DEMO else self.fault.requests

    def _observe(self, stage: Stage, ps: psutil.Process, w: _Watch, now: float) -> None:
        if stage.kind == "crawl":
            log = self._requests(stage)
            new, w.seen = log[w.seen:], len(log)
            for _method, path, _status in new:
                w.last_path = path.split("?")[0]
                w.first_request = w.first_request or now
                if w.first_doc is None and DOC_PATH.search(w.last_path):
                    w.first_doc = now
            w.work = w.first_request
        elif w.work is None:
            try:  # an extraction child (or its LibreOffice), or a write transaction on the warehouse
                busy = any(_extracting(c) for c in ps.children(recursive=True))
            except psutil.Error:
                busy = False
            if busy or any((self.data / f"warehouse.sqlite{x}").exists() for x in ("-journal", "-wal")):
                w.work = now

    @staticmethod
    def _phase(stage: Stage, w: _Watch) -> str:
        if stage.kind == "process":
            return "process" if w.work is not None else "start-up"
        if w.last_path is None:
            return "start-up"
        return "download" if DOC_PATH.search(w.last_path) else "crawl"

    @staticmethod
    def _deadline(kill: Kill, w: _Watch) -> float | None:
        origin = {"start-up": w.t0, "crawl": w.first_request, "download": w.first_doc, "process": w.work}[kill.phase]
        return None if origin is None else origin + kill.delay

    def run(self, stage: Stage, r: int, kill: Kill | None = None, airflow: bool = False) -> StageRun:
        self._n += 1
        log = self.logs / f"{self._n:03d}-{stage.name.replace(' ', '-')}{'-airflow' if airflow else ''}.log"
        w = _Watch(t0=time.monotonic(), seen=len(self._requests(stage)))
        with open(log, "wb") as out:
            proc = subprocess.Popen(stage.argv(self.reg, airflow), env=self.env(airflow), cwd=ROOT,
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            ps = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:  # gone already: wait4 below reaps it
            ps = None
        peak, killed, phase, orphans, hung, status = 0.0, False, None, [], False, 0
        while True:
            pid, status, _ru = os.wait4(proc.pid, os.WNOHANG)
            now = time.monotonic()
            if pid:
                break
            if ps is not None:
                peak = max(peak, _peak_rss_mb(ps))
                self._observe(stage, ps, w, now)
            deadline = self._deadline(kill, w) if kill is not None else None
            hung = now - w.t0 > STAGE_CAP_S
            if (deadline is not None and now >= deadline) or hung:
                phase = self._phase(stage, w)
                orphans = _kill_group(proc.pid, ps)
                _pid, status, _ru = os.wait4(proc.pid, 0)
                killed = True
                break
            time.sleep(0.02)
        end = time.monotonic()
        if ps is not None and not killed:
            self._observe(stage, ps, w, end)
        proc.returncode = rc = os.waitstatus_to_exitcode(status)
        crashed = not killed and not airflow and "Traceback (most recent call last)" in log.read_text("utf-8", "replace")
        # (Airflow logs a failed task's traceback by design: source_health fails a run with a blocked source)
        start_of_work = w.work
        run = StageRun(
            stage.name, r, airflow, killed and not hung, kill.phase if kill else None, phase if not hung else None,
            rc, round(end - w.t0, 2), round(peak, 1),
            startup_s=round(start_of_work - w.t0, 2) if start_of_work else None,
            crawl_s=round((w.first_doc or end) - w.first_request, 2) if w.first_request else None,
            download_s=round(end - w.first_doc, 2) if w.first_doc else None,
            orphans=orphans, crashed=crashed, hung=hung)
        self.runs.append(run)
        return run

    # -- what the warehouse says ---------------------------------------------------------------------
    def stuck(self) -> dict[str, int]:
        with get_engine(self.url).connect() as conn:
            return {k: conn.execute(text(sql)).scalar() or 0 for k, sql in STUCK_SQL.items()}

    def reports(self) -> int:
        with get_engine(self.url).connect() as conn:
            return conn.execute(text("SELECT COUNT(*) FROM v_report")).scalar() or 0


def _extracting(p: psutil.Process) -> bool:
    try:
        cmd = " ".join(p.cmdline())
    except psutil.Error:
        return False
    return "selfeval.extract" in cmd or "soffice" in cmd


def _hwm_mb(pid: int) -> float:
    """VmHWM: the peak resident set of the process since its exec (the kernel's own high-water mark)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _peak_rss_mb(ps: psutil.Process) -> float:
    """The largest peak resident set among the stage process and its descendants, in MB. (Not wait4's
    ru_maxrss: a forked child inherits the bench's own high-water mark.)"""
    try:
        procs = [ps, *ps.children(recursive=True)]
    except psutil.Error:
        return 0.0
    return max(_hwm_mb(p.pid) for p in procs)


def _kill_group(pid: int, ps: psutil.Process | None) -> list[str]:
    """SIGKILL the stage's process group; then name (and kill, by pid) the descendants that escaped it
    (a child that started a session of its own is not in the group)."""
    try:
        tree = ps.children(recursive=True) if ps is not None else []
    except psutil.Error:
        tree = []
    os.killpg(pid, signal.SIGKILL)
    time.sleep(0.05)
    left = []
    for p in tree:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                left.append(" ".join(p.cmdline())[:160])
                p.kill()
        except psutil.Error:
            pass
    return left


def _airflow_home(workdir: Path) -> Path:
    from tests.conftest import airflow_env

    home = workdir / "airflow"
    home.mkdir(parents=True, exist_ok=True)
    env = airflow_env(home)
    subprocess.run(["airflow", "db", "migrate"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run(["airflow", "pools", "import", str(ROOT / "airflow" / "pools.json")], env=env, check=True,
                   capture_output=True, cwd=ROOT)
    return home


def _choose(rnd: random.Random, phase: str, stages: list[Stage], clean: dict[str, StageRun]) -> tuple[Stage, Kill]:
    """A stage that worked in that phase in the clean round, and a moment inside that work."""
    span = {"crawl": lambda x: x.crawl_s, "download": lambda x: x.download_s,
            "process": lambda x: x.seconds - (x.startup_s or x.seconds), "start-up": lambda x: x.startup_s}[phase]
    busy = [(st, span(clean[st.name]) or 0.0) for st in stages]
    worked = [(st, t) for st, t in busy if t > 0.2] or busy
    st, t = rnd.choices(worked, [t + 0.5 for _st, t in worked])[0]
    return st, Kill(phase, rnd.uniform(0.0, 0.9 * max(t, 0.1)))


def run_chaos(kills: int = 30, rounds: int = 8, seed: int = 7, modes: list[str] | None = None, publish: int = 3,
              airflow_every: int = 0, entries: int = 108, workdir: Path | None = None, progress=None) -> dict:
    """The clean run, the chaos run, and their comparison (the figures of the summary line)."""
    say = progress or (lambda _msg: None)
    workdir = Path(workdir or tempfile.mkdtemp(prefix="selfeval-chaos-"))
    demo_port, fault_port = free_port(), free_port()
    rnd = random.Random(seed)

    clean = Pipeline("clean", workdir / "clean", demo_port, fault_port, modes, publish, entries)
    timing: list[dict[str, StageRun]] = []  # per round: stage → its clean run (where the kills aim)
    try:
        for r in range(rounds):
            clean.new_round(r)
            timing.append({st.name: clean.run(st, r) for st in clean.stages})
            say(f"clean round {r + 1}/{rounds}: {sum(x.seconds for x in timing[r].values()):.0f} s")
    finally:
        clean.stop()

    home = _airflow_home(workdir) if airflow_every else None
    chaos = Pipeline("chaos", workdir / "chaos", demo_port, fault_port, modes, publish, entries, home)
    phases = ("crawl", "download", "process")
    n_killed_runs = 0
    try:
        for r in range(rounds):
            chaos.new_round(r)
            left = kills - sum(x.killed for x in chaos.runs)
            slots: list[str] = []  # the phases to aim at this round: the ones with the fewest kills so far
            for _ in range(-(-left // (rounds - r)) if left > 0 else 0):
                done = {p: sum(x.killed and x.target == p for x in chaos.runs) + slots.count(p) for p in phases}
                slots.append("start-up" if rnd.random() < 0.1 else min(phases, key=lambda p: done[p]))
            startup = [rnd.choice(["crawl", "process"]) for p in slots if p == "start-up"]
            for group, stages in (("crawl", chaos.crawls), ("process", [chaos.process])):
                # crawl-phase kills first: they leave the round's downloads for the download-phase kills
                todo = sorted(p for p in slots if (p == "process") == (group == "process") and p != "start-up")
                todo += ["start-up"] * startup.count(group)
                for phase in todo:
                    for attempt in range(6):  # a stage that finished before the moment came is no kill: again,
                        # and if its work is used up (this round's downloads are in), aim at what every run does
                        aim = phase if attempt < 3 else "crawl" if group == "crawl" else "start-up"
                        st, kill = _choose(rnd, aim, stages, timing[r])
                        use_airflow = bool(airflow_every) and n_killed_runs % airflow_every == airflow_every - 1
                        n_killed_runs += 1
                        if chaos.run(st, r, kill, airflow=use_airflow).killed:
                            break
                for st in stages:  # every stage of the group re-run to completion
                    chaos.run(st, r)
            say(f"chaos round {r + 1}/{rounds}: {sum(x.killed for x in chaos.runs)} kills so far")
        faults = check_faults(chaos.url, chaos.fault)
    finally:
        chaos.stop()

    diff = compare(clean.url, chaos.url)
    lost = sum(len(missing) for missing, _extra in diff.values())
    duplicated = sum(len(extra) for _missing, extra in diff.values())
    stuck, stuck_clean = chaos.stuck(), clean.stuck()
    runs = clean.runs + chaos.runs
    killed = [x for x in chaos.runs if x.killed]
    finished = [x for x in runs if not x.killed and not x.hung]
    served = [f for f in faults if f.served]
    longest = max(finished, key=lambda x: x.seconds)
    return {
        "kills": len(killed), "lost": lost, "duplicated": duplicated, "stuck": sum(stuck.values()),
        "stuck_detail": stuck, "stuck_clean": stuck_clean,
        "differs": {t: {"missing": m[:5], "extra": e[:5]} for t, (m, e) in diff.items() if m or e},
        "max_rss_mb": max(x.rss_mb for x in runs),
        "crawl_rss_mb": max(x.rss_mb for x in runs if x.stage.startswith("crawl")),
        "process_rss_mb": max(x.rss_mb for x in runs if x.stage == "process"),
        "longest_s": longest.seconds, "longest_stage": longest.stage + (" via Airflow" if longest.airflow else ""),
        "faults_recorded": sum(f.recorded for f in served), "faults_served": len(served),
        "fault_modes": len(chaos.fault.modes), "unserved": [f.name for f in faults if not f.served],
        "unrecorded": [asdict(f) for f in served if not f.recorded],
        "kills_by_phase": {p: sum(x.phase == p for x in killed) for p in ("start-up", "crawl", "download", "process")},
        "kills_by_stage": {s: sum(x.stage == s for x in killed) for s in dict.fromkeys(x.stage for x in killed)},
        "kills_via_airflow": sum(x.airflow for x in killed), "orphans": sum(len(x.orphans) for x in killed),
        "orphan_commands": sorted({c.split(" /")[0][:60] + " … " + c.rsplit(" ", 1)[-1][-40:]
                                   for x in killed for c in x.orphans}),
        "stage_runs": len(chaos.runs),
        "crashes": [asdict(x) for x in runs if x.crashed], "hung": [asdict(x) for x in runs if x.hung],
        "reports": chaos.reports(), "reports_clean": clean.reports(), "rounds": rounds,
        "runs": [asdict(x) for x in chaos.runs], "faults": [asdict(f) for f in faults], "workdir": str(workdir),
    }


def summary_line(r: dict) -> str:
    return (f"kills {r['kills']}, lost {r['lost']}, duplicated {r['duplicated']}, stuck {r['stuck']}, "
            f"max RSS {r['max_rss_mb']:.0f} MB, longest task {r['longest_s']:.0f} s, "
            f"faults recorded with a reason {r['faults_recorded']}/{r['faults_served']}")


def detail_lines(r: dict) -> list[str]:
    phases = ", ".join(f"{k} {v}" for k, v in r["kills_by_phase"].items())
    stages = ", ".join(f"{k} {v}" for k, v in r["kills_by_stage"].items())
    lines = [f"{r['fault_modes']} fault modes ({len(r['unserved'])} never served), {r['rounds']} rounds, "
             f"{r['stage_runs']} stage runs, {r['reports']} reports (clean run {r['reports_clean']})",
             f"kills by phase: {phases}; by stage: {stages}; via Airflow {r['kills_via_airflow']}; "
             f"processes that escaped a killed group: {r['orphans']}"
             + (f" ({'; '.join(r['orphan_commands'])})" if r["orphans"] else ""),
             f"peak RSS crawl {r['crawl_rss_mb']:.0f} MB, process {r['process_rss_mb']:.0f} MB; longest task "
             f"{r['longest_s']:.0f} s ({r['longest_stage']}; execution_timeout {TIMEOUT_MIN['crawl']} min crawl, "
             f"{TIMEOUT_MIN['process']} min process); content differs in: {', '.join(r['differs']) or 'nothing'}; "
             f"stuck: {r['stuck_detail']}"]
    lines += [f"NOT RECORDED: {f['name']}: {f['evidence']}" for f in r["unrecorded"]]
    lines += [f"NEVER SERVED: {name}" for name in r["unserved"]]
    lines += [f"CRASHED: {c['stage']} (round {c['round']}, rc {c['rc']})" for c in r["crashes"]]
    lines += [f"HUNG: {h['stage']} (round {h['round']}, {h['seconds']} s)" for h in r["hung"]]
    return lines


def passed(r: dict) -> bool:
    return (r["lost"], r["duplicated"], r["stuck"]) == (0, 0, 0) and not r["differs"] and not r["unrecorded"] \
        and not r["unserved"] and not r["crashes"] and not r["hung"] and r["faults_served"] == r["fault_modes"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=8, help="rounds of new reports (each round has its kills)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--airflow-every", type=int, default=4,
                    help="every K-th killed run is `airflow dags test …` (0: the CLI only)")
    ap.add_argument("--quick", action="store_true",
                    help=f"the short variant: {len(QUICK)} fault modes, a 36-item column, 3 kills, 1 round, no Airflow")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (warehouses, logs)")
    ap.add_argument("--json", action="store_true", help="print every figure, stage run and fault record as JSON")
    args = ap.parse_args()
    modes, entries = (QUICK, 36) if args.quick else (None, 108)
    if args.quick:
        args.kills, args.rounds, args.airflow_every = 3, 1, 0
    workdir = Path(tempfile.mkdtemp(prefix="selfeval-chaos-"))
    t0 = time.monotonic()
    try:
        r = run_chaos(args.kills, args.rounds, args.seed, modes, airflow_every=args.airflow_every, entries=entries,
                      workdir=workdir,
                      progress=lambda m: print(f"[{time.monotonic() - t0:5.0f} s] {m}", file=sys.stderr, flush=True))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=2, default=str))
    for line in detail_lines(r):
        print(line)
    print(summary_line(r))
    return 0 if passed(r) else 1


if __name__ == "__main__":
    raise SystemExit(main())
