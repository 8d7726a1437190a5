"""End-to-end bench: N distinct reports on loopback portals, crawled and processed through Airflow and without it.

    .venv/bin/python bench/bench_e2e.py                       # 500 documents, Airflow scheduler + LocalExecutor
    .venv/bin/python bench/bench_e2e.py --docs 60             # a quick run (about 5 minutes here)
    .venv/bin/python bench/bench_e2e.py --airflow dags-test   # Airflow path through `airflow dags test`

Corpus: bench/e2e_corpus.py makes N documents from the corpus renderings (pdf, docx, doc, html, txt, the
self-evaluation forms as pdf/xls/xlsx), each with its own department, fiscal year and amounts, hence its own
sha256 and field values, and serves them on six loopback portals, one per CMS family (TRS static list, Hanweb
JCMS, VSB, gkmlpt, generic CSS, site search), each on its own address (127.0.0.2 …) so each is a host of its
own. Making them is timed apart and is not in any figure.

The same portals are then crawled and processed twice, each time into a fresh SQLite warehouse and data dir:

(b) in-process: the functions the DAG tasks call (`selfeval.pipeline.tasks`: select_sources, host_groups,
    crawl_group, source_alerts, run_health, plan_batches, process, summarise, process_verdict) in one Python
    process without Airflow, with the parallelism the DAGs get: host groups on as many worker processes as
    the `selfeval_http` pool has slots (4), batches of the process DAG's default batch_size (20) on as many
    worker processes as the `selfeval_extract` pool has slots (2, also the DAG's max_active_tis_per_dagrun);
(a) Airflow, `--airflow scheduler` (default): a temporary AIRFLOW_HOME (SQLite metadata DB, the project's pools)
    with api-server, scheduler (LocalExecutor) and dag-processor, as scripts/airflow-up.sh starts them; both
    DAGs are unpaused at t0, the scheduler starts the crawl DAG's run, its asset update triggers the process
    DAG, and the clock stops at the process run's end. Pools and max_active_tis_per_dagrun are the scheduler's
    to enforce here, so four crawl tasks and two process_batch tasks run at a time;
    `--airflow dags-test`: `airflow dags test selfeval_crawl --conf '{"force": true}'` then `airflow dags test
    selfeval_process`. In Airflow 3.3 `dags test` runs every task inside its own process, one after another
    (`DAG.test()` → `_run_task` → `run_task_in_process`; pools and max_active_tis_per_dagrun are not looked
    at), so this mode uses one core for the pipeline, and the in-process path is then run with one worker
    too, for a like-for-like share. (`dags test --use-executor` would hand every mapped task to the executor at
    once, again without pools, and needs a running api-server for the Execution API: not used.)

It prints, for each path: documents per minute (end to end, crawl start to the last report loaded), the wall
time of each stage, reports loaded; Airflow's share of the wall time, 1 - in-process / Airflow (goal <= 10 %);
the peak RSS of every task (VmHWM of each task process, sampled every 0.2 s, with the extraction children and
LibreOffice apart); the time of each pipeline stage (crawl, download, extract, understand, validate, load,
measured in the in-process path by timing the pipeline functions) and the slowest; and whether both paths
loaded the same reports (count, and the content compared by natural keys, selfeval.warehouse.checksum).

On a 2-core machine shared with other work the wall times move with the load: the load average at the start of
each path is printed next to its figures, and so is the CPU time each path used (user + system of every
process it ran, Airflow's daemons included, from t0 to the process run's end), which moves much less: Airflow's
share of CPU time, 1 - in-process / Airflow, is printed next to its share of wall time. Whether the process DAG
used both cores is shown by the most process_batch tasks that ran at the same time, and by the CPU the
in-process process stage used over its wall time (at most 2 on two cores; less when other sessions load them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/ (the family portals)
sys.path.insert(0, str(ROOT / "bench"))

GOAL_SHARE = 0.10
BATCH_SIZE = 20  # selfeval_process's default batch_size Param (the asset-triggered run uses the default)
STAGES = ("crawl", "download", "extract", "understand", "validate", "load")
UUID = re.compile(r"airflow worker -- ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


# -- configuration the DAGs get ---------------------------------------------------------------------------------

def dag_parallelism() -> dict:
    """Pool slots (airflow/pools.json) and the mapped tasks' max_active_tis_per_dagrun (the DAG files)."""
    pools = json.loads((ROOT / "airflow" / "pools.json").read_text("utf-8"))
    out = {}
    for dag, task, pool in (("selfeval_crawl", "crawl_source", "selfeval_http"),
                            ("selfeval_process", "process_batch", "selfeval_extract")):
        src = (ROOT / "dags" / f"{dag}.py").read_text("utf-8")
        m = re.search(rf'@task\(pool="{pool}", max_active_tis_per_dagrun=(\d+)\)\s*\n\s*def {task}', src)
        per_run = int(m.group(1)) if m else None
        slots = pools[pool]["slots"]
        out[task] = {"pool": pool, "slots": slots, "per_run": per_run, "workers": min(slots, per_run or slots)}
    return out


