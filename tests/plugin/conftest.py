"""A small warehouse written through the models, with hostile strings where crawled text goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PDF_BYTES = b"%PDF-1.4\n% selfeval test document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML_BYTES = ("<html><body><h1>2023年度演示局部门整体支出绩效自评报告</h1>"
              "<script>document.title='pwned'</script></body></html>").encode()
T0 = datetime(2024, 9, 1, 8, 0, tzinfo=UTC)


@dataclass
class Warehouse:
    url: str
    raw_dir: Path | str  # a directory, or an fsspec URL (memory://, s3://)
    ids: dict[str, int] = field(default_factory=dict)
    sha: dict[str, str] = field(default_factory=dict)


def build_warehouse(url: str, raw_dir: Path | str, extra_reports: int = 60) -> Warehouse:
    from selfeval.store import RawStore
    from selfeval.warehouse.db import session_scope, upgrade
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

    upgrade(url)
    store = RawStore(raw_dir)
    wh = Warehouse(url=url, raw_dir=raw_dir)
    with session_scope(url) as s:
        s.add_all([
            Source(id="alpha", name="甲市财政局 · 绩效自评", family="static_list", province="湖南省", city="甲市",
                   config={"schedule": "@daily", "enabled": True}, status="ok", watermark_date="2024-08-30",
                   updated_at=T0),
            Source(id="beta", name="乙县人民政府 " + XSS, family="hanweb_jcms", province="广西壮族自治区",
                   config={"schedule": "@weekly", "enabled": True}, status="blocked",
                   status_detail="http://beta.example/list.html: challenge page (EdgeOne) " + XSS, updated_at=T0),
        ])
        s.flush()
        runs = []
        for i, (found, new, status) in enumerate([(12, 12, "success"), (14, 2, "success"), (15, 1, "success")]):
            runs.append(CrawlRun(source_id="alpha", run_key=f"selfeval_crawl/run{i}", dag_id="selfeval_crawl",
                                 dag_run_id=f"scheduled__2024-09-0{i + 1}T08:00:00+00:00", task_id="crawl_source",
                                 try_number=1, started_at=T0 + timedelta(days=i),
                                 finished_at=T0 + timedelta(days=i, seconds=30), status=status, pages_fetched=2,
                                 items_found=found, items_new=new))
        ok_beta = CrawlRun(source_id="beta", run_key="selfeval_crawl/b0", dag_id="selfeval_crawl",
                           dag_run_id="scheduled__2024-09-01T08:00:00+00:00", task_id="crawl_source", try_number=1,
                           started_at=T0, finished_at=T0 + timedelta(seconds=20), status="success",
                           pages_fetched=1, items_found=4, items_new=4)
        bad_beta = CrawlRun(source_id="beta", run_key="selfeval_crawl/b1", dag_id="selfeval_crawl",
                            dag_run_id="scheduled__2024-09-03T08:00:00+00:00", task_id="crawl_source", try_number=3,
                            started_at=T0 + timedelta(days=2), finished_at=T0 + timedelta(days=2, seconds=5),
                            status="blocked", pages_fetched=1, items_found=0, items_new=0,
                            error="http://beta.example/list.html: challenge page " + XSS)
        s.add_all([*runs, ok_beta, bad_beta])
        s.flush()
        wh.ids.update(alpha_run=runs[0].id, beta_bad_run=bad_beta.id)
        s.add(Fetch(crawl_run_id=bad_beta.id, purpose="list", url="http://beta.example/list.html", status_code=403,
                    bytes=512, duration_ms=80, attempts=1, error="challenge page: EdgeOne " + XSS, fetched_at=T0))
        run = runs[0]

        def item_for(url_: str, **values) -> DiscoveredItem:
            found = s.query(DiscoveredItem).filter_by(source_id="alpha", url=url_).one_or_none()
            if found is None:
                found = DiscoveredItem(source_id="alpha", url=url_, listed_date="2024-08-30", attempts=1,
                                       first_crawl_run_id=run.id, last_crawl_run_id=run.id, first_seen=T0,
                                       last_seen=T0, **values)
                s.add(found)
                s.flush()
            return found

        def document(url_: str, title: str, data: bytes, ctype: str, name: str | None) -> DocumentVersion:
            page = item_for(url_.rsplit("/", 1)[0] + "/detail.html", kind="detail", title=title,
                            found_on_url="http://alpha.example/list.html", status="expanded", reason="relevant")
            item = item_for(url_, kind="attachment", title=title, parent_id=page.id, found_on_url=page.url,
                            status="downloaded", reason="relevant")
            fetch = Fetch(crawl_run_id=run.id, purpose="document", url=url_, final_url=url_, status_code=200,
                          bytes=len(data), duration_ms=12, attempts=1, fetched_at=T0)
            doc = s.query(Document).filter_by(url=url_).one_or_none()
            if doc is None:
                doc = Document(url=url_, source_id="alpha", discovered_item_id=item.id, page_url=page.url,
                               title=title, publish_date="2024-08-30", first_seen=T0)
            s.add_all([fetch, doc])
            s.flush()
            sha, path = store.put(data)
            dv = DocumentVersion(document_id=doc.id, sha256=sha, size=len(data), content_type=ctype, file_name=name,
                                 storage_path=str(path), fetch_id=fetch.id, crawl_run_id=run.id, fetched_at=T0,
                                 status="processed", attempts=1)
            s.add(dv)
            s.flush()
            return dv

        pdf_v1 = document("http://alpha.example/a/report.pdf", "甲市财政局2023年度部门整体支出绩效自评报告",
                          PDF_BYTES, "application/pdf", "甲市财政局2023年度自评报告.pdf")
        pdf_v2 = document("http://alpha.example/a/report.pdf", "甲市财政局2023年度部门整体支出绩效自评报告",
                          PDF_BYTES + b"% v2\n", "application/pdf", "甲市财政局2023年度自评报告.pdf")
        html = document("http://alpha.example/b/article.html", "演示局 " + XSS, HTML_BYTES,
                        "text/html; charset=utf-8", "演示局自评报告")
        wh.sha.update(pdf=pdf_v2.sha256, pdf_old=pdf_v1.sha256, html=html.sha256)
        batch = LoadBatch(batch_key="selfeval_process/run1/process_batch/0", dag_id="selfeval_process",
                          dag_run_id="asset_triggered__2024-09-01T08:05:00+00:00", task_id="process_batch",
                          try_number=1, started_at=T0, finished_at=T0, documents=3, reports=3, status="success")
        s.add(batch)
        s.flush()

        def extraction(dv: DocumentVersion, fmt: str) -> Extraction:
            e = s.query(Extraction).filter_by(sha256=dv.sha256, extractor_version="x1-u1").one_or_none()
            if e is None:
                e = Extraction(sha256=dv.sha256, extractor_version="x1-u1", status="ok", format=fmt, engine="test",
                               pages=1, ocr=False, duration_s=0.1, warnings=[], is_self_eval=True,
                               document_type="department_overall", created_at=T0)
                s.add(e)
                s.flush()
            return e

        def report(dv: DocumentVersion, fmt: str, **values) -> Report:
            base = dict(document_version_id=dv.id, part=0, extractor_version="x1-u1",
                        extraction_id=extraction(dv, fmt).id, report_type="department_overall", province="湖南省",
                        city="甲市", department="甲市财政局", fiscal_year=2023, validation_status="valid",
                        extra={}, is_current=True, valid_from=T0, load_batch_id=batch.id,
                        dag_id="selfeval_process", dag_run_id=batch.dag_run_id, task_id="process_batch",
                        try_number=1, loaded_at=T0)
            base.update(values)
            r = Report(**base)
            s.add(r)
            s.flush()
            return r

        old = report(pdf_v1, "pdf", title="甲市财政局2023年度部门整体支出绩效自评报告（旧版）", self_score=88.0,
                     is_current=False, valid_to=T0 + timedelta(days=1), loaded_at=T0 - timedelta(days=1))
        main = report(pdf_v2, "pdf", title="甲市财政局2023年度部门整体支出绩效自评报告", self_score=92.5, grade="优",
                      expenditure_total_wan=1855.32, basic_expenditure_wan=1287.78, project_expenditure_wan=567.54,
                      indicator_count=2, extra={"warnings": [{"code": "W1", "message": XSS}]},
                      loaded_at=T0 + timedelta(hours=1))
        quarantined = report(html, "html", title="演示局2022年度项目支出绩效自评 " + XSS, department="演示局 " + XSS,
                             province="广西壮族自治区", city="桂林市", county="资源县", fiscal_year=2022,
                             report_type="project", validation_status="quarantined",
                             loaded_at=T0 + timedelta(hours=2))
        wh.ids.update(old=old.id, main=main.id, quarantined=quarantined.id)
        for name, snippet, start in (("title", "甲市财政局2023年度部门整体支出绩效自评报告", 0),
                                     ("department", "甲市财政局", 0), ("fiscal_year", "2023年度", 5),
                                     ("self_score", "自评得分92.5分 " + XSS, 400),
                                     ("expenditure_total_wan", "支出合计1855.32万元", 300)):
            s.add(FieldEvidence(report_id=main.id, field=name, page=1 if name != "self_score" else 3,
                                char_start=start, char_end=start + len(snippet), snippet=snippet,
                                cell="T1!B4" if name == "self_score" else None,
                                note="元 -> 万元" if name == "expenditure_total_wan" else None))
        s.add_all([
            ValidationResult(report_id=main.id, rule_id="SUM-01", severity="warning", status="passed", values={}),
            ValidationResult(report_id=main.id, rule_id="GRADE-02", severity="warning", status="failed",
                             message="no stated grade " + XSS, values={"self_score": 92.5, "note": XSS}),
            ValidationResult(report_id=main.id, rule_id="IND-01", severity="error", status="skipped",
                             message="inputs are null", values={}),
            ValidationResult(report_id=quarantined.id, rule_id="REQ-01", severity="error", status="failed",
                             message="missing: ['expenditure_total_wan'] " + XSS,
                             values={"missing": ["expenditure_total_wan"]}),
            ValidationResult(report_id=quarantined.id, rule_id="FY-01", severity="error", status="failed",
                             message="fiscal year after publish year", values={"fiscal_year": 2022}),
            Indicator(report_id=main.id, row_no=0, level1="产出指标", level2="数量指标", level3="培训人次",
                      target="≥100", actual="120", weight=10.0, score=10.0),
            Indicator(report_id=main.id, row_no=1, level1="效益指标", level2="满意度", level3=XSS,
                      target="≥90%", actual="95%", weight=10.0, score=9.5),
        ])
        # Filler rows for paging and filters: distinct documents, one report each.
        provinces = ["湖南省", "广西壮族自治区", "浙江省"]
        for i in range(extra_reports):
            dv = document(f"http://alpha.example/fill/{i}.pdf", f"填充报告 {i}", PDF_BYTES + f"{i}".encode(),
                          "application/pdf", f"fill-{i}.pdf")
            report(dv, "pdf", title=f"填充单位{i:02d}2021年度部门整体支出绩效自评报告", department=f"填充单位{i:02d}",
                   province=provinces[i % 3], fiscal_year=2020 + i % 2, self_score=80 + i % 20,
                   report_type="self_eval_table" if i % 4 == 0 else "department_overall",
                   validation_status="warning" if i % 5 == 0 else "valid", loaded_at=T0 - timedelta(hours=i))
    return wh


SOURCES_YAML = {
    "alpha.yaml": "id: alpha\nname: 甲市财政局 · 绩效自评\nfamily: static_list\n"
                  "start_urls: ['http://alpha.example/list.html']\nschedule: '@daily'\n",
    "gamma.yaml": "id: gamma\nname: 丙县人民政府 · 绩效自评\nfamily: static_list\n"
                  "start_urls: ['http://gamma.example/list.html']\nschedule: '0 3 * * *'\n",
}


@pytest.fixture
def warehouse(data_env, tmp_path, monkeypatch) -> Warehouse:
    """The warehouse above, with a registry of `alpha` (crawled) and `gamma` (never crawled); `beta` is not in it."""
    from selfeval.settings import get_settings

    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in SOURCES_YAML.items():
        (sources / name).write_text(text, "utf-8")
    monkeypatch.setenv("SELFEVAL_SOURCES", str(sources))
    settings = get_settings()
    return build_warehouse(settings.warehouse_url, settings.raw_dir)


@pytest.fixture
def client(warehouse):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from selfeval.ui import create_app

    root = FastAPI()
    root.mount("/selfeval", create_app(warehouse.url, raw_store=warehouse.raw_dir))
    with TestClient(root) as c:
        yield c
