"""The bulk loader (selfeval.warehouse.load) on SQLite and PostgreSQL: a new batch written straight into the
tables (COPY / plain INSERT) gives exactly the rows of the upsert path and of plain SQLAlchemy inserts; a
batch that is partly loaded already, a re-load, a load that failed half-way and a load that lost a race for
a natural key all end as one clean load; child rows a new result no longer has are removed."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from selfeval.warehouse import load as loadmod
from selfeval.warehouse.db import get_engine, session_scope, upgrade
from selfeval.warehouse.load import ReportLoad, upsert_reports, write_reports
from selfeval.warehouse.models import (
    CrawlRun,
    DiscoveredItem,
    Document,
    DocumentVersion,
    Extraction,
    Fetch,
    FieldEvidence,
    Indicator,
    LoadBatch,
    Report,
    Source,
    ValidationResult,
)
from selfeval.warehouse.views import view_table
from sqlalchemy import text

T0 = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
TABLES = ("report", "field_evidence", "indicator", "validation_result")


def _fresh(kind: str, tmp_path, request, tag: str) -> str:
    if kind.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'{tag}.sqlite'}"
    return request.getfixturevalue("pg_server").create_db(f"load_{tag}_{time.time_ns()}")


def _scaffold(url: str, n: int) -> tuple[list[int], int, int]:
    upgrade(url)
    with session_scope(url) as s:
        s.add(Source(id="t", name="测试", family="static_list", config={}, status="ok", updated_at=T0))
        s.flush()
        run = CrawlRun(source_id="t", run_key="t", dag_id="d", dag_run_id="r", task_id="t", try_number=1,
                       started_at=T0, status="success")
        s.add(run)
        s.flush()
        fetch = Fetch(crawl_run_id=run.id, purpose="document", url="http://x/", fetched_at=T0)
        s.add(fetch)
        s.flush()
        vids = []
        for i in range(n):
            item = DiscoveredItem(source_id="t", url=f"http://x/{i}.pdf", kind="attachment", status="downloaded",
                                  first_crawl_run_id=run.id, last_crawl_run_id=run.id, first_seen=T0, last_seen=T0)
            s.add(item)
            s.flush()
            doc = Document(url=f"http://x/{i}.pdf", source_id="t", discovered_item_id=item.id, page_url="http://x/",
                           first_seen=T0, publish_date="2024-03-01")
            s.add(doc)
            s.flush()
            dv = DocumentVersion(document_id=doc.id, sha256=f"{i:064d}", size=1, storage_path="/dev/null",
                                 fetch_id=fetch.id, crawl_run_id=run.id, fetched_at=T0, status="processed")
            s.add(dv)
            s.flush()
            vids.append(dv.id)
        ex = Extraction(sha256="0" * 64, extractor_version="v1", status="ok", warnings=[], created_at=T0)
        batch = LoadBatch(batch_key="b", dag_id="d", dag_run_id="r", task_id="t", started_at=T0, status="running")
        s.add_all([ex, batch])
        s.flush()
        return vids, ex.id, batch.id


def _loads(vids: list[int], ex_id: int, batch_id: int, salt: str = "") -> list[ReportLoad]:
    """Reports with some variety: two parts of one document, no evidence, no indicators, NULLs, nested
    non-ASCII JSON, a naive value in `extra` that is text."""
    out = []
    for i, vid in enumerate(vids):
        for part in ((0, 1) if i == 1 else (0,)):
            values = {
                "document_version_id": vid, "part": part, "extractor_version": "v1", "extraction_id": ex_id,
                "title": f"第{i}单位2023年度部门整体支出绩效自评报告{salt}", "report_type": "department_overall",
                "province": "湖南省", "city": None if i == 2 else "怀化市", "county": "溆浦县", "township": None,
                "department": f"溆浦县第{i}局", "admin_division_code": "431224", "fiscal_year": 2023,
                "report_date": "2024-03", "budget_initial_wan": 100.5 + i, "budget_adjusted_wan": None,
                "expenditure_total_wan": 1e-3 * i, "basic_expenditure_wan": 60.0, "project_expenditure_wan": 0.1,
                "execution_rate_pct": 91.7, "self_score": 95.5 - part, "grade": "优", "grade_band": "优",
                "indicator_count": 0 if i == 3 else 2, "validation_status": "warning" if i == 2 else "valid",
                "extra": {"scope": "全部", "warnings": ["表格跨页"], "n": [1, 2.5, None], "q": 'say "hi"\\n'},
                "is_current": True, "valid_from": T0 + timedelta(seconds=i), "valid_to": None,
                "load_batch_id": batch_id, "dag_id": "selfeval_process", "dag_run_id": "manual__1",
                "task_id": "process", "try_number": 1, "loaded_at": T0,
            }
            ev = [] if i == 2 else [
                {"field": f, "page": 1 + k, "char_start": 10 * k, "char_end": 10 * k + 4,
                 "snippet": f"片段\t{k}\n{f}{salt}", "cell": "B3" if k else None, "note": None}
                for k, f in enumerate(("title", "department", "self_score"))]
            ind = [] if i == 3 else [
                {"level1": "产出指标", "level2": None, "level3": f"指标{k}", "target": "≥100", "actual": "120",
                 "weight": 10.0, "score": 9.5 - k} for k in range(2)]
            rules = [{"rule_id": f"R-{k:02d}", "severity": "warning", "status": "failed" if k == i else "passed",
                      "message": "" if k else f"不一致{salt}", "values": {"a": k, "名": "值", "l": [None, True]}}
                     for k in range(4)]
            out.append(ReportLoad(values=values, evidence=ev, indicators=ind, outcomes=rules))
    return out


def _content(url: str, with_ids: bool = True) -> dict[str, list[tuple]]:
    """Every row of the four tables; without ids, report ids are replaced by the report's natural key."""
    with get_engine(url).connect() as c:
        keys = {r[0]: tuple(r[1:]) for r in c.execute(text(
            "SELECT id, document_version_id, part, extractor_version FROM report"))}
        out = {}
        for table in TABLES:
            rows = []
            for r in c.execute(text(f"SELECT * FROM {table}")):
                d = dict(r._mapping)
                if not with_ids:
                    if table == "report":
                        d.pop("id")
                    else:
                        d["report_id"] = keys[d["report_id"]]
                rows.append(tuple(sorted((k, repr(v)) for k, v in d.items())))
            out[table] = sorted(rows)
        return out


