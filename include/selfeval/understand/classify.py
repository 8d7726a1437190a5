"""Is this document a 绩效自评, and of which kind?  One scorer for documents and list titles.

A small linear model (multinomial logistic regression, trained by `selfeval classifier train` on the
realset dev split plus the labelled cases, shipped as `data/classifier.json`) scores five classes:
department_overall, project, self_eval_table, contains_section, other.  Its inputs are

* character n-grams of the title (`T:`) and of the opening of the article (`H:`), folded (traditional
  characters simplified, full-width folded), so wording the rules never listed still counts;
* explicit rule signals (`R:`) that encode what the domain notes say separates a self-evaluation from its
  look-alikes: who evaluated (the unit itself, 评价方式：部门(单位)绩效自评, vs a 会计师事务所 or the finance
  bureau), what the text is (news, notice, result list, 绩效目标表, budget/final accounts), and whether it
  states results (a score or grade, a filled indicator grid).

The verdict keeps its top signals as reasons.  The crawler's list-title relevance (`score_title`) is the
same model on a title alone (the model is trained on title-only copies too), so the project has one
notion of "is this a report".
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from selfeval.textnorm import DOC_EXT, fold, to_simplified

from .fields import looks_like_unit, without_trailer
from .vocabulary import BOXES, BRACKETED_PROJECT_NAME, TICKS

CLASSES = ("department_overall", "project", "self_eval_table", "contains_section", "other")
MODEL_PATH = Path(__file__).with_name("data") / "classifier.json"
HEAD_CHARS = 1500

# --- rule signals -------------------------------------------------------------------------------------

NOTICE = re.compile(r"(?:通知|通告|(?:催报|催办|督办|提醒)函|(?<!自评报告)(?<!评价报告)(?<!自评表)(?<!报告的)(?<!自评表的)(?<!自评情况的)公告|的函|意见|办法|细则|方案|规程|指引|指南|规定|制度|解读|问答)$|^关于(?!.*(?:自评[^,，。]{0,8}(?:报告|汇报)|自评表|自评情况|评价[^,，。]{0,6}报告|自评结果))")
NEWS = re.compile(r"评审会|通过[^。]{0,12}?(?:审核|评审|验收)|(?:完成|开展|启动|组织)[^。,，]{0,30}?自评$|召开|举办|举行|培训|部署|推进会|座谈|调研|督导|检查组|圆满|顺利|启动|动员|会议|开展.*工作$|扎实|积极|全力|"
                  r"深入|有序推进|完成.*工作$|专题|宣讲|走访|见面会|获评|荣获|"
                  r"(?:开展|组织|完成)[^,，。]{0,30}?(?:填报|培训|活动|行动)")  # '某区开展…绩效自评“一体化”系统填报'
RESULT_LIST = re.compile(r"(?:结果|得分|等级).{0,6}(?:公示|公告|通报|汇总|一览|排名|统计)|汇总表$|情况汇总|结果的通报|名单|"
                         # '某县2022年度县级部门整体支出绩效自评结果公开': the results of a level's units, not one unit's
                         r"(?:县|市|区|省|州|旗)级(?:各)?(?:部门|单位|预算单位)[^。]{0,20}?(?:自评|评价)结果")
TARGET_TABLE = re.compile(r"绩效目标(?:申报)?表|目标申报表|申报表|绩效目标(?:公开|批复)|绩效目标$|整体绩效目标|项目绩效目标")
THIRD_PARTY_TITLE = re.compile(
    r"第三方|重点(?:项目|专项|支出|资金)?(?:绩效)?评价|财政(?:局|厅)关于(?!.*自评)[^。]{0,60}?绩效评价|财政(?:项目支出|支出)?(?:绩效)?评价|再评价|评价结果报告|事务所|咨询(?!中心|委员会|服务中心)|"
    r"审计(?!局|厅|署|委|办|中心|处|科|室|所)|核查|抽查|复核|监控|整改|财驻[\u4e00-\u9fff]{1,2}监"
)
THIRD_PARTY_BODY = re.compile(
    r"会计师事务所|(?:咨询|评估|评价|(?<!资本)(?<!资产)(?<!投资)(?<!物业)(?<!运营)管理)(?:有限|股份)?(?:责任)?公司|事务所有限|受[^。]{2,30}(?:委托|委派)[^。]{0,60}(?:评价|评估)|"
    # a firm speaking for itself: '根据与某县财政局签订的服务协议，我公司组成评价组，对…开展了绩效评价'
    r"我公司[^。]{0,30}?(?:评价|评估)|主任会计师|(?:签字)?注册会计师[:：]|签订的[^。]{0,10}?(?:服务)?(?:协议|合同)[^。]{0,40}?(?:评价|评估)|"
    r"我们接受[^。]{0,12}委托|接受贵(?:单位|局|委|院|中心|部门)[^。]{0,6}委托|"
    # an expert panel reporting to the bureau that set it to work: '按照贵局安排，评价专家组对某局…开展了绩效评价'
    r"按照贵(?:局|厅|委)(?:的)?(?:安排|部署|要求)|(?:评价|评审)?专家组对[^。]{2,40}?(?:开展|进行)了?[^。]{0,6}?评价|"
    r"(?<!未委托)(?<!是否委托)第三方(?:中介)?(?:机构|评价机构)(?![^\n。]{0,3}[:：]\s*(?:否|无))|上会[\u4e00-\u9fff]{1,2}报字|评价机构[:](?!部门|单位|本)[^\n]{0,20}(?:公司|事务所)|"
    r"财政(?:局|厅)?(?:组织|委托)[^。]{0,20}评价|重点(?:绩效)?评价(?:报告|工作)|财政评价(?:得分|结果为|等级)|"
    # a team evaluating the unit from outside: '评价组对县教育局2023年度学前教育发展资金开展了绩效评价' (never '…评价小组对我局…')
    r"(?:^|[。,，\n])(?:(?![我本])[^。,，\n]){0,12}?评价(?:工作)?(?:小)?组对(?![^。]{0,4}(?:我|本))[^。]{2,40}?(?:开展|进行)了?[^。]{0,6}?(?:绩效)?评价|"
    # a cover naming another evaluator: '评价方式:财政评价' (a box ticked so: ticked_choices), '评价机构:某县财政局',
    # '某县财政局组织专家组对某局2023年度部门整体支出进行了绩效评价'
    r"评价(?:方式|类型)[:：]?\s*(?:财政(?:部门)?(?:组织)?评价|部门评价|第三方评价|中介机构评价)(?![^\n]{0,20}自评)|"
    # the Hunan cover's boxes ticked for another organiser or evaluator: '组织方式:财政部门☑', '评价机构:中介机构☑'
    r"组织方式[:：]?\s*财政部门☑|评价机构[:：]?\s*中介机构☑|"
    r"评价(?:机构|单位)[:：]?\s*[^\n。]{0,20}财政(?:局|厅)(?![^\n]{0,10}(?:自评|整体支出))|"
    r"财政(?:局|厅)组织[^。]{0,40}?对[^。]{0,60}?(?:进行|开展)了?[^。]{0,6}?(?:绩效)?评价|"
    # the finance bureau as the subject: '某区财政局根据《…办法》,对2019-2021年道路保洁项目开展重点绩效评价'
    r"财政(?:局|厅)(?:根据|按照|依据)[^。]{0,60}?对[^。]{0,60}?(?:开展|进行|实施)了?重点(?:绩效)?评价|"
    # the Ministry of Finance's regional office (专员办, since 2019 监管局) evaluating a province's transfer funds
    r"(?:专员办|监察专员办事处|财政部[\u4e00-\u9fff]{2,12}监管局)(?:[^。]{0,60}(?:开展|进行)[^。]{0,6}(?:了)?(?:绩效)?评价|"
    r"关于[^。\n]{0,60}评价的报告)"
)
SELF_CONDUCTED = re.compile(r"评价方式[:]?\n?(?:部门|单位|部门\(单位\))?(?:绩效)?自评|评价(?:机构|单位)[:]?\n?(?:部门|单位|本)"
                            r"|我(?:单位|局|部门|委|中心|镇|乡|院|校|办)[^。]{0,20}(?:开展|进行|组织)[^。]{0,10}自评|自评工作|开展了?自评|"
                            r"绩效自评")
BUDGET_DOC = re.compile(r"(?:部门|单位)?(?:预算|决算)(?:公开|说明|报告|情况说明|信息公开)?$|(?:预算|决算)(?:公开|编制说明)|(?:预|决)算表$")
BUDGET_HEAD = re.compile(r"(?:部门|单位)(?:综合)?(?:预算|决算)(?:公开)?(?:\n|目录|$)|(?:预|决)算\d{2}表|收入支出(?:决算|预算)总表|"
                         # the template's parts ('第二部分 2021年度部门决算情况说明'), in its table of contents or headings
                         r"第[一二三四五六七八九十]部分[:]?\s*(?:[^\n第]{0,30}?20\d\d\s*年度?)?\s*(?:部门\(单位\)|部门|单位)?\s*(?:决算|预算)"
                         r"(?:情况说明|报表|表|公开)")
SELF = re.compile(r"自评|自查|自我评价")
BUDGET_BODY = re.compile(r"预算收支增减变化|收支预算(?:总)?表|预算(?:编制|安排)(?:情况)?说明|政府采购预算情况|机关运行经费预算|"
                         r"“三公”经费(?:财政拨款)?预算(?:情况)?说明")
SECTION = re.compile(
    r"(?:部门整体支出|项目支出|整体支出|部门)?绩效自评(?:开展|工作)?(?:情况|报告|表|结果)|(?:部门整体|项目)支出绩效(?:自评|评价)表|预算绩效情况(?:的)?说明|"
    r"(?<![、,，])部门绩效评价结果"  # Sichuan's 决算 template: '2.部门绩效评价结果 / 本单位按要求对…开展自评…'
)
SCORE_STATED = re.compile(r"(?:自评|综合|评价|自查)(?:得分|评分|总分)|(?:自评|综合)得\d|评分为\d|评价(?:等级|等次|结论)|"
                          r"绩效自评(?:综合)?得分|总分")
GRID = re.compile(r"三级指标")
GRID_ACTUAL = re.compile(r"实际完成值|实际完成情况|完成值|全年实际值|自评得分|得分")
BUDGET_BLOCK = re.compile(r"年初预算数|全年预算数|全年执行数|预算执行率|执行率")
TYPE_DEPT = re.compile(r"部门整体|整体支出|单位整体|部门预算绩效|整体绩效")
TYPE_PROJECT = re.compile(r"项目|专项资金|专项经费|资金(?:绩效)?自评|经费(?:绩效)?自评|补助资金|补贴资金|转移支付|衔接资金|直达资金|国债")
TYPE_TABLE = re.compile(r"自评表|评价表|自评汇总表")
COLUMN_TITLE = re.compile(  # a portal column name ('绩效自评', '预算绩效自评公开'), not a report title
    r"^(?:部门|项目|整体|预算|财政|支出|单位)*绩效(?:自评|自评价)(?:报告|结果|公开|信息|专栏|情况)?(?:公开)?$"
)
_DATED = re.compile(r"(?:^|[^\d])20\d\d[-./]\d{1,2}[-./]\d{1,2}\s*$|^\s*20\d\d[-./]\d{1,2}[-./]\d{1,2}|"
                    r"^\s*\d{2}-\d{2}(?:\s|$)|[^\d]\d{2}-\d{2}\s*$")


def is_listing(text: str) -> bool:
    """A list / column / home page: many short lines carrying a date, and little running prose."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    dated = sum(1 for ln in lines if len(ln) <= 100 and _DATED.search(ln))
    # a list's or search page's snippet of each item ('…全年支出合计1342.50万元,自评得分95分……') is no prose of the page
    own = without_snippets("\n".join(lines)).split("\n")
    prose = sum(len(ln) for ln in own if len(ln) >= 30 and "。" in ln)
    if not ((dated >= 6 and dated >= 0.15 * len(lines)) or _dated_report_items(lines) >= 2) or prose >= 1500:
        return False
    if re.search(r"(?:得分|评分|总分|综合得)(?:为|是|:)?\d{2}", "\n".join(own)):
        return False
    return sum(ln.count("万元") for ln in own if len(ln) >= 30) < 3


_ITEM_TITLE = re.compile(r"^[^。:]{6,80}(?:自评报告|评价报告|自评表|绩效报告)$")


def _dated_report_items(lines: list[str]) -> int:
    """How many distinct report titles each have a date within the next three lines (a search or list page of two
    or three items: title, its snippet, '发布时间:2024-06-20')."""
    items = {ln for i, ln in enumerate(lines) if _ITEM_TITLE.match(ln)
             and any(len(x) <= 40 and _DATED.search(x) for x in lines[i + 1:i + 4])}
    return len(items)


_SNIPPET = re.compile(r"(?:……|…|\.{3,})\s*(?:20\d\d[-./]\d{1,2}[-./]\d{1,2})?$|^(?:……|…|\.{3,})")  # (its date may follow)