# -- process sampling -------------------------------------------------------------------------------------------

from chaos import _hwm_mb  # noqa: E402 - VmHWM of a process, as the chaos suite samples it


def _label(cmd: str) -> str | None:
    m = UUID.search(cmd)
    if m:
        return "task:" + m.group(1)
    for needle, label in (("selfeval.extract.isolate", "extraction child"), ("soffice", "LibreOffice"),
                          ("oosplash", "LibreOffice"), ("airflow supervisor", "task supervisor"),
                          ("LocalExecutor", "executor worker"), ("airflow scheduler", "scheduler"),
                          ("airflow api-server", "api-server"), ("airflow api_server", "api-server"),
                          ("uvicorn", "api-server"), ("airflow dag-processor", "dag-processor"),
                          ("dag processor", "dag-processor"), ("airflow dags test", "dags test"),
                          ("bench-e2e crawl worker", "crawl worker"),
                          ("bench-e2e process worker", "process worker"),
                          ("bench-e2e runner", "in-process runner"), ("--run-inprocess", "in-process runner")):
        if needle in cmd:
            return label
    return None


class Sampler:
    """Every 0.2 s: VmHWM of every process under the roots, labelled from its command line (process title)."""

    def __init__(self, roots: list[int] | None = None, interval: float = 0.2):
        self.roots = list(roots or [])
        self.interval = interval
        self.peak: dict[int, tuple[str, float]] = {}  # pid → (label, peak MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def add(self, pid: int) -> None:
        self.roots.append(pid)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        import psutil

        for p in _tree(list(self.roots)):
            try:
                cmd = " ".join(p.cmdline())
            except psutil.Error:
                continue
            label = _label(cmd) or self.peak.get(p.pid, (None, 0))[0] or ("other: " + cmd[:60])
            mb = _hwm_mb(p.pid)
            old = self.peak.get(p.pid)
            if label.startswith("other") and old and not old[0].startswith("other"):
                label = old[0]
            self.peak[p.pid] = (label, max(mb, old[1] if old else 0.0))

    def by_label(self, rename: dict[str, str] | None = None) -> dict[str, tuple[int, float]]:
        """label → (processes, max peak MB); `rename` maps task:<uuid> labels to task ids."""
        seen: dict[str, set] = {}
        best: dict[str, float] = {}
        for pid, (label, mb) in self.peak.items():
            key = label if label.startswith("task:") else pid  # a task's forked children count as the task
            if label.startswith("task:"):
                label = (rename or {}).get(label[5:], "task (unknown)")
            seen.setdefault(label, set()).add(key)
            best[label] = max(best.get(label, 0.0), mb)
        return {label: (len(seen[label]), best[label]) for label in seen}


def _tree(roots: list[int]) -> list:
    """The living processes under `roots` (each root and its descendants); a root that is gone is skipped."""
    import psutil

    out = []
    for root in roots:
        try:
            proc = psutil.Process(root)
            out += [proc, *proc.children(recursive=True)]
        except psutil.Error:
            continue
    return out


