"""Put the readers together: split a document into reports and fill each ReportRecord.

Choice rules (docs/spec/fields.md): the all-funds total beats a sub-scope (SCOPE-01),
a sub-scope total is used only when nothing else is stated (SCOPE-02),
basic/project come from the total's scope, and two different values for
the same concept and scope give null plus an AMB-01 warning naming both.

Containers (README §2, docs/spec/fields.md "one report row per self-evaluation"):

* a 决算/预算 classified `contains_section` is split at self-evaluation headings
  (部门整体支出绩效自评情况, …项目绩效自评表; never a table-of-contents line);
  a section ends at the next heading of its level, so an appended third-party
  绩效评价报告 (附件) never joins the last form;
* a section becomes a report row only when it is ONE unit's or ONE project's
  self-evaluation: a filled form (indicators, budget figures or a score), or
  prose stating the unit's own score/grade.  Summaries of the unit's evaluation
  work ("绩效自评的2024年度项目39个，涉及预算金额…，平均得分99.33分", "组织对X个
  项目开展绩效自评") and listings of several projects' results are not reports:
  an average over projects is no unit's self_score and the 涉及预算金额 is no
  unit's spending.  Such a document stays `contains_section` (is_self_eval) with
  no report rows, and `reasons` says why (the pipeline records it as not_report);
* a document with two or more filled forms (one project form per PDF page, a
  report with its forms appended) yields one row per form plus the leading
  report when that states figures of its own;
* a form inside a 决算 takes the 决算's unit and year when it names neither.

A project report or form keeps its document title even when that is a generic form name (项目支出绩效自评表:
fields.md's title is the document's, and so are the realset's labels); the one 项目名称/专项名称 it states goes to
extra["project_name"]. One of several forms in a document, under a generic heading, is titled by its project
(the heading would not tell it from the others), as is a form without a title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from selfeval.model import (
    REPORT_FIELDS,
    Evidence,
    ExtractedDocument,
    Indicator,
    ReportRecord,
    Understanding,
    grade_band,
)
from selfeval.textnorm import DOC_EXT, find_spaced, fix_glyphs, fold, to_simplified

from . import department
from . import region as regmod
from .amounts import AmountMention, amount_mentions, fund_name, rate_mentions, run_sums
from .balancetable import read_balance_table
from .choose import (
    SCOPE_RANK,
    Candidate,
    Choice,
    choose,
    distinct,
    same_value,
    tol_amt,
    whole_of_parts,
    without_parts_of_wholes,
)
from .classify import SECTION, Verdict, classify, report_type_of, sentence_span
from .evidence import DocView, soft_wrap
from .fields import (
    Found,
    department_from_title,
    guess_fiscal_year,
    looks_like_unit,
    norm_start,
    read_byline,
    read_department_label,
    read_fiscal_year,
    read_grades,
    read_report_date,
    read_scores,
    read_signature,
    read_title,
    read_title_date,
    read_unit_above,
    without_unit_code,
)
from .formstream import (
    PART_FIELDS,
    read_budget_stream,
    read_glued_row,
    read_label_pairs,
    read_one_row_table,
    read_score_row,
    read_spending_stream,
    read_total_stream,
)
from .indicators import continue_table, read_indicator_table
from .indicatorstream import read_indicator_stream
from .numbers import find_amounts
from .segment import SPAM_WORDS, Segments, page_time_stamp, read_page_title, segment
from .tableread import (
    TableValue,
    read_budget_block,
    read_label_cells,
    read_one_row_result,
    read_spending_table,
)
from .tables import Grid, all_grids, join_pages
from .vocabulary import LIST_BULLET
from .yearcolumns import read_year_columns

GRADE_OK = {"优", "良", "中", "差"}
# no unit's budget reaches 1000亿元: a form printing no unit whose figures are that large wrote them in 元
YUAN_BY_SIZE = 1e7
YUAN_GUESS = "元 -> 万元 (no unit printed; too large for 万元)"


def _project_form(g: Grid) -> bool:
    """A 项目支出绩效自评表: a first row names the project ('项目名称 | 农村人居环境整治项目', a label and its value,
    never a list's column header) and the form holds its fund block (年度资金总额 …)."""
    def names_project(row: list[Any]) -> bool:
        keys = [c.key for c in row if c.key]
        k = next((i for i, x in enumerate(keys) if re.fullmatch(r"项目名称[:]?", x)), None)
        return k is not None and len(set(keys)) <= 4 and k + 1 < len(keys) and not re.search(r"预算|执行|得分", keys[k + 1])
    return any(names_project(row) for row in g.rows[:4]) and any(
        re.match(r"(?:其中:)?(?:年度资金总额|资金总额|项目资金)", c.key or "") for row in g.rows for c in row)


def _unitless_yuan(tvals: list[TableValue]) -> None:
    """Figures of forms that print no unit, read as 万元, converted from 元 when one of them is too large to be
    万元 ('年度资金总额 | 23567800.00 | 28901200.00 | …' with no 单位 line or header)."""
    loose = [tv for tv in tvals if not tv.unit_found and tv.field in FIGURES and isinstance(tv.value, float | int)]
    if not loose or max(float(tv.value) for tv in loose) < YUAN_BY_SIZE:  # type: ignore[arg-type]
        return
    for tv in loose:
        tv.value = round(float(tv.value) / 10000, 6)  # type: ignore[arg-type]
        tv.note = YUAN_GUESS
        tv.evidence = replace(tv.evidence, note=YUAN_GUESS)
# a spending total is never a 其中 part of these heads (an income, a budget, a 专项)
# the year's addition to the 年初 budget: '年中追加33.00万元', '追加预算120.5万元', '调增50万元'
IN_YEAR_ADDITION = re.compile(r"(?:追加|调增|增加|补充)(?:预算|资金|经费|安排|了)?(?:为|共|共计)?[:]?\s*$")
TOTAL_SKIPS_PARTS_OF = ("income", "budget", "initial", "adjusted", "project_budget", "special")


def _without_plates(ev: Evidence) -> Evidence:
    """A unit name's evidence without the other names it serves under ('某市财政局(市国资委、市金融监管局)')."""
    m = re.search(r"\s*[(（][^()（）]{2,40}[)）]\s*$", ev.snippet)
    if m is None or not looks_like_unit(ev.snippet[:m.start()]) or re.fullmatch(r"[(（]\s*(?:本级|机关)\s*[)）]", m.group(0).strip()):
        return ev
    return Evidence(ev.page, ev.start, ev.start + m.start(), ev.snippet[:m.start()], ev.cell, ev.note)


MAX_RATE_PCT = 300  # an execution rate above this is no rate at all
# the classifier's 'other' probability at or below which a text counts as surely a report, so last-resort guesses
# (the region of the first place named) may fill what nothing stated; fixed before measuring, not tuned
SURE_OTHER = 0.05


# a document-sharing site's page name after the title: '…自评报告.docx_第1页'
PAGE_SUFFIX = re.compile(rf"(?:\.{DOC_EXT})?_第\d{{1,3}}页$", re.I)


def _without_page_suffix(title: Found) -> Found:
    """The title field without a sharing site's page suffix (the verdict still reads the line as it stands)."""
    m = PAGE_SUFFIX.search(title.value)
    if m is None or m.start() < 6:
        return title
    ev = title.evidence
    cut = PAGE_SUFFIX.search(to_simplified(ev.snippet))  # same length: '…_第1頁' on a 繁體 page
    if cut is not None and cut.start() > 0:
        ev = Evidence(ev.page, ev.start, ev.start + cut.start(), ev.snippet[:cut.start()], ev.cell, ev.note)
    return Found(title.value[:m.start()], ev, title.rank)


def _rate_fits(spent: float, budget: float, rate: float, tol_pp: float) -> bool:
    """spent / budget is the stated rate (in percent) within tol_pp points (a rate is written rounded)."""
    return budget > 0 and abs(100 * spent / budget - rate) <= tol_pp


HEADLINE_SPAN = 1500  # the page head where an article's headline sits, above the report parts


def _ragged(g: Grid) -> bool:
    """Rows that end in different columns: a table whose merged cells were dropped rather than spread over the
    cells they span (an engine spreads a real rowspan/colspan), so a row's cells slid left, away from their
    headers ('数量指标 | 拆除…' under '一级指标 | 二级指标 | 三级指标')."""
    ends = set()
    for row in g.rows:
        filled = [k for k, c in enumerate(row) if (c.text or "").strip()]
        if len(filled) >= 3:
            ends.add(filled[-1])
    return len(ends) > 1


@dataclass
class Part:
    """A span of the document holding one report."""

    start: int  # normalised offsets
    end: int
    page: int  # first page (0-based)
    title_line: int = 0  # index of the first non-empty line on that page where the title starts
    heading: str | None = None
    pages: tuple[int, ...] = ()
    bounded: bool = False  # an untitled span (the report before appended forms): only its own tables


class Builder:
    """Fills one ReportRecord from a part of the document."""

    def __init__(self, view: DocView, part: Part, index: int, verdict: Verdict, report_type: str,
                 context: dict[str, Any], grids: list[Grid], doc_title: Found | None,
                 container_title: Found | None = None, heading_is_title: bool = True):
        self.view = view
        self.heading_is_title = heading_is_title  # False: a generic numbered heading ('（二）绩效自评情况')
        self.part = part
        self.verdict = verdict
        # last-resort guesses (a place, a year no reading found) only for a text the classifier is sure of
        self.sure_report = verdict.scores.get("other", 1.0) <= SURE_OTHER
        self.report_type = report_type
        self.context = context
        self.grids = [g for g in grids if self._grid_in_part(g)]
        if report_type == "department_overall":  # a department's report with a project's form appended: the
            # form's figures, score and indicators are the project's, not the unit's; the report ends before it
            forms = [g for g in self.grids if _project_form(g)]
            self.grids = [g for g in self.grids if g not in forms]
            at = [pos for g in forms if (pos := grid_position(view, g)) is not None and pos > part.start + 200]
            last = max((e for g in forms if (e := _grid_end(view, g)) is not None), default=None)
            if at and min(at) < part.end and last is not None and part.end - last < 300:
                self.part = part = replace(part, end=min(at))  # (only forms closing the report: the text after
                # a form in the middle is still the report's)
        self.doc_title = doc_title
        self.container_title = container_title  # title of the 决算 holding this section (its unit is the fallback)
        self.rec = ReportRecord(part=index, fields={f: None for f in REPORT_FIELDS})
        self.derived: list[str] = []

    def _grid_in_part(self, g: Grid) -> bool:
        p = self.part
        if p.pages:
            return g.page in p.pages
        if p.heading is None and not p.bounded:
            return True
        pos = grid_position(self.view, g)
        if pos is None:
            return self.view.page_index(p.start) <= g.page <= self.view.page_index(max(p.start, p.end - 1))
        if p.start <= pos < p.end:
            return True
        if p.heading is None:
            return False
        # a form whose title row is inside the grid: the grid starts just before the heading text
        head = fold(_heading_text(self.view, p))
        first_rows = "".join(c.key for r in g.rows[:2] for c in r)
        return 0 <= p.start - pos <= 300 and bool(head) and head[-8:] in first_rows

    # -- helpers -----------------------------------------------------------
    def set(self, name: str, value: Any, ev: Evidence | None, derived: bool = False) -> None:
        if value is None or ev is None:
            return
        self.rec.fields[name] = value
        self.rec.evidence[name] = ev
        if derived and name not in self.derived:
            self.derived.append(name)

    def warn(self, code: str, message: str, candidates: list[Any]) -> None:
        self.rec.warnings.append({"code": code, "message": message, "candidates": candidates})

    # -- build ---------------------------------------------------------------
    def build(self) -> ReportRecord:
        p = self.part
        title = None
        if p.heading is None:
            title = self.doc_title if self.doc_title is not None and p.page == 0 else read_page_title(
                self.view, p.page, p.title_line)
        elif self.heading_is_title:
            title = self._heading_title()
        label_cells = [v for g in self.grids for v in read_label_cells(self.view, g) + read_one_row_result(self.view, g)]
        doc_title = title
        title = self._project_title(title, label_cells)
        if title is not None:
            title = _without_page_suffix(title)
            self.set("title", title.value, title.evidence)
        self._report_type(doc_title)
        fy = read_fiscal_year(self.view, doc_title, p.start, p.end)
        if fy is None and self.container_title is not None and re.search(r"决算|自评|绩效评价", fold(self.container_title.value)):
            # a form inside a 决算 takes the 决算's year, one of the forms a page publishes ('某校2023年项目绩效自评表
            # 公开') the page's (a 预算 names the coming year, not the evaluated one)
            fy = read_fiscal_year(self.view, self.container_title, p.start, p.start)
        if fy is None and p.start > 0:
            fy = self._headline_year()
        if fy is None and self.sure_report:
            fy = guess_fiscal_year(self.view, p.start, p.end)
        if fy is not None:
            self.set("fiscal_year", fy.value, fy.evidence)
        dept = self._department(doc_title, label_cells)
        self._region(dept, title)
        self._date(doc_title)
        self._publish_date()
        self._amounts()
        self._indicators()
        self._score(label_cells)
        self._grade(label_cells)
        self.rec.extra["derived"] = self.derived
        self.rec.extra["grade_band"] = grade_band(self.rec.fields.get("self_score"))
        self.rec.extra["region_table"] = regmod.TABLE_VERSION
        return self.rec

    def _headline_year(self) -> Found | None:
        """The year of the page's headline above the part ('某校2023年项目绩效自评表公开' over the forms it publishes,
        each headed only '项目支出绩效自评表'): the forms are that year's."""
        v, p = self.view, self.part
        for s, line in department.report_headlines(v, min(p.start, HEADLINE_SPAN), r"自评|绩效评价"):
            return read_fiscal_year(v, Found(line, v.evidence(s, s + len(line))), p.start, p.start)
        return None

    def _project_title(self, title: Found | None, label_cells: list[TableValue]) -> Found | None:
        """A project report's or form's one stated 项目名称 goes to extra["project_name"]; it is the title of a form
        without one, and of one of several forms a document holds under a generic heading ('项目支出绩效自评表');
        a document's own generic title stays its title."""
        kind = self.report_type
        ttext = fold(title.value) if title is not None else ""
        if kind not in ("project", "self_eval_table") or (kind == "self_eval_table" and "项目" not in ttext):
            return title
        names = [Found(tv.value, tv.evidence) for tv in label_cells if tv.field == "project_name"]
        v, p = self.view, self.part
        for m in PROJECT_NAME_RE.finditer(v.flat, v.flat_pos(p.start), v.flat_pos(min(p.end, p.start + 3000))):
            ev = v.fev(m.start("name"), m.end("name"))
            names.append(Found(fix_glyphs(ev.snippet), ev))
        names = [n for n in names if "|" not in n.value and len(fold(n.value)) <= 60]  # never a whole table row
        distinct = {fold(n.value) for n in names if len(fold(n.value)) >= 2}
        if len(distinct) != 1:
            return title
        name = names[0]
        self.rec.extra["project_name"] = name.value
        if title is not None and fold(name.value) in ttext:
            return title
        if title is not None and (self.container_title is None or not GENERIC_FORM_TITLE.match(ttext)):
            return title  # a generic form title ('项目支出绩效自评表') is the document's title all the same
        if title is not None:  # one of several forms in a document: its project tells it from the others
            self.rec.extra["document_title"] = title.value
        return name

    def _heading_title(self) -> Found | None:
        v = self.view
        s = self.part.start
        e = heading_end(v.norm, s, self.part.end)
        if e is None:
            return None
        line = v.norm[s:e]
        m = re.match(r"^(?:[一二三四五六七八九十]+[、.]|附件\d*[:：]?|\d+[、.])?", line)
        k = m.end() if m else 0
        ev = v.evidence(s + k, e)
        return Found(fold(ev.snippet), ev) if ev.snippet else None

    def _report_type(self, title: Found | None) -> None:
        rt = self.report_type
        ev = title.evidence if title is not None else None
        if ev is None:
            ev = self.view.evidence(self.part.start, min(self.part.end, self.part.start + 20))
        self.set("report_type", rt, ev)

    def _department_candidates(self, title: Found | None, label_cells: list[TableValue]) -> list[Found]:
        """Every place the part names its unit, each ranked as `department`'s table says."""
        v, p = self.view, self.part
        cands: list[Found] = []
        lab = read_department_label(v, p.start, min(p.end, p.start + 3000))
        if lab is not None:
            cands.append(lab)
        for tv in label_cells:
            name = without_unit_code(tv.value) if tv.field == "department" else ""  # type: ignore[arg-type]
            if name and looks_like_unit(name):  # ('|实施单位|212005-南华县龙川镇中心小学|': the code dropped)
                cands.append(Found(name, tv.evidence, 1))
        if title is not None:
            td = department_from_title(title, v)
            if td is not None:
                cands.append(td)
            by = self._byline(title)
            if by is not None:
                cands.append(by)
        sig_unit, _ = read_signature(v, p.start, p.end)
        if sig_unit is not None:
            cands.append(sig_unit)
        if not cands and self.container_title is not None:
            td = department_from_title(self.container_title, v)
            if td is not None:
                cands.append(Found(td.value, td.evidence, 5))
        if not cands and p.heading is not None and p.start > 0:
            cover = read_department_label(v, 0, min(p.start, 3000))  # the 决算's cover: '部门(单位)名称:某校'
            if cover is not None:
                cands.append(Found(cover.value, cover.evidence, 5))
        cands += department.subject_candidates(v, p.start, p.end)
        if not cands and p.start > 0 and self.container_title is not None:
            # a 决算's section naming no unit: the unit the container's text before it is about ('第四部分 预算绩效情况
            # 说明' / '…武山县洛门镇人民政府组织对2023年度部门整体支出…开展了绩效自评' / '二、部门整体支出绩效自评情况')
            cands += [Found(f.value, f.evidence, 6) for f in department.subject_candidates(v, max(0, p.start - 1500), p.start)
                      if not SPAM_WORDS.search(f.value)]  # (not a hijacked copy's '皇冠体育展览路街道办事处')
        if p.page == 0 and not any(c.rank <= 4 for c in cands):
            cands += department.headline_candidates(v, self._title_norm_start(title) if title is not None else None)
        if title is None and not any(c.rank <= 4 for c in cands):
            cands += department.opening_line_candidates(v, p.start)
        if p.page == 0 and p.heading is None:
            cands += department.breadcrumb_candidates(v)
        meta = self._meta("publisher")
        if meta is not None:
            ev = _without_plates(meta.evidence)  # '宁国市财政局(市国资委、市金融监管局)': the unit, not its other plates
            if looks_like_unit(ev.snippet) and department.fits_self_reference(fold(ev.snippet), v.norm[p.start:p.end]):
                cands.append(Found(fix_glyphs(ev.snippet), ev, 7))  # the page's 发布机构/来源
        return cands

    def _department(self, title: Found | None, label_cells: list[TableValue]) -> Found | None:
        v, p = self.view, self.part
        cands = self._department_candidates(title, label_cells)
        choice = choose([Candidate("department", fold(f.value), f.evidence, rank=f.rank, extra={"found": f})
                         for f in cands], lambda c: (c.rank,), tol=0)
        if choice.candidate is None:
            if not choice.ambiguous:
                return None
            best = min(choice.ambiguous, key=lambda c: c.rank).extra["found"]  # same rank, different names
        else:
            best = choice.candidate.extra["found"]
        name = fold(best.value)
        if _BARE_LEVEL_UNIT.fullmatch(name):  # a title's '市局': the bureau the page names in full (its 来源 line)
            named = [f for f in cands if len(fold(f.value)) > len(name) and fold(f.value).endswith(name[-1])
                     and (len(name) == 1 or name[0] in "本我" or name[0] in fold(f.value)[:-2])]
            if named:
                best = min(named, key=lambda f: f.rank)
                name = fold(best.value)
        clean = department.without_junk_prefix(name)
        if clean != name:
            name, best = clean, Found(clean, best.evidence, best.rank)
        scope = _OWN_LEVEL.search(name)
        if scope and looks_like_unit(name[:scope.start()]):  # '通渭县教育局(本级)': the bureau, 本级 its scope
            name = name[:scope.start()]
            best = Found(name, best.evidence, best.rank)
        # the same unit written out in full elsewhere ('实施单位 | 龙川镇中心小学' under '填报单位:南华县龙川镇中心小学')
        # (or the full form of a bare short one: a form's '实施单位 | 卫健委' is the '沭阳县卫生健康委员会' of its title)
        forms = (name, department.BARE_ABBREVIATIONS.get(name, name))
        fuller = [(folded, f) for f in cands if len(folded := fold(f.value)) > len(name) and any(
            folded.endswith(x) and _PLACE_PREFIX.fullmatch(folded[: len(folded) - len(x)]) for x in forms)]
        if fuller:
            name, best = max(fuller, key=lambda pair: (len(pair[0]), -pair[1].rank))
        gov = department.township_government(name, v, p.start, p.end)
        gov_derived = False
        if gov is not None and gov[1] >= 0:  # a title's bare '田心乡' is the 田心乡人民政府 the body names
            best = Found(gov[0], v.evidence(gov[1], gov[1] + len(gov[0])), best.rank)
            name = gov[0]
        elif gov is not None:  # not written out: a township unit is its government (derived from the mention)
            ev = best.evidence
            best = Found(gov[0], Evidence(ev.page, ev.start, ev.end, ev.snippet, ev.cell,
                                          f"derived: the unit of township {name} is its government"), best.rank)
            name, gov_derived = gov[0], True
        short = department.complete_unit(name, v, p.start, p.end, township=gov is not None)
        if short is not None:  # the title's '县自然资源局' is the '湘阴县自然资源局' the text writes in full
            best = Found(short[0], v.evidence(short[1], short[1] + len(short[0])), best.rank)
            name = short[0]
        # a title prefix like '湘西自治州本级' is not a unit; a label may be a short form
        full, expanded = regmod.expand_alias(name)
        long_form = department.expand_unit_abbreviation(full, v.flat)
        if long_form is not None:  # '…卫健委': its full name, as written in the text if it is
            full, expanded = long_form, True
        best_ev = best.evidence
        derived = False
        if expanded:
            k = v.norm.find(full, p.start, p.end) if hasattr(v.norm, "find") else -1
            if 0 <= k:
                best_ev = v.evidence(k, k + len(full))
            else:
                best_ev = Evidence(best_ev.page, best_ev.start, best_ev.end, best_ev.snippet, best_ev.cell,
                                   f"derived: {name} is the short form of {full}")
                derived = True
        self._dept_found = Found(full, best_ev, best.rank)
        self._dept_derived = derived or gov_derived
        return self._dept_found

    def _byline(self, title: Found) -> Found | None:
        """The unit signed right under the title (or right above it); under the page's headline when the title
        was read from the metadata block's '名称:' line below it."""
        v = self.view
        by = read_byline(v, title) or read_unit_above(v, title)
        if by is None:
            folded = fold(title.value)
            k = v.norm.find(folded, 0, self.part.start + 3000)
            if k >= 0 and k != norm_start(v, title.evidence):
                head = Found(title.value, v.evidence(k, k + len(folded)))
                by = read_byline(v, head) or read_unit_above(v, head)
        return by

    def _title_norm_start(self, title: Found) -> int | None:
        """Normalised offset of the line the title starts on (None: not located)."""
        k = norm_start(self.view, title.evidence)
        return None if k is None else self.view.norm.rfind("\n", 0, k) + 1

    def _region(self, dept: Found | None, title: Found | None) -> None:
        v, p = self.view, self.part
        dept_name = dept.value if dept else None
        dept_span = None
        # the flat text (PDF soft wraps removed): a place a line wrapped ('扬\n州市') is still one mention
        flat, fs, fe = v.flat, v.flat_pos(p.start), v.flat_pos(p.end)
        if dept is not None:
            # inside the part first; a container section's unit may be named only in the document title
            for lo, hi in ((fs, fe), (0, len(flat))):
                k = flat.find(dept.value, lo, hi)
                if k >= 0:
                    dept_span = (k, k + len(dept.value))
                    break
                written = fold(re.sub(r"\s*\n\s*", "", dept.evidence.snippet))  # a name a PDF line wrapped
                k = flat.find(written, lo, hi)
                if k >= 0:
                    dept_span = (k, k + len(written))
                    break
                # a name a narrow table cell wrapped at every few characters ('龙陵县勐\n糯镇人民\n政府')
                m = find_spaced(flat, dept.value, lo, hi)
                if m is not None:
                    dept_span = (m.start(), m.end())
                    break
        res = regmod.resolve(flat, fs, fe, dept_name, dept_span, title.value if title else None,
                             self.context.get("source_region"), self.sure_report)
        county = res.values.get("county")
        if (dept is not None and not res.composed_department and county and res.values.get("township")
                and department.TOWNSHIP_GOV.match(dept.value.replace("人民政府", "")) and dept.value.endswith("人民政府")
                and county not in dept.value and not _opens_with_county(dept.value)):
            res.composed_department = county + dept.value  # 田心乡人民政府 of 武定县 -> 武定县田心乡人民政府
        if dept is not None:
            name = dept.value
            ev = dept.evidence
            derived = getattr(self, "_dept_derived", False)
            if res.composed_department:
                # '县科技局' + the body's 舒城县, written in full elsewhere as 舒城县科学技术局
                res.composed_department = department.expand_unit_abbreviation(res.composed_department, flat) \
                    or res.composed_department
                k = flat.find(res.composed_department, fs, fe)
                if k >= 0:
                    ev, derived = v.fev(k, k + len(res.composed_department)), False
                    name = res.composed_department
                elif not TOWNSHIP_UNIT.match(name):
                    # '县乡村振兴局' + the body's 溆浦县; a township government keeps the name the text gives it
                    ev = Evidence(ev.page, ev.start, ev.end, ev.snippet, ev.cell,
                                  f"derived: composed from {name} and {res.composed_department[:-len(name) + 1]}"
                                  " named in the body")
                    derived = True
                    name = res.composed_department
            self.set("department", name, ev, derived)
        for w in res.warnings:
            self.rec.warnings.append(w)
        for fld in ("province", "city", "county", "township", "admin_division_code"):
            val = res.values.get(fld)
            if val is None:
                continue
            span = res.spans.get(fld)
            note = res.notes.get(fld)
            if span is not None:
                ev = v.fev(span[0], span[1], note=note)
            elif note and note.startswith("context"):
                ev = Evidence(p.page + 1, 0, 0, "", note=note)
            else:
                continue
            self.set(fld, val, ev, fld in res.derived)
        if res.derived:
            self.rec.extra["region_derived"] = [f for f in res.derived if f != "admin_division_code"]

    def _meta(self, name: str):
        seg = self.context.get("_segments")
        return seg.meta.values.get(name) if seg is not None else None

    def _publish_date(self) -> None:
        """The page's own publication date from its metadata block (发布日期/发布时间/公开日期)."""
        m = self._meta("publish_date")
        if m is None and self.sure_report:  # the last resort: a CMS's unlabelled posting stamp
            m = page_time_stamp(self.view)
        if m is not None:
            self.rec.fields["publish_date"] = m.value
            self.rec.evidence["publish_date"] = m.evidence
        pub = self._meta("publisher")
        if pub is not None:
            self.rec.extra["publisher"] = pub.value

    def _date(self, title: Found | None) -> None:
        v, p = self.view, self.part
        d = read_report_date(v, p.start, p.end)
        if d is None or len(d.value) == 7:
            _, signed = read_signature(v, p.start, p.end)
            # a cover's '编制日期:2024年4月' and the closing's '2024年4月18日': one date, the closing's written in full
            if d is None or (signed is not None and signed.value.startswith(d.value + "-")):
                d = signed
        if d is None and title is not None:
            d = read_title_date(v, title)
        if d is not None:
            self.set("report_date", d.value, d.evidence)

    # -- amounts -------------------------------------------------------------
    def _amounts(self) -> None:
        v, p = self.view, self.part
        kind = self.report_type if self.report_type != "self_eval_table" else (
            "project" if re.search(r"项目", self.rec.fields.get("title") or "") else "department_overall")
        mentions = amount_mentions(v, p.start, p.end, kind, fund_name(self.rec.fields.get("title")))
        fy = self.rec.fields.get("fiscal_year")
        if fy:
            kept, head_ok = [], True
            for m in mentions:  # (in text order)
                ok = self._year_ok(m, fy)
                if m.part_of is None:
                    head_ok = ok
                # '2022年度决算支出318.60万元,其中基本支出270.10万元': last year's parts go with last year's total
                if ok and (m.part_of is None or head_ok):
                    kept.append(m)
            mentions = kept
        tvals: list[TableValue] = []
        for g in self.grids:
            tvals += read_budget_block(v, g)
            tvals += read_spending_table(v, g)
        # a table whose columns are years ('2021年决算数 | 2022年决算数', '指标 | 2023年 | 2022年'): its year's column,
        # before the stream readers, which know no years and would take the rows' labels for column heads
        tvals += read_year_columns(v, p.start, p.end, fy)
        if not any(tv.field in ("budget_adjusted_wan", "budget_initial_wan") for tv in tvals):
            tvals += read_budget_stream(v, p.start, p.end)  # the form flattened into lines of cells
        if not any(tv.field in ("budget_adjusted_wan", "budget_initial_wan", "expenditure_total_wan") for tv in tvals):
            tvals += read_glued_row(v, p.start, p.end)  # its row's cells glued into one run of digits
        if not any(tv.field in ("budget_adjusted_wan", "budget_initial_wan", "expenditure_total_wan") for tv in tvals):
            tvals += read_label_pairs(v, p.start, p.end)  # the form filled as label/value pairs
        if not any(tv.field in ("budget_adjusted_wan", "budget_initial_wan") for tv in tvals):
            tvals += read_one_row_table(v, p.start, p.end)  # '年初预算 | … | 基本支出 | 项目支出' over one row
        if not any(tv.field in PART_FIELDS for tv in tvals):
            tvals += read_balance_table(v, p.start, p.end)  # Hunan's 年度支出和结余情况: a two-row header flattened
        if not any(tv.field in PART_FIELDS for tv in tvals):
            tvals += read_spending_stream(v, p.start, p.end)  # '项目 | 合计 | 基本支出 | 项目支出' over its row
        if not any(tv.field in PART_FIELDS for tv in tvals):
            tvals += read_label_pairs(v, p.start, p.end, PART_FIELDS)  # '基本支出总额 | 864.2万 | 项目支出总额 | 0'
        _unitless_yuan(tvals)
        for tv in tvals:
            if tv.field in ("exec_weight", "exec_score"):  # the 执行率 row's points (IND-02/IND-04 inputs)
                self.rec.extra.setdefault(tv.field, tv.value)
                continue
            if not tv.unit_found:
                read_as = "read as 元 (too large for 万元)" if tv.note == YUAN_GUESS else "read as 万元"
                self.warn("AMT-03", f"{tv.field}: table without a unit, {read_as}", [tv.value])
        total = self._choose_total(mentions, tvals)
        scope = total[1] if total else "all"
        self._choose_part("basic_expenditure_wan", "basic", mentions, tvals, scope)
        self._choose_part("project_expenditure_wan", "project", mentions, tvals, scope)
        self._choose_budget(mentions, tvals)
        self._choose_rate(tvals)
        self._reconcile_with_rate(mentions, tvals)
        self._complete_by_rate(mentions)
        self._container_figures_of_rate(kind)

    def _reconcile_with_rate(self, mentions: list[AmountMention], tvals: list[TableValue]) -> None:
        """Settle the final budget and the spending by the stated execution rate (rate = spending / final budget).

        When the chosen pair contradicts the stated rate, or one of them is missing, and exactly one pair of
        candidates (values, whatever their rank) gives the rate, that pair is the report's: a two-year project
        states last year's allocation and payments before this year's carried-over budget and its execution,
        and only this year's pair matches 执行率34.3%.  Nothing changes when no pair or several pairs match."""
        f = self.rec.fields
        rate, spent, budget = f.get("execution_rate_pct"), f.get("expenditure_total_wan"), f.get("budget_adjusted_wan")
        if not rate or rate > 100 or (spent and budget and _rate_fits(spent, budget, rate, 0.6)):
            return
        spends = self._amount_cands("expenditure_total_wan", ("total",), mentions, tvals, TOTAL_SKIPS_PARTS_OF)
        # (never an unqualified budget: '2023年预算支出…' is 年初 or 调整后, ambiguous, both fields null (AMB-01))
        budgets = self._whole_budget_cands("budget_adjusted_wan", ("adjusted",), mentions, tvals)
        if spent is not None and budget is None:
            spends = [c for c in spends if abs(c.value - spent) < 0.011]
        pairs = {(b.value, e.value): (b, e) for b in budgets for e in spends if _rate_fits(e.value, b.value, rate, 0.06)}
        if len(pairs) != 1 or (spent is None and budget is None):
            return
        b, e = next(iter(pairs.values()))
        if (b.value, e.value) == (budget, spent):
            return
        self.set("budget_adjusted_wan", b.value, b.evidence)
        self.set("expenditure_total_wan", e.value, e.evidence)
        self.rec.extra["reconciled_with_rate"] = {"budget_adjusted_wan": budget, "expenditure_total_wan": spent}

    def _container_figures_of_rate(self, kind: str) -> None:
        """A 决算's self-evaluation section that states the unit's rate but no budget or spending ('部门整体支出预算执行
        率98.06%'): the budget and spending are the 决算's own sentence whose figures give that rate ('年初预算2,860.15万
        元,全年预算数3,188.27万元,全年支出3,126.48万元,预算执行率98.06%'), when exactly one sentence of the document does."""
        f, p, v = self.rec.fields, self.part, self.view
        rate = f.get("execution_rate_pct")
        if (p.heading is None or not rate or rate >= 99.95 or f.get("budget_adjusted_wan") is not None
                or f.get("expenditure_total_wan") is not None):
            return
        outside = [m for m in amount_mentions(v, 0, len(v.norm), kind) if not p.start <= m.start < p.end]
        pairs = {}
        for b in (m for m in outside if m.kind == "adjusted" and m.scope == "all" and m.part_of is None):
            sent = sentence_span(v.norm, b.start)  # (the normaliser folds '；' to ';')
            for e in (m for m in outside if m.kind == "total" and m.scope == "all" and m.part_of is None):
                if sent[0] <= e.start < sent[1] and _rate_fits(e.value, b.value, rate, 0.06):
                    pairs[(b.value, e.value)] = (b, e, sent)
        if len(pairs) != 1:
            return
        b, e, sent = next(iter(pairs.values()))
        note = f"the 决算's figures that give the section's rate {rate}%"
        self.set("budget_adjusted_wan", b.value, v.evidence(b.start, b.end, note=note))
        self.set("expenditure_total_wan", e.value, v.evidence(e.start, e.end, note=note))
        initial = [m for m in outside if m.kind == "initial" and m.part_of is None and sent[0] <= m.start < sent[1]]
        if len({m.value for m in initial}) == 1:
            self.set("budget_initial_wan", initial[0].value, v.evidence(initial[0].start, initial[0].end, note=note))

    def _complete_by_rate(self, mentions: list[AmountMention]) -> None:
        """The missing one of spending and final budget, when the stated rate (written to a decimal: 96.17%) and
        the other one give exactly one amount written in the report: rate = spending / final budget.  The
        label may be one no reader knows ('项目资金使用…', '兑现到户…'); the arithmetic names it.  A rate of 100 %
        says nothing (the budget itself would match), nor does a whole-number rate (too loose)."""
        f = self.rec.fields
        rate, spent, budget = f.get("execution_rate_pct"), f.get("expenditure_total_wan"), f.get("budget_adjusted_wan")
        if not rate or rate >= 99.95 or rate == round(rate) or (spent is None) == (budget is None):
            return
        v = self.view
        kind_at = {m.num_start: m.kind for m in mentions}
        # an amount read as something else (收入合计 beside 支出合计 and their 执行率) is never the missing one
        banned = ("income", "basic", "project", "special", "initial", "budget", "total") if budget is None else (
            "income", "basic", "project", "special", "initial", "adjusted", "budget")
        amounts = [a for a in find_amounts(v.norm, self.part.start, self.part.end)
                   if a.unit is not None and a.value_wan and kind_at.get(a.start) not in banned]
        if budget is not None:
            field, other = "expenditure_total_wan", budget
            hits = [a for a in amounts if _rate_fits(a.value_wan, budget, rate, 0.06)]
        else:
            field, other = "budget_adjusted_wan", spent
            hits = [a for a in amounts if _rate_fits(spent, a.value_wan, rate, 0.06)]
        hits = [a for a in hits if abs(a.value_wan - other) > 0.011]  # never the known one itself
        if len({round(a.value_wan, 4) for a in hits}) != 1:
            return
        a = hits[0]
        ev = v.evidence(a.start, a.end, note=f"derived: the amount the stated rate {rate}% gives")
        self.set(field, a.value_wan, ev, derived=True)

    def _named_items_spending(self, c: Candidate) -> bool:
        """A department report's sentence about one named project or fund ('其中“村屯道路硬化”项目安排资金320万元,实际
        支出318.6万元', '主要项目支出情况:法律援助经费86万元,实际支出86万元'): its spending is that item's."""
        k = norm_start(self.view, c.evidence)
        if k is None:
            return False
        sent = re.split(r"[。;；\n]", self.view.norm[max(self.part.start, k - 120):k])[-1]
        return bool(re.search(r"[“\"][^”\"]{2,30}[”\"]|(?:经费|项目|资金)\s*\d[\d,.]*万元[,，]", sent)) and not re.search(
            r"整体|部门|单位|全年|本年|全局|我局|本局", sent)

    def _of_year(self, ev: Evidence, fy: int) -> bool:
        """A score's sentence names no other year than the fiscal year before it ('2022年度…得分为91分;2023年度…
        得分为95分' in a 2023 report: the first is last year's)."""
        k = norm_start(self.view, ev)
        if k is None:
            return True
        return _last_year_is(re.split(r"[。;；\n]", self.view.norm[max(self.part.start, k - 60):k])[-1], fy)

    def _year_ok(self, m: AmountMention, fy: int) -> bool:
        """Drop figures explicitly bound to another year (2022年支出合计… inside a FY2023 report)."""
        v = self.view
        s = max(self.part.start, m.start - 12)
        left = v.norm[s:m.num_start]
        return _last_year_is(left, fy)

    def _ev(self, m: AmountMention) -> Evidence:
        return self.view.evidence(m.start, m.end, note=m.note)

    def _amount_cands(self, field: str, kinds: tuple[str, ...], mentions: list[AmountMention],
                      tvals: list[TableValue], skip_parts: tuple[str, ...] = ()) -> list[Candidate]:
        out = [Candidate(field, float(tv.value), tv.evidence, "block", tv.rank, tv.scope)  # type: ignore[arg-type]
               for tv in tvals if tv.field == field]
        for m in mentions:
            if m.kind in kinds and m.part_of not in skip_parts:
                out.append(Candidate(field, m.value, self._ev(m), "prose", m.rank, m.scope,
                                     extra={"kind": m.kind, "part_of": m.part_of, "item": m.item}))
        return out

    def _whole_budget_cands(self, field: str, kinds: tuple[str, ...], mentions: list[AmountMention],
                            tvals: list[TableValue]) -> list[Candidate]:
        """Budget candidates that are a whole, never a 其中 part of another figure."""
        return [c for c in self._amount_cands(field, kinds, mentions, tvals)
                if c.source == "block" or c.extra.get("part_of") is None]

    def _apply(self, field: str, choice: Choice, message: str) -> Candidate | None:
        """Set the chosen value, or record AMB-01 naming every conflicting candidate."""
        if choice.candidate is None:
            if choice.ambiguous:
                self.warn("AMB-01", message, [c.describe() for c in choice.ambiguous])
            return None
        self.set(field, choice.candidate.value, choice.candidate.evidence)
        return choice.candidate

    def _choose_total(self, mentions: list[AmountMention], tvals: list[TableValue]) -> tuple[float, str] | None:
        cands = [c for c in self._amount_cands("expenditure_total_wan", ("total",), mentions, tvals, TOTAL_SKIPS_PARTS_OF)
                 if c.source == "block" or c.scope in SCOPE_RANK]
        items = {c.extra.get("item") for c in cands if c.source == "prose" and c.extra.get("item")}
        if len(items) > 1:  # '1.…支出资金30万元' / '2.…支出资金30万元': each project's own, none the report's total
            cands = [c for c in cands if c.source != "prose" or not c.extra.get("item")]
        if self.report_type != "project":
            named = [c for c in cands if c.source == "prose" and self._named_items_spending(c)]
            if named and len(named) < len(cands):  # ('…法律援助经费86万元,实际支出86万元;…' beside the unit's total)
                cands = [c for c in cands if c not in named]

        def tier(c: Candidate) -> tuple[int, ...]:  # a form's total is all-funds whatever its row says
            return (0 if c.source == "block" else SCOPE_RANK[c.scope], c.rank)

        choice = choose(cands, tier)
        chosen = self._apply("expenditure_total_wan", choice, "expenditure_total_wan: conflicting totals of the same scope")
        if chosen is None:
            return None
        best_scope = tier(chosen)[0]
        self.rec.extra["expenditure_scope"] = chosen.scope
        others = [c for c in cands if tier(c)[0] != best_scope and abs(c.value - chosen.value) > 0.011]
        if best_scope == 0 and others:
            self.warn("SCOPE-01", "total expenditure stated for several scopes; the all-funds total was chosen",
                      [c.describe() | {"scope": c.scope} for c in others])
            self.rec.extra["scope_alternatives"] = [{"value": c.value, "scope": c.scope} for c in others]
        if best_scope > 0:
            self.warn("SCOPE-02", f"only a {chosen.scope} total is stated; used as the total",
                      [chosen.describe() | {"scope": chosen.scope}])
        return chosen.value, chosen.scope

    def _choose_part(self, field: str, kind: str, mentions: list[AmountMention], tvals: list[TableValue],
                     scope: str) -> None:
        heads = ("income", "budget", "initial", "adjusted", "project_budget")
        kinds = (kind, "special") if kind == "project" else (kind,)
        cands = [c for c in self._amount_cands(field, kinds, mentions, tvals, heads)
                 if not (c.extra.get("kind") == "special" and c.extra.get("part_of") == "special")]
        if self.rec.fields.get("expenditure_total_wan") is not None:  # fields.md: the parts of the total's scope,
            # never the parts listed under a total of another ('一般公共预算…支出11,980.35万元,包括基本支出…')
            cands = [c for c in cands if c.source == "block" or c.scope == scope or c.extra.get("part_of") is None]

        def tier(c: Candidate) -> tuple[int, ...]:  # the total's scope first, 专项 after 项目
            if c.source == "block":
                return (0, 0)
            srank = 0 if c.scope == scope else 1 + SCOPE_RANK.get(c.scope, 5)
            return (srank, c.rank + (1 if c.extra.get("kind") == "special" else 0))

        def fits_total(top: list[Candidate]) -> list[Candidate]:  # the part that makes basic + project = total
            total = self.rec.fields.get("expenditure_total_wan")
            other = self.rec.fields.get("basic_expenditure_wan" if kind == "project" else "project_expenditure_wan")
            if total is None or other is None:
                return top
            return [c for c in top if abs(other + c.value - total) <= tol_amt(total)]

        self._apply(field, choose(cands, tier, fits_total), f"{field}: conflicting values")

    def _choose_budget(self, mentions: list[AmountMention], tvals: list[TableValue]) -> None:
        for field, kind in (("budget_initial_wan", "initial"), ("budget_adjusted_wan", "adjusted")):
            cands = self._whole_budget_cands(field, (kind,), mentions, tvals)
            if any(c.value for c in cands):  # '专户-年初预算数0元' beside the fund's 181万元: a source with nothing
                cands = [c for c in cands if c.value]

            def tier(c: Candidate) -> tuple[int, ...]:
                return (0,) if c.source == "block" else (c.rank + (0 if c.scope == "all" else 1),)

            sums = run_sums(self.view, self.part.start, self.part.end) if len(distinct(cands)) > 1 else []
            cands = without_parts_of_wholes(cands, sums)
            self._apply(field, choose(cands, tier, lambda top, sums=sums: whole_of_parts(top, sums)), f"{field}: conflicting values")
        self._final_budget_by_addition(mentions)
        if self.rec.fields["budget_initial_wan"] is None and self.rec.fields["budget_adjusted_wan"] is None:
            unq = [m for m in mentions if m.kind == "budget" and m.part_of is None and m.scope == "all"]
            if unq:
                self.warn("AMB-01", "budget stated without 年初 or 调整后/全年: both budget fields left null",
                          [{"value": m.value, "snippet": self._ev(m).snippet,
                            "fields": ["budget_initial_wan", "budget_adjusted_wan"]} for m in unq])

    def _final_budget_by_addition(self, mentions: list[AmountMention]) -> None:
        """An unqualified budget that is the 年初 budget plus the year's stated addition is the final budget:
        '年度预算共计418.42万元:1、年初部门预算385.42万元,年中追加33.00万元' (the arithmetic names it)."""
        f = self.rec.fields
        initial = f.get("budget_initial_wan")
        if initial is None or f.get("budget_adjusted_wan") is not None:
            return
        norm = self.view.norm
        added = [a.value_wan for a in find_amounts(norm, self.part.start, self.part.end)
                 if a.unit and a.value_wan and IN_YEAR_ADDITION.search(norm[max(self.part.start, a.start - 12):a.start])]
        fits = {m.value: m for m in mentions if m.kind == "budget" and m.part_of is None and m.scope == "all"
                and m.value > initial and any(abs(initial + x - m.value) <= tol_amt(m.value) for x in added)}
        if len(fits) == 1:
            m = next(iter(fits.values()))
            self.set("budget_adjusted_wan", m.value, self._ev(m))

    def _choose_rate(self, tvals: list[TableValue]) -> None:
        v, p = self.view, self.part
        kind = "project" if self.report_type == "project" else "department_overall"
        cands = [Candidate("execution_rate_pct", float(tv.value), tv.evidence, "block")  # type: ignore[arg-type]
                 for tv in tvals if tv.field == "execution_rate_pct"]
        fy = self.rec.fields.get("fiscal_year")
        for r in rate_mentions(v, p.start, p.end, kind):
            # ('2022年度本部门预算执行率为88.6%' in a 2023 report: last year's rate, never a rival of this year's; a
            # year clauses before it, '2022年上级下达…,实际支出…,资金执行率100%', may be when the money came)
            clause = re.split(r"[。;；\n,，]", v.norm[max(p.start, r.start - 60):r.end])[-1]
            if not r.project and (fy is None or _last_year_is(clause, fy)):
                cands.append(Candidate("execution_rate_pct", r.value, v.evidence(r.start, r.end), "prose", r.rank))
        cands = [c for c in cands if c.value <= MAX_RATE_PCT]  # '40004000100%': a form's cells glued together, no rate

        def tier(c: Candidate) -> tuple[int, ...]:
            return (0 if c.source == "block" else c.rank,)

        def of_the_figures(top: list[Candidate]) -> list[Candidate]:
            """Rates of two scopes side by side ('财政拨款预算执行率98.77%' / '全部资金预算执行率98.11%'): the one the
            chosen spending over the chosen final budget gives."""
            f = self.rec.fields
            spent, budget = f.get("expenditure_total_wan"), f.get("budget_adjusted_wan")
            if not spent or not budget:
                return []
            return [c for c in top if abs(c.value - 100 * spent / budget) <= 0.05]

        self._apply("execution_rate_pct", choose(cands, tier, of_the_figures, tol=0.005),
                    "execution_rate_pct: conflicting rates")

    # -- indicators, score, grade ------------------------------------------------
    def _indicators(self) -> None:
        self._ind_total: tuple[float, Evidence] | None = None
        for k, g in enumerate(self.grids):
            if g.width < 3:
                continue  # a sheet of one column (a form pasted cell under cell): its cells are the text's stream
            t = read_indicator_table(g)
            rest = self.grids[k + 1:]
            if t is None and rest and rest[0].page == g.page + 1 and rest[0].source == g.source:
                # an irregular form the engine could not join over the page break: read both parts as one
                t = read_indicator_table(join_pages(g, rest[0]))
                rest = rest[1:] if t is not None else rest
            if t is None:
                continue
            for nxt in rest:
                if nxt.page != g.page + 1 or nxt.source != g.source or not continue_table(t, nxt):
                    break
            for i, ind in enumerate(t.rows, start=1):
                ind.row = i
            # '|' rows whose merged cells were dropped, or a document table whose rows lost them (ragged rows):
            # the grid misplaced cells the stream reads
            # (not a page layout's: its text runs cells of neighbouring columns together)
            if not ((g.source != "tables" or (_ragged(g) and not self.view.fixed_layout))
                    and self._stream_indicators(len(t.rows))):
                self.rec.indicators = t.rows
                self.set("indicator_count", len(t.rows), self._grid_evidence(g, t))
            if t.total is not None:
                val, cell = t.total
                from .tableread import cell_evidence
                self._ind_total = (val, cell_evidence(self.view, g, 0, 0, cell, "总分"))
            if self.rec.fields.get("execution_rate_pct") is None:
                self._rate_indicator(g, t)
            return
        self._stream_indicators(0)

    def _stream_indicators(self, more_than: int) -> bool:
        """Indicator rows of a form flattened into text, parsed from its stream of cells, when they are more
        than `more_than` rows read from a grid."""
        st = read_indicator_stream(self.view, self.part.start, self.part.end)
        if st is None or len(st.rows) <= more_than or (more_than and st.skipped):
            return False
        self.rec.indicators = st.rows
        self.set("indicator_count", len(st.rows), self.view.evidence(st.start, st.end, cell="indicator rows (text stream)"))
        return True

    def _rate_indicator(self, g: Grid, t: Any) -> None:
        """The execution rate a form gives only as an indicator row ('预算执行率 | 100% | 95.20%', its budget
        block's 执行率 cell left empty): the row's actual value, labelled as execution (never its target)."""
        from .tableread import cell_evidence
        for ind, cells in zip(t.rows, t.cells, strict=False):
            name = fold(ind.level3 or "")
            m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d{1,4})?)\s*%\s*", fold(ind.actual or ""))
            if not re.fullmatch(r"(?:预算|资金|项目资金|部门预算)?执行率", name) or m is None:
                continue
            cell = next((c for c in cells if c.key and fold(c.key) == fold(ind.actual or "")), None)
            if cell is not None and float(m.group(1)) <= MAX_RATE_PCT:
                self.set("execution_rate_pct", float(m.group(1)), cell_evidence(self.view, g, 0, 0, cell, name))
            return

    def _grid_evidence(self, g: Grid, t: Any) -> Evidence:
        first = next((c for c in t.cells[0] if c.start is not None), None) if t.cells else None
        # a grid a page break continued: the span of its rows on the first page
        last = next((c for row in reversed(t.cells) for c in reversed(row) if c.start is not None and c.end is not None
                     and first is not None and c.page == first.page and c.end > (first.start or 0)), None)
        if first is not None and last is not None and last.end and first.start is not None:
            return self.view.raw_evidence(first.page, first.start, last.end, cell=f"table {g.index} indicator rows")
        return Evidence(g.page + 1, 0, 0, "", cell=f"table {g.index} indicator rows")

    def _score(self, label_cells: list[TableValue]) -> None:
        v, p = self.view, self.part
        kind = "project" if self.report_type == "project" else "department_overall"
        cands = [Candidate("self_score", float(tv.value), tv.evidence, "cell")  # type: ignore[arg-type]
                 for tv in label_cells if tv.field == "self_score"]
        if not cands and not getattr(self, "_ind_total", None):
            stream = read_total_stream(v, p.start, p.end)  # the 总分 row of a form flattened into lines
            if not any(tv.field == "self_score" for tv in stream):
                stream = read_score_row(v, p.start, p.end)  # a one-row table with a 自评分数 column
            cands += [Candidate("self_score", float(tv.value), tv.evidence, "cell")  # type: ignore[arg-type]
                      for tv in stream if tv.field == "self_score"]
            self._stream_grade = [tv for tv in stream if tv.field == "grade"]
        if getattr(self, "_ind_total", None):
            val, ev = self._ind_total  # type: ignore[misc]
            cands.append(Candidate("self_score", val, ev, "cell"))
        fy = self.rec.fields.get("fiscal_year")
        cands += [Candidate("self_score", f.value, f.evidence, "prose", f.rank)
                  for f in read_scores(v, p.start, p.end, kind) if not fy or self._of_year(f.evidence, fy)]

        def tier(c: Candidate) -> tuple[int, ...]:
            return (0 if c.source == "cell" else c.rank,)

        self._apply("self_score", choose(cands, tier), "self_score: conflicting total scores")

    def _grade(self, label_cells: list[TableValue]) -> None:
        v, p = self.view, self.part
        kind = "project" if self.report_type == "project" else "department_overall"
        from .fields import GRADE_MAP
        cands = []
        for tv in label_cells + getattr(self, "_stream_grade", []):
            if tv.field == "grade":
                raw = fold(str(tv.value))
                cands.append(Candidate("grade", GRADE_MAP.get(raw), tv.evidence, "cell", extra={"raw": raw}))
        cands += [Candidate("grade", f.value, f.evidence, "prose", f.rank, extra={"raw": f.extra.get("grade_raw", "")})
                  for f in read_grades(v, p.start, p.end, kind)]
        if not cands:
            return

        def tier(c: Candidate) -> tuple[int, ...]:
            return (0 if c.source == "cell" else c.rank,)

        best = min(tier(c) for c in cands)
        top = [c for c in cands if tier(c) == best]
        mapped = [c for c in top if c.value]
        if mapped:  # an unmapped raw grade (合格, 一等) next to a mapped one does not make it ambiguous
            chosen = self._apply("grade", choose(mapped, tier), "grade: conflicting grades")
            if chosen is not None:
                self.rec.extra["grade_raw"] = chosen.extra["raw"]
            return
        raw = top[0].extra["raw"]
        self.rec.extra["grade_raw"] = raw
        self.warn("GRADE-03", f"stated grade '{raw}' is not 优/良/中/差; grade left null", [raw])


