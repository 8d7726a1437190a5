"""Warehouse tables. Column comments are the data dictionary (docs/data-dictionary.md is generated from them).

Natural keys (unique constraints) make every load an upsert, so re-running any
step never duplicates rows: see shared design notes, 'Keys that make every step idempotent'.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def col(type_, comment: str, **kw):
    return mapped_column(type_, comment=comment, **kw)


class Source(Base):
    __tablename__ = "source"
    __table_args__ = {"comment": "One configured portal (from the source registry YAML)."}
    id: Mapped[str] = col(String(64), "Source id from the YAML registry.", primary_key=True)
    name: Mapped[str] = col(String(255), "Human name of the portal/column.")
    family: Mapped[str] = col(String(32), "CMS family adapter used to crawl it.")
    province: Mapped[str | None] = col(String(64), "Region of the publishing site: province.", nullable=True)
    city: Mapped[str | None] = col(String(64), "Region of the publishing site: city.", nullable=True)
    county: Mapped[str | None] = col(String(64), "Region of the publishing site: county.", nullable=True)
    config: Mapped[dict] = col(JSON, "The validated YAML configuration as loaded at the last crawl.")
    status: Mapped[str] = col(String(16), "ok | blocked | failing: health from the last crawl.", default="ok")
    status_detail: Mapped[str | None] = col(Text, "Evidence for the status (e.g. the challenge page marker).", nullable=True)
    watermark_date: Mapped[str | None] = col(String(10), "Newest publish date seen (YYYY-MM-DD).", nullable=True)
    updated_at: Mapped[datetime] = col(DateTime(timezone=True), "When this row was last written.")


class CrawlRun(Base):
    __tablename__ = "crawl_run"
    __table_args__ = (
        UniqueConstraint("source_id", "run_key"),
        {"comment": "One crawl of one source (one Airflow task try, or one CLI call)."},
    )
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    source_id: Mapped[str] = col(ForeignKey("source.id"), "Crawled source.")
    run_key: Mapped[str] = col(String(255), "Idempotency key: dag_id/run_id (re-running a task reuses the row).")
    dag_id: Mapped[str] = col(String(250), "Airflow dag_id (or 'cli').")
    dag_run_id: Mapped[str] = col(String(250), "Airflow run_id (or a CLI run id).")
    task_id: Mapped[str] = col(String(250), "Airflow task_id (or 'cli').")
    try_number: Mapped[int] = col(Integer, "Airflow try number of the last attempt.", default=1)
    started_at: Mapped[datetime] = col(DateTime(timezone=True), "Start of the last attempt.")
    finished_at: Mapped[datetime | None] = col(DateTime(timezone=True), "End of the last attempt.", nullable=True)
    status: Mapped[str] = col(String(16), "running | success | failed | blocked.")
    pages_fetched: Mapped[int] = col(Integer, "List pages requested.", default=0)
    items_found: Mapped[int] = col(Integer, "Items seen on list pages.", default=0)
    items_new: Mapped[int] = col(Integer, "Items not seen before.", default=0)
    error: Mapped[str | None] = col(Text, "Failure reason, if any.", nullable=True)


class Fetch(Base):
    __tablename__ = "fetch"
    __table_args__ = (
        Index("ix_fetch_url", "url"),
        {"comment": "Every HTTP request outcome (list pages, detail pages, documents, robots.txt)."},
    )
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    crawl_run_id: Mapped[int] = col(ForeignKey("crawl_run.id"), "Crawl run that made the request.")
    purpose: Mapped[str] = col(String(16), "list | detail | document | robots.")
    url: Mapped[str] = col(Text, "Requested URL.")
    final_url: Mapped[str | None] = col(Text, "URL after redirects.", nullable=True)
    status_code: Mapped[int | None] = col(Integer, "HTTP status (null if no response).", nullable=True)
    bytes: Mapped[int] = col(Integer, "Body size received.", default=0)
    duration_ms: Mapped[int] = col(Integer, "Wall time of the request incl. retries.", default=0)
    attempts: Mapped[int] = col(Integer, "Attempts made (retries + 1).", default=1)
    not_modified: Mapped[bool] = col(Boolean, "True when a conditional GET answered 304.", default=False)
    error: Mapped[str | None] = col(Text, "Error reason (timeout, refused address, challenge page ...).", nullable=True)
    fetched_at: Mapped[datetime] = col(DateTime(timezone=True), "When the request finished.")


class DiscoveredItem(Base):
    __tablename__ = "discovered_item"
    __table_args__ = (
        UniqueConstraint("source_id", "url"),
        {"comment": "Every URL found on a list page or detail page, relevant or not, with its status and reason."},
    )
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    source_id: Mapped[str] = col(ForeignKey("source.id"), "Source it was found on.")
    url: Mapped[str] = col(Text, "Item URL (detail page or attachment).")
    kind: Mapped[str] = col(String(16), "detail | attachment | article (HTML body is the report).")
    title: Mapped[str | None] = col(Text, "Title or link text as listed.", nullable=True)
    listed_date: Mapped[str | None] = col(String(10), "Publish date (YYYY-MM-DD) if plausible.", nullable=True)
    listed_date_raw: Mapped[str | None] = col(String(64), "Publish date string as found.", nullable=True)
    found_on_url: Mapped[str | None] = col(Text, "List page (or detail page) where the link was found.", nullable=True)
    parent_id: Mapped[int | None] = col(ForeignKey("discovered_item.id"), "Detail item an attachment belongs to.", nullable=True)
    status: Mapped[str] = col(String(16), "new | skipped | downloaded | unchanged | failed.")
    reason: Mapped[str | None] = col(Text, "Why it was skipped or failed (or which keyword made it relevant).", nullable=True)
    relevance_score: Mapped[float | None] = col(
        Float, "p(report) of the listed title by the document scorer on the title alone (0-1); NULL when a configured "
        "include/exclude keyword decided.", nullable=True)
    page_score: Mapped[float | None] = col(
        Float, "p(self-evaluation) of the detail page's text by the document classifier (0-1), for titles the scorer "
        "could not call; NULL when the page was not judged.", nullable=True)
    attempts: Mapped[int] = col(Integer, "Download attempts so far.", default=0)
    first_crawl_run_id: Mapped[int] = col(ForeignKey("crawl_run.id"), "Crawl run that first saw it.")
    last_crawl_run_id: Mapped[int] = col(ForeignKey("crawl_run.id"), "Crawl run that last saw it.")
    first_seen: Mapped[datetime] = col(DateTime(timezone=True), "First time seen.")
    last_seen: Mapped[datetime] = col(DateTime(timezone=True), "Last time seen.")


class Document(Base):
    __tablename__ = "document"
    __table_args__ = {"comment": "A document URL (attachment or article page); its bytes are in document_version."}
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    url: Mapped[str] = col(Text, "Document URL.", unique=True)
    source_id: Mapped[str] = col(ForeignKey("source.id"), "Source it was downloaded from.")
    discovered_item_id: Mapped[int] = col(ForeignKey("discovered_item.id"), "The discovered item it came from.")
    page_url: Mapped[str] = col(Text, "Page the document link was found on (detail page, or itself for articles).")
    title: Mapped[str | None] = col(Text, "Link text / listed title.", nullable=True)
    publish_date: Mapped[str | None] = col(String(10), "Publish date from the portal (YYYY-MM-DD).", nullable=True)
    etag: Mapped[str | None] = col(Text, "Last ETag (for conditional GET).", nullable=True)
    last_modified: Mapped[str | None] = col(Text, "Last Last-Modified header (for conditional GET).", nullable=True)
    first_seen: Mapped[datetime] = col(DateTime(timezone=True), "First download.")


class DocumentVersion(Base):
    __tablename__ = "document_version"
    __table_args__ = (
        UniqueConstraint("document_id", "sha256"),
        Index("ix_document_version_sha256", "sha256"),
        {"comment": "Distinct bytes seen at a document URL; same URL with new bytes is a new version."},
    )
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    document_id: Mapped[int] = col(ForeignKey("document.id"), "Document (URL).")
    sha256: Mapped[str] = col(String(64), "sha256 of the bytes (raw store key).")
    size: Mapped[int] = col(Integer, "Bytes.")
    content_type: Mapped[str | None] = col(String(255), "Content-Type as served.", nullable=True)
    file_name: Mapped[str | None] = col(Text, "File name (Content-Disposition or link text), sanitised.", nullable=True)
    storage_path: Mapped[str] = col(Text, "Path/URI in the raw store.")
    fetch_id: Mapped[int] = col(ForeignKey("fetch.id"), "The download that produced these bytes.")
    crawl_run_id: Mapped[int] = col(ForeignKey("crawl_run.id"), "Crawl run of that download.")
    fetched_at: Mapped[datetime] = col(DateTime(timezone=True), "When the bytes were downloaded.")
    status: Mapped[str] = col(String(16), "pending | processed | not_report | failed: processing state.")
    status_reason: Mapped[str | None] = col(Text, "Why processing failed or why it is not a report.", nullable=True)
    attempts: Mapped[int] = col(Integer, "Processing attempts.", default=0)


class Extraction(Base):
    __tablename__ = "extraction"
    __table_args__ = (
        UniqueConstraint("sha256", "extractor_version"),
        {"comment": "Text extraction of one byte content by one extractor version (success or failure)."},
    )
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    sha256: Mapped[str] = col(String(64), "Content extracted.")
    extractor_version: Mapped[str] = col(String(64), "selfeval extractor version.")
    status: Mapped[str] = col(String(16), "ok | failed.")
    error: Mapped[str | None] = col(Text, "Failure reason.", nullable=True)
    format: Mapped[str | None] = col(String(16), "Sniffed format (pdf, docx, doc, xlsx, html ...).", nullable=True)
    engine: Mapped[str | None] = col(Text, "Engines and versions used.", nullable=True)
    pages: Mapped[int | None] = col(Integer, "Page count.", nullable=True)
    ocr: Mapped[bool] = col(Boolean, "True if any page was OCRed.", default=False)
    duration_s: Mapped[float | None] = col(Float, "Extraction wall time.", nullable=True)
    warnings: Mapped[list] = col(JSON, "Engine warnings.", default=list)
    is_self_eval: Mapped[bool | None] = col(Boolean, "Classifier verdict for the document.", nullable=True)
    document_type: Mapped[str | None] = col(String(32), "department_overall | project | self_eval_table | contains_section | other.", nullable=True)
    text_path: Mapped[str | None] = col(Text, "Extracted page texts (JSON) in the data dir.", nullable=True)
    created_at: Mapped[datetime] = col(DateTime(timezone=True), "When extracted.")


class LoadBatch(Base):
    __tablename__ = "load_batch"
    __table_args__ = (
        UniqueConstraint("batch_key"),
        {"comment": "One processing batch (one Airflow task try or CLI call), one transaction."},
    )
    id: Mapped[int] = col(Integer, "Surrogate id.", primary_key=True, autoincrement=True)
    batch_key: Mapped[str] = col(String(255), "Idempotency key: dag_id/run_id/task_id/map_index.")
    dag_id: Mapped[str] = col(String(250), "Airflow dag_id (or 'cli').")
    dag_run_id: Mapped[str] = col(String(250), "Airflow run_id.")
    task_id: Mapped[str] = col(String(250), "Airflow task_id.")
    try_number: Mapped[int] = col(Integer, "Airflow try number.", default=1)
    started_at: Mapped[datetime] = col(DateTime(timezone=True), "Start.")
    finished_at: Mapped[datetime | None] = col(DateTime(timezone=True), "End.", nullable=True)
    documents: Mapped[int] = col(Integer, "Document versions processed.", default=0)
    reports: Mapped[int] = col(Integer, "Report rows written.", default=0)
    failures: Mapped[int] = col(Integer, "Document versions that failed.", default=0)
    status: Mapped[str] = col(String(16), "running | success | failed.")


class Report(Base):
    __tablename__ = "report"
    __table_args__ = (
        UniqueConstraint("document_version_id", "part", "extractor_version"),
        {"comment": "One self-evaluation report read from one document version by one extractor version."},
    )
    id: Mapped[int] = col(Integer, "report_id.", primary_key=True, autoincrement=True)
    document_version_id: Mapped[int] = col(ForeignKey("document_version.id"), "Document version it was read from.")
    part: Mapped[int] = col(Integer, "Position of the report inside the document (0-based).")
    extractor_version: Mapped[str] = col(String(64), "selfeval extractor version that produced it.")
    extraction_id: Mapped[int] = col(ForeignKey("extraction.id"), "Extraction it was read from.")
    title: Mapped[str | None] = col(Text, "Report title (title lines joined, 附件N: dropped).", nullable=True)
    report_type: Mapped[str] = col(String(32), "department_overall | project | self_eval_table.")
    province: Mapped[str | None] = col(String(64), "Province (full GB/T 2260 name).", nullable=True)
    city: Mapped[str | None] = col(String(64), "Prefecture-level division.", nullable=True)
    county: Mapped[str | None] = col(String(64), "County-level division.", nullable=True)
    township: Mapped[str | None] = col(String(64), "Township (for township-level units).", nullable=True)
    department: Mapped[str | None] = col(Text, "Evaluated unit's full name.", nullable=True)
    admin_division_code: Mapped[str | None] = col(String(6), "GB/T 2260 code of the most specific county-or-higher division.", nullable=True)
    fiscal_year: Mapped[int | None] = col(Integer, "Fiscal year evaluated.", nullable=True)
    report_date: Mapped[str | None] = col(String(10), "Report date as written (ISO, partial allowed).", nullable=True)
    budget_initial_wan: Mapped[float | None] = col(Float, "年初预算数, 万元.", nullable=True)
    budget_adjusted_wan: Mapped[float | None] = col(Float, "全年预算数 / 调整后预算, 万元.", nullable=True)
    expenditure_total_wan: Mapped[float | None] = col(Float, "Total expenditure (全年执行数 / 支出合计), 万元.", nullable=True)
    basic_expenditure_wan: Mapped[float | None] = col(Float, "基本支出, 万元.", nullable=True)
    project_expenditure_wan: Mapped[float | None] = col(Float, "项目支出, 万元.", nullable=True)
    execution_rate_pct: Mapped[float | None] = col(Float, "Stated budget execution rate, percent.", nullable=True)
    self_score: Mapped[float | None] = col(Float, "Total self-evaluation score (100-point scale).", nullable=True)
    grade: Mapped[str | None] = col(String(4), "Stated grade 优/良/中/差.", nullable=True)
    grade_band: Mapped[str | None] = col(String(4), "Grade band computed from self_score.", nullable=True)
    indicator_count: Mapped[int | None] = col(Integer, "Indicator rows in the report's table.", nullable=True)
    validation_status: Mapped[str] = col(String(16), "valid | warning | quarantined.")
    extra: Mapped[dict] = col(JSON, "Other extraction facts (scope, derived fields, warnings).", default=dict)
    is_current: Mapped[bool] = col(Boolean, "True for the current version of this report.", default=True)
    valid_from: Mapped[datetime] = col(DateTime(timezone=True), "When this version became current.")
    valid_to: Mapped[datetime | None] = col(DateTime(timezone=True), "When a newer version replaced it.", nullable=True)
    load_batch_id: Mapped[int] = col(ForeignKey("load_batch.id"), "Batch that wrote it.")
    dag_id: Mapped[str] = col(String(250), "Airflow dag_id of the load.")
    dag_run_id: Mapped[str] = col(String(250), "Airflow run_id of the load.")
    task_id: Mapped[str] = col(String(250), "Airflow task_id of the load.")
    try_number: Mapped[int] = col(Integer, "Airflow try number of the load.")
    loaded_at: Mapped[datetime] = col(DateTime(timezone=True), "When loaded.")
    duplicate_of: Mapped[int | None] = col(
        Integer, "Canonical report (report.id) this one repeats: same unit, year, type and values published in "
        "another document (an article page and its PDF). NULL for canonical rows.", nullable=True)


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = {"comment": "Indicator rows of a 自评表."}
    report_id: Mapped[int] = col(ForeignKey("report.id", ondelete="CASCADE"), "Report.", primary_key=True)
    row_no: Mapped[int] = col(Integer, "Row order in the table (0-based).", primary_key=True)
    level1: Mapped[str | None] = col(Text, "一级指标.", nullable=True)
    level2: Mapped[str | None] = col(Text, "二级指标.", nullable=True)
    level3: Mapped[str | None] = col(Text, "三级指标.", nullable=True)
    target: Mapped[str | None] = col(Text, "年度指标值 (target).", nullable=True)
    actual: Mapped[str | None] = col(Text, "实际完成值 (actual).", nullable=True)
    weight: Mapped[float | None] = col(Float, "分值 (weight).", nullable=True)
    score: Mapped[float | None] = col(Float, "得分 (row score).", nullable=True)


class FieldEvidence(Base):
    __tablename__ = "field_evidence"
    __table_args__ = {"comment": "Where each non-null report value was read."}
    report_id: Mapped[int] = col(ForeignKey("report.id", ondelete="CASCADE"), "Report.", primary_key=True)
    field: Mapped[str] = col(String(64), "Field name.", primary_key=True)
    page: Mapped[int] = col(Integer, "1-based page (sheet) number.")
    char_start: Mapped[int] = col(Integer, "Start offset in the page's extracted text.")
    char_end: Mapped[int] = col(Integer, "End offset (exclusive).")
    snippet: Mapped[str] = col(Text, "Exact extracted text at that span.")
    cell: Mapped[str | None] = col(Text, "Table cell reference, for table values.", nullable=True)
    note: Mapped[str | None] = col(Text, "Derivation or unit conversion applied.", nullable=True)


class ValidationResult(Base):
    __tablename__ = "validation_result"
    __table_args__ = {"comment": "Outcome of every validation rule per report."}
    report_id: Mapped[int] = col(ForeignKey("report.id", ondelete="CASCADE"), "Report.", primary_key=True)
    rule_id: Mapped[str] = col(String(16), "Rule id (validation.md).", primary_key=True)
    severity: Mapped[str] = col(String(8), "error | warning.")
    status: Mapped[str] = col(String(8), "passed | failed | skipped.")
    message: Mapped[str | None] = col(Text, "What failed.", nullable=True)
    values: Mapped[dict] = col(JSON, "Values involved.", default=dict)


class AlertState(Base):
    __tablename__ = "alert_state"
    __table_args__ = {"comment": "Alert conditions currently raised, so an alert goes out when a condition starts "
                                 "and when it ends, not on every run."}
    key: Mapped[str] = col(String(255), "Condition: alert kind and subject (source_blocked:demo-county).",
                           primary_key=True)
    active: Mapped[bool] = col(Boolean, "True while the condition holds.")
    subject: Mapped[str] = col(Text, "Subject of the last alert sent for it.")
    since: Mapped[datetime] = col(DateTime(timezone=True), "When the condition last started or ended.")



class CrawlStateRow(Base):
    __tablename__ = "crawl_state"
    __table_args__ = {"comment": "What only the crawler needs between runs of a source (selfeval.crawl.state), "
                                 "kept here so that every Airflow worker reads what the last crawl left, "
                                 "whichever worker ran it."}
    source_id: Mapped[str] = col(String(64), "Source id.", primary_key=True)
    state: Mapped[dict] = col(JSON, "List-page validators (ETag / Last-Modified), which start URLs were walked to "
                                    "the end, family notes, robots.txt per origin (24 h) and the anti-bot back-off.")
    saved_at: Mapped[datetime] = col(DateTime(timezone=True), "When the crawl or download last saved it.")