def _tree_cpu(roots: list[int]) -> float:
    """CPU seconds (user + system) of the living processes under `roots`, with the children they reaped."""
    import psutil

    total = 0.0
    for p in _tree(roots):
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def _children_cpu() -> float:
    """CPU seconds of this process's reaped children (and theirs): `airflow dags test` reaps its tasks."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _max_overlap(spans: list[tuple[float, float]]) -> int:
    """The most spans open at one time."""
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    best = now = 0
    for _t, d in events:
        now += d
        best = max(best, now)
    return best


# -- the in-process path ----------------------------------------------------------------------------------------

_T: dict[str, float] = {}
_WRAPPED: list[bool] = []


def _timed(module, name: str, stage: str) -> None:
    fn = getattr(module, name)

    def wrapper(*a, **kw):
        t = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            _T[stage] = _T.get(stage, 0.0) + time.perf_counter() - t

    setattr(module, name, wrapper)


def _init_worker(title: str) -> None:
    """Time the pipeline's stage functions where the task bodies look them up (at call time)."""
    from setproctitle import setproctitle

    setproctitle(title)
    if _WRAPPED:  # one worker: the runner itself, set up for the crawl and again for the process
        return
    _WRAPPED.append(True)
    import selfeval.pipeline.crawl as pcrawl
    import selfeval.pipeline.download as pdown
    import selfeval.pipeline.process as pproc
    import selfeval.understand as und
    import selfeval.validate as val

    _timed(pcrawl, "crawl_source", "crawl")
    _timed(pdown, "download_source", "download")
    _timed(pproc, "extract_version", "extract")
    _timed(und, "understand", "understand")
    _timed(val, "validate_report", "validate")
    _timed(pproc, "write_reports", "write_reports")
    _timed(pproc, "process_batch", "batch")


def _worker_call(kind: str, arg, ctx_fields: dict) -> tuple:
    from selfeval.pipeline import tasks
    from selfeval.pipeline.context import RunContext

    before = dict(_T)
    ctx = RunContext(**ctx_fields)
    result = tasks.crawl_group(arg, ctx) if kind == "crawl" else tasks.process(arg, ctx)
    spent = {k: v - before.get(k, 0.0) for k, v in _T.items()}
    return result, spent, _hwm_mb(os.getpid())


def _pool(workers: int, title: str):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=_init_worker, initargs=(title,))


def run_inprocess(out: Path, crawl_workers: int, process_workers: int) -> None:
    """The body of the in-process path (run as its own process by `inprocess()`): crawl, then process."""
    from setproctitle import setproctitle

    setproctitle("bench-e2e runner")
    t0 = time.monotonic()
    from selfeval.pipeline import tasks

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    crawl_ctx = {"dag_id": "selfeval_crawl", "dag_run_id": f"inprocess__{stamp}", "task_id": "crawl_source"}
    groups = tasks.host_groups(tasks.select_sources(None, force=True))
    spent: dict[str, float] = {}
    hwm: dict[str, float] = {}

    def run(kind: str, items: list, workers: int, ctx: dict) -> list:
        if workers <= 1:  # one process, like `airflow dags test`
            _init_worker("bench-e2e runner")
            results = [_worker_call(kind, it, {**ctx, "map_index": i}) for i, it in enumerate(items)]
        else:
            with _pool(workers, f"bench-e2e {kind} worker") as ex:
                futs = [ex.submit(_worker_call, kind, it, {**ctx, "map_index": i}) for i, it in enumerate(items)]
                results = [f.result() for f in futs]
        for _r, s, mb in results:
            for k, v in s.items():
                spent[k] = spent.get(k, 0.0) + v
            hwm[kind] = max(hwm.get(kind, 0.0), mb)
        return [r for r, _s, _mb in results]

    crawled = run("crawl", groups, crawl_workers, crawl_ctx)
    results = [r for group in crawled for r in group]
    counts = tasks.summarise()
    tasks.source_alerts()  # what announce computes (delivery needs an Airflow connection: none here)
    health = tasks.run_health(results, groups)
    t_crawl, cpu_crawl = time.monotonic(), _tree_cpu([os.getpid()])  # forkserver included
    planned = tasks.plan_batches(BATCH_SIZE)
    proc_ctx = {"dag_id": "selfeval_process", "dag_run_id": f"inprocess__{stamp}", "task_id": "process_batch"}
    done = run("process", planned, process_workers, proc_ctx)
    counts = tasks.summarise()
    verdict = tasks.process_verdict(planned, done, counts)
    t_end, cpu_end = time.monotonic(), _tree_cpu([os.getpid()])
    out.write_text(json.dumps({
        "seconds": t_end - t0, "crawl_s": t_crawl - t0, "process_s": t_end - t_crawl, "groups": len(groups),
        "batches": len(planned), "spent": spent, "hwm_workers": hwm, "hwm_runner": _hwm_mb(os.getpid()),
        "health": health, "verdict": verdict, "downloaded": sum(r["download"]["downloaded"] for r in results),
        "crawl_workers": crawl_workers, "process_workers": process_workers,
        "process_cores": (cpu_end - cpu_crawl) / max(t_end - t_crawl, 1e-9), "cpu_s": cpu_end,
    }), "utf-8")