def _opens_with_county(name: str) -> bool:
    """A township unit's name that already opens with its county, however written ('寻甸县回族彝族自治县先锋镇人民政府',
    a title misspelling 寻甸回族彝族自治县): no county goes before it."""
    return bool(re.match(r"^[\u4e00-\u9fff]{1,12}?(?:自治县|自治旗)", name)) or any(
        m.start == 0 and m.full and m.division.level <= 3 for m in regmod.find_mentions(name))


# what a full name adds before a short one: its place ('南华县' + '龙川镇中心小学'), never a label or a seal mark
_OWN_LEVEL = re.compile(r"\s*\(?(?:机关)?本级\)?$")
# a unit named by its level alone ('市局', '县委', '本局'): who it is, the page says elsewhere
_BARE_LEVEL_UNIT = re.compile(r"[省市州县区旗本我]?(?:局|委|厅|院|办)")
# what a unit's full name adds before the name a title uses: its places, the Party's name ('中共湘阴县委组织部' for
# the title's '湘阴县委组织部')
_PLACE_PREFIX = re.compile(r"(?:中共)?(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|镇|乡|街道)){1,3}|中共")


GENERIC_FORM_TITLE = re.compile(
    r"^(?:附件\d*[:]?)?(?:[(（]?20\d\d年度?[)）]?)?(?:部门预算|部门|财政)?(?:项目支出|项目)绩效(?:单位)?自评(?:报告|表)"
    r"(?:[(（]20\d\d年度?[)）])?$"
)
PROJECT_NAME_RE = re.compile(r"(?:项目|专项|专项资金)名称[:]\n?(?P<name>[^\n:;。，,]{2,40}?)(?=\n|$|[;。，,]|\s|主管部门|实施单位|项目实施单位)")