def without_snippets(text: str) -> str:
    """The text less its items' snippets (lines a list or search page cuts off with '……')."""
    return "\n".join(ln for ln in text.split("\n") if not _SNIPPET.search(ln.strip()))


RULE_WEIGHT = 3.0  # rule signals count three n-grams' worth under the same regularisation (few examples)


_OWN_REPORT_NOUN = re.compile(r"(?:绩效)?自评(?:报告|表|情况|结果)")
_NAME_WORD = re.compile(r"项目|资金|经费|工程|专项|中心|系统|平台|建设|服务|设备|站|所|队")


def _lookalike_word(pattern: re.Pattern[str], t: str) -> bool:
    """A look-alike's word in the title, unless it sits in the name of the project or unit the title's own
    self-evaluation is about ('…公共安全视频监控建设项目绩效自评报告', '…审计业务经费绩效自评报告', '森林防火监控中心…')."""
    own = _OWN_REPORT_NOUN.search(t)
    for m in pattern.finditer(t):
        if not (own and m.end() <= own.start() and _NAME_WORD.search(t, m.end(), own.start())):
            return True
    return False


_TRAILING_NAME = re.compile(r"(?<=报告)" + BRACKETED_PROJECT_NAME + "$")


def _sans_name(t: str) -> str:
    """The title without the project's name printed after its report noun ('…自评报告(领导小组会议经费项目)'): a
    news word in the name ('会议') is the project's, not a headline's."""
    return _TRAILING_NAME.sub("", t)


def _monitoring_title(t: str) -> bool:
    """A monitoring report's title: a monitoring word outside the project's name, or an in-year period."""
    return _lookalike_word(MONITORING, t) or bool(MID_YEAR.search(t))


def title_signals(t: str) -> dict[str, float]:
    """Signals a title alone carries (also what a crawler sees on a list page)."""
    if not t:
        return {"R:no_title": 1.0}
    s: dict[str, float] = {}
    self_in = bool(SELF.search(t)) and not COLUMN_TITLE.match(t)
    flags = {
        "t_self": self_in, "t_column": bool(COLUMN_TITLE.match(t)), "t_notice": bool(NOTICE.search(t)),
        # (a report's own title may name a meeting's subject; a headline about a report does not end with it:
        # '…自评报告评审会', '…自评报告通过县财政局审核')
        "t_news": bool(NEWS.search(_sans_name(t))) and not re.search(r"(?:报告|自评表|评价表|说明|情况)(?:[(（][^()（）]{0,12}[)）])?$", t),
        "t_result_list": bool(RESULT_LIST.search(t)), "t_target": bool(TARGET_TABLE.search(t)),
        "t_third_party": _lookalike_word(THIRD_PARTY_TITLE, t), "t_budget_doc": bool(BUDGET_DOC.search(t)),
        "t_report": bool(re.search(r"报告$|报告[(（]|报告书", t)), "t_table": bool(TYPE_TABLE.search(t)),
        "t_dept": bool(TYPE_DEPT.search(t)), "t_project": bool(TYPE_PROJECT.search(t)),
        "t_eval": bool(re.search(r"绩效评价|评价报告|绩效情况|评价结果", t)),
        "t_monitoring": _monitoring_title(t),
        "t_year": bool(re.search(r"20\d\d", t)),
    }
    for k, v in flags.items():
        if v:
            s["R:" + k] = RULE_WEIGHT
    return s


SELF_REPORTING = re.compile(
    r"自我评价|自评工作|(?:开展|进行|组织)(?:了)?[^。]{0,30}?(?:绩效)?自评|自评(?:情况|结果)(?:报告)?如下|自评报告如下|"
    r"评价方式[:]?\n?(?:部门|单位|部门\(单位\))?(?:绩效)?自评|单位自评|部门自评|自评结论|自评得分|自评分|自评等级|自评表"
)
# the outline of MOF's transfer-payment self-evaluation template and of department self-evaluation reports
SELF_EVAL_OUTLINE = re.compile(
    r"绩效目标分解下达情况|绩效目标完成情况分析|偏离绩效目标的原因和下一步改进措施|绩效自评结果拟应用和公开情况|"
    r"部门整体支出绩效情况|部门\(单位\)基本情况|整体支出绩效自评|自评得分情况|自评结论"
)
MONITORING = re.compile(r"绩效监控|运行监控|监控情况|监控报告|中期评估|事前绩效评估|绩效目标申报|目标申报")
# a title of an in-year account ('2024年上半年预算执行及绩效目标完成情况报告'): monitoring, not the year's evaluation
MID_YEAR = re.compile(r"上半年|前三季度|1-6月|1—6月|半年度")
# the finance bureau's yearly assessment of how a unit ran its performance management (预算绩效管理考核): a
# self-assessment for it scores the unit's management work, not its spending
WORK_ASSESSMENT = re.compile(r"绩效管理(?:工作)?(?:考核|考评)|管理工作(?:考核|考评)")
REPORT_WITH_FORMS = re.compile(r"(?:报告|情况)(?:及|和|与|、|暨)(?:其)?(?:附表|(?:绩效)?自评表)$")
# a cover form's 评价类型 with 事前评价 ticked (a Wingdings tick survives as 'R'): an ex-ante evaluation of a plan
EX_ANTE_TICKED = re.compile(r"事前(?:绩效)?评(?:价|估)\s*[R☑√✓■▣✔]")
# the finance bureau's spot-check or review of units' self-evaluations ('…扶贫项目绩效自评抽查报告')
REVIEW_TITLE = re.compile(r"自评[^。]{0,4}(?:抽查|复核|核查)|自评(?:报告)?质量(?:评价|评估|评审|检查)|(?:抽查|复核|核查)[^。]{0,6}(?:报告|情况|结果|通报)")
# a blank form or writing guide published for units to fill ('部门整体支出绩效自评报告(参考格式)')
TEMPLATE_TITLE = re.compile(r"参考格式|参考模板|模板|范本|样表|样例|编写提纲|撰写提纲|参考提纲|格式文本|填报说明|填写(?:说明|口径|指南)|"
                            r"报告体例$|编写体例|"
                            r"怎样写|如何写|写好|(?:撰写|编写|写作)(?:要点|技巧|指南|方法)|业务辅导|培训课件")
# an essay site's collection of samples: '(通用13篇)', '…自评报告5篇', '下面是小编整理的…', '范文网'
# (the blurb alone, '以下是小编整理的…', may introduce one unit's real report the site copied: only with the
# samples' placeholders, '20xx年', does it mark one)
ESSAY_COLLECTION = re.compile(r"[(（](?:通用|精选|优选|热门|最新|推荐|优秀)?\s*\d{1,3}\s*篇[)）]|报告\s*\d{1,3}\s*篇(?:\s|$)|"
                              r"范文网|范文(?:大全|精选)|小编(?:整理|收集|精心|为大家|给大家)(?=[\s\S]{0,1500}?20[xX×]{2})")
# a guide's worked example inside its text ('【示例】"某县民政局2022年度…'): a sample, not a report
GUIDE_EXAMPLE = re.compile(r"【[^】\n]{0,20}(?:示例|范例|例文|样例)】|(?:^|\n)\s*(?:示例|范例)[:：]|下面以某[县市区省]|填写样例|"
                           r"示例说明")  # ('【项目支出绩效自评表填写样例】…二、示例说明(简化版)')
# what a redirect or frameset page says instead of an article ('页面正在跳转…请点击这里', '您的浏览器不支持框架')
STUB_PAGE = re.compile(r"正在跳转|自动跳转|不支持框架|frameset|请点击这里|点击这里(?:跳转|进入|访问)|页面已(?:迁移|转移)", re.I)
# a verification page a portal serves a crawler instead of the article (its title may still name the report)
CHALLENGE = re.compile(r"访问验证|安全验证|人机验证|验证码|访问过于频繁|访问频率过高|请(?:开启|启用)\s*JavaScript|浏览器安全检查|"
                       r"正在(?:检查|验证)您的|请求ID|拦截时间|请完成(?:下方)?(?:安全)?验证|滑动(?:滑块|验证)", re.I)
# the finance bureau's account of a whole region's self-evaluations ('全市85个预算单位…开展了绩效自评')
AGGREGATE = re.compile(r"全(?:市|县|区|省|州|旗|盟)[^。\n]{0,6}?\d+(?:个|家)[^。\n]{0,8}?(?:单位|部门)[^。\n]{0,30}?(?:开展|进行|完成)"
                       r"[^。\n]{0,20}?自评|"
                       # '数据来源:各预算单位报送自评表,经县财政局汇总': the bureau's compilation of the units' forms
                       r"各(?:预算|县直|市直|区直|相关)?(?:单位|部门)[^。\n]{0,12}?(?:报送|上报|提交)[^。\n]{0,20}?汇总|"
                       r"经[^。\n]{0,10}(?:财政局|财政厅)[^。\n]{0,4}汇总")
NEWS_LEDE = re.compile(r"^(?:[^\n]{0,20})?(?:\d{1,2}月\d{1,2}日|近日|日前|近期|本报讯|记者)")
# the words only a notice writes ('通知如下', '请各单位…', '现印发给你们')
NOTICE_WORDS = r"通知如下|请(?:各|你)|特此通知|现(?:予|将)?印发"
NOTICE_HEAD = re.compile(r"^(?:各[\u4e00-\u9fff、]{1,30}[:,]|[\u4e00-\u9fff]{2,20}(?:局|委|厅|办|政府)[、,][^\n]{0,40}:)|"
                         + NOTICE_WORDS + r"|现就[^。]{0,20}通知|请于\d{1,2}月\d{1,2}日前|"
                         # a line of several addressees: '长沙市、衡阳市、株洲市…发展改革委:'
                         r"(?:^|\n)[\u4e00-\u9fff]{2,20}[、,][\u4e00-\u9fff、,]{2,120}(?:局|委|厅|办|政府|单位|部门)[:：]\s*(?:\n|$)")


_REPORTS_UP = re.compile(r"(?:报告|汇报)如下")


def notice_head(head: str) -> bool:
    """A notice's opening: its addressees ('各乡镇、各部门:') or its words (通知如下, 请各…) — but never a unit's
    report to its superiors, addressed the same way ('省供销社、省财政厅:' / '…现将…情况汇报如下')."""
    m = NOTICE_HEAD.search(head[:300])
    if m is None:
        return False
    return not (m.group(0).rstrip().endswith((":", "：")) and _REPORTS_UP.search(head[:400])
                and not re.search(NOTICE_WORDS, head[:400]))