def _env(workdir: Path, reg: Path, extra: dict | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "SELFEVAL_"))}
    env.update({"SELFEVAL_DATA_DIR": str(workdir / "data"), "SELFEVAL_SOURCES": str(reg), "SELFEVAL_OCR": "0",
                "PATH": f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}",
                "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "include"), env.get("PYTHONPATH")) if p)})
    env.update(extra or {})
    return env


def inprocess(workdir: Path, reg: Path, crawl_workers: int, process_workers: int) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / "inprocess.json"
    load = os.getloadavg()[0]
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run-inprocess", str(out),
           "--crawl-workers", str(crawl_workers), "--process-workers", str(process_workers)]
    t0 = time.monotonic()
    with open(workdir / "inprocess.log", "wb") as log:
        proc = subprocess.Popen(cmd, env=_env(workdir, reg), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                start_new_session=True)
        with Sampler([proc.pid]) as sampler:
            rc = proc.wait()
    wall = time.monotonic() - t0
    if rc != 0:
        raise SystemExit(f"in-process path failed (exit {rc}): {(workdir / 'inprocess.log').read_text()[-4000:]}")
    r = json.loads(out.read_text("utf-8"))
    r.update({"wall_s": wall, "load": load, "rss": sampler.by_label(),
              "url": f"sqlite:///{workdir / 'data' / 'warehouse.sqlite'}"})
    return r


# -- the Airflow path -------------------------------------------------------------------------------------------

def _airflow_env(home: Path, workdir: Path, reg: Path, port: int | None = None) -> dict[str, str]:
    from tests.conftest import airflow_env

    env = {k: v for k, v in airflow_env(home).items() if not k.startswith("SELFEVAL_")}
    env.update(_env(workdir, reg))
    env.update({"AIRFLOW_HOME": str(home), "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
                "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True"})
    if port:
        env.update({"AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
                    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
                    "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
                    "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO"})  # as scripts/airflow-up.sh
    return env


def _airflow_home(home: Path, env: dict[str, str]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    for cmd in (["airflow", "db", "migrate"], ["airflow", "pools", "import", str(ROOT / "airflow" / "pools.json")]):
        subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)


def _warehouse_counts(url: str) -> dict:
    from selfeval.warehouse.db import get_engine
    from sqlalchemy import text

    sql = {"documents": "SELECT COUNT(*) FROM document",
           "processed": "SELECT COUNT(*) FROM document_version WHERE status IN ('processed', 'not_report', 'failed')",
           "failed": "SELECT COUNT(*) FROM document_version WHERE status = 'failed'",
           "not_report": "SELECT COUNT(*) FROM document_version WHERE status = 'not_report'",
           "reports": "SELECT COUNT(*) FROM v_report",
           "fetch_pages_s": "SELECT COALESCE(SUM(duration_ms), 0) / 1000.0 FROM fetch WHERE purpose <> 'document'",
           "fetch_docs_s": "SELECT COALESCE(SUM(duration_ms), 0) / 1000.0 FROM fetch WHERE purpose = 'document'",
           "extraction_s": "SELECT COALESCE(SUM(duration_s), 0) FROM extraction"}
    with get_engine(url).connect() as conn:
        return {k: conn.execute(text(q)).scalar() or 0 for k, q in sql.items()}


def _dt(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s.replace("Z", "+00:00")) if s else None