# ------------------------------------------------------------------ segmentation


_FIGURE_CELL = re.compile(r"[\d.,%\s-]*\d[\d.,%\s-]*")  # a cell holding a figure, as a form's rows do


def _sheet_parts(view: DocView, grids: list[Grid]) -> list[Part]:
    """One part per sheet/page that opens with its own 自评表/自评报告 title; others attach to the previous.
    A short first or titled sheet with no figure in it, before a titled sheet, is that sheet's cover (封面: the
    form's title or '2024年度绩效自评材料', 单位名称（盖章）, 填报日期): it opens the next sheet's part, not a report."""
    parts: list[Part] = []
    cover = False
    tabled = {r[0].page for g in grids for r in g.rows if any(_FIGURE_CELL.fullmatch(c.text) for c in r)}
    for i in range(len(view.doc.pages)):
        t = read_title(view, i)
        opens = t is not None and re.search(r"自评表|自评报告|评价表", fold(t.value)) and not re.search(
            r"基础数据|附表", fold(t.value))
        start = view.page_starts[i]
        end = view.page_starts[i + 1] if i + 1 < len(view.page_starts) else len(view.norm)
        if (opens and not cover) or not parts:
            parts.append(Part(start, end, i, 0, None, (i,)))
        else:
            last = parts[-1]
            parts[-1] = Part(last.start, end, last.page, 0, None, last.pages + (i,))
        cover = bool(opens or i == 0) and i not in tabled and len(parts[-1].pages) == 1 and end - start < 300
    return parts


