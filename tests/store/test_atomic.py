"""write_atomic under real concurrency: processes writing the same file at once (two attempts of one task
caching the same document's text) must all succeed, leave one whole file and no temp files."""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import pytest
from selfeval.store.atomic import write_atomic


def _writer(target: str, n: int, start) -> None:
    start.wait()
    for i in range(200):
        write_atomic(Path(target), json.dumps({"writer": n, "i": i, "pad": "字" * 5000}, ensure_ascii=False))


def test_concurrent_writers_of_one_file_all_succeed(tmp_path):
    target = tmp_path / "text" / "ab" / "abc.v1.json"
    ctx = mp.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(str(target), n, start)) for n in range(3)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]  # a shared temp name made one writer die on rename
    final = json.loads(target.read_text(encoding="utf-8"))
    assert final["i"] == 199 and len(final["pad"]) == 5000
    assert sorted(q.name for q in target.parent.iterdir()) == [target.name]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path):
    target = tmp_path / "state.json"
    write_atomic(target, "old")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]  # not bytes or str: the write fails
    assert target.read_text() == "old"
    assert [q.name for q in tmp_path.iterdir()] == ["state.json"]


def test_bytes_written_verbatim(tmp_path):
    target = tmp_path / "obj"
    write_atomic(target, b"\x00\xff", prefix=".part-")
    assert target.read_bytes() == b"\x00\xff"