def _write(url: str, loads: list[ReportLoad], fn=write_reports) -> dict:
    with session_scope(url) as s:
        return fn(s, loads)


def _plain_insert(url: str, loads: list[ReportLoad]) -> None:
    """The reference: SQLAlchemy Core inserts, report by report."""
    with session_scope(url) as s:
        for ld in loads:
            rid = s.execute(sa.insert(Report).values(**ld.values).returning(Report.id)).scalar_one()
            for e in ld.evidence:
                s.execute(sa.insert(FieldEvidence).values(report_id=rid, **e))
            for k, ind in enumerate(ld.indicators):
                s.execute(sa.insert(Indicator).values(report_id=rid, row_no=k, **ind))
            for o in ld.outcomes:
                s.execute(sa.insert(ValidationResult).values(report_id=rid, **o))


def test_new_batch_writes_the_rows_of_the_upsert_path_and_of_plain_inserts(warehouse_url, tmp_path, request):
    urls = {"fast": warehouse_url, "upsert": _fresh(warehouse_url, tmp_path, request, "upsert"),
            "plain": _fresh(warehouse_url, tmp_path, request, "plain")}
    scaffolds = {name: _scaffold(url, 5) for name, url in urls.items()}
    assert len({repr(v) for v in scaffolds.values()}) == 1  # fresh databases: the same parent ids
    loads = _loads(*scaffolds["fast"])
    ids = _write(urls["fast"], loads)
    assert sorted(ids) == sorted(ld.key for ld in loads) and len(set(ids.values())) == len(loads)
    _write(urls["upsert"], loads, upsert_reports)
    _plain_insert(urls["plain"], loads)
    fast = _content(urls["fast"])
    assert [len(fast[t]) for t in TABLES] == [6, 15, 10, 24]
    assert fast == _content(urls["upsert"]) == _content(urls["plain"])
    with get_engine(urls["fast"]).connect() as c:  # sequences go on after the ids the load took
        c.execute(sa.insert(Report).values(**{**loads[0].values, "part": 9}))
        assert c.execute(text("SELECT max(id) FROM report")).scalar() == len(loads) + 1


def test_mixed_batch_and_reload_equal_one_clean_load(warehouse_url, tmp_path, request):
    clean = _fresh(warehouse_url, tmp_path, request, "clean")
    loads = _loads(*_scaffold(clean, 5))
    assert _loads(*_scaffold(warehouse_url, 5)) == loads
    _write(clean, loads)
    _write(warehouse_url, loads[1:4])  # an earlier batch loaded some of these reports
    ids = _write(warehouse_url, loads)  # part known, part new
    assert _content(warehouse_url, with_ids=False) == _content(clean, with_ids=False)
    before = _content(warehouse_url)
    assert _write(warehouse_url, loads) == ids  # a re-load changes nothing, ids included
    assert _content(warehouse_url) == before