_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*\d*\s*$|\.{4,}\s*\d+")
_LEVEL_PATTERNS = ((re.compile(r"^第[一二三四五六七八九十]+部分"), -1), (re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]?"), -1),
                   (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 0), (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), 1))
_SUMMARY = re.compile(r"平均(?:得分|分|评分)|\d+个(?:一级|二级)?项目(?:开展|进行|的)?(?:了)?(?:绩效)?自评|组织对[^。]{0,40}(?:开展|进行)[^。]{0,6}自评")


def _line_level(body: str) -> int | None:
    """Heading level of a line: -1 part/annex (第X部分, 附件), 0 一、, 1 （一）; None for other lines."""
    if body.endswith("。") and len(body) <= 30:  # PDFs close short headings too: '（二）项目支出绩效自评结果。'
        body = body[:-1]
    if not body or len(body) > 40 or re.search(r"[。;；]$", body) or _TOC_LINE.search(body):
        return None
    return next((lv for pat, lv in _LEVEL_PATTERNS if pat.match(body)), None)


def _grid_end(view: DocView, g: Grid) -> int | None:
    """Normalised offset just after a grid's last located cell, or None."""
    cell = next((c for r in reversed(g.rows) for c in reversed(r) if c.end is not None), None)
    if cell is None or cell.end is None:
        return None
    return view.norm_pos(cell.page, cell.end)