class _Api:
    def __init__(self, base: str, home: Path):
        import requests

        self.base, self.s = base, requests.Session()
        pw = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
        token = self.s.post(f"{base}/auth/token", json={"username": "admin", "password": pw}, timeout=60)
        self.s.headers["Authorization"] = f"Bearer {token.json()['access_token']}"

    def get(self, path: str, **params) -> dict:
        r = self.s.get(self.base + path, params=params, timeout=60)
        r.raise_for_status()
        return r.json()

    def patch(self, path: str, body: dict) -> dict:
        r = self.s.patch(self.base + path, json=body, timeout=60)
        r.raise_for_status()
        return r.json()

    def task_instances(self, dag: str, run: str) -> list[dict]:
        return self.get(f"/api/v2/dags/{dag}/dagRuns/{run}/taskInstances", limit=1000)["task_instances"]


def _wait(cond, timeout: float, what: str, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = cond()
        if got:
            return got
        time.sleep(every)
    raise SystemExit(f"timed out waiting for {what}")


def airflow_scheduler(workdir: Path, reg: Path, timeout_s: float) -> dict:
    """api-server + scheduler (LocalExecutor) + dag-processor; both DAGs unpaused at t0; the crawl run is the
    scheduler's own, the process run the asset's; wall = t0 → the process run's end."""
    from tests.conftest import free_port

    home, port = workdir / "airflow", free_port()
    env = _airflow_env(home, workdir, reg, port)
    _airflow_home(home, env)
    logs, procs = workdir / "airflow-logs", {}
    logs.mkdir(exist_ok=True)
    try:
        for name, cmd in (("api-server", ["airflow", "api-server", "--port", str(port)]),
                          ("scheduler", ["airflow", "scheduler"]), ("dag-processor", ["airflow", "dag-processor"])):
            with open(logs / f"{name}.log", "wb") as fh:
                procs[name] = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT,
                                               start_new_session=True)
        base = f"http://127.0.0.1:{port}"

        def healthy() -> bool:
            import requests

            try:
                return requests.get(f"{base}/api/v2/monitor/health", timeout=5).ok
            except requests.RequestException:
                return False

        _wait(healthy, 300, "the api-server", 2)
        api = _Api(base, home)

        def parsed() -> bool:
            try:
                return all(api.get(f"/api/v2/dags/{d}") for d in ("selfeval_crawl", "selfeval_process"))
            except Exception:  # noqa: BLE001 - 404 until the dag-processor has parsed the files
                return False

        _wait(parsed, 300, "the DAGs to be parsed", 2)
        time.sleep(2)
        load = os.getloadavg()[0]
        with Sampler([p.pid for p in procs.values()]) as sampler:
            cpu0 = _tree_cpu([p.pid for p in procs.values()])
            t0 = datetime.now(UTC)
            api.patch("/api/v2/dags/selfeval_process", {"is_paused": False})
            api.patch("/api/v2/dags/selfeval_crawl", {"is_paused": False})

            def finished(dag: str) -> dict | None:
                runs = api.get(f"/api/v2/dags/{dag}/dagRuns", limit=10)["dag_runs"]
                done = [r for r in runs if r["state"] in ("success", "failed")]
                return done[0] if done else None

            crawl = _wait(lambda: finished("selfeval_crawl"), timeout_s, "the crawl run", 1)
            proc = _wait(lambda: finished("selfeval_process"), timeout_s, "the process run", 1)
            cpu = _tree_cpu([p.pid for p in procs.values()]) - cpu0
        tis = {d: api.task_instances(d, r["dag_run_id"]) for d, r in (("selfeval_crawl", crawl),
                                                                       ("selfeval_process", proc))}
    finally:
        for p in procs.values():
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs.values():
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    end = _dt(proc["end_date"])
    rename = {ti["id"]: ti["task_id"] for run in tis.values() for ti in run}
    return {"mode": "scheduler", "wall_s": (end - t0).total_seconds(), "cpu_s": cpu, "load": load,
            "crawl_state": crawl["state"], "process_state": proc["state"],
            "crawl_run": _run_times(crawl, tis["selfeval_crawl"], t0),
            "process_run": _run_times(proc, tis["selfeval_process"], t0),
            "rss": sampler.by_label(rename), "url": f"sqlite:///{workdir / 'data' / 'warehouse.sqlite'}"}