def _unwrapped(text: str) -> str:
    """Lines a narrow layout wrapped inside a word joined again ('评价机构：湖南某会计师事' / '务所有限公司')."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])", "", text)


def _third_party_named(head: str) -> bool:
    """An evaluator other than the unit named in the opening, also across a line a narrow layout wrapped."""
    if THIRD_PARTY_BODY.search(head):
        return True
    unwrapped = _unwrapped(head[:1500])
    return unwrapped != head[:1500] and bool(THIRD_PARTY_BODY.search(unwrapped))


def monitoring_named(head: str) -> bool:
    """The opening speaks of monitoring (绩效监控, 运行监控 …): never an indicator's name in a score grid
    ('绩效监控(5分) | 预算执行进度监控(2分) | 2', a Sichuan 得分表's row)."""
    return any(not re.match(r"\s*[(（]\d+(?:\.\d+)?分[)）]", head[m.end():m.end() + 8]) for m in MONITORING.finditer(head))


def body_signals(head: str, body: str) -> dict[str, float]:
    """Signals of the opening and the whole text (structure the n-grams cannot see)."""
    flags = {
        "b_listing": is_listing(body),
        "b_third_party": _third_party_named(head),
        "b_self_conducted": bool(SELF_CONDUCTED.search(head)),
        "b_self_reporting": bool(SELF_REPORTING.search(body[:6000])),
        "b_outline": len(set(SELF_EVAL_OUTLINE.findall(body[:8000]))) >= 2,
        "b_monitoring": monitoring_named(head),
        "b_news_lede": bool(NEWS_LEDE.search(head[:80])),
        "b_notice_head": notice_head(head),
        "b_qa": len(QA_LINE.findall(body[:6000])) >= 2,  # an explainer: 问：… 答：…
        "b_budget_head": bool(BUDGET_HEAD.search(head[:600])),
        "b_section": bool(SECTION.search(body)),
        "b_score": bool(SCORE_STATED.search(body)),
        "b_grid": bool(GRID.search(body)) and bool(GRID_ACTUAL.search(body)),
        "b_target_grid": bool(GRID.search(body)) and not GRID_ACTUAL.search(body),
        "b_budget_block": bool(BUDGET_BLOCK.search(body)),
        "b_self_head": bool(SELF.search(head)),
        "b_self_body": bool(SELF.search(body)),
        "b_short": len(body) < 300,
    }
    out = {"R:" + k: RULE_WEIGHT for k, v in flags.items() if v}
    n_self = len(SELF.findall(body))
    if n_self:
        out["R:b_self_count"] = RULE_WEIGHT * min(3.0, math.log1p(n_self))
    return out


def _ngrams(text: str, prefix: str, sizes: tuple[int, ...]) -> dict[str, float]:
    text = re.sub(r"[\d\s]+", "0", text)  # numbers carry no class information; keep one placeholder
    out: dict[str, float] = {}
    for n in sizes:
        for i in range(len(text) - n + 1):
            out[f"{prefix}{text[i:i + n]}"] = 1.0
    return out


def features(title: str, head: str = "", body: str | None = None) -> dict[str, float]:
    """Feature dict of a document (title + opening + whole text) or of a title alone (head/body empty), its
    cover boxes read as ticked (`ticked_choices`)."""
    return _features(title, ticked_choices(head), ticked_choices(body) if body is not None else None)


def _features(title: str, head: str, body: str | None) -> dict[str, float]:
    """`features` of text whose boxes `ticked_choices` has already read (the verdict reads them once for its rules
    and its features alike)."""
    t = fold(title or "")
    feats = {"R:bias": 1.0}
    feats.update(_ngrams(t, "T:", (2, 3)))
    feats.update(title_signals(t))
    if head or body:
        feats.update(_ngrams(head[:HEAD_CHARS], "H:", (2, 3)))
        feats.update(body_signals(head, body if body is not None else head))
    else:
        feats["R:title_only"] = 1.0
    return feats


# --- the model ------------------------------------------------------------------------------------------


@dataclass
class Model:
    classes: tuple[str, ...]
    bias: list[float]
    weights: dict[str, list[float]]
    meta: dict = field(default_factory=dict)

    def logits(self, feats: dict[str, float]) -> list[float]:
        z = list(self.bias)
        for f, x in feats.items():
            w = self.weights.get(f)
            if w is not None:
                for k, wk in enumerate(w):
                    z[k] += wk * x
        return z

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        z = self.logits(feats)
        m = max(z)
        e = [math.exp(v - m) for v in z]
        s = sum(e)
        return {c: e[k] / s for k, c in enumerate(self.classes)}

    def reasons(self, feats: dict[str, float], cls: str, against: str = "other", top: int = 5) -> list[str]:
        """The features that pushed `cls` over `against` most (or the reverse when cls is `against`)."""
        i = self.classes.index(cls)
        j = self.classes.index(against) if cls != against else None
        contrib = []
        for f, x in feats.items():
            w = self.weights.get(f)
            if w is None or f == "R:bias":
                continue
            c = x * (w[i] - (w[j] if j is not None else sum(w) / len(w)))
            contrib.append((c, f))
        contrib.sort(reverse=True)
        return [f"{f[2:]}({f[0]})" for c, f in contrib[:top] if c > 0]


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> Model:
    data = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    return Model(tuple(data["classes"]), data["bias"], data["weights"], data.get("meta", {}))


# --- verdicts ---------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    is_self_eval: bool
    document_type: str
    report_type: str | None
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def report_type_of(title: str) -> str | None:
    """Report kind named by a title (for sections of a container), or None."""
    t = title
    if TYPE_TABLE.search(t) and not re.search(r"报告", t):
        return "self_eval_table"
    if TYPE_PROJECT.search(t) and not TYPE_DEPT.search(t):
        return "project"
    if re.search(r"部门|整体|单位|预算绩效|绩效自评|自评报告", t):
        return "department_overall"
    return None


def _scored(v: Verdict, scores: dict[str, float]) -> Verdict:
    """A rule's verdict keeps the model's class probabilities (shown with it, and used by the crawler)."""
    v.scores = scores
    return v


LOOKALIKE_TITLE_FLAGS = ("R:t_news", "R:t_notice", "R:t_result_list", "R:t_target", "R:t_third_party", "R:t_monitoring")
LOOKALIKE_BODY_FLAGS = ("R:b_notice_head", "R:b_third_party", "R:b_qa")
QA_LINE = re.compile(r"(?:^|\n)\s*(?:问|Q)\s*\d*\s*[:：][^\n]{2,}\n(?:[^\n]*\n){0,3}?\s*(?:答|A)\s*[:：]")


def classify(title: str, head: str, body: str, model: Model | None = None) -> Verdict:
    """Verdict on a document from its folded title, the folded opening of its article and its folded body
    (`model`: another artefact than the shipped one, for cross-validation)."""
    v = _classify(title, head, body, model)
    if v.is_self_eval and v.document_type == "self_eval_table" and blank_form(body):
        return Verdict(False, "other", None, ["a blank form: no figure, score or value filled in"], v.scores)
    return v


_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_WEIGHTS = re.compile(r"(?:[1-9]|[1-9]0|100|15|25)")
_FILLED_FIGURE = re.compile(r"\d\.\d|\d\s*(?:%|万|元)")
_NAMED_UNIT = re.compile(r"[\u4e00-\u9fff]{2,}(?:局|委|院|校|中心|政府|办公室|厅|所|站|馆|会|社)(?![\u4e00-\u9fff]{0,2}(?:名称|盖章))")


def blank_form(body: str) -> bool:
    """A 自评表 as the finance bureau hands it out (a notice's attachment): no unit, no year ('(    年度)') and no
    figure filled in, only the weights (分值 10, 总分 100); it reports nothing."""
    if _FILLED_FIGURE.search(body) or _NAMED_UNIT.search(body):
        return False  # a figure or a unit filled in: a form someone filled (if sparsely)
    if re.search(r"20\d\d\s*年", body[:300]) and not re.match(r"\s*附件\s*\d", body):
        return False  # the year filled in, unless the notice that attaches the form printed it ('附件2' /
        # '2023年度项目支出绩效自评表' handed out with every cell blank)
    return not [n for n in _FIGURE.findall(body) if not _WEIGHTS.fullmatch(n) and not re.fullmatch(r"20\d\d", n)]


_MARKS = BOXES + TICKS
# a short line of boxes (a cover's run-together page of 60+ characters is left as it is)
_CHOICE_LINE = re.compile(rf"^(?=[^\n]{{0,60}}$)(?P<label>(?:[^\n{_MARKS}:：\s]{{1,12}}(?:[:：]\s*|\s+))?)"
                          rf"(?P<rest>[^\n]*[{BOXES}][^\n]*)$", re.M)


def ticked_choices(text: str) -> str:
    """The text with each line of boxes ('评价方式:单位自评□ 部门评价□ 财政评价√', '评价方式:■单位自评 □部门评价')
    reduced to its ticked options, each followed by '☑' ('评价方式:财政评价☑'), so the words of an option nobody
    ticked ('单位自评') say nothing. A line whose options follow their boxes is read so, else the boxes follow the
    options."""
    def keep(m: re.Match[str]) -> str:
        rest = m.group("rest")
        if not any(c in TICKS for c in rest):
            return m.group(0)  # a blank form: nothing ticked, nothing decided
        before = rest.lstrip()[:1] in _MARKS
        pat = rf"[{_MARKS}]\s*([^{_MARKS}]+)" if before else rf"([^{_MARKS}]+?)\s*[{_MARKS}]"
        chosen = [(opt.strip(), mark) for opt, mark in
                  ((x.group(1), x.group(0).strip()[0] if before else x.group(0).strip()[-1])
                   for x in re.finditer(pat, rest))]
        return m.group("label") + " ".join(opt + "☑" for opt, mark in chosen if mark in TICKS and opt)

    return _CHOICE_LINE.sub(keep, text) if any(c in text for c in BOXES) else text


def _classify(title: str, head: str, body: str, model: Model | None = None) -> Verdict:
    if not body.strip() and not title.strip():
        return Verdict(False, "other", None, ["no text"])
    model = model or load_model()
    head, body = ticked_choices(head), ticked_choices(body)
    feats = _features(title, head, body)
    probs = model.proba(feats)
    best = max(probs, key=probs.get)
    scores = {k: round(v, 4) for k, v in probs.items()}
    # (no title found: the page's first line stands in, a headline naming no report word: '…专项债券项目存续期信息公开')
    never = next((what for what, test in NEVER_A_REPORT if test(title or _first_line(body), head)), None)
    if never is not None:
        return Verdict(False, "other", None, [f"{never} (model {best} p={probs[best]:.2f})"], scores)
    if finance_summary(title, head, body):
        return Verdict(False, "other", None, [f"the finance bureau's account of many units' self-evaluations, signed "
                                              f"by the bureau (model {best} p={probs[best]:.2f})"], scores)
    if not SELF.search(title + body) and (finance := finance_evaluator(body)) is not None:
        return Verdict(False, "other", None, [f"the finance bureau's evaluation, no self-evaluation named ({finance}; "
                                              f"model {best} p={probs[best]:.2f})"], scores)
    if best in ("other", "contains_section"):
        structural = container_verdict(title, head, body)
        if structural is not None:
            return _scored(structural, scores)
    if best == "contains_section" and REPORT_WITH_FORMS.search(title):
        # '…部门整体支出绩效自评报告及自评表': one unit's report with its forms, not a document holding sections
        titled = self_titled_verdict(title, head, body)
        if titled is not None:
            return _scored(titled, scores)
    if best == "other":
        titled = (self_titled_verdict(title, head, body) or filled_form_verdict(title, head, body)
                  or self_reported_verdict(title, head, body))
        if titled is not None:
            titled.reasons.append(f"(model other p={probs['other']:.2f}: " + ", ".join(model.reasons(feats, "other"))
                                  + ")")
            return _scored(titled, scores)
        return Verdict(False, "other", None, [f"not a self-evaluation (p={probs['other']:.2f}): "
                                              + ", ".join(model.reasons(feats, "other"))], scores)
    p_self = 1.0 - probs["other"]
    if (not title and BUDGET_BODY.search(body[:6000]) and not (SELF.search(body) or SCORE_STATED.search(body))
            and self_statement(body[:1500]) is None):
        # an untitled budget explanation ('部门预算收支增减变化说明'): it accounts for money, never evaluates it
        return Verdict(False, "other", None, [f"a budget explanation without a title or any self-evaluation "
                                              f"(model {best} p={probs[best]:.2f})"], scores)
    if title and BUDGET_DOC.search(title) and not SELF.search(title) and best != "contains_section":
        # a 决算/预算 is a self-evaluation only by a section it holds ('…绩效自评表.xlsx' named on its page is none)
        structural = container_verdict(title, head, body)
        if structural is not None:
            return _scored(structural, scores)
        return Verdict(False, "other", None, [f"a budget/final-accounts document without a self-evaluation section "
                                              f"(model {best} p={probs[best]:.2f})"], scores)
    if "R:b_qa" in feats and not _self_title(title):
        # an explainer ('问：部门整体支出绩效自评由谁来做？答：…') speaks of self-evaluation in a report's words
        return Verdict(False, "other", None, [f"questions and answers about the work (model {best} "
                                              f"p={probs[best]:.2f})"], scores)
    marks = [k[4:] for k in LOOKALIKE_TITLE_FLAGS + LOOKALIKE_BODY_FLAGS if k in feats]
    # never a report's own title or opening: a news item, a notice ('各有关单位：…通知如下'), a third party's work
    strong = any(k in feats for k in ("R:t_news", "R:t_notice", "R:t_third_party") + LOOKALIKE_BODY_FLAGS)
    if (marks and (p_self < LOOKALIKE_VETO_BELOW or strong)
            and not _opening_owns_it(body, "R:t_third_party" in feats and not _units_fiscal_spending_title(title))
            and not _self_title(title)):
        # '…配合…完成2017年度…绩效目标自评工作' (news), '…绩效评价整改情况报告' (after the finance bureau's
        # evaluation): a look-alike's title, and no opening saying the unit evaluated itself
        return Verdict(False, "other", None, [f"a look-alike's title ({', '.join(marks)}; model {best} "
                                              f"p={probs[best]:.2f})"], scores)
    if p_self < VETO_BELOW and not (SELF.search(title + body) or SCORE_STATED.search(body) or
                                    SELF_EVAL_OUTLINE.search(body) or (GRID.search(body) and GRID_ACTUAL.search(body))
                                    or filled_basic_data(title, body)):
        # a self-evaluation says it is one, states its score, or is a filled form: without any of these an
        # uncertain verdict is not trusted (no values are read from a look-alike)
        reported = self_reported_verdict(title, head, body)
        if reported is not None:
            return _scored(reported, scores)
        return Verdict(False, "other", None, [f"no self-evaluation statement, score or filled form "
                                              f"(model {best} p={probs[best]:.2f})"], scores)
    if best != "contains_section" and opens_as_budget_doc(head, title) and SECTION.search(body):
        # '某乡2022年度部门决算' / … / '(二)部门整体支出绩效自评表': the page is the 决算 and the report one of its parts;
        # the report is still read whole, as the model's type (the report_type the verdict keeps)
        return Verdict(True, "contains_section", best, [f"a budget/final-accounts document's opening, its {best} "
                                                        f"self-evaluation a part of it (p={probs[best]:.2f})"], scores)
    why = f"{best} (p={probs[best]:.2f}, self-evaluation p={p_self:.2f}): " + ", ".join(model.reasons(feats, best))
    if best in ("department_overall", "project") and not (TYPE_DEPT.search(title) or TYPE_PROJECT.search(title)
                                                         or TYPE_TABLE.search(title)):
        kind = _kind_by_outline(head)
        if kind is not None and kind != best:
            why += f"; its outline is a {kind} report's"
            best = kind
    return Verdict(True, best, None if best == "contains_section" else best, [why], scores)


# a cover form's ticked box: '组织方式:□财政部门□主管部门☑项目单位', '评价机构:□中介机构□专家组☑项目单位评价组'
UNIT_TICKED = re.compile(r"(?:组织方式|评价机构)[:：]?\s*(?:项目单位(?:评价组)?☑|"  # (as ticked_choices leaves a short line)
                         r"(?:[□☐][^□☐☑√✓■✔\n:：]{1,10}){0,4}[☑√✓■✔]\s*项目单位)")


# the only evaluator's word in the title is '财政(项目)支出(绩效)评价', and a unit other than the finance bureau
# or a firm opens it: 'XX县文化和旅游局2023年度财政支出绩效评价报告' names what was evaluated (fiscal spending),
# not who evaluated it
_FISCAL_SPENDING_EVAL = re.compile(r"财政(?:项目支出|支出)(?:项目)?(?:绩效)?评价")


def _units_fiscal_spending_title(title: str) -> bool:
    t = _FISCAL_SPENDING_EVAL.sub("", title or "")
    if t == title or _lookalike_word(THIRD_PARTY_TITLE, t) or re.search(r"财政(?:局|厅)|公司|事务所", title):
        return False
    m = re.match(r"(?:20\d\d年度?)?([\u4e00-\u9fff()]{3,30}?)(?:20\d\d|关于)", title)
    return m is not None and looks_like_unit(m.group(1))


def _opening_owns_it(body: str, third_party_title: bool) -> bool:
    """The opening says the unit evaluated itself; under a third party's title ('某市财政局关于…绩效评价情况的报告')
    only in words naming a self-evaluation ('我局…开展了绩效评价' there is the bureau evaluating others), or by
    the box its cover ticks (the Hainan/Hunan '财政支出项目绩效评价报告' cover asks who organised and who evaluated)."""
    if own_evaluator(body[:1500]) or (UNIT_TICKED.search(body[:1500]) and not EVALUATOR_NAMED.search(body[:1500])):
        return True
    own = self_statement(body[:1500])
    return own is not None and not (third_party_title and not _names_self_evaluation(own))


EVALUATOR_LABEL = re.compile(r"(?<!被)评价(?:机构|单位)[:：]\s*")  # never '被评价单位:' (the evaluated unit)
UNIT_LABEL = re.compile(r"(?:项目(?:实施)?单位|实施单位|主管部门|预算单位|单位名称|部门(?:\(单位\))?名称)[:：]\s*")


# words naming who evaluated when it was not the unit ('受某市财政局委托,我们…', '评价机构:某某会计师事务所'): a
# contractor who surveyed or audited for the unit ('委托第三方机构开展满意度调查') names no evaluator
EVALUATOR_NAMED = re.compile(r"受[^。]{2,30}(?:委托|委派)[^。]{0,60}(?:评价|评估)|我公司[^。]{0,30}?(?:评价|评估)|我们接受[^。]{0,12}委托|第三方(?:中介)?评价机构|"
                             r"评价机构[:：](?!部门|单位|本)[^\n]{0,20}(?:公司|事务所)|会计师事务所")


def _names_self_evaluation(statement: re.Match[str]) -> bool:
    """The unit's statement names a self-evaluation in words ('…自评…'), not just an evaluation ('我局…开展了绩效
    评价', which under an evaluator's title is the bureau evaluating others)."""
    return bool(re.search(r"自评|自查", statement.group(0)))


def own_evaluator(opening: str, title: str = "") -> bool:
    """The cover names the unit itself as the evaluator and the opening names no other evaluator."""
    return evaluator_is_unit(opening, title) and not EVALUATOR_NAMED.search(opening)


def _same_unit(who: str, unit: str) -> bool:
    """Two texts opening with the same unit's name (five characters or more that read as a unit)."""
    k = next((i for i, (a, b) in enumerate(zip(who, unit, strict=False)) if a != b), min(len(who), len(unit)))
    while k >= 5 and not looks_like_unit(who[:k]):
        k -= 1
    return k >= 5


def evaluator_is_unit(opening: str, title: str = "") -> bool:
    """A cover naming the unit itself as the evaluator ('项目单位:某市卫计委…评价机构:某市卫计委'), or the unit its
    title opens with ('湘西自治州人民检察院部门整体支出绩效评价报告' / '评价单位: 湘西自治州人民检察院'): the unit's own
    evaluation, though its title reads like the finance bureau's ('某市市级财政项目支出绩效评价报告')."""
    # (the title's unit as evaluator only where no other kind of evaluation is named: '评价方式:部门评价√' is the
    # 主管部门's evaluation, whoever the cover names)
    other_kind = _third_party_named(opening) or re.search(rf"(?:部门|财政)评价\s*[{TICKS}]", opening)
    own_title = title.strip() if title and not _lookalike_word(THIRD_PARTY_TITLE, title) else ""
    for e in EVALUATOR_LABEL.finditer(opening):
        who = opening[e.end():e.end() + 40]
        if any(_same_unit(who, opening[u.end():u.end() + 40]) for u in UNIT_LABEL.finditer(opening)):
            return True
        if re.match(r"[^\n]{0,20}?(?:财政(?:局|厅)|公司|事务所)", who):
            continue
        if not other_kind and (own_title and _same_unit(who, own_title) or _titled_for(who, opening)):
            return True
    return False


def _titled_for(who: str, opening: str) -> bool:
    """The evaluator's name opens a report title in the opening ('湘西自治州人民检察院部门整体支出 绩效评价报告' over
    '评价单位: 湘西自治州人民检察院'): the unit evaluated itself."""
    who = who.split("\n")[0].strip()
    name = next((who[:k] for k in range(min(len(who), 30), 4, -1) if looks_like_unit(who[:k])), None)
    if name is None:
        return False
    return re.search(re.escape(name) + r"\s*(?:20\d\d年度?)?(?:部门整体|整体|项目|单位)[^。]{0,20}?绩效\s*评价报告", opening) is not None


FINANCE_REPORT_HEAD = re.compile(r"[^。\n]{0,30}?财政(?:局|厅)关于(?![^。\n]{0,60}自评)[^。\n]{0,60}?绩效评价报告")
TEMPLATE_MARK = re.compile(r"[(（](?:参考|编写|撰写)?(?:格式|样式|提纲|模板|范本|框架|样本)[)）]")
PLACEHOLDER = re.compile(r"[×xX]{2}(?:单位|局|县|市|年|万元|分|镇|乡|项目)?|○○|＿{3,}|_{4,}|[(（]单位名称[)）]")
PLACEHOLDER_TITLE = re.compile(r"(?:^|\n|、)\s*(?:20)?(?:[×xX]{2}|○○)\s*年度?[^\n。]{0,6}?(?:[×xX]{2}|○○)[^\n。]{0,40}?"
                               r"(?:报告|自评表)")
# a figure left blank for the unit to fill in: '年初预算____万元', '自评得分____分', '执行率××%'
BLANK_FIGURE = re.compile(r"(?:_{2,}|＿{2,}|[×xX]{2,}|[(（]\s*[)）])\s*(?:万元|元|分|%)")
FORMULA_PERCENT = re.compile(r"[×*xX]\s*100\s*%")


def _blank_template(head: str) -> bool:
    """The opening is a template's: a '(参考提纲)'-like mark on its first lines, blanks to fill, and no figure filled
    in (units keep the mark when they fill the template in: their figures say so)."""
    # (a formula's '×100%' in the instructions is no figure filled in)
    filled = re.findall(r"\d(?:\.\d+)?\s*(?:万元|元|%)|(?:得分|评分)[为:]?\s*\d", FORMULA_PERCENT.sub("", head))
    blanks = len(BLANK_FIGURE.findall(head))
    if filled:
        # a sample whose money, rates and score are all blanks ('年初预算XXX.XX万元', '得分XX分') beside a model
        # sentence's example figure ('满意度达到95%以上'): still a template
        return blanks >= 4 and blanks >= 3 * len(filled)
    return ((bool(TEMPLATE_MARK.search(head[:200])) and len(PLACEHOLDER.findall(head)) >= 2)
            or blanks >= 3)  # no mark, but its figures are all blanks to fill


_FINANCE_BUREAU = r"财政(?:局|厅)(?!门)"
_FINANCE = r"[\u4e00-\u9fff]{2,12}?" + _FINANCE_BUREAU
# the finance bureau signing the report, or named on its cover as who organised or did the evaluation
# (signed, the bureau's place may be one character, '县财政局', and an office of it may sign: '…农村综合改革股')
FINANCE_SIGNED = re.compile(r"(?:^|\n)\s*[\u4e00-\u9fff]{1,12}?" + _FINANCE_BUREAU + r"(?:[\u4e00-\u9fff]{2,12}?(?:股|科|处|室))?"
                            r"\s*\n?\s*(?:20\d\d\s*年[^\n]{0,8})?\s*$")
FINANCE_COVER = re.compile(r"(?:评价组织单位|组织单位|评价主体|委托单位|评价单位|评价机构)\s*[:：]\s*" + _FINANCE +
                           r"|评价方式\s*[:：]\s*财政(?:重点)?(?:绩效)?评价")


def signed_by_finance(body: str) -> bool:
    """The text's last lines are the finance bureau's closing ('…县财政局 / 2024年7月15日')."""
    return bool(FINANCE_SIGNED.search(without_trailer(body).rstrip()[-120:]))


# the bureau's own evaluation team at work ('县财政局成立评价组,于2024年4月进驻')
FINANCE_TEAM = re.compile(r"财政(?:局|厅)[^。,，]{0,8}?(?:成立|组建|抽调)[^。]{0,12}?评价(?:工作)?(?:组|小组|专班)")


def finance_evaluator(body: str) -> str | None:
    """Where a text with no word of self-evaluation says the finance bureau evaluated: its closing is the
    bureau's ('…县财政局 / 2024年7月15日' under '我局组织专家组对县林业局…进行了绩效评价'), or its cover names the
    bureau as organiser or evaluator ('组织单位:汝城县财政局', '评价方式:财政重点评价')."""
    if signed_by_finance(body):
        return "signed by the finance bureau"
    m = FINANCE_COVER.search(body[:2500]) or FINANCE_TEAM.search(body[:4000])
    return f"cover or work: {m.group(0)}" if m else None


# a title's words that put its self-evaluation on spending (a unit's '2023年度绩效自评报告' is one too)
OF_SPENDING = re.compile(r"支出|资金|经费|项目|预算|财政|整体|专项|补助|补贴|转移支付|衔接|国债|债券|绩效自评|绩效评价|自评表|"
                         r"绩效目标|绩效情况|部门绩效|单位绩效|公益金|基金|使用")
# what such a title assesses instead: the unit's targets (绩效考核), safety, rule of law, openness, schooling …
OTHER_WORK = re.compile(r"考核|督导|评估|安全生产|法治|依法行政|政务公开|河长制|林长制|党风|廉政|党建|意识形态|文明|创建|"
                        r"均衡发展|办学|(?:工作|建设|落实)(?:情况)?(?:自查)?自(?:评|查)")


# other schemes' evaluations a unit writes of itself in a report's words, never of its spending: internal control
# (内部控制评价报告), network security classes (等级保护自查自评), hospital grading and sanitary-town reviews (等级评审,
# 复审), the business environment, archives, a project's post-evaluation, a party-building 述职, a compliance check
OTHER_SCHEME = re.compile(r"内部控制|内控(?:评价|报告|自评)|等级保护|等保(?:自查|自评)|等级评审|(?<!预算)复审|卫生(?:县城|乡镇|城市)|"
                          r"营商环境|档案(?:工作|管理)|后评价|述职|专项检查(?:的)?自查|"
                          # a people's congress's or an auditor's report on a fund: '…专项资金使用情况的调研报告'
                          r"(?:调研|视察|执法检查)(?:情况)?(?:的)?报告$|审计(?:结果|情况)?(?:的)?(?:报告|公告)$")
# the audit office telling what it audited: '区审计局对区住房和城乡建设局2021年度…项目…进行了专项审计调查', '根据审计法规定'
# (never the audit office's duties in its own 决算: '对旗级财政预算执行…进行审计监督')
AUDIT_OPENING = re.compile(r"审计(?:局|厅|署|机关)[^。]{0,30}?对[^。]{2,60}?(?:进行|开展|实施)了[^。]{0,8}?审计|根据(?:《中华人民共和国)?审计法》?(?:规定|的规定)|"
                           r"向[^。]{0,12}人大常委会报告[^。]{0,40}?审计")
# a title naming the evaluation of spending, which a scheme's words can sit in ('等保测评项目绩效自评报告')
SPENDING_EVALUATION = re.compile(r"(?:支出|资金|经费|项目|整体)(?:的)?绩效(?:自评|评价|目标)|部门整体")


SEARCH_PAGE = re.compile(r"(?:站内|全站|全文|信息)?(?:搜索|检索|查询)结果")


# '溆浦县农业农村局(关于)对溆浦县动物疫病预防控制中心2023年度部门整体支出绩效评价报告': one unit's evaluation of
# another (a 主管部门's 部门评价 of a unit under it), and the heading '被评价单位' such a report opens with
_OF_ANOTHER = re.compile(r"^(?P<a>[\u4e00-\u9fff()]{4,30}?)(?:关于对?|对|(?:组织|成立|抽调|组建)[^对。]{0,20}?评价(?:工作)?组[，,]?\s*对|"
                         r"(?:组织|成立|抽调|组建)[^对。，,]{0,12}?对)"
                         r"(?P<b>[\u4e00-\u9fff()]{4,30}?)"
                         r"(?=20\d\d|[(（]20|的|年度|部门整体|整体支出|项目)[^\n]{0,40}?评价")
# a parent bureau's 部门评价 of the units under it: '我局组织评价工作组，对所属3个二级单位2023年度项目支出开展了部门绩效评价'
_OF_SUBORDINATES = re.compile(r"对(?:其)?(?:所属|下属|局属)[^。，,]{0,12}?(?:单位|部门|所|站|中心|队|院|校|馆)[^。]{0,30}?"
                              r"(?:开展|进行)了?[^。]{0,8}?评价")
_EVALUATED_UNIT = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]+、|\d+[.、])?\s*被评价单位")