def grid_position(view: DocView, g: Grid) -> int | None:
    """Normalised offset of a grid's first located cell, or None."""
    cell = next((c for r in g.rows for c in r if c.start is not None), None)
    if cell is None or cell.start is None:
        return None
    return view.norm_pos(cell.page, cell.start)


# a 决算's numbered section that holds the unit's self-evaluation without saying 自评 in its heading
# ('三、部门整体支出绩效评价情况' / '本单位…开展绩效自评…自评得分92分')
EVALUATION_HEADING = re.compile(r"(?:部门整体支出|整体支出|项目支出|预算)?绩效(?:评价|管理)?(?:工作)?(?:开展)?情况")
SELF_SCORED = re.compile(r"自评[^。]{0,80}?(?:得分|评分)[为:]?\s*\d")
# a whole report appended to a 决算 under its own title ('红原县林业和草原局2022年度部门整体支出绩效评价报告'), its
# self-evaluation score stated further on ('我局…绩效自评综合评分为92.5分')
OWN_REPORT_TITLE = re.compile(r"^(?:20\d\d年度?)?[^。,，:：]{0,30}?(?:20\d\d年度?)?(?:部门|单位)?整体支出绩效(?:自评|评价|自评价)报告$")


# a 决算's part heading naming the unit and the year when the excerpt starts at its table of contents ('第三部分 宜城市
# 小河镇人民政府部门2021年度部门决算情况说明'): the container's title in effect, and the unit its sections are about
_PART_HEADING = re.compile(r"(?:^|(?<=\d)|(?<=\s))(?:第[一二三四五六七八九十]部分\s*)?(?P<t>(?!年)(?:20\d\d\s*年度?\s*)?"
                           r"(?:(?!第[一二三四五六七八九十]部分)[^\n>|:,，。\d]){2,40}?(?:20\d\d\s*年度?)?\s*(?:部门|单位)?(?:综合)?决算(?:公开)?"
                           r"(?:情况说明|说明|报告|表)?)\s*(?:$|(?=目\s*录|第[一二三四五六七八九十]部分))", re.M)
