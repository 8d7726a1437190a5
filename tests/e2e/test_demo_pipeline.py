"""End to end on real components: demo portal over HTTP → `airflow dags test` of both DAGs → SQLite warehouse."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, run_dag_test

pytestmark = pytest.mark.e2e

MANIFEST = json.loads((ROOT / "include/selfeval/demo/site/manifest.json").read_text("utf-8"))
TRUTH = json.loads((CORPUS / "truth.json").read_text("utf-8"))
LINEAGE_COLS = ("source_id", "page_url", "document_url", "document_sha256", "fetched_at", "crawl_run_id",
                "dag_id", "dag_run_id", "extractor_version", "loaded_at")


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def _rows(db: Path, sql: str) -> list[dict]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql)]
    finally:
        con.close()


def _counts(db: Path) -> dict[str, int]:
    return {t: _rows(db, f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in
            ("discovered_item", "document", "document_version", "report", "field_evidence", "validation_result")}


def _report_documents() -> dict[str, dict]:
    """document URL → manifest entry, for every report attachment or article of the demo."""
    out = {}
    for item in MANIFEST["items"]:
        if item["kind"] != "report":
            continue
        if item.get("body_is_report"):
            out[item["detail_url"]] = item
        for att in item.get("attachments", []):
            out[att["url"]] = {**item, "seed": att.get("seed", item.get("seed"))}
    return out


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, airflow_home):
    from selfeval.demo.portal import serve

    data = tmp_path_factory.mktemp("demo_data")
    with serve(port=0) as portal:
        env = {"SELFEVAL_DATA_DIR": str(data), "SELFEVAL_DEMO_BASE_URL": portal.url}
        env.pop("SELFEVAL_WAREHOUSE_URL", None)
        conf = '{"source_id": "demo-county", "force": true}'
        outputs = [run_dag_test(airflow_home, "selfeval_crawl", env, conf),
                   run_dag_test(airflow_home, "selfeval_process", env)]
        first = _counts(data / "warehouse.sqlite")
        run_dag_test(airflow_home, "selfeval_crawl", env, conf)
        run_dag_test(airflow_home, "selfeval_process", env)
        second = _counts(data / "warehouse.sqlite")
        yield {"db": data / "warehouse.sqlite", "portal": portal.url, "first": first, "second": second,
               "data": data, "outputs": outputs}


def test_dags_test_ends_with_a_one_line_summary(demo_run):
    """Issue 14 item 4: `airflow dags test` of each DAG ends with what the run did, in one line."""
    crawl, process = (out.rstrip().splitlines()[-1] for out in demo_run["outputs"])
    assert crawl == "selfeval_crawl: 1 source(s) crawled, 0 failing or blocked", crawl
    assert re.fullmatch(r"selfeval_process: \d+ document version\(s\) processed in \d+ batch\(es\): "
                        r"\d+ report\(s\) loaded, 0 failed; warehouse: 8 current report\(s\), \d+ quarantined",
                        process), process


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_every_report_loaded_once_with_year_and_department(demo_run):
    rows = _rows(demo_run["db"], "SELECT * FROM v_report")
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(_path(r["document_url"]), []).append(r)
    expected = _report_documents()
    assert len(expected) >= 8
    for url, item in expected.items():
        got = by_doc.get(_path(url), [])
        assert len(got) == 1, f"{url} ({item['title']}): {len(got)} report rows"
        truth = TRUTH[item["seed"]]
        assert got[0]["fiscal_year"] == truth["fiscal_year"], (url, got[0]["fiscal_year"])
        assert _norm(got[0]["department"]) == _norm(truth["department"]), (url, got[0]["department"])
    assert len(rows) == len(expected), "no report rows beyond the demo's reports"


def test_off_topic_items_skipped_with_reason_and_not_downloaded(demo_run):
    off = [i for i in MANIFEST["items"] if i["kind"] == "off_topic"]
    assert len(off) >= 3
    items = {_path(r["url"]): r for r in _rows(demo_run["db"], "SELECT * FROM discovered_item")}
    docs = {_path(r["url"]) for r in _rows(demo_run["db"], "SELECT url FROM document")}
    for item in off:
        row = items[_path(item["detail_url"])]
        assert row["status"] == "skipped" and row["reason"], row
        assert _path(item["detail_url"]) not in docs
        for att in item.get("attachments", []):
            assert _path(att["url"]) not in docs, f"off-topic attachment downloaded: {att['url']}"


def test_every_lineage_column_filled(demo_run):
    rows = _rows(demo_run["db"], "SELECT * FROM v_report")
    assert rows
    for r in rows:
        for col in LINEAGE_COLS:
            assert r[col] not in (None, ""), (r["report_id"], col)
        assert r["dag_id"] == "selfeval_process"
    runs = _rows(demo_run["db"], "SELECT DISTINCT c.dag_id FROM crawl_run c JOIN v_report v ON v.crawl_run_id = c.id")
    assert {r["dag_id"] for r in runs} == {"selfeval_crawl"}


def test_every_value_has_evidence_that_matches_the_text(demo_run):
    """EV-01 on the stored data: each non-null field has evidence, and the snippet is the raw span."""
    reports = _rows(demo_run["db"], "SELECT r.*, e.text_path FROM report r JOIN extraction e ON e.id = r.extraction_id")
    fields = ("title", "department", "fiscal_year", "self_score", "grade", "expenditure_total_wan")
    for r in reports:
        ev = {e["field"]: e for e in _rows(demo_run["db"], f"SELECT * FROM field_evidence WHERE report_id = {r['id']}")}
        pages = json.loads(Path(r["text_path"]).read_text("utf-8"))["pages"]
        for f in fields:
            if r[f] is None:
                continue
            assert f in ev, (r["id"], f)
            e = ev[f]
            assert pages[e["page"] - 1]["text"][e["char_start"]:e["char_end"]] == e["snippet"], (r["id"], f)


def test_second_run_adds_nothing(demo_run):
    assert demo_run["second"] == demo_run["first"]
    assert demo_run["first"]["report"] >= 8


def test_openlineage_events_name_the_datasets(demo_run, airflow_home):
    """The provider's file transport got COMPLETE events whose inputs/outputs are this run's datasets."""
    events = [json.loads(line) for line in (airflow_home / "openlineage.jsonl").read_text().splitlines()]
    warehouse_ns = f"sqlite://{demo_run['db']}"

    def complete(job: str) -> list[dict]:
        return [e for e in events if e["eventType"] == "COMPLETE" and e["job"]["name"] == job]

    crawl = [e for e in complete("selfeval_crawl.crawl_source")
             if any(d["namespace"] == demo_run["portal"] for d in e["inputs"])]
    assert crawl, "no crawl_source event with the demo portal as input"
    assert {(d["namespace"], d["name"]) for d in crawl[0]["inputs"]} == {
        (demo_run["portal"], "/zwgk/czzj/jxzp/index.html")}
    outputs = {(d["namespace"], d["name"]) for d in crawl[0]["outputs"]}
    assert ("file", str(demo_run["data"] / "raw")) in outputs
    assert (warehouse_ns, "document_version") in outputs
    proc = [e for e in complete("selfeval_process.process_batch")
            if any(d["namespace"] == warehouse_ns for d in e["outputs"])]
    assert proc, "no process_batch event writing the demo warehouse"
    names = {d["name"] for d in proc[0]["outputs"]}
    assert {"report", "field_evidence", "validation_result"} <= names
    assert any(d["name"] == "document_version" for d in proc[0]["inputs"])
    assert complete("selfeval_process") and complete("selfeval_process")[0]["run"]["runId"]


def test_one_report_published_twice_has_one_canonical_row(demo_run):
    """The demo publishes 安化县平口镇's report as an HTML article and as a PDF: both rows stay (lineage), the
    article points at the PDF (the original attachment wins), and v_report_canonical counts it once."""
    rows = _rows(demo_run["db"], "SELECT * FROM v_report WHERE department = '安化县平口镇人民政府'")
    assert len(rows) == 2
    article = next(r for r in rows if r["document_url"].endswith(".html"))
    pdf = next(r for r in rows if r["document_url"].endswith(".pdf"))
    assert article["duplicate_of"] == pdf["report_id"] and pdf["duplicate_of"] is None
    canonical = _rows(demo_run["db"], "SELECT report_id FROM v_report_canonical")
    assert len(canonical) == len(_rows(demo_run["db"], "SELECT report_id FROM v_report")) - 1
    dup = {r["report_id"]: r for r in _rows(demo_run["db"], "SELECT * FROM validation_result WHERE rule_id = 'DUP-01'")}
    assert dup[article["report_id"]]["status"] == "failed" and "published in 1 other" in dup[article["report_id"]]["message"]
    assert dup[pdf["report_id"]]["status"] == "passed" and "canonical" in dup[pdf["report_id"]]["message"]
