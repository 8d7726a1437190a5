"""Run `extract_file` in a child process with a hard timeout and an address-space limit.

A hostile or broken file can make a C library (PDFium, libxml2, LibreOffice) spin, eat
memory or segfault; none of that may take an Airflow worker down. The child is a fresh
`python -m selfeval.extract.isolate` (no fork of a threaded parent), sets RLIMIT_AS on
itself before importing any reader, and writes its result as JSON to a file (libraries
sometimes print to stdout). On timeout the parent kills the child and every process it
started (LibreOffice, Tesseract), found with psutil.

The child also dies with its parent: it holds the read end of a pipe (its stdin) whose write
end only the parent holds, and a watchdog thread waits for EOF on it.  When the parent is
killed (a worker SIGKILLed, a task's process group killed by Airflow), the kernel closes the
write end, and the child kills what it started (LibreOffice in its own session, Tesseract) and
exits, instead of converting on for minutes as an orphan.  A parent-death signal would kill
the child before it could reach LibreOffice's session, so the pipe is the lifeline.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..model import ExtractedDocument
from .base import ExtractionError, Limits


def _kill_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants (also those in other process groups)."""
    procs = []
    try:
        import psutil

        parent = psutil.Process(pid)
        procs = parent.children(recursive=True)
    except Exception:  # noqa: BLE001 - psutil missing or process gone
        pass
    for sig_target in [pid, *(p.pid for p in procs)]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(sig_target, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _child_env() -> dict[str, str]:
    """Environment for the child: ours, plus the directory this package was imported from."""
    env = dict(os.environ)
    pkg_root = str(Path(__file__).resolve().parents[2])  # .../include (holds selfeval/)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pkg_root, env.get("PYTHONPATH", "")) if p)
    return env


def run_isolated(path: str | Path, *, timeout_s: float = 120, memory_mb: int = 2048, **kw: Any) -> ExtractedDocument:
    """See `selfeval.extract.extract_isolated`."""
    limits = kw.pop("limits", None)
    req = {
        "path": str(Path(path).resolve()),
        "kw": {k: v for k, v in kw.items() if k in ("name_hint", "content_type")},
        "limits": asdict(limits) if isinstance(limits, Limits) else None,
        "memory_mb": int(memory_mb),
    }
    with tempfile.TemporaryDirectory(prefix="selfeval-iso-") as tmp:
        out = Path(tmp) / "result.json"
        req["out"] = str(out)
        (Path(tmp) / "request.json").write_text(json.dumps(req), encoding="utf-8")
        err_path = Path(tmp) / "stderr.txt"
        with open(err_path, "wb") as err_fh:
            proc = subprocess.Popen(
                [sys.executable, "-m", "selfeval.extract.isolate", str(Path(tmp) / "request.json"), "--lifeline"],
                stdin=subprocess.PIPE,  # the lifeline: EOF when this process dies (module docstring)
                stdout=subprocess.DEVNULL,
                stderr=err_fh,
                start_new_session=True,
                env=_child_env(),
            )
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill_tree(proc.pid)
            proc.wait()
            raise ExtractionError(f"timeout after {timeout_s:g} s") from None
        finally:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # type: ignore[union-attr]
        return _result(proc.returncode, out, err_path.read_bytes()[-4000:], memory_mb)


def _result(rc: int, out: Path, err: bytes, memory_mb: int) -> ExtractedDocument:
    """Turn the child's exit status and result file into a document or an ExtractionError."""
    if out.exists():
        try:
            payload = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            payload = None
        if isinstance(payload, dict):
            if "error" in payload:
                raise ExtractionError(payload["error"])
            return ExtractedDocument.from_dict(payload["doc"])
    if rc < 0:
        name = signal.Signals(-rc).name if -rc in signal.Signals._value2member_map_ else str(-rc)
        raise ExtractionError(f"extractor crashed (signal {name})")
    tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
    if tail and "MemoryError" in tail[0]:
        raise ExtractionError(f"out of memory (limit {memory_mb} MB)")
    raise ExtractionError(f"extractor process failed (rc={rc}): {' '.join(tail)[:200]}")


def _kill_own_tree() -> None:
    """SIGKILL every process this one started (LibreOffice in its own session included)."""
    try:
        import psutil

        for p in psutil.Process().children(recursive=True):
            with contextlib.suppress(Exception):
                p.kill()
        for p in psutil.Process().children(recursive=True):  # a child forked between the two looks
            with contextlib.suppress(Exception):
                p.kill()
    except Exception:  # noqa: BLE001 - psutil missing: nothing more can be found
        pass


def _watch_parent() -> None:
    """Watchdog thread: EOF on stdin means the parent died; take everything started down and exit."""
    try:
        while sys.stdin.buffer.read(65536):
            pass
    except (OSError, ValueError):
        pass
    _kill_own_tree()
    os._exit(3)


def _child(request_file: str, lifeline: bool = False) -> int:
    """Child side: watch the parent, limit memory, extract, write JSON result."""
    if lifeline:
        import threading

        threading.Thread(target=_watch_parent, name="lifeline", daemon=True).start()
    req = json.loads(Path(request_file).read_text(encoding="utf-8"))
    limit = req["memory_mb"] << 20
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = Path(req["out"])
    try:
        from . import extract_file

        limits = Limits(**req["limits"]) if req.get("limits") else None
        doc = extract_file(req["path"], limits=limits, **req["kw"])
        payload: dict[str, Any] = {"doc": doc.to_dict()}
    except ExtractionError as e:
        payload = {"error": e.reason}
    except MemoryError:
        payload = {"error": f"out of memory (limit {req['memory_mb']} MB)"}
    except Exception as e:  # noqa: BLE001 - any reader bug becomes a reasoned failure
        payload = {"error": f"extractor bug: {type(e).__name__}: {e}"[:500]}
    out.write_text(json.dumps(payload, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], "--lifeline" in sys.argv[2:]))