def evaluates_another_unit(title: str, head: str) -> bool:
    """A unit's evaluation of another unit, the title naming no self-evaluation: the title's evaluator and
    evaluated are two different units, or the opening reports on the '被评价单位'."""
    # (the evaluated unit's own score quoted: '项目实施单位自评得分为99分,部门评价复核后扣减…')
    opening = re.sub(r"(?:该|其|被评价单位|所属单位|二级单位|实施单位|项目单位)[^。，,;；]{0,6}?自评", "", head[:600])
    if SELF.search(title) or re.search(r"自评|自我评价", opening):
        return False  # (not '该校自评报告中部分指标…': the evaluated unit's own report, which the evaluator read)
    # the title, or a clause opening the text ('根据…安排，某市预算绩效评价中心对某市水利局2023年度…项目开展了绩效评价。')
    lines = [ln for ln in head[:600].split("\n") if ln.strip()][:4]
    for line in [title] + [c for ln in lines for c in re.split(r"[，,。]", ln)] + [s for ln in lines for s in ln.split("。")]:
        m = _OF_ANOTHER.match(line.strip())
        if m and looks_like_unit(m.group("a")) and looks_like_unit(m.group("b")) and m.group("a") != m.group("b") \
                and not re.match(r"本|我|所属|下属|局属", m.group("b")):
            return True
    return bool(_EVALUATED_UNIT.search(head[:600]) or _OF_SUBORDINATES.search(title + "\n" + head[:600]))