# the template's first part, named for the unit: '第一部分 新平彝族傣族自治县平甸乡概况'
_FIRST_PART = re.compile(r"第一部分[:]?\s*(?P<t>[^\n第:,，。]{2,30}?)(?:部门|单位)?概况")


def _part_heading_title(view: DocView, reach: int = 2000) -> Found | None:
    """The first line of a 决算 naming its unit and year (its title, or a part heading where the excerpt starts at
    the table of contents), for a container whose page gave no title of its own."""
    norm = view.norm
    # (never a link of a bulleted list: a sidebar's '· 武山县洛门镇人民政府2023年度部门决算' names another page)
    m = next((h for h in _PART_HEADING.finditer(norm, 0, min(len(norm), reach))
              if not LIST_BULLET.match(norm, norm.rfind("\n", 0, h.start("t")) + 1)), None)
    if m is None:
        m = _FIRST_PART.search(norm, 0, min(len(norm), reach))
        if m is None or not looks_like_unit(m.group("t")):
            return None
    return Found(m.group("t"), view.evidence(m.start("t"), m.end("t")))


# a self-evaluation's conclusion as a heading of its own: '三、评价结论', '(四)自评结果'
_CONCLUSION_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、])\s*"
                              r"(?:绩效)?(?:评价|自评)(?:结论|结果|得分)\s*$")