def _run_times(run: dict, tis: list[dict], t0: datetime) -> dict:
    """Queued/start/end of a DAG run relative to t0, and the summed duration and count of each task."""
    per_task: dict[str, list[float]] = {}
    for ti in tis:
        if ti.get("start_date") and ti.get("end_date"):
            per_task.setdefault(ti["task_id"], []).append(
                (_dt(ti["end_date"]) - _dt(ti["start_date"])).total_seconds())
    rel = {k: (_dt(run.get(k)) - t0).total_seconds() if run.get(k) else None
           for k in ("queued_at", "start_date", "end_date")}
    spans = [((_dt(ti["start_date"]) - t0).total_seconds(), (_dt(ti["end_date"]) - t0).total_seconds())
             for ti in tis if ti["task_id"] == "process_batch" and ti.get("start_date") and ti.get("end_date")]
    return {**rel, "tasks": {k: (len(v), sum(v), max(v)) for k, v in per_task.items()},
            "process_batch_overlap": _max_overlap(spans),
            "states": sorted({ti["state"] for ti in tis})}


def airflow_dags_test(workdir: Path, reg: Path) -> dict:
    """`airflow dags test selfeval_crawl --conf {force}` then `airflow dags test selfeval_process`."""
    home = workdir / "airflow"
    env = _airflow_env(home, workdir, reg)
    _airflow_home(home, env)
    load = os.getloadavg()[0]
    runs, rss = {}, {}
    t0, cpu0 = time.monotonic(), _children_cpu()
    for dag, conf in (("selfeval_crawl", '{"force": true}'), ("selfeval_process", None)):
        cmd = ["airflow", "dags", "test", dag] + (["--conf", conf] if conf else [])
        t = time.monotonic()
        with open(workdir / f"{dag}.log", "wb") as log:
            proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                    start_new_session=True)
            with Sampler([proc.pid]) as sampler:
                rc = proc.wait()
        text = (workdir / f"{dag}.log").read_text("utf-8", "replace")
        if rc != 0:
            raise SystemExit(f"airflow dags test {dag} failed (exit {rc}):\n{text[-4000:]}")
        runs[dag] = time.monotonic() - t
        for label, (n, mb) in sampler.by_label().items():
            key = f"{dag} ({label})" if label == "dags test" else label
            rss[key] = (rss.get(key, (0, 0))[0] + n, max(rss.get(key, (0, 0.0))[1], mb))
    return {"mode": "dags-test", "wall_s": time.monotonic() - t0, "cpu_s": _children_cpu() - cpu0, "load": load,
            "runs": runs, "rss": rss, "process_batch_overlap": 1,
            "url": f"sqlite:///{workdir / 'data' / 'warehouse.sqlite'}"}


# -- report -----------------------------------------------------------------------------------------------------

def _fmt_rss(rss: dict[str, tuple[int, float]], order: list[str]) -> list[str]:
    labels = [x for x in order if x in rss] + sorted(x for x in rss if x not in order and not x.startswith("other"))
    return [f"{x} {rss[x][1]:.0f} MB" + (f" (max of {rss[x][0]})" if rss[x][0] > 1 else "") for x in labels]


TASK_ORDER = ["select_sources", "crawl_source", "announce", "source_health", "plan", "process_batch", "summarise",
              "crawl worker", "process worker", "in-process runner", "extraction child", "LibreOffice",
              "scheduler", "executor worker", "task supervisor", "dag-processor", "api-server"]


