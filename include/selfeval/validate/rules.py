"""The checks of docs/spec/validation.md, one function per rule id.

Every rule returns a RuleOutcome: `passed`, `failed` (with the values
involved) or `skipped` when its inputs are null.  Severity `error` means the
report is quarantined, `warning` that it is loaded with a flag.  Tolerances
are those of docs/spec/validation.md: tol_amt(x) = max(0.5 万元, 0.001·|x|), rates
±0.5 pp, scores ±0.5; band boundaries use the score as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from selfeval.model import (
    REPORT_FIELDS,
    REPORT_TYPES,
    ExtractedDocument,
    ReportRecord,
    RuleOutcome,
    grade_band,
    tol_amt,
)

from .textcheck import change_rate_checks, part_sum_checks

AMOUNT_FIELDS = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "basic_expenditure_wan",
                 "project_expenditure_wan")
GRADE_WORDS = {"优", "良", "中", "差", "优秀", "良好", "中等", "较差"}

Rule = Callable[[ReportRecord, ExtractedDocument, dict[str, Any]], RuleOutcome]
RULES: dict[str, dict[str, str]] = {}
_FUNCS: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, description: str) -> Callable[[Rule], Rule]:
    """Register a rule under its docs/spec/validation.md id."""
    def wrap(fn: Rule) -> Rule:
        RULES[rule_id] = {"severity": severity, "description": description}
        _FUNCS[rule_id] = fn
        return fn
    return wrap


def band(score: float) -> str:
    """Grade band of a 100-point score, boundaries exact (89.73 -> 良)."""
    return grade_band(score)


def _out(rid: str, ok: bool | None, message: str = "", severity: str | None = None, **values: Any) -> RuleOutcome:
    sev = severity or RULES[rid]["severity"]
    if ok is None:
        return RuleOutcome(rid, sev, "skipped", message or "inputs are null", values)
    return RuleOutcome(rid, sev, "passed" if ok else "failed", "" if ok else message, values)


def _f(r: ReportRecord, name: str) -> Any:
    return r.fields.get(name)


def _to_date(s: str | None, last: bool = True) -> date | None:
    """ISO date or partial date; a partial date compares by its last day (2022-06 -> 2022-06-30)."""
    if not s:
        return None
    s = str(s)[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return date.fromisoformat(s)
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = int(s[:4]), int(s[5:7])
            if not last:
                return date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        if re.fullmatch(r"\d{4}", s):
            return date(int(s), 12, 31) if last else date(int(s), 1, 1)
    except ValueError:
        return None
    return None


def _publish(ctx: dict[str, Any]) -> date | None:
    return _to_date(ctx.get("publish_date"), last=False)


def _warned(r: ReportRecord, code: str) -> list[dict[str, Any]]:
    return [w for w in r.warnings if w.get("code") == code]


# ------------------------------------------------------------------ evidence and shape


@rule("EV-01", "error", "Every non-null field has evidence whose snippet equals the raw text span (or names a table cell).")
def ev_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    from selfeval.understand.evidence import check_evidence
    bad = []
    for name in REPORT_FIELDS:
        if r.fields.get(name) is None:
            continue
        ev = r.evidence.get(name)
        if ev is None or not check_evidence(ev, doc):
            bad.append(name)
    return _out("EV-01", not bad, f"fields without valid evidence: {bad}", fields=bad)


REQUIRED = {
    "department_overall": (("department", "fiscal_year"), ("expenditure_total_wan", "self_score")),
    "project": (("department", "fiscal_year", "title"),
                ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "self_score")),
    "self_eval_table": (("department", "fiscal_year"),
                        ("indicator_count", "budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan",
                         "basic_expenditure_wan", "project_expenditure_wan")),
}


@rule("REQ-00", "error", "The row identifies its report: a title or a department (an unattributable row is a fragment).")
def req_00(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    ok = _f(r, "title") is not None or _f(r, "department") is not None
    return _out("REQ-00", ok, "neither a title nor a department: the row cannot be attributed to any report")


@rule("REQ-01", "warning", "Expected fields by report_type (department, fiscal_year and at least one figure); "
                           "a missing value is incomplete, not wrong.")
def req_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rt = _f(r, "report_type")
    if rt not in REQUIRED:
        return _out("REQ-01", None, f"no requirement for report_type {rt}")
    need, any_of = REQUIRED[rt]
    missing = [n for n in need if _f(r, n) is None]
    if rt == "self_eval_table":
        has = bool(r.indicators) or any(_f(r, n) is not None for n in any_of)
    else:
        has = any(_f(r, n) is not None for n in any_of)
    if not has:
        missing.append("one of " + "/".join(any_of))
    return _out("REQ-01", not missing, f"missing: {missing}", missing=missing)


@rule("TYPE-01", "error", "report_type is one of department_overall, project, self_eval_table, other.")
def type_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rt = _f(r, "report_type")
    if rt is None:
        return _out("TYPE-01", None)
    return _out("TYPE-01", rt in REPORT_TYPES, f"unknown report_type {rt}", report_type=rt)


# ------------------------------------------------------------------ years and dates


@rule("FY-01", "error", "2010 <= fiscal_year <= publish year (or the current year).")
def fy_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    fy = _f(r, "fiscal_year")
    if fy is None:
        return _out("FY-01", None)
    pub = _publish(ctx)
    top = pub.year if pub else datetime.now().year
    return _out("FY-01", 2010 <= fy <= top, f"fiscal_year {fy} outside 2010..{top}", fiscal_year=fy, max_year=top)


@rule("FY-02", "warning", "publish_year - fiscal_year <= 3.")
def fy_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    fy, pub = _f(r, "fiscal_year"), _publish(ctx)
    if fy is None or pub is None:
        return _out("FY-02", None)
    return _out("FY-02", pub.year - fy <= 3, f"published {pub.year - fy} years after the fiscal year",
                fiscal_year=fy, publish_year=pub.year)


@rule("FY-03", "warning", "The fiscal year in the title equals the year of the body's spending sentence.")
def fy_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    title = _f(r, "title") or ""
    m = re.search(r"(20\d\d)\s*年", title)
    ev = r.evidence.get("expenditure_total_wan")
    if not m or ev is None or ev.page < 1 or ev.page > len(doc.pages):
        return _out("FY-03", None)
    raw = doc.pages[ev.page - 1].text or ""
    left = raw[max(0, ev.start - 60):ev.end]
    sentence = re.split(r"[。；;\n]", left)[-1] if ev.start > 0 else left
    years = re.findall(r"(20\d\d)\s*年", sentence)
    if not years:
        return _out("FY-03", None, "spending sentence states no year")
    ty, by = int(m.group(1)), int(years[-1])
    return _out("FY-03", ty == by, f"title year {ty} vs spending-sentence year {by}", title_year=ty, body_year=by)


@rule("DATE-01", "warning", "publish_date is not a placeholder and not in the future.")
def date_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    raw = ctx.get("publish_date")
    if not raw:
        return _out("DATE-01", None)
    d = _publish(ctx)
    crawl = _to_date(ctx.get("crawl_time"), last=False) or date.today()
    bad = d is None or str(raw).startswith(("1970-01-01", "1900-01-01", "0000")) or d > crawl + timedelta(days=1)
    return _out("DATE-01", not bad, f"publish_date {raw} is a placeholder or in the future", publish_date=raw)


@rule("DATE-02", "warning", "report_date > date(fiscal_year, 12, 31) (partial dates by their last day).")
def date_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    fy, rd = _f(r, "fiscal_year"), _to_date(_f(r, "report_date"))
    if fy is None or rd is None:
        return _out("DATE-02", None)
    return _out("DATE-02", rd > date(fy, 12, 31), f"report date {_f(r, 'report_date')} is not after FY{fy}",
                report_date=_f(r, "report_date"), fiscal_year=fy)


@rule("DATE-03", "error", "publish_date > date(fiscal_year, 12, 31).")
def date_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    fy, pub = _f(r, "fiscal_year"), _publish(ctx)
    if fy is None or pub is None:
        return _out("DATE-03", None)
    return _out("DATE-03", pub > date(fy, 12, 31), f"published {pub} before FY{fy} ended",
                publish_date=str(pub), fiscal_year=fy)


@rule("DATE-04", "warning", "report_date <= publish_date + 1 day.")
def date_04(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rd, pub = _to_date(_f(r, "report_date"), last=False), _publish(ctx)
    if rd is None or pub is None:
        return _out("DATE-04", None)
    return _out("DATE-04", rd <= pub + timedelta(days=1), f"report date {rd} after publish date {pub}",
                report_date=str(rd), publish_date=str(pub))


# ------------------------------------------------------------------ score and grade


@rule("SCORE-01", "error", "0 <= self_score <= 100.")
def score_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    s = _f(r, "self_score")
    if s is None:
        return _out("SCORE-01", None)
    return _out("SCORE-01", 0 <= s <= 100, f"self_score {s} outside 0..100", self_score=s)


TOTAL_CELL = re.compile(r"总分|综合得分|自评得分|合计|总计|总得分|评价得分|自评总分")


@rule("SCORE-02", "error", "self_score evidence is not a maximum (分值/满分/权重) nor one indicator row's 得分.")
def score_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    s, ev = _f(r, "self_score"), r.evidence.get("self_score")
    if s is None or ev is None:
        return _out("SCORE-02", None)
    from selfeval.textnorm import fold
    snippet = fold(ev.snippet)
    raw = doc.pages[ev.page - 1].text if 1 <= ev.page <= len(doc.pages) else ""
    before = fold(raw[max(0, ev.start - 8):ev.start])
    if re.search(r"分值|满分|权重|标准分|总分值", snippet) or re.search(r"(分值|满分|权重|标准分)[为是:]?$", before):
        return _out("SCORE-02", False, "self_score is bound to a maximum (分值/满分/权重)", self_score=s,
                    snippet=ev.snippet)
    if ev.cell and not TOTAL_CELL.search(ev.cell):
        return _out("SCORE-02", False, "self_score comes from an indicator row, not the total", self_score=s,
                    cell=ev.cell)
    if re.search(r"执行率|指标\d", before + snippet):
        return _out("SCORE-02", False, "self_score is a row's sub-score", self_score=s, snippet=ev.snippet)
    return _out("SCORE-02", True, self_score=s)


@rule("GRADE-01", "error", "grade == band(self_score): >=90 优, [80,90) 良, [60,80) 中, <60 差.")
def grade_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    g, s = _f(r, "grade"), _f(r, "self_score")
    if g is None or s is None:
        return _out("GRADE-01", None)
    return _out("GRADE-01", g == band(s), f"grade {g} but score {s} is in band {band(s)}", grade=g,
                self_score=s, band=band(s))


@rule("GRADE-02", "warning", "grade null while self_score present (grade_band stored separately).")
def grade_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    g, s = _f(r, "grade"), _f(r, "self_score")
    if s is None:
        return _out("GRADE-02", None)
    return _out("GRADE-02", g is not None, f"no stated grade; band of {s} is {band(s)}", self_score=s,
                grade_band=band(s))


@rule("GRADE-03", "warning", "The raw grade text is one of 优/良/中/差/优秀/良好/中等/较差.")
def grade_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    raw = r.extra.get("grade_raw")
    if not raw:
        return _out("GRADE-03", None)
    return _out("GRADE-03", raw in GRADE_WORDS, f"grade text '{raw}' is not a standard grade", grade_raw=raw)


# ------------------------------------------------------------------ execution and budget


@rule("EXEC-01", "warning", "abs(rate - 100*expenditure/adjusted budget) <= 0.5.")
def exec_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rate, exp, adj = _f(r, "execution_rate_pct"), _f(r, "expenditure_total_wan"), _f(r, "budget_adjusted_wan")
    if rate is None or exp is None or not adj:
        return _out("EXEC-01", None)
    calc = 100 * exp / adj
    return _out("EXEC-01", abs(rate - calc) <= 0.5, f"stated {rate}% vs computed {calc:.2f}%", stated=rate,
                computed=round(calc, 3))


@rule("EXEC-02", "warning", "0 <= rate <= 100 passes; 100 < rate <= 200 warning; rate < 0 or > 200 error.")
def exec_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rate = _f(r, "execution_rate_pct")
    if rate is None:
        return _out("EXEC-02", None)
    if 0 <= rate <= 100:
        return _out("EXEC-02", True, rate=rate)
    if 100 < rate <= 200:
        return _out("EXEC-02", False, f"execution rate {rate}% above 100", "warning", rate=rate)
    return _out("EXEC-02", False, f"execution rate {rate}% impossible (wrong field read)", "error", rate=rate)


@rule("EXEC-03", "error", "The execution_rate evidence contains 执行 (rejects 追加率, 覆盖面, 完成率, 到位率, 增速, 占比, 执行进度).")
def exec_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    """执行率 / 预算执行率 / 资金执行率.  Also accepted: the 自评表 column 支出实现率 (Fujian's form defines it as
    年度拨付金额 / 预算小计, i.e. the execution rate under another name); it must still not be a 结余率."""
    rate, ev = _f(r, "execution_rate_pct"), r.evidence.get("execution_rate_pct")
    if rate is None or ev is None:
        return _out("EXEC-03", None)
    text = (ev.snippet or "") + " " + (ev.cell or "")
    labelled = "执行" in text or bool(re.search(r"支出实现率", text))
    ok = labelled and not re.search(r"执行进度|追加率|覆盖面|完成率|到位率|增速|同比|占比|结余率", ev.snippet or "")
    return _out("EXEC-03", ok, "execution rate not labelled as execution", snippet=ev.snippet, cell=ev.cell)


@rule("EXEC-04", "warning", "expenditure_total_wan <= budget_adjusted_wan + tol_amt.")
def exec_04(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    exp, adj = _f(r, "expenditure_total_wan"), _f(r, "budget_adjusted_wan")
    if exp is None or adj is None:
        return _out("EXEC-04", None)
    return _out("EXEC-04", exp <= adj + tol_amt(adj), f"spent {exp} exceeds adjusted budget {adj}",
                expenditure=exp, budget_adjusted=adj)


@rule("BUD-01", "warning", "0.5 <= budget_adjusted / budget_initial <= 2.")
def bud_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    ini, adj = _f(r, "budget_initial_wan"), _f(r, "budget_adjusted_wan")
    if ini is None or adj is None or ini == 0:
        return _out("BUD-01", None)
    ratio = adj / ini
    return _out("BUD-01", 0.5 <= ratio <= 2, f"adjusted/initial = {ratio:.2f}", ratio=round(ratio, 3),
                budget_initial=ini, budget_adjusted=adj)


@rule("SUM-01", "warning", "abs(basic + project - total) <= tol_amt(total).")
def sum_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    t, b, p = _f(r, "expenditure_total_wan"), _f(r, "basic_expenditure_wan"), _f(r, "project_expenditure_wan")
    if t is None or b is None or p is None:
        return _out("SUM-01", None)
    d = b + p - t
    return _out("SUM-01", abs(d) <= tol_amt(t), f"basic + project - total = {d:.2f}", total=t, basic=b,
                project=p, delta=round(d, 2))


@rule("SUM-02", "error", "basic <= total + tol and project <= total + tol.")
def sum_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    t, b, p = _f(r, "expenditure_total_wan"), _f(r, "basic_expenditure_wan"), _f(r, "project_expenditure_wan")
    if t is None or (b is None and p is None):
        return _out("SUM-02", None)
    bad = [(n, v) for n, v in (("basic", b), ("project", p)) if v is not None and v > t + tol_amt(t)]
    return _out("SUM-02", not bad, f"part exceeds the total: {bad}", total=t, basic=b, project=p)


@rule("SCOPE-01", "warning", "More than one total-expenditure candidate of different scope; the all-source total was chosen.")
def scope_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    if _f(r, "expenditure_total_wan") is None:
        return _out("SCOPE-01", None)
    w = _warned(r, "SCOPE-01")
    return _out("SCOPE-01", not w, w[0]["message"] if w else "", candidates=w[0]["candidates"] if w else [])


@rule("SCOPE-02", "warning", "The chosen total is a sub-scope (财政拨款 / 一般公共预算) because no all-source total is stated.")
def scope_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    if _f(r, "expenditure_total_wan") is None:
        return _out("SCOPE-02", None)
    w = _warned(r, "SCOPE-02")
    return _out("SCOPE-02", not w, w[0]["message"] if w else "", scope=r.extra.get("expenditure_scope"))


@rule("AMB-01", "warning", "A field is null because candidates conflict or are unqualified; the warning names every candidate.")
def amb_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    w = _warned(r, "AMB-01")
    return _out("AMB-01", not w, "; ".join(x["message"] for x in w), warnings=w)


# ------------------------------------------------------------------ amounts


LEVEL_CAP = {"township": 1e5, "county": 1e6, "city": 1e7, "province": 1e8}


@rule("AMT-01", "error", "Every amount >= 0.")
def amt_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    vals = {n: _f(r, n) for n in AMOUNT_FIELDS if _f(r, n) is not None}
    if not vals:
        return _out("AMT-01", None)
    bad = {n: v for n, v in vals.items() if v < 0}
    return _out("AMT-01", not bad, f"negative amounts: {bad}", **bad)


@rule("AMT-02", "warning", "Amounts below the cap of the unit's level; a department_overall total >= 1 万元.")
def amt_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    vals = {n: _f(r, n) for n in AMOUNT_FIELDS if _f(r, n) is not None}
    if not vals:
        return _out("AMT-02", None)
    level = ("township" if _f(r, "township") else "county" if _f(r, "county") else "city" if _f(r, "city")
             else "province")
    cap = LEVEL_CAP[level]
    bad = {n: v for n, v in vals.items() if v >= cap}
    total = _f(r, "expenditure_total_wan")
    if _f(r, "report_type") == "department_overall" and total is not None and total < 1:
        bad["expenditure_total_wan"] = total
    return _out("AMT-02", not bad, f"implausible amounts for a {level}-level unit: {bad}", level=level, cap=cap, **bad)


@rule("AMT-03", "warning", "A unit was found for each amount (next to the number or in the table caption).")
def amt_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    fields = [n for n in AMOUNT_FIELDS if _f(r, n) is not None]
    if not fields:
        return _out("AMT-03", None)
    missing = [n for n in fields if (ev := r.evidence.get(n)) is not None and not ev.cell
               and not re.search(r"元|万|亿", ev.snippet)]
    missing += [w["message"] for w in _warned(r, "AMT-03")]
    return _out("AMT-03", not missing, f"amounts without a unit: {missing}", fields=missing)


@rule("TXT-01", "warning", "Internal arithmetic: stated totals equal the sum of their listed parts; no part exceeds its whole.")
def txt_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    checks = part_sum_checks(doc)
    if not checks:
        return _out("TXT-01", None, "no stated total with listed parts")
    bad = [c for c in checks if not c["ok"]]
    return _out("TXT-01", not bad, f"{len(bad)} of {len(checks)} total/part checks fail", failures=bad[:10])


@rule("TXT-02", "warning", "A stated change rate agrees with its amounts (±0.5 pp).")
def txt_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    checks = change_rate_checks(doc)
    if not checks:
        return _out("TXT-02", None, "no change rate with amounts")
    bad = [c for c in checks if not c["ok"]]
    return _out("TXT-02", not bad, f"{len(bad)} of {len(checks)} change rates disagree", failures=bad[:10])


# ------------------------------------------------------------------ indicators


@rule("IND-01", "error", "indicator_count == len(indicators) when rows were extracted.")
def ind_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    n = _f(r, "indicator_count")
    if n is None and not r.indicators:
        return _out("IND-01", None)
    return _out("IND-01", n == len(r.indicators), f"indicator_count {n} vs {len(r.indicators)} rows",
                indicator_count=n, rows=len(r.indicators))


@rule("IND-02", "warning", "With a weight on every row: abs(sum(weight) + w_exec - 100) <= 0.5.")
def ind_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rows = r.indicators
    if not rows or any(i.weight is None for i in rows):
        return _out("IND-02", None)
    w = sum(i.weight for i in rows if i.weight is not None) + float(r.extra.get("exec_weight") or 0)
    return _out("IND-02", abs(w - 100) <= 0.5, f"weights sum to {w}", weight_sum=w)


@rule("IND-03", "error", "For each row with both values: 0 <= score <= weight.")
def ind_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rows = [i for i in r.indicators if i.weight is not None and i.score is not None]
    if not rows:
        return _out("IND-03", None)
    bad = [i.row for i in rows if not (0 <= i.score <= i.weight)]  # type: ignore[operator]
    return _out("IND-03", not bad, f"rows with score outside 0..weight: {bad}", rows=bad)


@rule("IND-04", "warning", "With a score on every row: abs(sum(score) + s_exec - self_score) <= 0.5.")
def ind_04(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    rows, s = r.indicators, _f(r, "self_score")
    if not rows or s is None or any(i.score is None for i in rows):
        return _out("IND-04", None)
    total = sum(i.score for i in rows if i.score is not None) + float(r.extra.get("exec_score") or 0)
    return _out("IND-04", abs(total - s) <= 0.5, f"row scores sum to {total} vs self_score {s}",
                row_sum=total, self_score=s)


@rule("IND-05", "warning", "Every indicator row has level3, target and actual.")
def ind_05(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    if not r.indicators:
        return _out("IND-05", None)
    bad = [i.row for i in r.indicators if not (i.level3 and i.target and i.actual)]
    return _out("IND-05", not bad, f"rows lacking level3/target/actual: {bad}", rows=bad)


# ------------------------------------------------------------------ regions


def _division(code: str | None):  # noqa: ANN202 - returns region.Division | None
    from selfeval.understand.region import gazetteer
    return gazetteer().by_code.get(code or "")


@rule("REG-01", "error", "admin_division_code is 6 digits and exists in the GB/T 2260 table in use.")
def reg_01(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    from selfeval.understand.region import TABLE_VERSION
    code = _f(r, "admin_division_code")
    if code is None:
        return _out("REG-01", None)
    ok = bool(re.fullmatch(r"\d{6}", str(code))) and _division(str(code)) is not None
    return _out("REG-01", ok, f"code {code} not in {TABLE_VERSION}", code=code, table=TABLE_VERSION)


@rule("REG-02", "error", "The names agree with the code's hierarchy: county in city in province.")
def reg_02(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    from selfeval.understand.region import gazetteer
    code = _f(r, "admin_division_code")
    names = {k: _f(r, k) for k in ("province", "city", "county")}
    d = _division(code)
    if d is None or not any(names.values()):
        return _out("REG-02", None)
    from selfeval.understand.region import MUNICIPALITIES
    chain = gazetteer().chain(d)
    prov = chain.get(1)
    city = chain.get(2) or (prov if prov is not None and prov.name in MUNICIPALITIES else None)
    expect = {"province": prov, "city": city, "county": chain.get(3)}
    bad = {k: v for k, v in names.items() if v is not None and (expect[k] is None or expect[k].name != v)}
    return _out("REG-02", not bad, f"names disagree with code {code}: {bad}", code=code, **bad)


@rule("REG-03", "warning", "The code is that of the most specific non-null division (county, else city, else province).")
def reg_03(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    code = _f(r, "admin_division_code")
    d = _division(code)
    if d is None:
        return _out("REG-03", None)
    city = _f(r, "city") if _f(r, "city") != _f(r, "province") else None  # 直辖市: city = province
    want = 3 if _f(r, "county") else 2 if city else 1 if _f(r, "province") else None
    if want is None:
        return _out("REG-03", None)
    return _out("REG-03", d.level == want, f"code {code} is level {d.level}, expected level {want}", code=code)


@rule("REG-04", "warning", "A region field was derived (GB/T 2260 or the publishing site) rather than read in the text.")
def reg_04(r: ReportRecord, doc: ExtractedDocument, ctx: dict[str, Any]) -> RuleOutcome:
    if not any(_f(r, k) for k in ("province", "city", "county")):
        return _out("REG-04", None)
    derived = [f for f in r.extra.get("region_derived", []) if f in ("province", "city", "county")]
    return _out("REG-04", not derived, f"derived region fields: {derived}", fields=derived)


def rule_functions() -> dict[str, Rule]:
    """Rule id -> function, in docs/spec/validation.md order (DUP-01 is cross-document: see `duplicates`)."""
    return dict(_FUNCS)


RULES["DUP-01"] = {"severity": "warning",
                   "description": "The same (department, fiscal_year, report_type, title) from different documents "
                                  "with different values; both are flagged (selfeval.validate.duplicates)."}
