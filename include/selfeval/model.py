"""Data handed from one pipeline stage to the next.

These plain dataclasses are the contract between `extract` (bytes -> pages),
`understand` (pages -> reports with evidence) and `validate` / `warehouse`.
They carry no behaviour that needs Airflow or a database, so every stage can
be tested on its own and run from the CLI on one file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Table = list[list[str]]
"""A table as rows of cell strings; merged cells are repeated or empty."""


@dataclass
class Page:
    """One page (PDF page, sheet, or the whole body of a flowing document).

    `text` is the raw extracted text (not normalised) so that evidence spans
    point into exactly what the engine produced.
    """

    number: int  # 1-based
    text: str
    tables: list[Table] = field(default_factory=list)
    ocr: bool = False
    name: str | None = None  # sheet name for workbooks


@dataclass
class ExtractedDocument:
    """Everything the text layer could read from one file."""

    format: str  # pdf, docx, doc, xlsx, xls, html, txt, wps, et, ...
    pages: list[Page]
    engine: str  # e.g. "pypdfium2 5.15.2+pdfplumber 0.11.10"
    title_hint: str | None = None  # <meta ArticleTitle>, PDF /Title, ...
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def tables(self) -> list[Table]:
        return [t for p in self.pages for t in p.tables]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form: how an extraction crosses a process boundary or sits in the text cache."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedDocument:
        """The inverse of `to_dict` (pages become `Page` objects again; the input is not modified)."""
        data = dict(data)
        data["pages"] = [Page(**p) for p in data.get("pages", [])]
        return cls(**data)


@dataclass
class Evidence:
    """Where a value was read: page number, character span in that page's raw text, snippet.

    `page_text[start:end] == snippet` must hold (rule EV-01). For table cells,
    `cell` names the table/row/column and the span points at the cell text if
    it occurs in the page text.
    """

    page: int
    start: int
    end: int
    snippet: str
    cell: str | None = None
    note: str | None = None  # e.g. "元 -> 万元", "derived from GB/T 2260"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Indicator:
    level1: str | None
    level2: str | None
    level3: str | None
    target: str | None
    actual: str | None
    weight: float | None
    score: float | None
    row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


REPORT_FIELDS: tuple[str, ...] = (
    "title",
    "report_type",
    "province",
    "city",
    "county",
    "township",
    "department",
    "admin_division_code",
    "fiscal_year",
    "report_date",
    "budget_initial_wan",
    "budget_adjusted_wan",
    "expenditure_total_wan",
    "basic_expenditure_wan",
    "project_expenditure_wan",
    "execution_rate_pct",
    "self_score",
    "grade",
    "indicator_count",
)
"""Field names of docs/spec/fields.md / v_report, in display order."""

REPORT_TYPES = ("department_overall", "project", "self_eval_table", "other")


@dataclass
class ReportRecord:
    """One self-evaluation report found inside a document (a container may yield several)."""

    part: int  # 0-based position inside the document
    fields: dict[str, Any]
    evidence: dict[str, Evidence] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)  # {"code":..., "message":..., "candidates": [...]}
    extra: dict[str, Any] = field(default_factory=dict)  # grade_band, expenditure_scope, derived flags ...

    def get(self, name: str) -> Any:
        return self.fields.get(name)


@dataclass
class Understanding:
    """The verdict on one document: is it a self-evaluation, what type, and its reports."""

    is_self_eval: bool
    document_type: str  # department_overall | project | self_eval_table | contains_section | other
    reports: list[ReportRecord]
    reasons: list[str] = field(default_factory=list)
    principal: int = 0  # index in `reports` of the document's main report (a container's overall report)
    page_meta: dict[str, Any] = field(default_factory=dict)  # publisher, publish_date, index_no ... of the page
    scores: dict[str, float] = field(default_factory=dict)  # classifier probabilities per document type


@dataclass
class RuleOutcome:
    rule_id: str
    severity: str  # error | warning
    status: str  # passed | failed | skipped
    message: str = ""
    values: dict[str, Any] = field(default_factory=dict)


def tol_amt(x: float) -> float:
    """docs/spec/validation.md's amount tolerance: max(0.5 万元, 0.1 % of the amount)."""
    return max(0.5, 0.001 * abs(x))


def grade_band(score: float | None) -> str | None:
    """The 财预〔2020〕10号 band of a 100-point score: ≥90 优, [80,90) 良, [60,80) 中, <60 差 (as written, never rounded)."""
    if score is None:
        return None
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"