# a table of several units' scores ('|排名|乡镇|自评得分|' / '|1|某镇人民政府|98|', or one cell a line as the text
# view gives it): the finance bureau's result list
_NAME_HEADER = re.compile(r"^(?:排名|序号|(?:预算)?单位(?:名称)?|部门(?:名称)?|乡镇(?:名称)?|名称)$")
_SCORE_HEADER = re.compile(r"^(?:自评)?(?:得分|分数|评分|总分)(?:\(分\))?$")
_UNIT_CELL = re.compile(r"^[\u4e00-\u9fff()]{2,30}?(?:人民政府|办事处|委员会|局|委|办|中心|学校|中学|小学|医院|卫生院|站|所|队|馆|院|"
                        r"镇|乡|街道)$")
_SCORE_CELL = re.compile(r"^(\d{2,3}(?:\.\d{1,2})?)\s*分?$")


_PROJECT_NAME_HEADER = re.compile(r"^(?:项目名称|项目|专项名称|资金名称)$")
_PROJECT_CELL = re.compile(r"^[\u4e00-\u9fff()“”\d]{2,40}?(?:项目|经费|资金|补助|补贴|工程|专项)$")
RESULTS_TITLE = re.compile(r"(?:自评|评价)结果(?:公开|公示|汇总|情况)?$")


def _head_cells(head: str) -> list[tuple[str, int]]:
    """The opening's table cells (split at '|', TABs and line breaks) with their offsets."""
    return [(m.group(0).strip(), m.start()) for m in re.finditer(r"[^|\t\n]+", head[:3000]) if m.group(0).strip()]


def lists_projects_scores(title: str, head: str) -> bool:
    """A results page ('2022年度项目支出绩效自评结果公开') whose table gives three or more projects, each with its own
    score: a listing of results (the realset's result_list), not one project's report (a report covering several
    projects is titled as a report)."""
    if not RESULTS_TITLE.search(title):
        return False
    cells = [c for c, _ in _head_cells(head)]
    names = [i for i, c in enumerate(cells) if _PROJECT_NAME_HEADER.match(c)]
    scores = [i for i, c in enumerate(cells) if _SCORE_HEADER.match(c)]
    pair = next(((i, j) for i in names for j in scores if 0 < j - i <= 8), None)
    if pair is None:
        return False
    width = pair[1] - pair[0]
    projects = {cells[k] for k in range(pair[1] + 1, min(len(cells) - width, pair[1] + 150))
                if _PROJECT_CELL.match(cells[k]) and (m := _SCORE_CELL.match(cells[k + width])) and 20 <= float(m.group(1)) <= 100}
    return len(projects) >= 3


def lists_units_scores(title: str, head: str) -> bool:
    """A table whose header names units and their scores and whose rows give three or more different units, each
    with a score, under a result list's title or opening the text: the results of many units, not one unit's
    report (a unit's own report may table its subordinate units' scores further down)."""
    found = _head_cells(head)
    cells = [c for c, _ in found]
    names = [i for i, c in enumerate(cells) if _NAME_HEADER.match(c)]
    scores = [i for i, c in enumerate(cells) if _SCORE_HEADER.match(c)]
    pair = next(((i, j) for i in names for j in scores if abs(i - j) <= 6), None)  # (budget columns between)
    if pair is None:
        return _listed_units_scores(title, head)
    start = max(pair)
    opening = len(title) + 120  # the header right under the title (or a line of its own before it)
    if not (RESULT_LIST.search(title) or found[start][1] <= opening):
        return False
    units = set()
    for k in range(start + 1, min(len(cells), start + 120)):
        if _UNIT_CELL.match(cells[k]):
            near = cells[k - 2:k] + cells[k + 1:k + 1 + max(2, pair[1] - pair[0])]  # (a row's cells up to its score)
            if any((m := _SCORE_CELL.match(c)) and 20 <= float(m.group(1)) <= 100 for c in near):
                units.add(cells[k])
    return len(units) >= 3


# a numbered line giving one unit's score: '3.禄劝彝族苗族自治县人民法院,自评得分94.2分,等级优;'
UNIT_SCORE_LINE = re.compile(r"(?m)^\s*\d{1,3}\s*[.、]\s*(?P<u>[^\n,，:;；]{4,40}?)\s*[,，:]\s*(?:自评|综合|评价)?得分(?:为)?\s*"
                             r"\d+(?:\.\d+)?\s*分")


def _listed_units_scores(title: str, head: str) -> bool:
    """The same as a table, written as numbered lines ('1.某县人民法院,自评得分94.2分,等级优;' …) three or more of
    them naming different units, the first right after the opening sentence."""
    hits = [m for m in UNIT_SCORE_LINE.finditer(head[:3000]) if looks_like_unit(m.group("u"))]
    units = {m.group("u") for m in hits}
    return len(units) >= 3 and (bool(RESULTS_TITLE.search(title) or RESULT_LIST.search(title))
                                or hits[0].start() <= len(title) + 400)


# documents that are never a report whatever the model says: (what it is, its test on the title and the opening)
# a notice that publishes reports as its attachments ('关于公开2023年度绩效自评报告的公告' / '附件1:…自评报告' / '附件2:…')
PUBLICATION_NOTICE = re.compile(r"(?m)^[^\n]{0,20}(?:公开|公示|发布)[^\n]{0,40}(?:公告|通知|说明)$")
ATTACHMENT_LINE = re.compile(r"(?m)^\s*附件\s*\d{1,2}\s*[:：]")
FIGURE = re.compile(r"\d(?:[\d,.]*\d)?\s*(?:万元|元|分(?![类管局])|%)")


def _attachments_only(title: str, head: str) -> bool:
    """A publication notice whose body is the list of its attachments: the reports are the attachments, the page
    states none of their content (no amount, score or rate).  (The title read may be an attachment's line.)"""
    return (bool(PUBLICATION_NOTICE.search(title) or PUBLICATION_NOTICE.search(head[:300]))
            and len(ATTACHMENT_LINE.findall(head[:2000])) >= 2
            and not FIGURE.search(head[:3000]))


# a 绩效运行监控 form's columns: the months so far, the year's forecast, the odds of reaching the target
MONITORING_FORM = re.compile(r"\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月份?(?:实际)?(?:执行数|执行率|完成值|完成情况)|全年预计(?:执行|完成)|"
                        r"预计完成值|完成目标可能性|确定能|完全不可能|"
                        # the in-year deadline and the time-proportional pace ('截至2024年6月30日执行数211.4万元…与序时进度
                        # 50%相比偏差16.34个百分点')
                        r"(?:与|较|低于|高于|达到|未达)序时进度|截至\s*20\d\d年\s*(?:[6-9]|1[01])\s*月[^。]{0,12}?(?:执行数|执行率|已?支出|已?支付)")


def _monitoring_form(title: str, head: str) -> bool:
    """Mid-year monitoring ('1-6月执行数', '全年预计执行数', '完成目标可能性: ☑确定能'), two of its marks at least:
    the year is not over, nothing is evaluated (realset: only two look-alikes carry them)."""
    return len({m.group(0) for m in MONITORING_FORM.finditer(head[:4000])}) >= 2


FORM_UNIT_LABEL = re.compile(r"实施单位|单位名称|部门(?:\(单位\))?名称|预算单位|填报单位")
BLANK_YEAR = re.compile(r"[(（]\s*年度\s*[)）]|\d{0,2}\s{2,}年度(?:项目|部门)")  # '(　　年度)': the year left to fill


def _blank_form(title: str, head: str) -> bool:
    """A 自评表 printed blank (a notice's attachment): its year left to fill and not one figure in it before its
    filling instructions ('填表说明:…执行率×10分…100%-80%' are the rules, not values)."""
    form = re.split(r"填表说明|填报说明|备注[:：]", head[:4000])[0]
    if not BLANK_YEAR.search(form[:300]) or re.search(r"\d\.\d|(?<!\d)(?!100(?!\d))\d{3,}", form):  # (总分 100)
        return False
    # (a small form filled in but for its year names its unit: '实施单位 | 黄冈市档案馆')
    return not any(looks_like_unit(c.strip()) for m in FORM_UNIT_LABEL.finditer(form)
                   for c in re.split(r"[|\n\t]", form[m.end():m.end() + 40].lstrip(" |\t\n:："))[:1])


# many units' self-evaluations counted: '组织全区42个部门对2023年度项目支出开展了绩效自评', '县直43家一级预算单位…
# 开展了绩效自评', '组织州直各部门…开展了绩效自评'
MANY_UNITS = re.compile(r"(?:(?<!\d)(?:[5-9]|\d{2,3})(?:个|家)|[县市区州省旗]直各?)[^。\n]{0,12}?(?:部门|单位)[^。]{0,40}?"
                        r"(?:开展|进行|完成|报送)了?[^。]{0,20}?自评")


# the finance bureau titling its own report: its name, then the year ('某县财政局2023年度部门整体支出…'), as a unit does
OWN_FINANCE_TITLE = re.compile(_FINANCE + r"(?:\(?本级\)?)?20\d\d年")


def finance_summary(title: str, head: str, body: str) -> bool:
    """The bureau signs it and its opening counts the units that evaluated themselves: the bureau's account of a
    region's self-evaluations, whatever its title (a bureau's own report counts no units)."""
    if OWN_FINANCE_TITLE.match(title):
        return False  # the bureau's own report ('宾川县财政局2023年度部门整体支出绩效自评报告') may tell of its work
    return bool(MANY_UNITS.search(head[:1500])) and signed_by_finance(body)


# the lede of a page that discloses something ('现将许昌市…工程专项债券存续信息公开如下')
DISCLOSURE_LEDE = re.compile(r"现(?:将|对|就)(?P<obj>[^。]{4,90}?)(?:予以)?(?:公开|公示|公布|公告)如下")