def _section_parts(view: DocView) -> list[Part]:
    """Self-evaluation sections of a container (部门整体支出绩效自评情况, 项目支出绩效自评表 …).

    A section starts at a short heading line naming a self-evaluation (SECTION; never a table-of-contents
    line with dot leaders).  A numbered section (十三、… / （二）…) ends at the next heading of the same or a
    higher level; an unnumbered form title (…项目绩效自评表) ends at the next 一、/（一） heading, part or
    annex; an unnumbered report title at the next part or annex.  Every section also ends where the next
    one starts, so an appended third-party 绩效评价报告 (附件) never joins the last form.
    """
    norm = view.norm
    lines, where = _logical_lines(view)
    heads: list[tuple[int, int, int]] = []  # (line index, offset, end level)
    report_level: int | None = None  # the end level of the last section headed as a whole report ('第五部分 …自评报告')
    for i, (off, body) in enumerate(lines):
        if not body or len(body) > 60:
            continue
        own_report = bool(OWN_REPORT_TITLE.search(body)) and bool(SELF_SCORED.search(norm, off, off + 3000))
        if not SECTION.search(body) and not own_report:
            lv = _line_level(body)
            if lv is None or not EVALUATION_HEADING.search(body) or not SELF_SCORED.search(norm, off, off + 800):
                continue
            if report_level is not None and lv > report_level:
                continue  # '三、部门整体支出绩效情况' inside that report: its own heading, no section of the container
        if re.search(r"[。;；]$", body) and _line_level(body) is None:  # a sentence, not a closed heading
            continue
        if _TOC_LINE.search(body) or re.search(r"目录|附件[:：]?$", body):
            continue
        level = _line_level(body)
        table = bool(re.search(r"自评表|评价表", body))
        end_level = level if level is not None else (1 if table else -1)
        if SECTION.search(body) or own_report:
            report_level = end_level if re.search(r"(?:自评|评价)报告$", body) else None
        inner = _INLINE_NUMBERED.search(body) if level is None else None
        if inner is not None and inner.start() > 0:  # '10 10 总分 3.部门整体支出绩效自评开展情况.': junk before it
            off = where(i, inner.start())
        heads.append((i, off, end_level))
    heads += _inline_heads(lines, where, {h[0] for h in heads})
    heads.sort(key=lambda h: h[1])
    parts: list[Part] = []
    for k, (i, s, end_level) in enumerate(heads):
        if k + 1 < len(heads) and heads[k + 1][0] == i:  # two heads inside one flattened line
            e = heads[k + 1][1]
            if e - s >= 40:
                parts.append(Part(s, e, view.page_index(s), 0, "section"))
            continue
        nxt = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        j = i + 1
        while j < nxt:
            lv = _line_level(lines[j][1])
            if lv is not None and lv <= end_level and not (lv == end_level and _CONCLUSION_HEAD.search(lines[j][1])):
                break  # (its conclusion under a heading of its own level, '三、评价结论', still is the section's)
            j += 1
        e = lines[j][0] if j < len(lines) else len(norm)
        if k + 1 < len(heads) and j == nxt:  # the next head inside a flattened line: what its line holds before it is ours
            e = max(e, heads[k + 1][1])
        if e - s < 40:
            continue
        parts.append(Part(s, e, view.page_index(s), 0, "section"))
    return parts


# a heading or report title inside a long line (a page whose paragraph breaks were lost):
# '…总分 3.部门整体支出绩效自评开展情况. 按照…', '…公开如下:2021年度…资金绩效自评报告一、绩效目标…'
# (after a sentence's end too, a PDF's '.' for '。' included: '…森林防火应急车2辆.3.部门整体支出绩效自评开展情况.')
_INLINE_NUMBERED = re.compile(r"(?:(?<=[\s\u4e00-\u9fff。;；])|(?<=[^\d]\.)|(?<=^))(?:\d{1,2}[.、．]|(?<![一二三四五六七八九十])[一二三四五六七八九十]+、|"
                              r"[(（][一二三四五六七八九十]+[)）])\s*(?=[^。\n]{0,12}?"
                              r"(?:" + SECTION.pattern + r"))")
_INLINE_TITLE = re.compile(r"(?<=[:：。])\s*(?=(?:20\d\d年度?)?[^。:：,，\n]{2,60}?绩效自评报告(?:[一二三四五六七八九十]、|\s))")


def _logical_lines(view: DocView) -> tuple[list[tuple[int, str]], Callable[[int, int], int]]:
    """Lines of the document as (offset, stripped text), and where(line, k): the normalised offset of the k-th
    character of a line's text. A PDF's or OFD's lines are joined across its soft wraps first (a sentence the page
    width cut is one line: its second half naming '…绩效自评报告' is no heading); other formats keep their
    lines, which are paragraphs and table rows already."""
    norm = view.norm
    if not view.fixed_layout:
        lines, pos = [], 0
        for line in norm.split("\n"):
            lines.append((pos, line.strip()))
            pos += len(line) + 1
        lead = [len(line) - len(line.lstrip()) for line in norm.split("\n")]
        return lines, lambda i, k: lines[i][0] + lead[i] + k
    maps: list[list[int]] = []
    start = 0
    for i, ch in enumerate(norm + "\n"):
        if ch == "\n" and (i >= len(norm) or i in view.hard or not soft_wrap(norm, i)):
            idx = [j for j in range(start, i) if norm[j] != "\n"]
            while idx and norm[idx[0]].isspace():
                idx.pop(0)
            while idx and norm[idx[-1]].isspace():
                idx.pop()
            maps.append(idx or [start])
            start = i + 1
    lines = [(m[0], "".join(norm[j] for j in m) if len(m) > 1 or norm[m[0]:m[0] + 1].strip() else "") for m in maps]
    return lines, lambda i, k: maps[i][min(k, len(maps[i]) - 1)]


def _inline_heads(lines: list[tuple[int, str]], where: Callable[[int, int], int],
                  taken: set[int]) -> list[tuple[int, int, int]]:
    """Heads found inside long lines (never on a line that is a head already), as (line, offset, level)."""
    out: list[tuple[int, int, int]] = []
    for i, (_off, body) in enumerate(lines):
        if i in taken or len(body) <= 60:
            continue
        for m in list(_INLINE_NUMBERED.finditer(body)) + list(_INLINE_TITLE.finditer(body)):
            if _TOC_LINE.search(body[m.start():m.start() + 80]):
                continue
            out.append((i, where(i, m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))), 1))
    return out


def classify_document(doc: ExtractedDocument, context: dict | None = None) -> Verdict:
    """The document verdict alone (segmentation + classifier), without reading fields: what the crawler asks
    of a detail page whose title the scorer could not call."""
    view = DocView.build(doc)
    seg = segment(view, context or {})
    return classify(seg.title_text, seg.head, seg.body)


def understand(doc: ExtractedDocument, context: dict | None = None) -> Understanding:
    """Classify `doc` and read one ReportRecord per self-evaluation report it holds."""
    context = dict(context or {})
    view = DocView.build(doc)
    seg = segment(view, context)
    verdict = classify(seg.title_text, seg.head, seg.body)
    result = _understand(doc, view, seg, verdict, context)
    result.page_meta = seg.meta.to_dict()
    result.scores = verdict.scores
    if result.is_self_eval and not result.reports:
        # a self-evaluation verdict always comes with a report row; content without one (a summary of the
        # unit's evaluation work) keeps its document type but is not loaded as a report
        result.is_self_eval = False
        result.reasons.append("no report row could be read: not a self-evaluation report")
    result.principal = principal_index(result.reports)
    return result


TOWNSHIP_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:乡|镇|街道)(?:人民政府|办事处)$")

PRINCIPAL_FIELDS = ("department", "fiscal_year", "expenditure_total_wan", "budget_adjusted_wan", "self_score",
                    "grade", "execution_rate_pct")


def principal_index(reports: list[ReportRecord]) -> int:
    """The document's main report: a department-overall report before project reports and forms, then the
    one stating most key values, then the first (a 决算's 部门整体 section, not one of its 90 project forms)."""
    if not reports:
        return 0

    def key(item: tuple[int, ReportRecord]) -> tuple[int, int, int, int]:
        i, r = item
        filled = sum(r.fields.get(k) is not None for k in PRINCIPAL_FIELDS)
        # among forms, the unit's 部门整体 form before its project forms (a workbook may put a project sheet first)
        title = r.fields.get("title") or ""
        unit_form = r.fields.get("report_type") == "self_eval_table" and (
            bool(re.search(r"部门|整体|单位", title)) and "项目" not in title or r.fields.get("basic_expenditure_wan") is not None)
        return (int(r.fields.get("report_type") == "department_overall"), int(unit_form), filled, -i)

    return max(enumerate(reports), key=key)[0]


def _understand(doc: ExtractedDocument, view: DocView, seg: Segments, verdict: Verdict,
                context: dict[str, Any]) -> Understanding:
    if not verdict.is_self_eval:
        return Understanding(False, "other", [], verdict.reasons)
    title = seg.title
    context["_segments"] = seg
    grids = all_grids(doc)
    if verdict.document_type == "contains_section" and verdict.report_type is None:  # (a type kept: read whole)
        reports: list[ReportRecord] = []
        notes: list[str] = []
        if title is None or not re.search(r"决算|预算", title.value) or re.match(r"第[一二三四五六七八九十]部分", title.value):
            title = _part_heading_title(view) or title  # a section's or form's title is none of the container's
        for p in _section_parts(view):
            heading = _heading_text(view, p)
            generic = bool(GENERIC_SECTION.match(fold(heading)))
            # '（二）项目支出绩效自评结果' names no project: it is the unit's own account of its spending
            rt = "department_overall" if generic else (report_type_of(fold(heading)) or "department_overall")
            rec = Builder(view, p, len(reports), verdict, rt, context, grids, None, title,
                          heading_is_title=not generic).build()
            ok, why = _is_report(view, p, rec, heading)
            if ok:
                reports.append(rec)
            else:
                notes.append(f"section '{fold(heading)[:40]}' is not a report: {why}")
        if not reports:
            notes.append("the self-evaluation content is a summary (counts, amounts, average score), "
                         "not a unit or project self-evaluation: no report row")
        return Understanding(True, "contains_section", reports, verdict.reasons + notes)
    multi_sheet = len(doc.pages) > 1 and all(p.name for p in doc.pages)
    rt = verdict.report_type or "department_overall"
    if not multi_sheet:
        split = _split_forms(view, verdict, rt, context, grids, title)
        if split is not None:
            return Understanding(True, "contains_section", split,
                                 verdict.reasons + [f"{len(split)} reports: several filled forms in one document"])
    # a page's article: related-link boxes and the site footer after it are no part of the report
    parts = _sheet_parts(view, grids) if multi_sheet else [Part(0, seg.bounds.end, 0, 0, None)]
    reports = [Builder(view, p, i, verdict, rt, context, grids, title if i == 0 else None).build()
               for i, p in enumerate(parts)]
    doc_type = verdict.document_type
    if len(reports) > 1:
        doc_type = "contains_section"
    return Understanding(True, doc_type, reports, verdict.reasons)


