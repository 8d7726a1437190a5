"""Is this document a 绩效自评, and of which kind?

Look-alikes that are not self-evaluations (fields.md, README §2): 绩效目标表 /
申报表 (targets before the year), 部门预算/决算 without a self-evaluation
section, third-party or finance-bureau evaluations (第三方, 会计师事务所,
财政重点评价), news about evaluation work, notices asking units to evaluate,
and result lists covering many units.  The title decides first; the opening
of the body (cover, first paragraph) confirms or overrides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NOTICE = re.compile(r"(?:通知|通告|公告|的函|意见|办法|细则|方案|规程|指引|指南)$|^关于(?!.*(?:自评报告|自评表|自评情况))")
NEWS = re.compile(r"召开|举办|举行|培训|部署|推进会|座谈|调研|督导|检查组|圆满|顺利|启动|动员|会议|开展.*工作$|扎实|积极|全力|"
                  r"深入|有序推进|完成.*工作$|专题|宣讲")
RESULT_LIST = re.compile(r"(?:结果|得分|等级).{0,6}(?:公示|公告|通报|汇总|一览|排名|统计)|汇总表$|情况汇总|结果的通报|名单")
TARGET_TABLE = re.compile(r"绩效目标(?:申报)?表|目标申报表|申报表|绩效目标(?:公开|批复)|绩效目标$|整体绩效目标|项目绩效目标")
THIRD_PARTY_TITLE = re.compile(
    r"第三方|重点(?:绩效)?评价|财政(?:项目支出|支出)?(?:绩效)?评价|再评价|评价结果报告|事务所|咨询(?!中心|委员会|服务中心)|"
    r"审计(?!局|厅|署|委|办|中心|处|科|室|所)|核查|抽查|复核"
)
THIRD_PARTY_BODY = re.compile(
    r"会计师事务所|(?:咨询|评估|评价|管理)(?:有限|股份)?(?:责任)?公司|事务所有限|受[^。]{2,30}委托[^。]{0,30}(?:评价|评估)|"
    r"第三方(?:机构|评价机构)|"
    r"上会[\u4e00-\u9fff]{1,2}报字|评价机构[:：](?!部门|单位|本)[^\n]{0,20}(?:公司|事务所)|财政(?:局|厅)(?:组织|委托)[^。]{0,20}评价|"
    r"重点(?:绩效)?评价(?:报告|工作)"
)
BUDGET_DOC = re.compile(r"(?:部门|单位)?(?:预算|决算)(?:公开|说明|报告|情况说明|信息公开)?$|(?:预算|决算)(?:公开|编制说明)|(?:预|决)算表$")
SELF = re.compile(r"自评|自查|自我评价")
SECTION = re.compile(
    r"(?:部门整体支出|项目支出|整体支出|部门)?绩效自评(?:情况|报告|表|结果)|(?:部门整体|项目)支出绩效(?:自评|评价)表|预算绩效情况(?:的)?说明"
)


@dataclass
class Verdict:
    is_self_eval: bool
    document_type: str
    report_type: str | None
    reasons: list[str] = field(default_factory=list)


def report_type_of(title: str) -> str | None:
    """Report kind named by a title, or None."""
    t = title
    if re.search(r"自评表|评价表|自评汇总表", t) and not re.search(r"报告", t):
        return "self_eval_table"
    if re.search(r"项目|专项资金|专项经费|资金(?:绩效)?自评|经费(?:绩效)?自评|补助资金|转移支付", t) and not re.search(
            r"部门整体|整体支出|单位整体", t):
        return "project"
    if re.search(r"部门|整体|单位|预算绩效|绩效自评|自评报告", t):
        return "department_overall"
    return None


def classify(title: str, head: str, body: str) -> Verdict:
    """Verdict from the folded title, the folded opening (~1500 chars) and the folded body."""
    reasons: list[str] = []
    t = title or ""
    self_in_title = bool(SELF.search(t)) and not COLUMN_TITLE.match(t)
    if is_listing(body):
        return Verdict(False, "other", None, ["list or portal page (many dated link lines, little prose)"])
    if t and NOTICE.search(t) and not re.search(r"自评报告|自评表", t):
        return Verdict(False, "other", None, [f"title is a notice: {t}"])
    if t and RESULT_LIST.search(t):
        return Verdict(False, "other", None, [f"title is a result list: {t}"])
    if t and not re.search(r"报告|自评表|评价表|说明|情况$", t) and NEWS.search(t):
        return Verdict(False, "other", None, [f"title reads as news: {t}"])
    if t and TARGET_TABLE.search(t) and not self_in_title:
        return Verdict(False, "other", None, [f"title is a target/application form: {t}"])
    if t and THIRD_PARTY_TITLE.search(t) and not self_in_title:
        return Verdict(False, "other", None, [f"title names a third-party / finance evaluation: {t}"])
    budget_doc = bool(t and BUDGET_DOC.search(t)) or (
        not self_in_title and bool(BUDGET_HEAD.search(head[:400])) and not _has_self_eval_content(head))
    if not self_in_title and not budget_doc and THIRD_PARTY_BODY.search(head):
        return Verdict(False, "other", None, ["opening names an external evaluator"])
    if self_in_title:
        rt = report_type_of(t) or _type_from_body(body) or "department_overall"
        reasons.append(f"title says self-evaluation ({rt})")
        return Verdict(True, rt, rt, reasons)
    if budget_doc:
        if SECTION.search(body) and _has_self_eval_content(body):
            return Verdict(True, "contains_section", None, ["budget/final-accounts document with a self-evaluation section"])
        m = SELF_RESULTS.search(body)
        if m:
            return Verdict(True, "contains_section", None,
                           [f"budget/final-accounts document reporting self-evaluation results: {m.group(0)[:60]}"])
        return Verdict(False, "other", None, [f"budget/final-accounts document without self-evaluation: {t}"])
    # no title verdict: use the body
    if _has_self_eval_content(head + body[:6000]) and SELF.search(head + body[:3000]):
        rt = _type_from_body(body) or "department_overall"
        if re.search(r"自评表", head[:200]) and not re.search(r"报告", head[:200]):
            rt = "self_eval_table"
        return Verdict(True, rt, rt, ["body reads as a self-evaluation"])
    return Verdict(False, "other", None, ["no self-evaluation signal"])


COLUMN_TITLE = re.compile(  # a portal column name ('绩效自评', '预算绩效自评公开'), not a report title
    r"^(?:部门|项目|整体|预算|财政|支出|单位)*绩效(?:自评|自评价)(?:报告|结果|公开|信息|专栏|情况)?(?:公开)?$"
)
BUDGET_HEAD = re.compile(r"(?:部门|单位)(?:综合)?(?:预算|决算)(?:公开)?(?:\n|目录|$)|(?:预|决)算\d{2}表")
SELF_RESULTS = re.compile(
    r"自评[^。;]{0,150}?(?:平均得分|自评得分|得分|评分|评级|等级|等次)(?:为|是|:|达)?[“\"]?(?:\d|XX|X|优|良|中|差)"
)
_DATED = re.compile(r"(?:^|[^\d])20\d\d[-./]\d{1,2}[-./]\d{1,2}\s*$|^\s*20\d\d[-./]\d{1,2}[-./]\d{1,2}|"
                    r"^\s*\d{2}-\d{2}(?:\s|$)|[^\d]\d{2}-\d{2}\s*$")


def is_listing(text: str) -> bool:
    """A list / column / home page: many short lines carrying a date, and little running prose."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    dated = sum(1 for ln in lines if len(ln) <= 100 and _DATED.search(ln))
    prose = sum(len(ln) for ln in lines if len(ln) >= 30 and "。" in ln)
    if not (dated >= 6 and dated >= 0.15 * len(lines) and prose < 1500):
        return False
    # an article page with a 'related links' box: the article states a score, or its figures
    if re.search(r"(?:得分|评分|总分|综合得)(?:为|是|:)?\d{2}", text):
        return False
    return sum(ln.count("万元") for ln in lines if len(ln) >= 30) < 3


def _has_self_eval_content(text: str) -> bool:
    """A self-evaluation states a score or grade for the evaluated unit, or is a filled 自评表 grid (an
    indicator grid with actual values or scores; a 绩效目标表 has 三级指标 and 指标值 only)."""
    if re.search(r"(?:自评|综合|评价|自查)(?:得分|评分|总分)|(?:自评|综合)得\d|评分为\d|评价(?:等级|等次|结论)|"
                 r"绩效自评(?:综合)?得分", text):
        return True
    return bool(re.search(r"三级指标", text) and re.search(r"实际完成值|实际完成情况|完成值|全年实际值|自评得分|得分", text))


def _type_from_body(body: str) -> str | None:
    if re.search(r"部门整体支出|整体支出绩效|单位整体支出", body[:4000]):
        return "department_overall"
    if re.search(r"项目(?:支出)?绩效自评|项目概况|项目名称", body[:3000]):
        return "project"
    return None