def _discloses_other(head: str) -> bool:
    """The opening discloses something it names, and names no evaluation or performance in it."""
    m = DISCLOSURE_LEDE.search(head[:600])
    return m is not None and not re.search(r"自评|评价|绩效|自查", m.group("obj"))


# a document of another stage of a project: its application, feasibility study, plan, acceptance, or its bond's
# disclosures (存续期信息), whatever performance words it holds
PROJECT_STAGE_TITLE = re.compile(r"存续期|申报书$|申请书$|可行性研究报告|可研报告|(?:竣工|完工|交工)?验收(?:工作)?(?:情况)?(?:的)?报告$|实施计划$|"
                                 r"实施方案$|(?:资金)?分配方案$|分配计划$")

def _first_line(text: str) -> str:
    """The text's first line when short enough to be a headline the title reader did not take for a title."""
    line = next((ln.strip() for ln in text[:300].split("\n") if ln.strip()), "")
    return line if len(line) <= 80 and not re.search(r"[，,。；;]|[:：]$", line) else ""  # (a sentence is no headline)


def _another_stage(title: str) -> bool:
    """A title naming another stage of a project ('…项目实施计划', '…专项债券项目存续期信息公开(…)') and no
    self-evaluation."""
    bare = re.sub(r"[(（][^()（）]{0,40}[)）]$", "", title.strip())
    return bool(PROJECT_STAGE_TITLE.search(bare)) and not SELF.search(title)


# a news story's byline or a newspaper as its source ('(记者 张晓明 通讯员 刘芳)', '来源:某某日报')
NEWS_BYLINE = re.compile(r"[(（]\s*(?:本报)?(?:记者|通讯员|实习生)[^()（）\n]{1,30}[)）]|本报讯|"
                         r"来源[:：]\s*[\u4e00-\u9fff]{2,10}(?:日报|晚报|报社|新闻网|电视台|广播电视台)")

NEVER_A_REPORT: tuple[tuple[str, Callable[[str, str], bool]], ...] = (
    ("a blank form: its year left to fill and no figure in it", _blank_form),
    ("a notice publishing reports as its attachments, stating none of their content", _attachments_only),
    ("a mid-year monitoring form (1-6月执行数, 全年预计执行数, 完成目标可能性), not a self-evaluation", _monitoring_form),
    ("a table of several units' scores (a result list), not one unit's report", lists_units_scores),
    ("a results page tabling several projects' scores, not one project's report", lists_projects_scores),
    ("one unit's evaluation of another (对<unit>…评价, 被评价单位), not a self-evaluation", evaluates_another_unit),
    ("a template or writing guide, not a filled report",
     lambda t, h: bool(TEMPLATE_TITLE.search(t) or GUIDE_EXAMPLE.search(h[:1500]))),
    ("a redirect or frame stub: the page holds no article, only its title",
     lambda t, h: len(h.strip()) < 80 and bool(STUB_PAGE.search(h)) and not re.search(r"自评|绩效|评价", h)),
    ("a verification page served instead of the article",
     lambda t, h: len({m.group(0) for m in CHALLENGE.finditer(h[:1000])}) >= 2),
    ("a sample report whose title names placeholders for its unit and year ('XX年度XX市红十字会…报告')",
     lambda t, h: bool(PLACEHOLDER_TITLE.search(t + "\n" + h[:600]))),
    ("a template with its blanks unfilled ('(参考提纲)' and '××单位', no figure)", lambda t, h: _blank_template(h)),
    ("a collection of sample essays ('…自评报告(通用13篇)', '下面是小编整理的…'), not one unit's report",
     lambda t, h: bool(ESSAY_COLLECTION.search(t) or ESSAY_COLLECTION.search(h[:800]))),
    ("an ex-ante evaluation (评价类型: 事前评价 ticked)", lambda t, h: bool(EX_ANTE_TICKED.search(h[:1000]))),
    ("a review of self-evaluations (抽查/复核), not one", lambda t, h: bool(REVIEW_TITLE.search(t))),
    ("a routine report (work summary or plan, information disclosure), which may mention a self-evaluation in passing",
     lambda t, h: bool(ROUTINE_REPORT.search(t)) and not SELF.search(t)),
    ("an account of many units' self-evaluations",
     lambda t, h: bool(AGGREGATE.search(h[:600])) and (not TYPE_DEPT.search(t) and not TYPE_PROJECT.search(t)
                                                       or bool(RESULT_LIST.search(t)))),
    ("an assessment of the unit's performance-management work, not of its spending",
     lambda t, h: bool(WORK_ASSESSMENT.search(t))),
    ("a self-assessment of other work (绩效考核, 安全生产, 法治政府建设, 督导评估 …), not of spending",
     lambda t, h: bool(SELF.search(t)) and bool(OTHER_WORK.search(t)) and not OF_SPENDING.search(t)),
    ("another scheme's evaluation (内部控制, 等级保护, 等级评审, 复审, 后评价, 述职 …), not of spending",
     lambda t, h: bool(OTHER_SCHEME.search(t)) and not (SPENDING_EVALUATION.search(t) and not
                                                         re.search(r"专项检查(?:的)?自查报告$", t))),
    ("an audit of the spending (the audit office's 审计调查 or its report to the people's congress), not a self-evaluation",
     lambda t, h: not SELF.search(t) and bool(AUDIT_OPENING.search(h[:800]))),
    ("a site search's results page (its snippets quote reports' figures and scores)",
     lambda t, h: bool(SEARCH_PAGE.match(t) or SEARCH_PAGE.match(h.lstrip()))),
    ("a list page: its 'title' is one of many dated links ('…绩效自评工作报告 / 2021-09-15 / …预算公开 / …')",
     lambda t, h: is_listing(f"{t}\n{h}") and not GRID.search(h) and not SCORE_STATED.search(without_snippets(h))),
    ("a compliance self-inspection of fund use (自查报告 naming no performance), not a performance self-evaluation",
     lambda t, h: bool(re.search(r"自查(?:情况)?报告$", t)) and not re.search(r"绩效|自评", t)),
    ("a disclosure of something else than an evaluation ('现将…专项债券存续信息公开如下', '…实施计划完成情况公示如下')",
     lambda t, h: not re.search(r"自评|评价", t) and _discloses_other(h)),
    ("another stage of a project (申报书, 可行性研究, 实施计划, 验收, a bond's 存续期 disclosure), not its evaluation",
     lambda t, h: _another_stage(t)),
    ("a news story (a reporter's byline, a newspaper as its source)", lambda t, h: bool(NEWS_BYLINE.search(h[:3000]))),
    ("a compliance self-inspection (自纠自查) titled as a 自评报告, naming no performance",
     lambda t, h: bool(re.search(r"自纠自查|自查自纠", h[:600])) and not re.search(r"绩效", t + h[:600])),
    ("a policy evaluation (政策绩效评价): a department's or the finance bureau's, not a unit's self-evaluation",
     lambda t, h: bool(re.search(r"政策(?:绩效)?评价", t)) and not re.search(r"自评|自我评价", t)),
    ("the finance bureau's evaluation report, its title run into the text ('某县财政局关于…项目绩效评价报告根据…')",
     lambda t, h: not t and bool(FINANCE_REPORT_HEAD.match(h))),
)


OUTLINE_DEPT = re.compile(r"部门(?:\(单位\))?(?:基本)?(?:情况|概况)|部门(?:主要)?职能|部门整体|单位(?:基本)?概况|整体支出")
OUTLINE_PROJECT = re.compile(r"项目(?:基本)?(?:情况|概况)|资金(?:基本)?(?:情况|概况)|项目名称|项目资金")


def _kind_by_outline(head: str) -> str | None:
    """A title that names neither kind ('…绩效自评总结报告'): the opening's headings do (一、部门基本情况 or
    一、项目概况), when they name one kind only."""
    said = OPENING_KIND.search(head[:1500])  # '我局对2023年度部门整体支出开展了绩效自评'
    if said is not None and not (said.group("project") and re.search(r"\d+个|各|所有|全部|部分|及|和", said.group(0))):
        # (a unit's projects, several of them: '对2024年度14个项目进行自评' is a department's report)
        return "department_overall" if said.group("dept") else "project"
    if BASIC_AND_PROJECT.search(head[:3000]):
        return "department_overall"  # '其中基本支出208.37万元,项目支出72.68万元': a unit's spending (a project has no 基本支出)
    # the numbered headings first (never '部分项目资金拨付进度偏慢' in the problems), else the opening's words
    for text in ("\n".join(m.group(0) for m in OUTLINE_HEADING.finditer(head)), head):
        dept, project = OUTLINE_DEPT.search(text), OUTLINE_PROJECT.search(text)
        if bool(dept) != bool(project):
            return "department_overall" if dept else "project"
    return None


BASIC_AND_PROJECT = re.compile(r"基本支出[^。;；\n]{0,6}?\d[\d,.]*\s*万?元[^。;；\n]{0,12}?项目支出[^。;；\n]{0,6}?\d")
OUTLINE_HEADING = re.compile(r"(?m)^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])[^\n]{0,30}")
OPENING_KIND = re.compile(r"对(?:本部门|本单位|本级|我局|我委|我办|我院|我中心|我单位|我镇|我乡|我校)?(?:20\d\d)?年?度?(?:"
                          r"(?P<dept>部门整体支出|单位整体支出|整体支出)|(?P<project>[^。;,，]{2,30}?项目(?:支出|资金)?|"
                          r"[^。;,，]{2,30}?(?:专项资金|补助资金)))(?:情况)?(?:开展|进行)(?:了)?[^。;]{0,8}?(?:绩效)?自评")


SELF_TITLE = re.compile(r"自评报告|自评表|自评情况|自评结果|绩效自评|自评价报告|自评总结")
# a report title is a noun phrase: it ends in 报告/表/情况/结果/总结 (a year in brackets may follow);
# '…绩效自评结果将与预算挂钩' is a headline
REPORT_NOUN_END = re.compile(r"(?:报告|报告书|表|情况|结果|总结|自评)(?:[(（][^()（）]{0,12}[)）])?$")


def _self_title(t: str) -> bool:
    """A title naming one unit's or fund's self-evaluation, with no mark of a look-alike."""
    if not t or not SELF_TITLE.search(t) or COLUMN_TITLE.match(t) or not REPORT_NOUN_END.search(t):
        return False
    return not (NOTICE.search(t) or NEWS.search(_sans_name(t)) or RESULT_LIST.search(t) or TARGET_TABLE.search(t)
                or _lookalike_word(THIRD_PARTY_TITLE, t) or BUDGET_DOC.search(t) or _monitoring_title(t)
                or WORK_ASSESSMENT.search(t))


def self_titled_verdict(title: str, head: str, body: str) -> Verdict | None:
    """A document titled as one unit's or fund's self-evaluation (…2022年度绩效自评报告, …整体支出绩效评价
    自评报告) is one, whatever n-grams its body shares with look-alikes, unless the title or opening marks it
    as a notice, news, a results list, a target table, a third-party or finance-bureau evaluation, a budget
    document or a portal column."""
    t = title
    if not _self_title(t):
        return None
    opening = [ln.strip() for ln in head.split("\n") if ln.strip()][:4]
    if notice_head(head) or any(NEWS_LEDE.search(ln[:80]) for ln in opening) or is_listing(body):
        return None
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if len({ln for ln in lines if 10 <= len(ln) <= 60 and SELF_TITLE.search(ln) and REPORT_NOUN_END.search(ln)}) >= 3:
        return None  # a column page listing reports, not one of them (a title repeated, or wrapped into short
        # lines, as a sharing site captions its copy, is one report)
    kind = report_type_of(t) or "department_overall"
    if not re.search(r"。|\d(?:\.\d+)?\s*(?:万元|元|分|%)", body):
        if re.search(re.escape(t) + rf"\.{DOC_EXT}\b", body, re.I):
            # the page publishes its report as the attachment of the same name ('…自评报告.pdf')
            return Verdict(True, kind, kind, [f"the page of a self-evaluation published as its attachment: {t[:60]}"])
        return None  # a title alone (a link, a stub): no content to call a report
    return Verdict(True, kind, kind, [f"titled as a self-evaluation: {t[:60]}"])