def _split_forms(view: DocView, verdict: Verdict, rt: str, context: dict[str, Any], grids: list[Grid],
                 title: Found | None) -> list[ReportRecord] | None:
    """A document holding two or more filled 自评表 (a PDF with one project form per page, a report with
    its 整体 and 项目 forms appended) or two or more titled reports (a page publishing each fund's 自评报告)
    yields one report per form or titled report, plus the report before the first form
    when that part states figures or a score of its own.  A list of attachment titles is no form."""
    forms: list[tuple[Part, ReportRecord]] = []
    for p in _section_parts(view):
        heading = _heading_text(view, p)
        titled = titled_report(heading)
        if not (titled or FORM_HEADING.search(heading)) or re.search(r"基础数据|共性指标|目标表|申报表", heading):
            continue
        frt = report_type_of(fold(heading)) or ("department_overall" if titled else "self_eval_table")
        rec = Builder(view, p, 0, verdict, frt, context, grids, None, title).build()
        short = p.end - p.start < 200 and not re.match(r"\d{4}", fold(heading))
        if titled and not FORM_HEADING.search(heading) and (_empty(rec) or short):
            continue  # a cover's title ('绵阳市应急管理局' / '2024年度部门整体支出绩效自评报告'), the report after it;
            # a list page's entry (a unit's title and its one-line summary) is no report either
        if _is_report(view, p, rec, heading)[0]:
            forms.append((p, rec))
    # the page's headline over the same title in the body ('2020年度部门整体支出绩效自评报告' / 来源… / the title
    # again): one report, not two
    forms = [f for i, f in enumerate(forms) if not (
        i + 1 < len(forms) and forms[i + 1][0].start - f[0].start < 300
        and _same_heading(fold(_heading_text(view, f[0])), fold(_heading_text(view, forms[i + 1][0]))))]
    titled_parts = [f for f in forms if not FORM_HEADING.search(_heading_text(view, f[0]))]
    if len(titled_parts) == 1 and forms and forms[0] is titled_parts[0]:
        forms = forms[1:]  # the document's own report heads it: the forms after it are its attachments (the lead)
    if len(forms) < 2:
        forms = []
        for p in _unit_form_parts(view, grids):
            rec = Builder(view, p, 0, verdict, "self_eval_table", context, grids, None, title).build()
            if rec.indicators or any(rec.fields.get(k) is not None for k in (*FIGURES, "self_score")):
                forms.append((p, rec))
    if len(forms) < 2:
        return None
    out: list[ReportRecord] = []
    first = forms[0][0].start
    if first > 40:
        lead = Part(0, first, 0, 0, None, bounded=True)
        rec = Builder(view, lead, 0, verdict, rt, context, grids, title).build()
        if not _empty(rec):
            out.append(rec)
    if out and any(_fragment_of(out[0], rec) for _, rec in forms):
        out = []  # the text before a 决算's 整体 form states only parts of it ('基本支出…项目支出…'): the form is the report
    for _, rec in forms:
        if not (out and _same_report(out[0], rec)):
            out.append(rec)
    if len(out) < 2:
        return None  # a report with its own form appended: one report
    for i, rec in enumerate(out):
        rec.part = i
    return out


def _last_year_is(left: str, fy: int) -> bool:
    """The last year `left` names (20xx年) is the fiscal year, or it names none."""
    years = re.findall(r"(20\d\d)\s*年", left)
    return not years or int(years[-1]) == fy


def _empty(rec: ReportRecord) -> bool:
    """A part that states nothing of a report: no figure, score, grade or indicator (a cover page)."""
    return not rec.indicators and all(rec.fields.get(k) is None for k in (*FIGURES, "self_score", "grade"))


def _same_heading(headline: str, title: str) -> bool:
    """The page's headline and the title in its body name one report: the same words, the headline perhaps with
    the unit before them ('开阳县民政局2023年度部门整体支出绩效自评表' over '2023年度部门整体支出绩效自评表')."""
    return headline == title or (len(title) >= 8 and headline.endswith(title) and looks_like_unit(headline[:-len(title)]))


def _fragment_of(lead: ReportRecord, form: ReportRecord) -> bool:
    """The lead states no total of its own, and every figure it states is the unit form's (its 基本支出 and 项目支出,
    its score): a piece of the report the form is, not a report."""
    a, b = lead.fields, form.fields
    if a.get("expenditure_total_wan") is not None or b.get("expenditure_total_wan") is None:
        return False
    if a.get("department") and b.get("department") and a["department"] != b["department"]:
        return False
    keys = ("basic_expenditure_wan", "project_expenditure_wan", "self_score", "budget_adjusted_wan", "budget_initial_wan")
    stated = [k for k in keys if a.get(k) is not None]
    return bool(stated) and all(b.get(k) is not None and same_value(a[k], b[k]) for k in stated)


def _same_report(lead: ReportRecord, form: ReportRecord) -> bool:
    """A form appended to the report it fills in (a project's report, then '附:项目支出绩效自评表' of the same
    project; a department's report whose '自评结果详见附件' is its 整体支出绩效自评表): no other unit, no figure
    that differs, and one figure the same or the form's project named in the report's title."""
    a, b = lead.fields, form.fields
    if a.get("department") and b.get("department") and a["department"] != b["department"]:
        return False  # (one project's forms of several units)
    keys = ("expenditure_total_wan", "budget_adjusted_wan", "budget_initial_wan", "self_score")
    if any(a.get(k) is not None and b.get(k) is not None and a[k] != b[k] for k in keys):
        return False  # another spending: a project's form in a department's report
    shared = any(a.get(k) is not None and a.get(k) == b.get(k) for k in keys)
    name = form.extra.get("project_name")
    named = bool(name and len(fold(name)) >= 4 and fold(name) in fold(a.get("title") or ""))
    return a.get("report_type") != "self_eval_table" and (shared or named)


def _unit_form_parts(view: DocView, grids: list[Grid]) -> list[Part]:
    """Filled forms of two or more units, each headed by nothing but its unit's name and year (a county's file of
    its townships' 部门整体支出绩效自评表): a part per form, from the lines above its grid that name it.  The forms'
    own unit cells ('|预算部门、单位名称|某镇人民政府|') tell them apart; a form the page broke into two grids
    keeps one unit, and a unit named again after another's form makes no split."""
    runs: list[tuple[int, str]] = []
    for g in grids:
        pos = grid_position(view, g)
        unit = next((fold(str(tv.value)) for tv in read_label_cells(view, g) if tv.field == "department"), None)
        if pos is None or unit is None or (runs and runs[-1][1] == unit):
            continue
        runs.append((pos, unit))
    if len(runs) < 2 or len({u for _, u in runs}) != len(runs):
        return []
    starts = [_form_head(view.norm, pos, unit) for pos, unit in sorted(runs)]
    ends = starts[1:] + [len(view.norm)]
    return [Part(s, e, view.page_of[s] if s < len(view.page_of) else 0, bounded=True)
            for s, e in zip(starts, ends, strict=True)]


def _form_head(norm: str, pos: int, unit: str) -> int:
    """Start of the lines right above a form's grid that head it (its unit's name, its year line)."""
    start = pos
    for _ in range(3):
        k = norm.rfind("\n", 0, max(0, start - 1))
        line = norm[k + 1:start].strip()
        if not line or not (unit in fold(line) or re.fullmatch(r"[(（]?\s*20\d\d\s*年度?\s*[)）]?", line)):
            break
        start = k + 1
    return start


def heading_end(norm: str, start: int, stop: int) -> int | None:
    """End of the heading at `start`: its line, or, for a head inside a flattened line, its noun
    ('…自评报告一、…', '…自评开展情况. 按照…'); None for a long line with no such end."""
    e = norm.find("\n", start)
    e = e if e > 0 else stop
    line = norm[start:e]
    cut = re.search(r"(?:报告|情况|结果|自评表|评价表)(?=[。.．:：\s]|[一二三四五六七八九十]、|$)", line[:80])
    if len(line) > 60 and cut is None:
        return None
    if cut is not None and len(line) - cut.end() > 3:
        return start + cut.end()
    return e


def _heading_text(view: DocView, p: Part) -> str:
    e = heading_end(view.norm, p.start, p.end)
    return view.norm[p.start:e if e is not None else min(p.end, p.start + 60)]


# a section headed by a form's title ('项目支出绩效自评表'), one of the document's forms
FORM_HEADING = re.compile(r"自评表|评价表")
# a section headed by a report's own title ('2021年度…资金转移支付绩效自评报告'), one of a package
TITLED_REPORT = re.compile(r"^(?P<unit>[\u4e00-\u9fff()]{2,30}?)?\d{4}年度?[^。]{2,60}?自评(?:情况)?报告$")


def titled_report(heading: str) -> bool:
    """A report's own title heading its part in a package of several: year first ('2021年度…资金转移支付绩效
    自评报告'), or its unit's name first ('沅陵县民政局2023年度部门整体支出绩效自评报告')."""
    m = TITLED_REPORT.search(fold(heading))
    return m is not None and (m.group("unit") is None or looks_like_unit(m.group("unit")))

# a numbered section heading that names no unit or project: no report title, and the unit's own report
GENERIC_SECTION = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.]|\d+[、.])\s*"
    r"(?:部门整体支出|项目支出|整体支出|部门|预算)?绩效(?:自评|自评价)(?:开展|工作)?(?:情况|结果)(?:说明)?[。]?$"
)

FIGURES = ("budget_initial_wan", "budget_adjusted_wan", "expenditure_total_wan", "basic_expenditure_wan",
           "project_expenditure_wan")


def _is_report(view: DocView, p: Part, r: ReportRecord, heading: str) -> tuple[bool, str]:
    """Whether a container section is one unit's or one project's self-evaluation (a report row) rather
    than a summary of the unit's evaluation work (X个项目开展自评, 涉及资金, 平均得分) or a listing of
    several projects' results."""
    f = r.fields
    form = bool(FORM_HEADING.search(heading))
    has_fig = any(f.get(k) is not None for k in FIGURES)
    scored = f.get("self_score") is not None or f.get("grade") is not None
    if form:
        if r.indicators or has_fig or scored:
            return True, ""
        return False, "form without figures, indicators or score"
    if titled_report(heading) and not _SUMMARY.search(fold(heading)):
        return True, ""  # a titled report ('2021年度…资金转移支付绩效自评报告') in a package of several
    if any(w.get("code") == "AMB-01" and w.get("message", "").startswith("self_score") for w in r.warnings):
        return False, "several different scores (a listing of projects' results)"
    if not scored:
        # a section stating the unit's own budget and spending (年初预算…调整预算…全年执行数) is its
        # department-level self-evaluation even without a score; one amount alone is a summary
        if sum(f.get(k) is not None for k in FIGURES) >= 2:
            return True, ""
        return False, "no self-evaluation score or grade, and not the unit's budget and spending"
    ev = r.evidence.get("self_score") or r.evidence.get("grade")
    if ev is not None and ev.snippet:
        raw = view.doc.pages[ev.page - 1].text or ""
        # the clause stating the score: '…涉及预算金额…万元，平均得分99.33分' is a summary; '组织对12个项目开展
        # 绩效自评，部门整体自评得分96分' states the unit's own score
        clause = re.split(r"[。；;，,]", fold(raw[max(0, ev.start - 80):ev.start]))[-1] + fold(ev.snippet)
        if _SUMMARY.search(clause):
            return False, "the score is an average over evaluated projects"
    return True, ""


__all__ = ["understand", "grade_band", "Indicator"]