def test_failed_load_rolls_back_and_reload_equals_clean(warehouse_url, tmp_path, request, monkeypatch):
    clean = _fresh(warehouse_url, tmp_path, request, "clean")
    loads = _loads(*_scaffold(clean, 5))
    _loads(*_scaffold(warehouse_url, 5))
    _write(clean, loads)
    real = loadmod._child_items

    def failing(loads_, ids, attr):
        if attr == "outcomes":
            raise RuntimeError("killed half-way")
        return real(loads_, ids, attr)

    monkeypatch.setattr(loadmod, "_child_items", failing)
    with pytest.raises(RuntimeError):
        _write(warehouse_url, loads)  # a new batch fails after the reports and two child tables were written
    assert all(not rows for rows in _content(warehouse_url).values())
    monkeypatch.setattr(loadmod, "_child_items", real)
    _write(warehouse_url, loads[:2])
    changed = _loads(*_scaffold(_fresh(warehouse_url, tmp_path, request, "x"), 5), salt="改")
    monkeypatch.setattr(loadmod, "_child_items", failing)
    with pytest.raises(RuntimeError):
        _write(warehouse_url, changed)  # a re-load of changed results fails half-way: the old rows stay
    monkeypatch.setattr(loadmod, "_child_items", real)
    partial = _content(warehouse_url, with_ids=False)
    assert len(partial["report"]) == 2 and all("改" not in repr(rows) for rows in partial.values())
    _write(warehouse_url, loads)
    assert _content(warehouse_url, with_ids=False) == _content(clean, with_ids=False)


def test_race_for_a_natural_key_falls_back_to_the_upsert(warehouse_url, tmp_path, request, monkeypatch):
    """Another load inserted the same reports between the look-up and the insert: the batch is upserted."""
    clean = _fresh(warehouse_url, tmp_path, request, "clean")
    loads = _loads(*_scaffold(clean, 5))
    _loads(*_scaffold(warehouse_url, 5))
    _write(clean, loads)
    _write(warehouse_url, loads[2:4])  # the batch's first reports are inserted before the conflict
    for cls in (loadmod._Postgres, loadmod._Sqlite):
        real = cls.report_ids
        calls = {"n": 0}

        def blind_first(self, keys, _real=real, _calls=calls):
            _calls["n"] += 1
            return {} if _calls["n"] == 1 else _real(self, keys)

        monkeypatch.setattr(cls, "report_ids", blind_first)
    _write(warehouse_url, loads)
    assert _content(warehouse_url, with_ids=False) == _content(clean, with_ids=False)


def test_children_a_new_result_no_longer_has_are_deleted(warehouse_url):
    vids, ex_id, batch_id = _scaffold(warehouse_url, 5)
    loads = _loads(vids, ex_id, batch_id)
    _write(warehouse_url, loads)
    again = _loads(vids, ex_id, batch_id)
    again[0].evidence = []  # this report's new result has no evidence, the others still have some
    again[0].outcomes = again[0].outcomes[:1]
    again[5].indicators = again[5].indicators[:1]
    again[5].outcomes[2]["message"] = "改了"
    ids = _write(warehouse_url, again)
    with get_engine(warehouse_url).connect() as c:
        def count(table, key):
            return c.execute(text(f"SELECT COUNT(*) FROM {table} WHERE report_id = :r"), {"r": ids[key]}).scalar()

        assert count("field_evidence", again[0].key) == 0
        assert count("validation_result", again[0].key) == 1
        assert count("indicator", again[5].key) == 1
        assert count("field_evidence", again[1].key) == 3
        assert c.execute(text("SELECT message FROM validation_result WHERE report_id = :r AND rule_id = 'R-02'"),
                         {"r": ids[again[5].key]}).scalar() == "改了"
    for ld in again:  # no report of the batch has any child row left
        ld.evidence, ld.indicators, ld.outcomes = [], [], []
    _write(warehouse_url, again)
    content = _content(warehouse_url)
    assert len(content["report"]) == 6 and not any(content[t] for t in TABLES[1:])


def test_v_report_is_the_same_on_both_backends(tmp_path, pg_url):
    sqlite_url = f"sqlite:///{tmp_path / 'wh.sqlite'}"
    views = {}
    for url in (sqlite_url, pg_url):
        loads = _loads(*_scaffold(url, 5))
        _write(url, loads[:2])
        _write(url, loads)
        v = view_table("v_report")
        with get_engine(url).connect() as c:
            rows = c.execute(sa.select(v).order_by(v.c.report_id)).all()
        views[url] = [tuple(_plain(x) for x in r) for r in rows]
    assert len(views[pg_url]) == 6
    assert views[sqlite_url] == views[pg_url]


def _plain(v):
    """A view value as text: timestamps as UTC (SQLite returns them as stored text, PostgreSQL as datetime)."""
    if isinstance(v, datetime):
        v = v.astimezone(UTC).replace(tzinfo=None) if v.tzinfo else v
        return v.isoformat(" ")
    if isinstance(v, str) and len(v) >= 19 and v[4] == "-" and v[10] == " ":
        return datetime.fromisoformat(v).isoformat(" ")
    return v