# a unit publishing its own forms: '现将2020年度…项目绩效自评表及评价报告公告如下' (never '各单位…')
OWN_PUBLICATION = re.compile(r"现将(?:(?!各单位|各部门|各乡镇|各地|汇总)[^。]){0,80}?自评(?:表|报告)[^。]{0,12}?(?:公告|公开|公示)如下")
# the unit says, in its opening, that what follows is its own self-evaluation
SELF_REPORTED = re.compile(
    r"现将[^。]{0,80}?自评(?:工作)?(?:的)?(?:情况|结果)?(?:报告|汇报)?如下|"
    + OWN_PUBLICATION.pattern + "|"
    r"(?:开展|进行|组织)了?[^。]{0,80}?绩效自评(?:工作)?[^。]{0,40}?(?:自评情况|自评结果|评价结果|有关情况|现将[^。]{0,40}|报告)如下|"
    r"现将[^。]{0,40}?(?:资金|项目)(?:的)?(?:管理)?(?:使用|绩效)(?:管理)?(?:情况|绩效)[^。]{0,10}?报告如下|"
    r"形成了?(?:本)?(?:绩效)?自评报告|评价单位[(（]公章[)）]|评价方式[:：]?(?:部门\(单位\)|部门|单位)(?:绩效)?自评|"
    r"(?:开展|进行)了?[^。]{0,60}?绩效自评(?:工作)?[。；;]\s*现将(?:有关|相关)?(?:情况|结果|自评情况)报告如下|"
    r"(?:本|我)(?:部门|单位|局|委|办|中心|院|镇|乡|街道)对[^。]{0,30}?(?:整体支出|部门整体)[^。]{0,10}?开展[^。]{0,6}?自评[,，]"
    r"(?:综合)?自评得分\s*\d|"
    # the unit on a project it runs itself: '溆浦县人力资源和社会保障局对本局实施的乡村公益性岗位补贴项目开展了绩效自评'
    r"对(?:本|我)(?:局|单位|部门|中心|院|委|办|厅|站|所|镇|乡)(?:实施|负责|管理|承担)的[^。]{0,40}?(?:开展|进行)了?[^。]{0,6}?自评|"
    # the outline of MOF's transfer-payment self-evaluation report, as its first heading
    r"^[\s•·●▪]*(?:[^\n]{0,60}\n[\s•·●▪]*){0,6}一[、.．]\s*绩效目标分解下达情况|"
    r"一[、.．]\s*基本情况\s*\n?\s*[(（]一[)）]\s*转移支付[^\n。]{0,6}?概况|"
    # the unit evaluating its own fund: '我厅成立绩效评价工作组,对2023年度…专项资金管理使用情况开展了绩效评价,现将评价情况报告如下'
    # ('我中心对2019年部门财政资金开展了绩效评价工作,现将绩效评价情况及评价结果报告如下')
    r"(?:我|本)(?:厅|局|委|办|中心|院|单位|部门)[^。]{0,30}?对(?:本|我)?[^。]{0,4}?20\d\d年[^。]{0,60}?(?:开展|进行)了?[^。]{0,6}?"
    r"绩效评价(?:工作)?[,，]\s*现将[^。]{0,20}?情况(?:及[^。]{0,8}?结果)?报告如下|"
    # the same written with the unit's name: '池州市人社局对2022年度城乡居保市级补贴使用情况开展了财政绩效评价工作。现将绩效
    # 评价情况报告如下' (never a finance bureau, an evaluation centre or a firm)
    r"(?:^|[。\n,，])(?:(?!财政|评价|评估|咨询|事务所|会计)[\u4e00-\u9fff]){2,20}?(?:局|委|厅|办|中心|院)对(?:本|我)?(?:局|单位|部门)?"
    r"20\d\d年[^。]{0,60}?(?:开展|进行)了?[^。]{0,6}?(?:财政)?绩效评价(?:工作)?[。,，]\s*现将[^。]{0,20}?情况(?:及[^。]{0,8}?结果)?"
    r"报告如下|"
    # the unit stating its own score for its spending: '我局2022年度部门整体支出绩效综合评分为92.8分'
    r"(?:我|本)(?:厅|局|委|办|中心|院|单位|部门|站|所)20\d\d年度?(?:部门)?整体支出(?:绩效)?(?:综合|自评|评价)?(?:评分|得分)"
    r"(?:结果)?(?:为|是)?\s*\d{2,3}(?:\.\d+)?分|"
    # '…进行自查自评,现将我单位2022年度部门整体和项目支出情况报告如下'
    r"(?:开展|进行|组织)了?[^。]{0,20}?自查?自?评(?:工作)?[^。]{0,10}?[,，]\s*现将[^。]{0,60}?(?:报告|汇报)如下|"
    # '我局对2017年度部门整体支出绩效进行了全面综合评价,现将有关情况报告如下': the unit on its own spending
    # ('我局组织对2023年度部门整体支出绩效情况进行了评价。现将评价情况报告如下', '…对本部门2023年度整体支出进行了
    # 全面评价,现报告如下')
    r"(?:本|我)(?:部门|单位|局|委|办|中心|院|镇|乡|街道)(?:组织|认真|及时)?对(?:本(?:部门|单位|局)|我(?:部门|单位|局))?"
    r"20\d\d年度?(?:本(?:部门|单位|局))?(?:整体支出|部门整体)[^。]{0,20}?(?:进行|开展)了?[^。]{0,10}?评价[,，。]\s*"
    r"现将[^。]{0,20}?报告如下|"
    r"对本(?:部门|单位)20\d\d年度?(?:部门)?整体支出[^。]{0,20}?(?:进行|开展)了?[^。]{0,10}?评价[,，。]\s*"
    r"现(?:将[^。]{0,20}?)?报告如下|"
    # '我局及时布置自评,成立自评工作小组', '评价机构:某县财政局(部门整体支出)自评小组'
    r"(?:本|我)(?:部门|单位|局|委|办|中心|院|镇|乡|街道)[^。]{0,12}?(?:布置|部署|安排)[^。]{0,6}?自评|"
    r"成立(?:了)?(?:绩效)?自评(?:工作)?(?:领导)?小组|评价机构[:]?[^\n。]{0,40}?自评(?:工作)?小组|"
    # '对“城乡一体化住户调查”项目实施了财政支出绩效自评价,形成本评价报告'
    r"对[^。]{0,40}?(?:实施|开展|进行)了?[^。]{0,12}?绩效自评价[,，]\s*形成(?:了)?本"
)
# a unit's own report titled as an evaluation (Hunan and Zhejiang units title their self-evaluation so)
UNIT_EVAL_TITLE = re.compile(r"(?:整体支出|项目支出|项目|专项资金|专项经费)(?:绩效)?评价报告$")
NOT_SELF_CONDUCTED = re.compile(r"委托(?:单位|方)|评价机构(?![:：]?(?:部门|单位|本|自评|[^\n。]{0,40}?自评(?:工作)?小组))|报告编号|"
                                r"(?<!部门\(单位\))(?<!单位)(?<!部门)(?<!自评)评价(?:工作)?组|重点(?:绩效)?评价|"
                                r"财政(?:局|厅)(?:组织|对)|专家组|评审组|抽查|复核|再评价")


def _kind_of(title: str, opening: str) -> str:
    """The report type a title names, else 'project' when the title or opening names a project or fund."""
    return report_type_of(title) or ("project" if TYPE_PROJECT.search(title + opening[:300]) else "department_overall")


# a unit that formed its own group to evaluate its own fund: '某省地方金融监督管理局(以下简称“我局”)于2021年3月成立…
# 专项资金绩效评价工作小组,对2020年度…资金进行绩效评价' (its own fund: the year follows 对)
OWN_GROUP = re.compile(
    r"(?:我|本)(?:厅|局|委|办|中心|院|单位|部门)[”\"']?\)?[^。]{0,20}?成立[^。]{0,40}?(?:资金|经费|项目)?(?:绩效)?评价工作"
    r"(?:领导)?小?组[,，]\s*对(?:本|我)?[^。]{0,4}?20\d\d年度?[^。]{0,150}?(?:进行|开展)了?[^。]{0,6}?(?:绩效|综合)?评价")


def self_statement(opening: str) -> re.Match[str] | None:
    """The opening's words saying the unit evaluated itself (SELF_REPORTED, OWN_RESULT, OWN_GROUP): never the
    finance bureau speaking of itself ('某市财政局(以下简称“我局”)成立…评价工作小组')."""
    # (never a notice's '关于开展…绩效自评工作的通知 / 各预算单位: … 现将有关事项通知如下', nor what it asks units to
    # do: '各预算单位均应对本部门…开展绩效自评', '各部门应于每年3月底前完成…自评,形成自评报告')
    m = next((x for x in SELF_REPORTED.finditer(opening) if not x.group(0).endswith("通知如下")
              and not _directed(opening, x.start())), None)
    m = m or next((x for x in OWN_RESULT.finditer(opening) if not _directed(opening, x.start())), None)
    if m is not None:
        return m
    g = OWN_GROUP.search(opening)
    if g is not None and not re.search(r"财政[局厅][^。,，;；]{0,15}$", opening[:g.start()]) and not _directed(opening, g.start()):
        return g
    return None


_DIRECTIVE = re.compile(r"均应|应当|应于|应对|应按|应在|应及时|必须|务必|须于|须对|请各|要求各|各(?:预算)?(?:部门|单位)(?:要|需|须)")


def _directed(text: str, k: int) -> bool:
    """The words at k are what a notice directs units to do: its sentence so far says they shall ('应于', '均应',
    '务必'), not that the unit did."""
    return bool(_DIRECTIVE.search(re.split(r"[。;；\n]", text[max(0, k - 60):k])[-1]))


_COVERAGE = re.compile(r"共?涉及(?:项目)?\d+个(?:项目)?|共\d+个项目|占[^。]{0,24}总额的\d|覆盖率(?:达到?)?\d")


def _coverage_account(opening: str, m: re.Match[str]) -> bool:
    """The statement is a 决算's account of its evaluation work ('本单位组织对…项目支出开展绩效自评,共涉及项目12个,资金
    2846.70万元,占…总额的100%'), its results 'detailed in the attached forms': how much was evaluated, no report."""
    sentence = opening[m.start():m.start() + 160].split("。")[0]
    return bool(_COVERAGE.search(sentence)) and bool(re.search(r"决算", opening))


def self_reported_verdict(title: str, head: str, body: str) -> Verdict | None:
    """A unit's self-evaluation that the title does not name: its opening says so ('…开展了绩效自评工作，
    自评情况如下', '现将…自评情况报告如下', '评价单位（公章）'), or it is titled as the unit's own
    整体支出/项目 绩效评价报告 with no mark of an evaluator other than the unit; never a notice, news, a
    results list, a target table, a monitoring report or a third-party / finance-bureau evaluation."""
    t = title or ""
    opening = body[:1500]
    # a unit's announcement of its own forms ('…绩效评价情况公告' / '现将…项目绩效自评表及评价报告公告如下') is its report
    own_notice = bool(re.search(r"(?:公告|公示)$", t)) and OWN_PUBLICATION.search(opening) is not None
    if ((NOTICE.search(t) and not own_notice) or NEWS.search(t) or RESULT_LIST.search(t) or TARGET_TABLE.search(t)
            or _monitoring_title(t) or BUDGET_DOC.search(t) or COLUMN_TITLE.match(t)):
        return None
    third = THIRD_PARTY_BODY.search(body[:4000])
    if own_evaluator(opening, t):
        kind = _kind_of(t, opening)
        return Verdict(True, kind, kind, ["its cover names the unit itself as the evaluator (评价机构)"])
    m = self_statement(opening)
    if (_lookalike_word(THIRD_PARTY_TITLE, t) and not (_units_fiscal_spending_title(t) and m is not None and not third)
            and (m is None or not _names_self_evaluation(m) or third)):
        return None  # under an evaluator's title only the unit's own words naming a self-evaluation count, and
        # never beside a third party's or the finance bureau's work
    other = NOT_SELF_CONDUCTED.search(opening)
    if (notice_head(head) or NEWS_LEDE.search(head[:80]) or is_listing(body)
            # a third party's or the finance bureau's work mentioned after the unit's own account is in passing
            or (third and (m is None or third.start() < m.start())) or (other and (m is None or other.start() < m.start()))
            or re.search(r"提纲|模板|范本|参考格式", opening[:400])):
        return None
    if not re.search(r"。|\d(?:\.\d+)?\s*(?:万元|元|分|%)", body):
        return None
    figures = {f.group(1)[:2] for f in SECTION_FIGURE.finditer(opening)}
    if (m is None and len(figures & {"全年", "调整", "年初"}) >= 1 and len(figures & {"执行", "预算执"}) >= 1
            and re.search(r"绩效目标(?:完成|实现)|绩效评价|绩效自评|自评", t + opening)
            and not MONITORING.search(t + opening[:600]) and not BUDGET_HEAD.search(head[:600])):
        # '项目全年预算数为1050万元,执行数为1050万元,完成预算的100%。项目绩效目标完成情况:…': the unit accounts
        # for its own budget, spending and targets
        kind = _kind_of(t, opening)
        return Verdict(True, kind, kind, ["states its budget, its spending and its targets' completion"])
    if m is None and UNIT_EVAL_TITLE.search(t) and not re.search(r"财政局|财政厅", head[:600] + t):
        kind = report_type_of(t) or "department_overall"
        return Verdict(True, kind, kind, [f"the unit's own evaluation report: {t[:60]}"])
    if m is None or _coverage_account(opening, m):
        return None
    fund = (not re.search(r"部门整体|整体支出", m.group(0)[:80])
            and (TYPE_PROJECT.search(opening[:m.end()]) or re.search(r"绩效目标分解下达情况|转移支付", m.group(0))))
    kind = report_type_of(t) or ("project" if fund else "department_overall")  # MOF's outline: a fund's report
    return Verdict(True, kind, kind, [f"states it is the unit's self-evaluation: {m.group(0)[:60]}"])