def report(r: dict) -> list[str]:
    ip, af, n = r["inprocess"], r["airflow"], r["docs"]
    lines = [f"documents: {n} ({', '.join(f'{k} {v}' for k, v in r['renderings'].items())}) on "
             f"{r['portals']} portals ({', '.join(r['families'])}); made in {r['generate_s']:.0f} s (not counted)",
             f"machine: {os.cpu_count()} cores, shared with other sessions (load average at each path's start "
             "below)",
             f"DAG settings: crawl_source pool {r['par']['crawl_source']['pool']} {r['par']['crawl_source']['slots']} "
             f"slots, max_active_tis_per_dagrun {r['par']['crawl_source']['per_run']}; process_batch pool "
             f"{r['par']['process_batch']['pool']} {r['par']['process_batch']['slots']} slots, "
             f"max_active_tis_per_dagrun {r['par']['process_batch']['per_run']}; batch_size {BATCH_SIZE} → "
             f"{ip['batches']} batches, {ip['groups']} host groups"]
    for name, x in (("in-process", ip), (f"Airflow ({af['mode']})", af)):
        c = x["counts"]
        lines.append(f"{name}: {c['processed'] / (x['wall_s'] / 60):.1f} documents/min — {c['processed']} documents "
                     f"in {x['wall_s']:.0f} s (load average {x['load']:.1f}), CPU {x['cpu_s']:.0f} s; "
                     f"{c['reports']} reports loaded, "
                     f"{c['not_report']} not a report, {c['failed']} failed; {c['documents']}/{n} documents stored")
    lines.append(f"  in-process: crawl+download {ip['crawl_s']:.0f} s ({ip['crawl_workers']} worker(s)), process "
                 f"{ip['process_s']:.0f} s ({ip['process_workers']} worker(s), {ip['process_cores']:.2f} cores' worth of CPU)")
    if af["mode"] == "scheduler":
        cr, pr = af["crawl_run"], af["process_run"]
        lines.append(f"  Airflow: crawl run queued +{cr['queued_at']:.0f} s, ran {cr['start_date']:.0f}–"
                     f"{cr['end_date']:.0f} s; process run (asset-triggered) ran {pr['start_date']:.0f}–"
                     f"{pr['end_date']:.0f} s after t0")
        for run in (cr, pr):
            lines.append("  tasks: " + "; ".join(f"{t} ×{k}: {total:.0f} s summed, longest {mx:.0f} s"
                                                  for t, (k, total, mx) in run["tasks"].items()))
    else:
        lines.append("  Airflow: " + ", ".join(f"dags test {d} {s:.0f} s" for d, s in af["runs"].items()))
    share = 1 - ip["wall_s"] / af["wall_s"]
    lines.append(f"Airflow's share of wall time: {share:.1%} (1 - {ip['wall_s']:.0f} s / {af['wall_s']:.0f} s; "
                 f"goal <= {GOAL_SHARE:.0%}; {'met' if share <= GOAL_SHARE else 'NOT met'})")
    cpu_share = 1 - ip["cpu_s"] / af["cpu_s"]
    lines.append(f"Airflow's share of CPU time: {cpu_share:.1%} (1 - {ip['cpu_s']:.0f} s / {af['cpu_s']:.0f} s; "
                 "the daemons' idle polling included; less moved by the machine's other load than wall time)")
    overlap = af["process_run"]["process_batch_overlap"] if af["mode"] == "scheduler" else 1
    both = overlap >= 2 and ip["process_workers"] >= 2
    lines.append(f"both cores used by the process stage: {'yes' if both else 'NO'} (Airflow: up to {overlap} "
                 f"process_batch task(s) at once; in-process: {ip['process_workers']} worker(s) using "
                 f"{ip['process_cores']:.2f} cores' worth of CPU on average, what the machine's other load left)")
    lines.append("peak RSS (VmHWM) per task, Airflow: " + ", ".join(_fmt_rss(af["rss"], TASK_ORDER)))
    lines.append("peak RSS (VmHWM) per task, in-process: " + ", ".join(_fmt_rss(ip["rss"], TASK_ORDER)))
    spent = ip["spent"]
    stage = {"crawl": spent.get("crawl", 0), "download": spent.get("download", 0),
             "extract": spent.get("extract", 0), "understand": spent.get("understand", 0),
             "validate": spent.get("validate", 0),
             "load": spent.get("batch", 0) - spent.get("extract", 0) - spent.get("understand", 0)
             - spent.get("validate", 0)}
    total = sum(stage.values()) or 1
    slow = max(stage, key=stage.get)
    lines.append("stages (in-process, worker-seconds summed over workers): " + ", ".join(
        f"{k} {v:.0f} s ({v / total:.0%})" for k, v in stage.items())
        + f"; load's own writes (write_reports) {spent.get('write_reports', 0):.1f} s")
    for name, x in (("in-process", ip), ("Airflow", af)):
        c = x["counts"]
        lines.append(f"  recorded by the pipeline ({name}): list/detail fetches {c['fetch_pages_s']:.0f} s, "
                     f"document fetches {c['fetch_docs_s']:.0f} s, extraction (inside the children) "
                     f"{c['extraction_s']:.0f} s")
    lines.append(f"slowest stage: {slow} ({stage[slow]:.0f} s, {stage[slow] / total:.0%} of the pipeline's time)")
    same = ip["counts"]["reports"] == af["counts"]["reports"]
    lines.append(f"reports loaded: in-process {ip['counts']['reports']}, Airflow {af['counts']['reports']} — "
                 f"{'same' if same else 'DIFFERENT'}; content differences (natural keys): {r['differences']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=500, help="documents to serve (default 500)")
    ap.add_argument("--quick", action="store_true", help="60 documents (the smoke test)")
    ap.add_argument("--airflow", choices=("scheduler", "dags-test"), default="scheduler",
                    help="how the DAGs run: a scheduler with LocalExecutor (default), or `airflow dags test`")
    ap.add_argument("--timeout", type=float, default=7200, help="seconds to wait for a DAG run")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON too")
    ap.add_argument("--save", help="write every figure as JSON to this file (before printing them)")
    ap.add_argument("--from-json", help="print the figures saved by --save, without running anything")
    ap.add_argument("--run-inprocess", help=argparse.SUPPRESS)
    ap.add_argument("--crawl-workers", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--process-workers", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run_inprocess:
        run_inprocess(Path(args.run_inprocess), args.crawl_workers, args.process_workers)
        return 0
    if args.from_json:
        r = json.loads(Path(args.from_json).read_text("utf-8"))
    else:
        n = 60 if args.quick else args.docs
        r = run(n, args.airflow, args.timeout, args.keep, progress=lambda m: print(m, file=sys.stderr, flush=True))
    if args.save:
        Path(args.save).write_text(json.dumps(r, indent=2, default=str, ensure_ascii=False), "utf-8")
    if args.json:
        print(json.dumps(r, indent=2, default=str, ensure_ascii=False))
    for line in report(r):
        print(line)
    return 0 if passed(r) else 1


def passed(r: dict) -> bool:
    ip, af = r["inprocess"]["counts"], r["airflow"]["counts"]
    return ip["reports"] == af["reports"] > 0 and ip["documents"] == af["documents"] == r["docs"] \
        and r["differences"] == 0


def run(n: int, mode: str = "scheduler", timeout_s: float = 7200, keep: bool = False, progress=None,
        workdir: Path | None = None) -> dict:
    import yaml
    from e2e_corpus import FAMILIES, generate, source_config, start_portals

    say = progress or (lambda _m: None)
    workdir = Path(workdir or tempfile.mkdtemp(prefix="selfeval-bench-e2e-"))
    par = dag_parallelism()
    try:
        t = time.monotonic()
        docs = generate(n, workdir / "corpus")
        gen_s = time.monotonic() - t
        say(f"made {n} documents in {gen_s:.0f} s")
        portals = start_portals(docs)
        reg = workdir / "sources"
        reg.mkdir()
        for p in portals:
            (reg / f"{p.source_id}.yaml").write_text(yaml.safe_dump(source_config(p), allow_unicode=True), "utf-8")
        try:
            sequential = mode == "dags-test"
            cw = 1 if sequential else par["crawl_source"]["workers"]
            pw = 1 if sequential else par["process_batch"]["workers"]
            ip = inprocess(workdir / "inprocess", reg, cw, pw)
            say(f"in-process: {ip['wall_s']:.0f} s")
            af_dir = workdir / "airflow-run"
            af_dir.mkdir()
            af = airflow_scheduler(af_dir, reg, timeout_s) if mode == "scheduler" else airflow_dags_test(af_dir, reg)
            say(f"Airflow ({mode}): {af['wall_s']:.0f} s")
        finally:
            for p in portals:
                p.stop()
        from selfeval.warehouse.checksum import compare

        for x in (ip, af):
            x["counts"] = _warehouse_counts(x["url"])
        diff = compare(ip["url"], af["url"])
        renderings: dict[str, int] = {}
        for g in docs:
            renderings[g.rendering] = renderings.get(g.rendering, 0) + 1
        return {"docs": n, "generate_s": gen_s, "portals": len(portals), "par": par, "inprocess": ip,
                "airflow": af, "renderings": renderings,
                "families": [f for f in FAMILIES if any(g.family == f for g in docs)],
                "differences": sum(len(a) + len(b) for a, b in diff.values()),
                "differs": {k: (a[:3], b[:3]) for k, (a, b) in diff.items() if a or b}, "workdir": str(workdir)}
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