# a public summary of the unit's own self-evaluation: '2020年度我厅开展了部门整体支出绩效自评……自评等次均为优秀'
OWN_RESULT = re.compile(r"(?:我|本)(?:厅|局|委|办|中心|院|单位|部门)[^。]{0,20}?开展了?[^。]{0,30}?绩效自评[^。]*。"
                        r"[\s\S]{0,600}?(?:自评(?:等次|等级|得分|结果)[^。]{0,10}?(?:均|为|是|:)+[^。]{0,4}?(?:优|良|中|差|\d)|"
                        r"自评(?:总|综合)?得\d)")


# Hunan's 部门整体支出绩效评价基础数据表: the unit's own data sheet of its self-evaluation (filed with its report)
BASIC_DATA_TITLE = re.compile(r"(?:部门|单位)?整体支出绩效(?:自评|评价)基础数据表")


def filled_basic_data(title: str, body: str) -> bool:
    """The data sheet filled in: its title, and its 支出合计/决算数 block with figures (a blank one has none)."""
    return bool(BASIC_DATA_TITLE.search(title or body[:200])) and bool(
        re.search(r"(?:支出合计|收入合计|基本支出)[^\d。]{0,20}?\d[\d,]*\.\d", body)) and bool(re.search(r"决算数", body))


EXEC_COLUMNS = re.compile(r"执行数|执行率|全年执行|实际支出|实际执行|资金使用情况|实际使用|使用金额|支出数")


SCORE_TABLE_TITLE = re.compile(r"(?:部门整体支出|单位整体支出|整体支出|项目支出)绩效评价得分表$")


def filled_form_verdict(title: str, head: str, body: str) -> Verdict | None:
    """A filled 自评表 whose title the page lost: an indicator grid with actual values or scores and a budget
    block with what was spent (执行数/执行率), and nothing marking a target table, a third-party or finance
    evaluation, a notice or a budget document."""
    t = title or ""
    # (Sichuan's 部门整体支出绩效评价得分表: the unit's scored indicator grid alone, no budget block)
    if not (GRID.search(body) and GRID_ACTUAL.search(body) and (EXEC_COLUMNS.search(body) or SCORE_TABLE_TITLE.search(t))):
        return None
    if (TARGET_TABLE.search(t) or _lookalike_word(THIRD_PARTY_TITLE, t) or NOTICE.search(t) or BUDGET_DOC.search(t)
            or RESULT_LIST.search(t) or THIRD_PARTY_BODY.search(head) or notice_head(head)
            or re.search(r"目标申报|申报表|绩效目标表", head[:600])):
        return None
    return Verdict(True, "self_eval_table", "self_eval_table", ["a filled self-evaluation form (indicator grid with "
                                                                "actual values, budget block with spending)"])


SELF_RESULTS = re.compile(
    r"自评[^。;]{0,150}?(?:平均得分|自评得分|得分|评分|评级|等级|等次)(?:为|是|:|达)?[“\"]?(?:\d|XX|X|优|良|中|差)"
)


# a 决算's or 预算's own title line: a unit and a year (no portal column named 部门决算)
_LINE_END = r"(?:说明|报告|情况说明)?(?:$|(?=\s*(?:目\s*录|第[一二三四五六七八九十]部分|附件)))"  # (or run on into them)
# (never a bulleted link of a sidebar's list, '· 乌石镇2023年度部门决算': another page's title)
BUDGET_TITLE_LINE = re.compile(r"^(?![•·●▪◆■◇□○])[^\n>|»]{2,40}?20\d\d\s*年度?\s*(?:部门|单位)?(?:综合)?(?:决算|预算)(?:公开)?" + _LINE_END +
                               # (the year first: the unit's 部门决算, never a column '2018年年初预算')
                               r"|^\s*20\d\d\s*年度?[^\n>|»]{2,40}?(?:(?:部门|单位)(?:综合)?(?:决算|预算)|决算)(?:公开)?" + _LINE_END,
                               re.M)
# the 决算 template's own headings, where an excerpt starts inside one ('七、财政拨款“三公”经费支出决算情况说明',
# '十二、国有资产占用情况说明', '第四部分 其他重要事项及相关口径情况说明', '第三部分 名词解释')
FINAL_ACCOUNTS_PART = re.compile(r"“?三公”?经费(?:财政拨款)?支出决算情况(?:的)?说明|国有资产占用情况(?:的)?说明|"
                                 r"其他重要事项(?:及相关口径)?(?:的)?情况说明|收入支出决算(?:总体)?情况(?:的)?说明|"
                                 r"决算表\s*[(（]详见附表|第[一二三四五六七八九十]部分\s*名词解释")


def opens_as_budget_doc(head: str, title: str) -> bool:
    """The page opens as a 决算/预算 (its own title line) before the self-evaluation's title (a report or form in it)."""
    m = BUDGET_TITLE_LINE.search(head[:400]) or FINAL_ACCOUNTS_PART.search(to_simplified(head[:600]))
    if m is None:
        return False
    at = head.find(title) if title else -1
    # ('某县档案馆2023年度部门决算 附件:…自评报告' taken whole for the title: the 决算's line still opens it)
    return at < 0 or m.start() < at or (m.start() == at and m.end() - m.start() < len(title))


def container_verdict(title: str, head: str, body: str) -> Verdict | None:
    """A budget / final-accounts document holding a self-evaluation section, decided on its structure.

    The n-gram model sees the title and the opening; a 决算's 部门整体支出绩效自评情况 sits pages later, so
    a document titled as a budget or 决算 (or opening like one) is a container when its body has a
    self-evaluation heading with results under it, or reports self-evaluation results (scores, grades)."""
    self_in_title = bool(SELF.search(title)) and not COLUMN_TITLE.match(title)
    budget_doc = bool(title and BUDGET_DOC.search(title)) or (
        not self_in_title and bool(BUDGET_HEAD.search(head[:400])))
    if not budget_doc or self_in_title:
        return None
    if SECTION.search(body) and has_self_eval_content(body):
        return Verdict(True, "contains_section", None, ["budget/final-accounts document with a self-evaluation section"])
    for sec in SECTION.finditer(body):
        window = body[sec.end():sec.end() + 600]
        if len({m.group(1) for m in SECTION_FIGURE.finditer(window)}) >= 2:
            return Verdict(True, "contains_section", None,
                           ["budget/final-accounts document whose self-evaluation section states the unit's budget "
                            "and spending"])
    m = next((m for m in SELF_RESULTS.finditer(body) if _own_result(body, m.end() - 1)), None)
    if m:
        return Verdict(True, "contains_section", None,
                       [f"budget/final-accounts document reporting self-evaluation results: {m.group(0)[:60]}"])
    return None


# figures a department-level self-evaluation section states (年初预算 812.4万元 … 全年执行数 1021.86万元)
SECTION_FIGURE = re.compile(r"(年初预算|调整(?:后)?预算|全年预算|执行数|预算执行率)[^。\n]{0,12}?\d[\d,.]*\s*(?:万元|元|%)")


_SCORE_WORDS = re.compile(r"(?:自评|综合|评价|自查)(?:得分|评分|总分)|(?:自评|综合)得\d|评分为\d|评价(?:等级|等次|结论)|"
                          r"绩效自评(?:综合)?得分")
# a score a container quotes that is not its unit's self-evaluation of the year: the finance bureau's or a third
# party's evaluation ('县财政局委托第三方对我局…开展了重点绩效评价，评价得分84分'), or last year's result a budget
# applies ('上年度绩效自评结果应用：我院2023年度…自评得分91分')
_OTHERS_SCORE = re.compile(r"重点(?:绩效)?评价|第三方|委托|财政(?:局|厅)[^。;]{0,12}?评价|再评价|抽查|复核|结果应用|上年度|上一年度")


def has_self_eval_content(text: str) -> bool:
    """A self-evaluation states a score or grade for the evaluated unit, or is a filled 自评表 grid (an
    indicator grid with actual values or scores; a 绩效目标表 has 三级指标 and 指标值 only)."""
    if any(_own_result(text, m.end() - 1) for m in _SCORE_WORDS.finditer(text)):
        return True
    return bool(GRID.search(text) and GRID_ACTUAL.search(text))


def _own_result(text: str, k: int) -> bool:
    """The score stated at offset k is the unit's own self-evaluation result, not one `_OTHERS_SCORE` names."""
    return not _OTHERS_SCORE.search(_sentence_around(text, k)) and not re.search(r"结果应用|上年度",
                                                                                 _heading_above(text, k))


def sentence_span(text: str, k: int) -> tuple[int, int]:
    """The sentence (to 。, ; or a line break) around offset k of a normalised text."""
    a = max(text.rfind(c, 0, k) for c in "。;\n") + 1
    ends = [e for e in (text.find(c, k) for c in "。;\n") if e >= 0]
    return a, min(ends) if ends else len(text)


def _sentence_around(text: str, k: int) -> str:
    a, b = sentence_span(text, k)
    return text[a:b]


_OUTLINE_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])[^\n]{0,40}")


def _heading_above(text: str, k: int) -> str:
    """The nearest outline heading line above offset k ('四、绩效目标设置及上年度绩效自评结果应用'), or ''. Read back
    from k line by line: a container holds many scores, and each asks."""
    end = k
    while True:
        start = text.rfind("\n", 0, end) + 1
        if _OUTLINE_HEADING.fullmatch(text, start, end):
            return text[start:end]
        if start == 0:
            return ""
        end = start - 1


@dataclass
class TitleScore:
    """Relevance of a list title for the crawler: p(report), a three-way decision, and why."""

    p_report: float
    decision: str  # report | maybe | off_topic
    reasons: list[str]


PERFORMANCE_WORDS = re.compile(r"绩效(?:评价|自评|情况|信息|结果|管理情况)|自评|自我评价|评价报告")
# below these self-evaluation probabilities a look-alike's title (news, notice, third party) or a text with no
# self-evaluation evidence (no 自评 word, no stated score, no filled form) is not trusted.  Chosen by the
# site-grouped CV of the verdict on the dev split (train.cross_validate_verdict run with the constants set in turn),
# errors for the evidence threshold 0.9 / 0.8 / 0.75 / 0.6 / 0.5: 895 items 19 / 13 / 13 / 13 / 16, 927 items
# 17 / 15 / 16 / 16 / 17; the look-alike threshold at 0.65, 0.75 or 0.8 instead of 0.9 gained nothing
LOOKALIKE_VETO_BELOW = 0.9
VETO_BELOW = 0.8
REPORT_AT = 0.6  # a title this likely is opened as a report
OFF_TOPIC_BELOW = 0.08  # only a title the scorer is confident about is skipped


ROUTINE_REPORT = re.compile(r"信息公开(?:工作)?(?:年度)?报告|工作(?:总结|计划|要点)(?:[(（].{0,8}[)）])?$|"
                            r"工作总结(?:和|及|暨)[^。]{0,12}?(?:工作)?(?:计划|思路|安排)$")


def score_title(title: str) -> TitleScore:
    """The document scorer on a list title alone."""
    model = load_model()
    feats = features(title)
    probs = model.proba(feats)
    p = 1.0 - probs["other"]
    decision = "report" if p >= REPORT_AT else ("off_topic" if p < OFF_TOPIC_BELOW else "maybe")
    t = fold(title)
    if decision == "off_topic" and PERFORMANCE_WORDS.search(t) and not any(
            sig in feats for sig in ("R:t_target", "R:t_news", "R:t_third_party", "R:t_result_list")):
        # 绩效评价结果公开 / 绩效信息公开 / 预算绩效管理情况的说明: worth one look at the page, never skipped blind
        decision = "maybe"
    if decision == "maybe" and ROUTINE_REPORT.search(t) and not SELF.search(t):
        decision = "off_topic"  # 政府信息公开工作年度报告, 工作总结: statutory and routine reports, never a self-evaluation
    cls = max(probs, key=probs.get)
    reasons = model.reasons(feats, cls)
    lookalike = any(sig in feats for sig in ("R:t_notice", "R:t_news", "R:t_result_list", "R:t_target",
                                              "R:t_third_party", "R:t_budget_doc", "R:t_monitoring"))
    if decision == "report" and lookalike:
        decision = "maybe"  # a notice, news item, list or target table scored high: its page decides
    if decision != "report" and _self_title(t):
        # the same rule the document verdict uses: a unit's own 自评报告/自评表 title is a report
        decision = "report"
        reasons = [f"titled as a self-evaluation: {t[:60]}"] + reasons
    return TitleScore(round(p, 4), decision, reasons)
