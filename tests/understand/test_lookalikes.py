"""News and explainers about self-evaluation work are not reports (issue 12: they were loaded as reports)."""

from __future__ import annotations

import re

import pytest
from selfeval.understand import classify_document, understand

from .conftest import text_doc

NEWS = """市财政局：绩效自评结果将与下年度预算安排挂钩
发布时间：2024-05-20 来源：市财政局
5月18日，记者从市财政局获悉，我市2023年度部门整体支出和项目支出绩效自评工作已全面完成，全市86个预算部门对1320个项目开展了自评。市财政局有关负责人表示，自评结果将作为2025年预算安排的重要依据，对自评得分低于80分的项目，原则上压减下年度预算。下一步，市财政局将对部分项目开展重点评价，进一步提升财政资金使用效益。"""
QA = """部门整体支出绩效自评怎么做？——预算绩效管理政策问答
问：什么是部门整体支出绩效自评？
答：部门整体支出绩效自评是指预算部门对本部门年度全部预算资金的管理和使用情况，对照年初设定的绩效目标进行自我评价。
问：自评报告应包括哪些内容？
答：一般包括部门基本情况、部门整体支出情况、绩效目标完成情况、存在的问题及改进措施、自评得分及评价等级等。
问：自评结果如何应用？
答：自评结果作为下一年度预算安排和政策调整的重要依据，并按要求向社会公开。"""


@pytest.mark.parametrize("text", [NEWS, QA], ids=["news-results-tied-to-budgets", "qa-how-to-self-evaluate"])
def test_news_and_explainers_are_not_reports(text: str) -> None:
    assert classify_document(text_doc(text)).document_type == "other"
    u = understand(text_doc(text))
    assert not u.is_self_eval and u.reports == []


def test_an_explainer_in_questions_and_answers_is_no_report() -> None:
    """A Q&A on how departments do their self-evaluation uses a report's words (自评报告, 自评得分) but
    reports nothing (issue 12 item 4)."""
    from selfeval.model import ExtractedDocument, Page
    from selfeval.understand import understand

    text = ("部门整体支出绩效自评问答\n问:部门整体支出绩效自评由谁来做?\n答:由预算部门组织开展,对本部门整体支出的产出和效益"
            "进行自我评价,形成自评报告。\n问:自评得分如何确定?\n答:按照评价指标体系逐项打分。\n")
    u = understand(ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt"))
    assert not u.is_self_eval and u.reports == [], u.reasons


def test_a_units_summary_of_its_own_self_evaluation_mentions_a_finance_review_in_passing() -> None:
    """'2020年度我厅开展了部门整体支出绩效自评……等次均为优秀' is the unit's own account; the finance bureau's review of
    one fund, mentioned after it, does not make it a third party's evaluation.  Stated the other way round (the
    finance bureau's evaluation first) it is one."""
    from selfeval.model import ExtractedDocument, Page
    from selfeval.understand import understand

    own = ("根据财政预算管理要求,2020年度我厅开展了部门整体支出绩效自评,涉及一般公共预算支出2,796.90万元。另外,省财政厅委托"
           "第三方机构对某专项资金开展了重点绩效评价。\n我厅严格按照要求开展绩效自评工作,2020年度部门整体支出绩效自评等次为优秀。\n"
           "附件:1.广东省科学技术厅2020年度部门整体支出绩效自评报告\n")
    u = understand(ExtractedDocument(format="txt", pages=[Page(number=1, text=own)], engine="txt"))
    assert u.is_self_eval and u.document_type == "department_overall", u.reasons
    assert u.reports[0].fields["department"] == "广东省科学技术厅"
    theirs = ("受省财政厅委托,某会计师事务所有限公司对省科学技术厅2020年度部门整体支出开展了重点绩效评价,评价等次为优秀。\n")
    u = understand(ExtractedDocument(format="txt", pages=[Page(number=1, text=theirs)], engine="txt"))
    assert not u.is_self_eval


def test_an_assessment_of_performance_management_work_is_no_spending_self_evaluation() -> None:
    """'…2020年度预算绩效管理考核自评报告' scores how the unit ran its performance management for the finance
    bureau's yearly assessment, not what its spending achieved."""
    from selfeval.model import ExtractedDocument, Page
    from selfeval.understand import understand

    text = ("某自治区发展和改革委员会2020年度预算绩效管理考核自评报告\n根据《财政厅关于开展2020年度预算绩效管理考核工作的通知》"
            "精神,我委认真组织绩效自评工作。经自评,我委得分98分,现将自评情况报告如下:\n一、绩效管理制度建设情况\n")
    u = understand(ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt"))
    assert not u.is_self_eval and u.reports == [], u.reasons


def test_a_notice_publishing_the_units_own_forms_is_its_report() -> None:
    """'…绩效评价情况公告' / '现将2020年度…项目绩效自评表及评价报告公告如下' followed by the filled form is the unit's
    own self-evaluation; '现将各单位…自评结果公示如下' is a result list."""
    form = ("中央支付地方发展项目绩效目标自评表\n(2020年度)\n转移支付(项目)名称 | 社会办养老机构运营补贴 | |\n"
            "地方主管部门 | 某市民政局 | 实施单位 | 某县民政局 | |\n资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A) | |\n"
            "年度资金总额: | 350 | 342.07 | 97.73% | |\n其中:中央财政资金 | 350 | 342.07 | 97.73% | |\n")
    own = ("中央支持地方2020年度彩票公益金绩效评价情况公告\n某县民政局\n按照彩票公益金管理办法,现将2020年度中央专项彩票公益金支持地方"
           "社会公益事业发展项目绩效自评表及评价报告公告如下:\n" + form)
    u = understand(text_doc(own))
    assert u.is_self_eval and u.reports[u.principal].fields["expenditure_total_wan"] == 342.07, u.reasons
    lst = ("2020年度彩票公益金项目绩效自评结果公告\n某县财政局\n现将各单位2020年度彩票公益金项目绩效自评结果公示如下:\n"
           "序号 | 单位 | 项目 | 自评得分 |\n1 | 某县民政局 | 养老机构运营补贴 | 95 |\n2 | 某县体育局 | 全民健身 | 92 |\n")
    assert not understand(text_doc(lst)).is_self_eval


MOF_OFFICE = """某省农业农村厅2022年农业相关转移支付资金绩效评价报告(财驻某监〔2023〕12号)
财政部驻某省财政监察专员办事处关于某省农业农村厅2022年农业相关转移支付资金绩效评价的报告
财政部农业农村司:
按照《关于开展2022年农业相关转移支付资金绩效评价工作的通知》要求,我办于2023年6月至7月对某省农业农村厅2022年农业相关转移支付资金使用情况开展了绩效评价,本次评价采取自评和他评相结合的方式。由省财政厅、农业农村厅组织开展自评,出具绩效自评报告,我办在自评基础上开展绩效评价工作。
一、基本情况
中央财政下达某省2022年农业相关转移支付资金合计12,000万元。
二、评价结论
综合评价得分88分,评价等级为良。"""
MOF_BUREAU = MOF_OFFICE.replace("财政部驻某省财政监察专员办事处", "财政部某省监管局").replace("我办", "我局").replace("财驻某监", "财某监")


@pytest.mark.parametrize("text", [MOF_OFFICE, MOF_BUREAU], ids=["zhuanyuanban", "jianguanju"])
def test_the_ministry_offices_evaluation_of_a_province_is_no_self_evaluation(text: str) -> None:
    """The Ministry of Finance's regional office (专员办, since 2019 监管局) evaluates a province's transfer funds
    on top of the province's own self-evaluation: an outside evaluation, whatever 自评 it mentions."""
    u = understand(text_doc(text))
    assert not u.is_self_eval and u.reports == [], u.reasons


ENTRUSTED = """某市实验小学2023年度部门整体支出绩效评价报告
我们接受贵单位委托,对某市实验小学2023年度部门整体支出的管理和使用情况进行了绩效评价。实验小学对所提供资料的真实性、完整性负责,我们的责任是在实施评价工作的基础上发表评价意见。我们实施了查阅资料、实地察看等必要的评价程序。
一、基本情况
2023年度全年预算数800万元,全年执行数760万元,预算执行率95%。
二、评价结论
综合评价得分91分,评价等级为优。"""
ATTACHMENT_NAMES = """2022年度某县公务服务中心单位决算
发布时间:2023-11-06
2022年某县公务服务中心决算公开表.xls部门预算项目支出绩效自评表(2022年度).xlsx
第一部分 单位概况
一、主要职能
负责全县公务服务。
第二部分 2022年度单位决算表
收入支出决算总表 本年收入合计320万元,本年支出合计318万元。"""


TOC_ATTACHMENT = """某县环境卫生服务中心2023年度单位决算
发布时间:2024-09-26 信息来源:某县城市管理局
目录
第三部分 2023年度单位决算情况说明
八、国有资本经营预算财政拨款支出决算情况说明
九、其他重要事项情况说明
第四部分 名词解释
附件:2023年度项目支出绩效自评表
第一部分 某县环境卫生服务中心概况
一、主要职责
负责城区道路的清洁保洁和生活垃圾的收集清运工作。
第二部分 2023年度单位决算表
收入支出决算总表 本年收入合计320万元,本年支出合计318万元。"""


@pytest.mark.parametrize("text", [ENTRUSTED, ATTACHMENT_NAMES, TOC_ATTACHMENT],
                         ids=["entrusted-evaluator", "attachment-names", "toc-attachment"])
def test_an_entrusted_evaluation_and_a_final_account_listing_a_form_file_are_no_self_evaluations(text: str) -> None:
    """'我们接受贵单位委托,对…进行了绩效评价' is an outside evaluator however far the object runs; a line of attachment
    file names ('….xls部门预算项目支出绩效自评表.xlsx') is no title, so a 决算 is not taken for the form it links."""
    u = understand(text_doc(text))
    assert not u.is_self_eval and u.reports == [], u.reasons


def test_a_title_opening_with_a_bare_year_is_still_the_title() -> None:
    """'2019某县扶贫项目绩效自评抽查报告' (a year without 年) heads the page: its 抽查 makes it a finance bureau's
    spot-check of other units' self-evaluations, not the 'subtitle' line under it."""
    from selfeval.understand.evidence import DocView
    from selfeval.understand.segment import segment

    text = ("2019某县扶贫项目绩效自评抽查报告\n某县财政局扶贫项目绩效目标自评\n抽查情况报告\n县扶贫开发工作领导小组:\n"
            "根据有关文件要求,我局对全县各单位2019年度扶贫项目绩效自评情况进行了抽查,共抽查项目12个,资金1520万元。\n"
            "一、抽查情况\n各单位均按要求开展了自评,自评得分均在90分以上。\n")
    assert segment(DocView.build(text_doc(text))).title_text == "2019某县扶贫项目绩效自评抽查报告"
    assert not understand(text_doc(text)).is_self_eval


# one of each kind of look-alike the genre has, with the figures and score words a report has too
EVAL_BODY = ("一、项目基本情况\n2023年该项目年初批复预算260.00万元，调整后预算298.00万元，实际支出281.35万元，预算执行率94.41%。\n"
             "二、综合评价结论\n该项目得分91.5分，评价等级为“优”。\n三、存在的问题\n乡镇半专业扑火队伍装备水平不高。\n")
GENRE_LOOKALIKES = {
"notice": "关于开展2023年度预算绩效自评工作的通知\n各乡镇、县直各单位:\n根据《预算法》要求,现就开展2023年度绩效自评工作通知如下:\n一、自评范围\n2023年度部门整体支出和项目支出。\n二、时间安排\n请各单位于2024年3月31日前报送自评报告和自评表。\n县财政局\n2024年2月20日",
"news": "县财政局召开2023年度绩效自评工作培训会\n3月5日,县财政局召开2023年度预算绩效自评工作培训会,全县65个预算单位财务人员参加。会议解读了部门整体支出绩效自评表和项目支出绩效自评表的填报要求,强调自评得分要实事求是。2023年全县纳入自评项目312个,涉及资金8.6亿元。",
"target": "武冈市林业局2024年度部门整体支出绩效目标表\n单位:万元\n部门名称 | 武冈市林业局 |\n年度预算 | 1200 |\n年度绩效目标 | 完成造林1万亩 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 造林面积 | ≥1万亩 |\n效益指标 | 生态效益 | 森林覆盖率 | ≥65% |",
"final_accounts": "武冈市林业局2023年度部门决算\n第一部分 部门概况\n一、主要职能\n负责全市林业资源保护。\n第二部分 2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n2023年度收入总计1234.56万元,支出总计1180.23万元。\n二、预算绩效情况说明\n我局按要求组织开展了绩效自评工作。\n第三部分 名词解释",
"third_party": "武冈市2023年度农村饮水安全项目绩效评价报告\n受武冈市财政局委托,湖南某某会计师事务所有限公司对2023年度农村饮水安全项目开展了重点绩效评价。\n一、项目概况\n项目预算300万元,实际支出288.5万元,执行率96.17%。\n二、评价结论\n综合得分86分,评价等级为良。",
"finance_key": "武冈市财政局关于2023年度重点项目绩效评价情况的报告\n市人民政府:\n2023年,我局组织专家组对12个重点项目开展了财政重点绩效评价,涉及资金2.3亿元。其中农村公路项目预算5000万元,支出4800万元,评价得分88分,等级良。",
"finance_scored": "2019年农村公路日常养护项目支出绩效评价报告\n一、项目基本情况\n县交通运输局会同县财政局每季度对道路养护情况进行检查。2019年项目预算650万元,实际支出642.3万元。\n二、评价结论\n经评价组现场核查,该项目财政评价得分90.5分,等级为优。",
"bond_disclosure": "根据《财政部关于印发〈地方政府债务信息公开办法〉的通知》要求,现将某市中心城区供热管网工程专项债券存续期信息公开如下:\n一、项目基本情况\n项目新建供热管网83.08公里,总投资52000万元。\n二、专项债券使用情况\n2023年发行专项债券30000万元,已支出28650.4万元。\n三、项目运营情况\n项目已投入运营。",
"plan_completion": "根据有关工作要求,现对某县2025年中央财政衔接推进乡村振兴补助资金项目实施计划完成情况公示如下:\n一、项目基本情况\n我县共争取到位资金959万元,实施项目9个。\n二、资金使用情况\n截至10月底已支出812.6万元。",
"monitoring": "武冈市林业局2024年上半年项目绩效运行监控报告\n一、监控情况\n截至6月30日,项目预算300万元,已支出120万元,执行进度40%。\n二、偏差原因\n部分工程尚未结算。",
"rectify": "武冈市林业局关于2022年度绩效评价发现问题整改情况的报告\n市财政局:\n针对2022年度重点绩效评价指出的问题,我局制定了整改措施,现将整改情况报告如下:\n一、问题一:资金执行率偏低(执行率78%)。已加快支付,截至目前支出280万元。",
"results_list": "武冈市2023年度部门整体支出绩效自评结果公示\n单位名称 | 自评得分 | 等级 |\n武冈市林业局 | 95 | 优 |\n武冈市水利局 | 92 | 优 |\n武冈市教育局 | 88 | 良 |\n武冈市民政局 | 90 | 优 |",
"audit": "武冈市审计局关于2023年度农村饮水安全项目资金的审计报告\n一、基本情况\n2023年,省财政下达项目资金300万元,截至12月底支出288.5万元。\n二、审计发现的问题\n部分资金拨付不及时。",
"budget": "武冈市林业局2024年部门预算公开\n一、部门职责\n负责林业资源保护。\n二、2024年部门预算情况\n2024年收入预算1300万元,支出预算1300万元,其中基本支出800万元,项目支出500万元。\n三、绩效目标设置情况\n2024年我局将按规定开展绩效自评,对全部项目设定绩效目标。",
"plan": "武冈市林业局2024年预算绩效管理工作方案\n为做好2024年预算绩效管理工作,特制定本方案。\n一、工作目标\n全面开展绩效自评,自评覆盖率100%。\n二、工作安排\n3月底前完成2023年度部门整体支出和项目支出绩效自评。",
"fin_summary": "武冈市财政局关于2023年度预算绩效自评工作开展情况的报告\n市人民政府:\n2023年度,全市85个预算单位对部门整体支出和412个项目开展了绩效自评,涉及资金12.5亿元。自评结果显示,平均得分92.3分,其中优秀78个,良好7个。现将有关情况报告如下。",
"cover_letter": "武冈市林业局关于报送2023年度绩效自评报告的函\n市财政局:\n根据你局通知要求,我局已完成2023年度部门整体支出和项目支出绩效自评,现将自评报告及自评表报送你局,请审核。\n附件:1.部门整体支出绩效自评报告\n2.项目支出绩效自评表",
"list_page": "绩效自评\n武冈市林业局2023年度部门整体支出绩效自评报告 2024-03-12\n武冈市水利局2023年度部门整体支出绩效自评报告 2024-03-11\n武冈市教育局2023年度项目支出绩效自评报告 2024-03-10\n武冈市民政局2023年度部门整体支出绩效自评报告 2024-03-09\n武冈市财政局2023年度部门整体支出绩效自评报告 2024-03-08\n武冈市卫健局2023年度项目绩效自评表 2024-03-07\n武冈市交通局2023年度部门整体支出绩效自评报告 2024-03-06",
"template": "部门整体支出绩效自评报告(参考格式)\n一、部门基本情况\n(一)部门职能\n(二)年度主要工作任务\n二、部门整体支出情况\n年初预算XX万元,全年预算XX万元,全年执行XX万元。\n三、自评结论\n自评得分XX分,等级XX。",
"eval_mgmt": "武冈市林业局2023年度预算绩效管理工作考核自评报告\n根据《武冈市预算绩效管理工作考核办法》,我局对2023年度预算绩效管理工作进行了自评,自评得分95分。一、绩效目标管理情况(20分),得分19分。",
"midterm": "武冈市2023年度农村饮水安全项目绩效中期评估报告\n一、项目概况\n项目预算300万元,截至6月底支出120万元。\n二、评估结论\n项目进展顺利,评估得分85分。",
"expert_review": "武冈市2023年度部门整体支出绩效评价报告\n评价机构:湖南某某咨询有限公司\n委托单位:武冈市财政局\n一、部门概况\n武冈市林业局2023年全年预算1300万元,全年执行1180.23万元。\n二、评价结论\n综合得分88分,等级良。",
"budget_exec": "关于武冈市2023年预算执行情况和2024年预算草案的报告\n——2024年1月10日在武冈市第十八届人民代表大会第四次会议上\n各位代表:\n一、2023年预算执行情况\n2023年一般公共预算收入完成15.6亿元,一般公共预算支出完成48.2亿元,为调整预算的96.5%。全面实施预算绩效管理,组织85个单位开展绩效自评。",
"work_summary": "武冈市林业局2023年工作总结和2024年工作计划\n一、2023年工作完成情况\n全年完成造林1.2万亩,森林覆盖率达65.3%。全年预算执行率96%,按要求完成了部门整体支出绩效自评,自评得分95分。\n二、2024年工作计划\n继续推进国土绿化。",
"fund_publicity": "武冈市2023年度耕地地力保护补贴资金发放情况公示\n根据上级文件要求,2023年我市发放耕地地力保护补贴资金3560万元,涉及农户8.2万户,补贴标准每亩105元。现予以公示,公示期7天。",
"acceptance": "武冈市2023年农村饮水安全巩固提升工程竣工验收报告\n一、工程概况\n工程总投资300万元,实际完成投资288.5万元。\n二、验收结论\n工程质量合格,同意通过验收。",
"review_opinion": "武冈市财政局关于对2023年度部门绩效自评报告的审核意见\n市林业局:\n你局报送的2023年度部门整体支出绩效自评报告收悉。经审核,你局自评得分95分,审核得分90分,等级为优。存在的问题:部分指标设置不够细化。",
"results_notice": "关于2023年度部门整体支出绩效评价结果的公告\n根据绩效评价工作安排,现将2023年度部门整体支出绩效评价结果公告如下:\n武冈市林业局,得分95分,等级优;武冈市水利局,得分92分,等级优;武冈市教育局,得分88分,等级良。",
"interpretation": "一图读懂:部门整体支出绩效自评怎么做\n问:什么是绩效自评?\n答:绩效自评是预算部门对照绩效目标对预算执行情况进行的自我评价。\n问:自评结果如何应用?\n答:自评结果与预算安排挂钩。",
"final_accounts_sections": "武冈市林业局2023年度部门决算公开\n第一部分 部门概况\n第二部分 2023年度部门决算表\n收入支出决算总表 单位:万元\n收入总计 1234.56 支出总计 1180.23\n第三部分 2023年度部门决算情况说明\n十、预算绩效管理情况说明\n根据预算绩效管理要求,本部门组织对2023年度一般公共预算项目支出全面开展绩效自评,共涉及资金500万元,占一般公共预算项目支出总额的100%。",
"spot_check": "2023年武冈市扶贫项目绩效自评抽查报告\n县乡村振兴工作领导小组:\n在各部门单位开展绩效自评的基础上,县财政局会同县审计局对12个项目的绩效自评进行了抽查,现将抽查情况报告如下:\n一、基本情况\n抽查项目涉及资金3560万元,已支出3380万元,执行率94.94%。\n二、抽查结论\n抽查得分平均88分。",
"fund_self_inspection": "中央及省级福彩公益金项目资金使用情况及发挥效益自查报告\n一、制度建设情况\n根据福彩公益金使用管理办法,结合我区实际,福彩公益金主要用于老年人福利。\n二、资金使用情况\n2022年中央和省级资金下达111.5万元,截至5月底已支出105.61万元,结余5.89万元,发放率100%,满意度100%。",
"policy_evaluation": "2020年某省计划生育奖励扶助补助专项资金政策绩效评价报告\n一、项目情况\n(一)项目概况\n奖扶资金由各市县通过指定银行汇入个人账户。2020年下达资金8.6亿元,实际支出8.5亿元。\n二、评价结论\n综合得分91分,等级为优。",
"finance_report_run_on": "某县财政局关于国省县乡道路养护项目绩效评价报告根据财政绩效评价工作的安排,对全县国省县乡公路养护项目进行了绩效评价,评价结果如下。一、项目概况主要用于国道养护139公里100万元。二、评价结论项目绩效评价总体得分95分。",
"list_page_dates_below": "当前的位置:首页>>市级财政预决算公开>>部门预算>>市气象局\n某市气象局2026年部门预算信息公开\n2026-02-09\n某市气象局2025年部门绩效信息公开目录\n2025-01-24\n某市气象局2025年部门预算信息公开\n2025-01-23\n某市气象局2024年部门预算信息公开\n2024-02-01\n某市气象局2020年度财政专项资金绩效自评工作报告\n2021-09-15\n某市气象局2021年预算公开\n2021-03-02\n市气象局2020年预算公开\n2020-02-06\n市气象局2019年预算公开\n2019-02-15",
"summary_review": "武冈市财政局关于2023年度部门绩效自评抽查复核情况的通报\n各单位:\n我局对15个部门的2023年度绩效自评结果进行了抽查复核,复核得分与自评得分差异较大的单位3个。其中某局自评得分98分,复核得分85分。",
    # found read as reports by a probe of 46 look-alikes: a verification page naming the report it blocked, a 决算
    # quoting the finance bureau's 重点评价 score, a budget applying last year's result, a 催报函, a writing guide
    "verification-page": '湖南省人民政府门户网站 安全防护\n访问验证\n您的访问过于频繁，请输入验证码后继续访问。\n请按住滑块，拖动到最右边\n>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>\n当前IP：112.48.xx.xx\n访问地址：http://www.hunan.gov.cn/czt/zfxxgk/jxpj/202404/t20240418_33312.html\n请求ID：8f2a6c1e-3b4d-4c9a-9e1f-2d7a6b5c4e3f\n拦截时间：2024-04-18 10:32:16\n如果您是正常访问，请稍后刷新页面重试；如持续出现本页面，请联系网站管理员。\n为保障网站安全，本站已启用Web应用防火墙，您的请求已被记录。\n页面标题：湖南省民政厅2023年度部门整体支出绩效自评报告',
    "budget-applying-last-years-result": '通道侗族自治县人民医院2024年单位预算说明\n\n一、单位基本情况\n二、2024年单位预算收支情况\n2024年单位收入预算36520.00万元，其中财政拨款4862.30万元；支出预算36520.00万元，其中基本支出31256.40万元，项目支出5263.60万元。\n三、“三公”经费预算情况\n2024年“三公”经费预算8.5万元。\n四、绩效目标设置及上年度绩效自评结果应用\n2024年本单位所有项目均设置了绩效目标。根据2023年度绩效自评结果，我院2023年度部门整体支出自评得分91分，对自评发现的设备购置进度滞后问题，2024年已压减相关预算120万元。\n五、政府采购预算情况',
    "final-accounts-quoting-a-finance-review": '靖州苗族侗族自治县农业农村局2022年度部门决算公开说明\n\n六、预算绩效情况说明\n（一）预算绩效管理工作开展情况。我局按要求开展了预算绩效管理工作。\n（二）财政重点绩效评价结果。2022年，县财政局委托第三方对我局“农村人居环境整治”项目开展了重点绩效评价，评价得分84分，等级为“良”。\n七、其他重要事项的情况说明\n（一）机关运行经费支出情况。2022年机关运行经费支出86.32万元。\n（二）政府采购支出情况。2022年政府采购支出总额325.60万元。\n（三）国有资产占用情况。截至2022年12月31日，共有车辆3辆。',
    "reminder-letter": '关于报送2023年度部门整体支出绩效自评报告的催报函\n\n县直各部门（单位）：\n根据《关于开展2023年度绩效自评工作的通知》要求，各单位应于2024年3月31日前报送2023年度部门整体支出绩效自评报告及项目支出绩效自评表。截至4月10日，仍有县民政局、县文旅广体局、县城管局等15个单位未报送。\n请上述单位于4月15日前报送，逾期未报送的，将在全县预算绩效管理考核中扣分，并予以通报。\n联系人：张某某\u3000联系电话：0746-7221xxx\n\n新田县财政局\n2024年4月10日',
    "writing-guide-with-an-example": '怎样写好部门整体支出绩效自评报告（业务辅导）\n\n部门整体支出绩效自评报告应包括部门基本情况、部门整体支出管理及使用情况、绩效目标完成情况、存在问题和改进措施、自评结论等部分。下面以某县民政局为例说明：\n【示例】“某县民政局2022年度部门整体支出绩效自评报告：2022年度全年预算数3268.45万元，实际支出3187.92万元，预算执行率97.54%……经自评，我局2022年度部门整体支出绩效自评得分95分，等级为优。”\n撰写时应注意：一是数据要与部门决算一致；二是绩效指标完成值要有佐证材料；三是问题分析要具体，不能泛泛而谈。\n（来源：市财政局预算绩效管理科）',
    # found read as reports by a probe of 60 evaluations by others beside 66 units' own: a cover ticked for the
    # finance bureau and an intermediary, a firm speaking as 我公司 under a service contract, the bureau's centre
    # sent (委派) to evaluate, a parent bureau's evaluation team, the bureau's account of a region's self-evaluations
    "ticked-finance-cover": "2023年度森林防火专项经费绩效评价报告\n组织方式：财政部门√ 主管部门□ 项目单位□\n评价机构：中介机构√ 专家组□ 项目单位评价组□\n评价组对该项目开展了绩效评价。\n" + EVAL_BODY,
    "firm-under-contract": "2023年度森林防火专项经费绩效评价报告\n根据与沅陵县财政局签订的服务协议，我公司组成评价组，对沅陵县应急管理局2023年度森林防火专项经费开展了绩效评价。\n" + EVAL_BODY + "湖南金石信达财务服务有限公司\n2024年6月12日",
    "centre-sent-by-the-bureau": "2023年度森林防火专项经费绩效评价报告\n受沅陵县财政局委派，沅陵县预算绩效管理中心评价组对沅陵县应急管理局2023年度森林防火专项经费开展了绩效评价。\n" + EVAL_BODY + "沅陵县预算绩效管理中心\n2024年6月15日",
    "parent-bureau-team": "2023年度动物防疫补助经费绩效评价报告\n宣汉县农业农村局组织评价组对宣汉县动物疫病预防控制中心2023年度动物防疫补助经费开展了绩效评价。\n" + EVAL_BODY + "宣汉县农业农村局\n2024年6月25日",
    "parent-bureau-title": "宾阳县农业农村局关于宾阳县农业机械化服务中心2023年度农机购置与应用补贴资金绩效评价报告\n我局组织评价组，对宾阳县农业机械化服务中心实施的该项目开展了部门评价。\n" + EVAL_BODY + "宾阳县农业农村局\n2024年6月2日",
    "bureau-summary-under-a-project-title": "池州市贵池区2023年度项目支出绩效自评报告\n区财政局组织全区42个部门对2023年度项目支出开展了绩效自评，现将全区自评情况报告如下。\n1286个项目平均自评得分92.3分，涉及资金23.48亿元，预算执行率91.6%。\n池州市贵池区财政局\n2024年6月8日",
    "bureau-summary-of-the-prefectures-units": "红河州财政局关于州直部门2024年度部门整体支出绩效自评情况的报告\n我局组织州直56个部门对2024年度部门整体支出开展了绩效自评，现将有关情况报告如下。\n56个部门平均自评得分93.8分，涉及资金48.36亿元，预算执行率平均为94.2%。\n红河州财政局\n2025年5月26日",
    # a held-out probe of 80 found: a parent bureau's 部门评价 of a station under it (对下属…所), and a firm's review
    # of a county's self-evaluation reports, titled with their name ('…绩效自评质量评价报告')
    "parent-bureau-of-its-station": "鹿寨县住房和城乡建设局所属县城市排水管理所2023年度排水设施维护项目部门评价报告\n我们组织局机关财务股的同志，对下属县城市排水管理所2023年度排水设施维护项目进行了部门评价。\n" + EVAL_BODY + "鹿寨县住房和城乡建设局\n2024年5月10日",
    "quality-review-of-self-evaluations": "鹤庆县2023年度部门绩效自评质量评价报告\n云南天宇会计师事务所有限公司\n受鹤庆县财政局委托，本机构对42个县级部门报送的2023年度部门整体支出绩效自评报告的质量进行了评价。\n县林业和草原局自评得分99分，自评报告质量评定为“差”。",
    # the same probe's shortened texts: a 人大 team evaluating a bureau, a cover typed 部门评价, a firm known only by
    # its signature lines
    "congress-team": "关于县城区供水管网改造项目绩效评价的报告\n\n县人大常委会组织县人大代表和专家组成评价组，对县住房和城乡建设局2023年度供水管网改造项目开展了绩效评价。\n" + EVAL_BODY,
    "cover-typed-department-evaluation": "鹿寨县城市排水管理所排水设施维护项目绩效评价报告\n\n评价类型：部门评价\n组织方式：主管部门组织\n\n" + EVAL_BODY,
    # a notice directing units to evaluate themselves, its blank forms attached; a guideline saying what a unit's
    # report must hold ('各部门应于每年3月底前完成…自评,形成自评报告'): what units shall do, no unit's own account
    # a notice directing units to evaluate themselves, its blank forms attached; a guideline saying what a unit's
    # report must hold ('各部门应于每年3月底前完成…自评,形成自评报告'): what units shall do, no unit's own account
    "notice-directing-self-evaluation": '百财绩〔2024〕3号\n某市财政局关于开展2023年度市本级预算绩效自评工作的通知\n市直各预算单位:\n为全面实施预算绩效管理,根据《某市本级项目支出绩效评价管理办法》(百财办〔2021〕4号)等规定,现就做好2023年度市本级预算绩效自评工作通知如下:\n一、自评范围\n(一)部门整体支出。各市直一级预算单位均应对本部门2023年度整体支出开展绩效自评。\n(二)项目支出。2023年度市本级安排的全部项目支出,以及上级转移支付资金项目。\n二、时间安排\n请各单位于2024年3月31日前通过预算管理一体化系统填报自评表,并报送纸质自评报告(加盖公章)。\n三、有关要求\n自评得分90分(含)以上为“优”、80(含)-90分为“良”、60(含)-80分为“中”、60分以下为“差”。\n附件:1.部门整体支出绩效自评表\n2.项目支出绩效自评表\n某市财政局\n2024年2月18日\n附件1\n部门整体支出绩效自评表\n(     年度)\n部门名称:\n单位:万元\n| 年度预算 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n| 年度资金总额 | | | | 10 | | |\n| 其中:当年财政拨款 | | | | — | | — |\n| 上年结转资金 | | | | — | | — |\n| 其他资金 | | | | — | | — |\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 数量指标 | | | | | |\n| 效益指标 | 社会效益指标 | | | | | |\n| 满意度指标 | 服务对象满意度指标 | | | | | |\n| 总分 | | | | | 100 | |\n填报说明:1.全年预算数为调整后预算数;2.执行率=全年执行数/全年预算数×100%;3.总分由各项得分加总。\n填报人:            联系电话:            填报日期:   年  月  日\n',
    "guideline-for-self-evaluation": '百财办〔2022〕11号\n某市财政局关于印发《某市市直部门整体支出绩效自评操作指引》的通知\n市直各单位:\n为规范部门整体支出绩效自评工作,提高自评质量,我局制定了《某市市直部门整体支出绩效自评操作指引》,现予印发,请遵照执行。\n附件:某市市直部门整体支出绩效自评操作指引\n某市财政局\n2022年3月9日\n(此件公开发布)\n附件\n某市市直部门整体支出绩效自评操作指引\n一、自评内容\n部门整体支出绩效自评主要评价部门预算资金的投入、管理、产出和效果,重点关注预算执行率、绩效目标完成情况。\n二、评分标准\n(一)预算执行率(10分)。预算执行率=全年执行数/全年预算数×100%。执行率≥95%的得10分;90%(含)-95%的得8分;80%(含)-90%的得6分;80%以下的不得分。\n例:某部门全年预算数1,000万元,全年执行数920万元,执行率92%,该项得8分。\n(二)产出指标(50分)、效益指标(30分)、满意度指标(10分),按实际完成值与年度指标值比较计分。\n三、结果等级\n自评总分90分(含)以上为优,80(含)-90分为良,60(含)-80分为中,60分以下为差。\n四、报送要求\n各部门应于每年3月底前完成上年度整体支出绩效自评,形成自评报告并随部门决算公开。\n联系人及电话:预算绩效管理科  办公电话详见单位通讯录\n请各单位高度重视,明确分管领导和具体经办人员,严格按照规定时限和格式要求报送相关材料。对未按时报送或报送质量不高的单位,将在预算绩效管理工作考核中予以扣分,并视情况进行通报。\n(此件公开发布)\n【打印本页】【关闭窗口】\n【打印本页】【关闭窗口】\n相关链接:中国政府网 | 省人民政府 | 市人民政府 | 县(市、区)政府网站\n网站地图 | 联系我们 | 网站声明 | 无障碍浏览\n主办单位:人民政府办公室  承办单位:政务服务和数据管理局\n技术支持:政府网站集约化平台  建议使用1366*768以上分辨率浏览\n',
    # a 决算's tail whose download list names the unit's report file ('附件下载:' / '….xls' / '…自评报告.pdf'): the file
    # is no title of the page; a 决算 section counting what it evaluated ('共涉及项目12个,资金…,占…总额的100%')
    "final-accounts-downloads-naming-the-report": '十一、关于政府采购支出说明\n本部门2024年度政府采购支出总额41.26万元，其中：政府采购货物支出18.90万元、政府采购工程支出0万元、政府采购服务支出22.36万元。授予中小企业合同金额41.26万元，占政府采购支出总额的100%。\n十二、关于国有资产占用情况说明\n截至2024年12月31日，本部门共有车辆1辆，为其他用车。单位价值50万元以上通用设备0台（套）。\n十三、关于2024年度预算绩效情况的说明\n根据《某市财政局关于开展2024年度预算绩效自评工作的通知》要求，我局对2024年度部门整体支出及6个项目支出开展了绩效自评，自评工作已按时完成并报送市财政局。部门整体支出绩效自评报告详见附件2。\n第四部分 名词解释\n1.财政拨款收入：指本级财政当年拨付的资金。\n2.年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。\n3.“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。\n4.机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。\n5.结余分配：指事业单位按规定提取的职工福利基金、事业基金和缴纳的所得税等。\n6.年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。\n7.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。\n8.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。\n注：本部门2024年度无政府性基金预算收入和支出，无国有资本经营预算收入和支出，相关表格为空表。\n第五部分 附件\n附件1：某市司法局2024年度部门决算公开表\n附件2：某市司法局2024年度部门整体支出绩效自评报告\n附件下载：\n某市司法局2024年度部门决算公开表.xls\n某市司法局2024年度部门整体支出绩效自评报告.pdf\n【打印本页】【关闭窗口】\n相关链接：中国政府网 | 省政府门户网站 | 市政府门户网站\n主办单位：某市人民政府办公室  承办单位：某市政务服务中心\n湘ICP备05010397号  网站标识码：4312810001\n',
    "final-accounts-counting-its-evaluations": '(十三)国有资产占用情况\n\n截至2021年12月31日，本单位共有车辆26辆，其中：机要通信用车2辆、应急保障用车4辆、其他用车20辆。\n\n三、预算绩效评价工作开展情况\n\n(一)预算绩效管理工作开展情况\n\n根据预算绩效管理要求，本单位组织对2021年度一般公共预算项目支出开展绩效自评，共涉及项目12个，资金2846.70万元，占一般公共预算项目支出总额的100%。\n\n(二)部门决算中项目绩效自评结果\n\n本单位2021年度项目绩效自评结果详见部门决算公开表附件《项目支出绩效自评表》，各项目自评结果均为“良”以上。\n\n(三)部门评价项目绩效评价结果\n\n2021年，本单位委托某某会计师事务所对“自治区本级党政机关办公用房维修改造项目”开展部门评价，评价得分88.6分，评价等级为“良”。评价发现的问题：项目前期论证不充分，部分子项目开工滞后。我单位已将评价结果作为2022年预算安排的重要依据。\n\n第三部分 名词解释\n\n一、财政拨款收入：指自治区财政当年拨付的资金。\n\n二、事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。\n\n三、其他收入：指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。\n\n第四部分 决算公开联系方式及信息反馈渠道\n\n本单位决算公开信息反馈和联系方式：0471-6XXXXXX\n\n本单位决算公开信息如有疑问，请于工作日工作时间来电咨询，我们将及时予以答复。\n\n附件：\n1.某自治区机关事务管理局2021年度部门决算公开表\n2.项目支出绩效自评表（12个项目）\n\n第六部分 附件\n\n1.2021年度部门决算公开表.xls\n2.2021年度项目支出绩效自评表.pdf\n4.年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。\n5.结余分配：指事业单位按规定提取的职工福利基金、事业基金和缴纳的所得税等。\n6.年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。\n',
    # the audit office's report on a fund's audit to the people's congress; a sample report whose figures are all
    # blanks ('年初预算XXX.XX万元', '得分XX分') beside one example figure ('满意度达到95%以上')
    "audit-office-report-to-the-congress": '某区审计局局长 张某\n2022年9月26日\n主任、各位副主任、各位委员:\n我受区人民政府的委托,向区人大常委会报告区城乡生活污水处理设施建设项目专项审计调查情况,请予审议。\n根据审计法规定和区委审计委员会批准的审计计划,区审计局对区住房和城乡建设局2021年度城乡生活污水处理设施建设项目资金管理使用和绩效情况进行了专项审计调查,延伸调查了玉湖镇、锡场镇、新亨镇等4个镇。\n一、基本情况\n2021年,该项目下达预算资金6820.00万元,实际支出5431.26万元,预算执行率79.64%。建成镇级污水处理设施4座、村级污水管网143.6公里。区住房和城乡建设局报送的项目绩效自评报告自评得分为94分。\n二、审计发现的主要问题\n(一)部分设施建成后闲置。锡场镇污水处理站设计处理能力3000吨/日,实际日处理量不足800吨……\n(二)绩效目标完成情况与自评结果不符。自评报告反映“污水收集率达到85%”,经审计核实仅为52.3%。\n(三)工程结算不规范……\n三、审计建议\n……',
    "sample-report-with-blank-figures": '部门整体支出绩效自评报告模板范文.docx)为本站会员(l****n)主动上传,冰豆网仅提供信息存储空间,仅对用户上传内容的表现方式做保护处理,对上载内容本身不做任何修改或编辑。\n部门整体支出绩效自评报告模板范文.docx\nXX县XX局20XX年度部门整体支出绩效自评报告\n一、部门基本情况\n(一)部门职能。(简要概述部门主要职能,不超过300字)\n(二)机构设置及人员情况。我局内设X个股室,下属X个二级单位;编制X人,实有在职人员X人。\n二、部门整体支出情况\n20XX年年初预算XXX.XX万元,全年预算XXX.XX万元,全年执行XXX.XX万元,预算执行率XX.XX%。其中:基本支出XXX.XX万元,项目支出XXX.XX万元。\n三、绩效目标完成情况\n(对照年初设定的绩效目标,从产出、效益、满意度等方面逐项说明完成情况。例如:全年完成XX项目X个,完成率100%;服务对象满意度达到95%以上。)\n四、自评结论\n经自评,我局20XX年度部门整体支出绩效自评得分XX分,评价等级为“优”(90分以上为优,80-90分为良,60-80分为中,60分以下为差)。\n五、存在的问题及改进措施\n……\nXX县XX局\n20XX年X月X日\n温馨提示:本模板仅供参考,具体以当地财政部门要求为准。',
    "firm-by-its-signatures": "2023年度城乡居民养老保险补助资金绩效评价报告\n\n该资金由港北区社会保险事业管理中心管理。\n" + EVAL_BODY + "\n主任会计师：李建华\n项目负责人：覃玉兰\n二〇二四年六月\n",
}


@pytest.mark.parametrize("kind", sorted(GENRE_LOOKALIKES))
def test_look_alikes_of_every_kind_give_no_values(kind: str) -> None:
    u = understand(text_doc(GENRE_LOOKALIKES[kind]))
    assert not u.is_self_eval and u.reports == [], (kind, u.document_type)


# the unit's own evaluation beside words of others' (last year's finance evaluation, a firm's site check): a report
OWN_EVALUATIONS = {
    "cover-answering-no-third-party": "部门整体支出绩效自评报告\n单位名称：灵璧县市场监督管理局\n评价年度：2023年度\n是否委托第三方机构：否\n" + EVAL_BODY.replace("一、项目基本情况", "一、部门基本情况").replace("该项目", "我局"),
    "finance-bureaus-own-report-telling-of-its-work": "宾川县财政局2023年度部门整体支出绩效自评报告\n" + EVAL_BODY.replace("一、项目基本情况", "一、部门基本情况").replace("该项目", "我局") + "2023年我局组织全县86家预算单位开展绩效自评。\n宾川县财政局\n2024年3月20日",
    "own-team-no-self-word": "沅陵县应急管理局2023年度森林防火专项经费绩效评价报告\n我局成立绩效评价工作领导小组，对2023年度森林防火专项经费开展了绩效评价。现将评价情况报告如下。\n" + EVAL_BODY + "2022年度沅陵县财政局组织的财政重点绩效评价指出的问题已整改到位。\n沅陵县应急管理局\n2024年4月28日",
    "self-evaluation-work-beside-a-firms-check": "沅陵县应急管理局2023年度森林防火专项经费绩效评价报告\n我局组织开展了2023年度森林防火专项经费绩效自评工作。现将有关情况报告如下。\n" + EVAL_BODY + "我局配合县财政局委托的湖南湘诚会计师事务所有限公司对该项目进行了重点绩效评价现场核查。\n沅陵县应急管理局\n2024年4月22日",
}


@pytest.mark.parametrize("kind", sorted(OWN_EVALUATIONS))
def test_a_units_own_evaluation_beside_others_words_is_a_report(kind: str) -> None:
    u = understand(text_doc(OWN_EVALUATIONS[kind]))
    assert u.is_self_eval and u.document_type in ("project", "department_overall"), u.reasons
    assert u.reports[0].fields["self_score"] == 91.5


DEPT_BODY = ("\n一、部门基本情况\n武冈市林业局负责全市林业资源保护管理。\n二、预算执行情况\n2023年年初预算1200万元,全年预算1300万元,"
             "全年执行1180.23万元,预算执行率90.79%。\n三、绩效目标完成情况\n完成造林1.2万亩。\n四、自评结论\n经自评,综合得分93.5分,等级为优。\n")
PROJECT_BODY = ("\n一、项目概况\n森林防火项目由武冈市林业局实施。\n二、资金使用情况\n2023年下达资金300万元,实际支出288.5万元,执行率96.17%。\n"
                "三、绩效目标完成情况\n建设防火道路20公里。\n四、自评结论\n自评得分95分。\n")
# the ways units title their own reports; none may be taken for a look-alike
OWN_REPORTS = [("武冈市林业局2023年度部门整体支出绩效评价报告", DEPT_BODY, "department_overall"),
               ("2023年度武冈市林业局绩效自评总结报告", DEPT_BODY, "department_overall"),
               ("武冈市林业局2023年度绩效自评工作总结", DEPT_BODY, "department_overall"),
               ("武冈市林业局2023年度预算绩效自评报告", DEPT_BODY, "department_overall"),
               ("武冈市林业局2023年度部门整体支出绩效自评报告及自评表", DEPT_BODY, "department_overall"),
               ("武岡市林業局2023年度部門整體支出績效自評報告", DEPT_BODY, "department_overall"),
               ("武冈市林业局2023年度部门整体绩效情况", DEPT_BODY, "department_overall"),
               ("森林防火项目2023年度绩效自评结果", PROJECT_BODY, "project"),
               ("武冈市林业局2023年森林防火工作资金使用绩效自评", PROJECT_BODY, "project"),
               ("关于武冈市林业局2023年度森林防火项目支出绩效自评的报告", PROJECT_BODY, "project")]


@pytest.mark.parametrize("title,body,kind", OWN_REPORTS, ids=[t for t, _b, _k in OWN_REPORTS])
def test_a_units_own_report_under_any_title(title: str, body: str, kind: str) -> None:
    """A title naming no kind takes it from the outline (一、部门基本情况 / 一、项目概况); a report with its forms
    is one report, not a container."""
    u = understand(text_doc(title + body))
    assert u.is_self_eval and u.reports[0].fields["report_type"] == kind
    assert u.reports[0].fields["expenditure_total_wan"] in (1180.23, 288.5)


BLANK_FORM = """项目支出绩效自评表
(    年度)
项目名称 | | | |
主管部门 | | 实施单位 | |
项目资金(万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 | 年度资金总额 | | | | 10 | |
 | 其中:当年财政拨款 | | | | - | | -
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
 | 产出指标 | 数量指标 | 指标1: | | | | |
总分 | | | | | | 100 | |
"""


def test_a_blank_form_is_no_report_and_a_small_filled_one_is() -> None:
    """The form a notice attaches for units to fill names no unit and holds no figure but its weights."""
    u = understand(text_doc(BLANK_FORM))
    assert not u.is_self_eval and u.reports == []
    filled = (BLANK_FORM.replace("项目名称 | |", "项目名称 | 档案抢救 |").replace("实施单位 | |", "实施单位 | 黄冈市档案馆 |")
              .replace("| 年度资金总额 | | | | 10 | |", "| 年度资金总额 | 10 | 10 | 10 | 10 | 100% | 10"))
    f = understand(text_doc(filled)).reports[0].fields
    assert (f["department"], f["expenditure_total_wan"], f["execution_rate_pct"]) == ("黄冈市档案馆", 10, 100)


def test_an_ex_ante_evaluation_ticked_on_the_cover_is_no_self_evaluation() -> None:
    text = ("美丽乡村示范点财政奖励资金绩效评价报告\n项目名称 美丽乡村示范点财政奖励\n项目单位 渑池县农业农村局\n"
            "评价类型:事前评价R 事中评价□ 事后评价□\n评价方式:部门(单位)绩效自评R 财政部门组织评价□\n一、项目概况\n"
            "共需资金8144万元,年初预算安排877万元。\n")
    u = understand(text_doc(text))
    assert not u.is_self_eval and u.reports == []
    done = understand(text_doc(text.replace("事前评价R 事中评价□ 事后评价□", "事前评价□ 事中评价□ 事后评价R")))
    assert done.is_self_eval


def test_a_report_published_as_a_notice_is_a_report() -> None:
    text = ("东方市公安局2023年度治安防控项目绩效自评报告公告\n一、项目概况\n2023年下达资金300万元,实际支出288.5万元。\n"
            "二、自评结论\n自评得分95分。\n")
    assert understand(text_doc(text)).is_self_eval


OWN_FUND_EVALUATION = ("为提高资金使用效益,根据《湖南省财政厅关于开展2023年度省级预算部门绩效自评和部门评价的通知》要求,我厅成立绩效评价工作组,"
                       "对2023年度湖南省中小企业发展专项资金管理使用情况开展了绩效评价,现将评价情况报告如下:\n一、基本情况\n"
                       "下达资金300万元,实际支出288.5万元。\n二、评价结论\n综合得分90分。\n")


def test_a_unit_evaluating_its_own_fund_is_a_self_evaluation_and_the_finance_bureaus_report_is_not() -> None:
    assert understand(text_doc(OWN_FUND_EVALUATION)).is_self_eval
    bureau = "武冈市财政局关于中小企业发展专项资金绩效评价情况的报告\n" + OWN_FUND_EVALUATION.replace("我厅", "我局")
    assert not understand(text_doc(bureau)).is_self_eval


def test_a_state_owned_company_implementing_the_project_is_no_third_party_evaluator() -> None:
    text = ("项目名称 | 野生菌加工车间建设项目 |\n主管部门 | 南华县农业农村局 | 实施单位 | 南华县国有资本管理有限公司 |\n"
            "项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "年度资金总额 | 1100 | 1100 | 1100 | 10 | 100% | 10 |\n"
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "产出指标 | 数量指标 | 冷库面积 | 1290平方米 | 1290平方米 | 20 | 20 |\n总分 | 100 | 98 |\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.reports[0].fields["department"] == "南华县国有资本管理有限公司"


@pytest.mark.parametrize("opening", [
    "根据市财政局通知要求,我局对2023年度部门整体支出绩效进行了全面综合评价,现将有关情况报告如下:",
    "根据通知要求,我局及时布置自评,成立自评工作小组,认真开展自评自查工作,形成本评价报告。",
    "项目名称:某县财政局部门整体支出\n评价机构:某县财政局(部门整体支出)自评小组\n",
    # the unit on a project it runs itself, named in full
    "根据《某县财政局关于开展2020年度预算绩效自评工作的通知》要求,某县人力资源和社会保障局对本局实施的乡村公益性岗位补贴项目开展了绩效自评。",
])
def test_openings_that_say_the_unit_evaluated_itself(opening: str) -> None:
    """The rule read without the model: a unit's own account in words other than 自评报告如下."""
    from selfeval.textnorm import fold
    from selfeval.understand.classify import self_reported_verdict

    body = fold(opening + "\n一、部门基本情况\n负责全县财政工作。\n二、预算执行情况\n2023年全年支出300万元,执行率96%。\n")
    v = self_reported_verdict("某县财政局2023年度部门整体支出绩效评价报告", body[:1500], body)
    assert v is not None and v.is_self_eval


def test_a_finance_bureaus_evaluation_of_other_departments_is_no_self_evaluation() -> None:
    from selfeval.textnorm import fold
    from selfeval.understand.classify import self_reported_verdict

    body = fold("我局对县卫生健康局等5个部门2023年度部门整体支出绩效进行了评价,现将有关情况报告如下:\n一、评价情况\n"
                "5个部门全年支出3000万元。\n")
    assert self_reported_verdict("", body[:1500], body) is None


def test_a_filled_form_with_dated_indicator_rows_is_no_list_page() -> None:
    rows = "".join(f"时效指标 | 完成时限{i} | 2023.0{i}.01 | 2023.0{i}.01 | 5 | 5 |\n" for i in range(1, 8))
    text = ("项目支出绩效自评表\n(2023年度)\n项目名称 | 农村饮水安全 |\n主管部门 | 某县水利局 | 实施单位 | 某县水利局 |\n"
            "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n年度资金总额 | 300 | 300 | 288.5 | 10 | 96.17% | 9.6 |\n"
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n" + rows)
    assert understand(text_doc(text)).is_self_eval


def test_a_unit_stating_its_own_self_evaluation_score_is_its_report() -> None:
    """'我厅认真开展了…绩效自评工作。…自评得97.5分': the unit's own result, read without the model."""
    from selfeval.textnorm import fold
    from selfeval.understand.classify import self_reported_verdict

    body = fold("一、部门概况\n负责全省应急管理工作。\n二、绩效自评情况\n根据省财政厅要求,我厅认真开展了2022年度部门预算绩效自评工作。"
                "分别从产出指标、效益指标、满意度指标完成情况逐项量化评价,自评得97.5分。\n")
    v = self_reported_verdict("", body[:1500], body)
    assert v is not None and v.is_self_eval


def test_an_evaluation_report_whose_cover_names_the_unit_as_its_evaluator_is_the_units_own() -> None:
    # titled like a finance bureau's evaluation, but 评价机构 is the project unit itself
    text = ("某市市级财政项目支出绩效评价报告\n项目名称:计划生育事业费\n项目单位:某市卫生和计划生育委员会\n"
            "主管部门:某市卫生和计划生育委员会\n评价机构:某市卫生和计划生育委员会\n2017年7月\n"
            "一、项目基本情况\n项目年初预算300万元,实际支出290万元,预算执行率96.67%。\n二、评价结论\n综合得分91分,等级为优。\n")
    verdict = understand(text_doc(text))
    assert verdict.is_self_eval
    assert verdict.reports[0].fields["self_score"] == 91


def test_an_evaluation_report_by_another_evaluator_stays_a_look_alike() -> None:
    text = ("某市市级财政项目支出绩效评价报告\n项目名称:计划生育事业费\n项目单位:某市卫生和计划生育委员会\n"
            "主管部门:某市卫生和计划生育委员会\n评价机构:某某会计师事务所有限公司\n2017年7月\n"
            "一、项目基本情况\n项目年初预算300万元,实际支出290万元,预算执行率96.67%。\n二、评价结论\n综合得分91分,等级为优。\n")
    verdict = understand(text_doc(text))
    assert not verdict.is_self_eval


def test_a_cover_ticking_the_project_unit_as_organiser_and_evaluator_is_the_units_own() -> None:
    """The Hainan '财政支出项目绩效评价报告' cover asks who organised and who evaluated: '☑项目单位' ticked is the
    unit's own evaluation; '☑财政部门' / '☑中介机构' ticked stays the finance bureau's or a contractor's."""
    cover = ("1、2017年退耕还林苗圃建设市级配套项目财政支出绩效评价报告评价类型:□实施过程评价☑完成结果评价项目名称:2017年退耕"
             "还林苗圃建设市级配套项目项目单位:文昌市林业局主管部门:文昌市人民政府评价时间:2018年6月15日组织方式:{org}"
             "评价机构:{who}评价单位(盖章):文昌市林业局\n一、项目概况\n项目资金84.74万元,实际支出84.74万元。综合得分92分。\n")
    own = understand(text_doc(cover.format(org="□财政部门□主管部门☑项目单位", who="□中介机构□专家组☑项目单位评价组")))
    assert own.is_self_eval and own.reports[0].fields["title"] == "2017年退耕还林苗圃建设市级配套项目财政支出绩效评价报告"
    other = understand(text_doc(cover.format(org="☑财政部门□主管部门□项目单位", who="☑中介机构□专家组□项目单位评价组")))
    assert not other.is_self_eval


@pytest.mark.parametrize("way, own", [
    ("评价方式:单位自评□  部门评价□  财政评价√", False),  # boxes after the options: the finance bureau's
    ("评价方式:单位自评 □  部门评价 □  财政评价 ☑", False),
    ("评价方式:■单位自评 □部门评价 □财政评价", True),  # boxes before the options: the unit's own
    ("评价方式:单位自评√  部门评价□  财政评价□", True),
])
def test_only_the_ticked_option_of_a_cover_says_who_evaluated(way: str, own: bool) -> None:
    """'单位自评' printed beside an empty box is an option nobody chose: the tick decides, whether the form puts its
    boxes before or after the options."""
    text = (f"某县农业农村局2023年度部门整体支出绩效评价报告\n{way}\n评价机构:{'某县农业农村局' if own else '某县财政局'}\n"
            "报告时间:2024年7月\n一、评价结论\n经评价,某县农业农村局2023年度部门整体支出绩效得分87分,等级为良。\n"
            "二、主要问题\n绩效目标设置不够细化。\n")
    assert understand(text_doc(text)).is_self_eval is own


@pytest.mark.parametrize("text", [
    "县农业农村局召开2023年度绩效自评报告评审会\n2024-04-10 来源:某县农业农村局\n4月9日,县农业农村局召开2023年度部门整体"
    "支出绩效自评报告评审会,局领导班子成员及各股室负责人参加。会议审议了自评报告初稿,自评得分96.5分。\n",
    "县农业农村局2023年度绩效自评报告通过县财政局审核\n2024-05-10 来源:某县农业农村局\n近日,我局报送的2023年度部门整体支出"
    "绩效自评报告通过县财政局审核,自评得分96.5分,等级为优。\n",
    "附件1\n部门整体支出绩效自评报告(参考提纲)\n一、部门基本情况\n(一)部门概况。简要说明部门职能、机构设置、人员编制等情况。\n"
    "二、部门整体支出绩效情况\n三、自评结论\n自评得分××分,评价等级为××。\n××单位(盖章)\n年    月    日\n",
])
def test_news_about_a_report_and_a_reports_outline_are_no_report(text: str) -> None:
    assert not understand(text_doc(text)).is_self_eval


def test_a_bureau_that_formed_its_own_group_to_evaluate_its_fund_reports_on_itself() -> None:
    text = ("为进一步规范财政资金管理,根据《某省财政厅关于开展2020年度部门绩效自评工作的通知》等文件精神,"
            "某省地方金融监督管理局(以下简称“我局”)于2021年3月成立省级金融发展专项资金绩效评价工作小组,"
            "对2020年度省级金融发展专项资金中的“完善金融体系奖励”等4个支出方向资金进行绩效评价。现将评价情况报告如下。\n"
            "1.项目背景\n为更好地发挥金融发展专项资金的引导作用,激励金融机构为我省经济发展提供更多资金支持。\n")
    assert understand(text_doc(text)).is_self_eval


def test_the_finance_bureau_forming_a_group_to_evaluate_a_units_fund_is_no_self_evaluation() -> None:
    text = ("根据预算绩效管理工作安排,某市财政局(以下简称“我局”)成立专项资金绩效评价工作小组,"
            "对市农业农村局2020年度农业产业发展专项资金进行绩效评价。现将评价情况报告如下。\n"
            "1.项目背景\n为促进农业产业发展,市级设立农业产业发展专项资金。\n")
    assert not understand(text_doc(text)).is_self_eval


def test_the_published_results_of_a_countys_units_are_no_units_self_evaluation() -> None:
    text = ("某县2022年度县级部门整体支出绩效自评结果公开\n根据县财政局安排,全县45个预算单位开展了2022年度部门整体支出"
            "绩效自评,自评结果如下:\n县教育局 95分 优;县卫健局 93分 优;县农业农村局 88分 良。\n")
    assert not understand(text_doc(text)).is_self_eval


def test_a_report_the_finance_bureau_had_a_third_party_intermediary_write_is_a_look_alike() -> None:
    text = ("防汛抗旱项目支出绩效评价报告\n区财政局下达区应急局2021年防汛抗旱经费65万元,该项目实施单位为区应急局。\n"
            "1、前期准备。下发通知,单位自评。财政委托第三方中介机构独立评价,成立绩效评价小组,制定绩效评价方案。\n"
            "2、组织实施。整理相关资料,现场核查。\n三、评价结论\n经评价,该项目得分100分。\n")
    assert not understand(text_doc(text)).is_self_eval


def test_a_units_key_project_report_that_says_it_evaluated_itself_is_a_self_evaluation() -> None:
    # '重点项目…评价报告' reads like the finance bureau's 重点评价; the opening says it is the unit's own
    text = ("2019年重点项目绩效评价报告\n某区统计局\n2019年重点项目绩效评价报告\n"
            "根据《某市财政支出绩效评价办法》,遵循科学性、规范性的原则,对“城乡一体化住户调查”项目实施了财政支出绩效自评价,"
            "形成本评价报告。\n一、项目基本情况\n(一)项目概况\n开展城乡一体化居民收支与生活状况调查工作。\n")
    assert understand(text_doc(text)).is_self_eval


@pytest.mark.parametrize("text", [
    # the evaluated unit's line ('被评价单位') is no evaluator's, and an accounting firm evaluated it
    "某市财政局关于某市卫生和计划生育委员会计划生育事业费的绩效评价报告\n被评价单位:某市卫生和计划生育委员会\n"
    "主管部门:某市卫生和计划生育委员会\n评价机构:某某会计师事务所有限公司\n受某市财政局委托,我们对该项目进行了绩效评价。\n"
    "一、项目基本情况\n项目年初预算300万元,实际支出290万元。\n二、评价结论\n综合得分91分。\n",
    # the units' own self-evaluation is only the ground the finance bureau's key-project evaluation stood on
    "某县2022年度重点项目绩效评价报告\n在项目单位开展了绩效自评价的基础上,县财政局委托某某会计师事务所有限公司对该项目进行了"
    "重点绩效评价。\n一、项目基本情况\n项目预算300万元,实际支出290万元。\n二、评价结论\n综合得分88分。\n",
    # the finance bureau's evaluation centre on another unit's fund
    "根据市财政局工作安排,我中心对市农业农村局2019年度农业产业发展专项资金开展了绩效评价工作,现将绩效评价情况及评价结果"
    "报告如下:\n一、项目概况\n项目预算300万元,实际支出290万元。综合得分85分。\n",
    # the finance bureau calling itself 我局
    "某市财政局(以下简称:“我局”)成立专项资金绩效评价工作小组,对全市2020年度农业专项资金进行绩效评价。现将评价情况报告如下。\n"
    "一、项目背景\n综合得分85分。\n",
])
def test_another_bodys_evaluation_in_a_units_words_stays_a_look_alike(text: str) -> None:
    assert not understand(text_doc(text)).is_self_eval


def test_an_untitled_budget_explanation_is_no_report() -> None:
    text = ("一、部门职责\n市红十字会的主要职责是:(一)贯彻落实红十字工作的法律法规和方针政策。(二)负责组织开展全市性红十字工作。\n"
            "二、部门机构设置\n市红十字会内设办公室、业务科。\n三、部门预算收支增减变化说明\n2024年收入预算320.5万元,支出预算320.5万元,"
            "较上年增加12万元,主要是人员经费增加。其中基本支出280万元,项目支出40.5万元。\n")
    verdict = understand(text_doc(text))
    assert not verdict.is_self_eval and not verdict.reports


@pytest.mark.parametrize("text", [
    # the unit cites the finance bureau's request, then formed its own group on its own fund
    "根据省财政厅要求,我局于2021年3月成立省级金融发展专项资金绩效评价工作小组,对2020年度省级金融发展专项资金进行绩效评价。"
    "现将评价情况报告如下。\n1.项目背景\n为更好地发挥金融发展专项资金的引导作用。\n",
    # a cover naming the unit as evaluator, with a contractor that only surveyed for it
    "某市市级财政项目支出绩效评价报告\n项目名称:计划生育事业费\n项目单位:某市卫生和计划生育委员会\n"
    "主管部门:某市卫生和计划生育委员会\n评价机构:某市卫生和计划生育委员会\n2017年7月\n一、项目基本情况\n"
    "项目年初预算300万元,实际支出290万元,委托第三方机构开展服务对象满意度调查。\n二、评价结论\n综合得分91分。\n",
    # an untitled self-evaluation that also mentions a budget line
    "我局对2022年度部门整体支出开展了绩效评价,现将有关情况报告如下:\n一、部门基本情况\n全年预算520万元,实际支出510万元,"
    "其中机关运行经费预算为45万元。\n二、绩效目标完成情况\n全年目标任务均已完成。\n",
])
def test_a_units_own_evaluation_beside_other_bodies_words_stays_a_self_evaluation(text: str) -> None:
    assert understand(text_doc(text)).is_self_eval


def test_a_sharing_sites_copy_of_a_notice_about_reports_is_no_report() -> None:
    name = "绩效自评通知"
    text = (f"{name}\n\n上传人:大米 文档编号:487833574 上传时间:2022-08-24 格式:DOC 页数:5 大小:18KB\n返回 下载 相关 举报\n"
            f"《{name}》由会员分享,可在线阅读,更多相关《{name}(5页珍藏版)》请在某某文库上搜索。\n\n"
            "1、关于做好2022年度部门整体支出绩效自评报告编制工作的通知各预算单位:为全面实施预算绩效管理,"
            "请于2023年3月31日前报送自评报告。")
    assert not understand(text_doc(text)).is_self_eval


def test_a_notice_to_several_addressees_asking_them_to_self_evaluate_is_no_report() -> None:
    """'长沙市、衡阳市…发展改革委:' then '请…进行自评…形成自评报告' asks others for reports; the attached blank form's
    name in the last line is no title that makes it one."""
    text = ("当前位置: 首页 > 政务公开\n关于开展2021年度资源型地区转型发展中央预算内投资绩效评价工作的通知\n更新时间:2022-03-11\n"
            "长沙市、衡阳市、株洲市、湘潭市发展改革委:\n"
            "    为切实加强中央预算内投资绩效管理,请依据投资计划下达时设定的绩效目标和年度投资计划执行情况,对2021年度中央预算内"
            "投资绩效目标实现情况进行自评,在此基础上形成自评报告,并填报《2021年度中央预算内投资绩效自评表》。\n"
            "相关市州发展改革委请于3月11日前将自评报告和自评表盖章后报送我委。\n"
            "联系方式:刘辉 15807356735\n\n附件:2021年度中央预算内投资绩效自评表\n                 湖南省发展和改革委\n")
    u = understand(text_doc(text))
    assert (u.is_self_eval, u.reports) == (False, [])


def test_a_finance_bureaus_key_evaluation_with_a_filled_form_is_no_self_evaluation() -> None:
    """'某区财政局根据《…办法》,对…项目开展重点绩效评价 … 最终得分85.82,等级为良,现将有关情况予以通报' introduces the
    evaluator's report; the indicator grid with actual values and scores that follows is the evaluator's, not the unit's."""
    text = ("2022某区财政局根据《某区预算项目支出绩效评价管理办法》,对2019-2021年道路保洁项目开展重点绩效评价,涉及资金6.5亿元。"
            "最终得分85.82,等级为良,现将有关情况予以通报。\n某区财政局\n2022年12月30日\n一、项目概况\n"
            "年初预算数 全年预算数 全年执行数 分值 执行率 得分\n20000 21000 20500 10 97.62% 9.8\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 保洁面积 ≥500万平方米 520万平方米 20 20\n")
    u = understand(text_doc(text))
    assert (u.is_self_eval, u.reports) == (False, [])


_OWN_SPENDING_BODY = ("\n一、部门基本情况\n溆浦县农业农村局是县人民政府工作部门。\n二、部门整体支出情况\n2023年度年初预算安排856.32万元，"
                      "全年预算数912.40万元，全年实际支出898.76万元，预算执行率98.51%。\n三、绩效目标完成情况\n全年完成各项工作任务。\n")


@pytest.mark.parametrize("title,opening,own", [
    # a unit's own report titled '财政支出绩效评价报告' (what was evaluated, not who evaluated)
    ("溆浦县农业农村局2023年度财政支出绩效评价报告",
     "根据县财政局工作要求，我局对2023年度部门整体支出情况开展了绩效评价，现将有关情况报告如下：", True),
    ("溆浦县农业农村局2023年度财政支出绩效评价报告",
     "溆浦县农业农村局成立评价工作小组，对本部门2023年度整体支出进行了全面评价，现报告如下：", True),
    ("溆浦县农业农村局2023年度部门预算执行绩效评价报告",
     "按照县财政局统一部署，我局组织对2023年度部门整体支出绩效情况进行了评价。现将评价情况报告如下：", True),
    # the same words where the finance bureau or a firm evaluates the unit
    ("溆浦县财政局关于溆浦县农业农村局2023年度财政支出绩效评价报告",
     "根据县政府工作安排，我局对2023年度部门整体支出情况开展了绩效评价，现将有关情况报告如下：", False),
    ("溆浦县农业农村局2023年度财政支出绩效评价报告",
     "受溆浦县财政局委托，湖南某某会计师事务所有限公司成立评价组，对溆浦县农业农村局2023年度部门整体支出开展了绩效评价，"
     "现将评价情况报告如下：", False),
    ("溆浦县农业农村局2023年度财政支出重点绩效评价报告",
     "根据县财政局工作安排，我局对2023年度部门整体支出情况开展了绩效评价，现将有关情况报告如下：", False),
    ("溆浦县农业农村局2023年度财政支出绩效评价报告",
     "县财政局组织专家组对溆浦县农业农村局2023年度部门整体支出进行了绩效评价，现将评价情况报告如下：", False),
])
def test_a_units_fiscal_spending_evaluation_of_itself_against_the_bureaus(title: str, opening: str, own: bool) -> None:
    """'某局2023年度财政支出绩效评价报告' whose opening has the unit evaluate its own spending ('我局对2023年度部门
    整体支出…开展了绩效评价', '对本部门…进行了全面评价') is its self-evaluation; the same title over the finance
    bureau's, a firm's or a 重点评价's opening is not."""
    v = understand(text_doc(f"{title}\n{opening}{_OWN_SPENDING_BODY}"))
    assert v.is_self_eval is own, v.reasons
    if own:
        assert v.reports[0].fields["budget_adjusted_wan"] == 912.4


_SCHEME_BODY = ("\n一、基本情况\n本单位2023年度支出合计2798.45万元。\n二、评价情况\n经自评，得分92分，等级为优。\n")


@pytest.mark.parametrize("title,own", [
    ("来凤县人民医院2023年度内部控制评价报告", False),
    ("宁城县人民医院信息系统网络安全等级保护自查自评报告", False),
    ("来凤县中医医院二级甲等中医医院等级评审自评报告", False),
    ("沂南县国家卫生县城复审自评报告", False),
    ("阜平县龙泉关镇2023年度食用菌大棚建设项目后评价报告", False),
    ("中共霍邱县委宣传部2023年度抓基层党建工作述职报告", False),
    ("沂南县农业农村局关于2023年度衔接推进乡村振兴补助资金绩效评价专项检查自查报告", False),
    # the same schemes' words naming a project whose spending the unit evaluates
    ("宁城县人民医院2023年度网络安全等级保护测评项目绩效自评报告", True),
    ("来凤县人民医院2023年度内部控制建设经费项目绩效自评报告", True),
])
def test_another_schemes_self_evaluation_is_no_report_on_spending(title: str, own: bool) -> None:
    """Internal control, security classes, hospital grading, sanitary-town reviews, post-evaluations, 述职 and
    compliance checks are evaluations a unit writes in a report's words (自评报告, 评价报告, a score, a grade),
    never of its spending; a project of the same name evaluated for its spending is a self-evaluation."""
    v = understand(text_doc(title + _SCHEME_BODY))
    assert v.is_self_eval is own, v.reasons


@pytest.mark.parametrize("title", ["关于公开于都县水利局2023年度农村饮水安全巩固提升项目绩效自评报告的公告",
                                   "于都县水利局关于公开2023年度农村饮水安全巩固提升项目绩效自评报告的公告",
                                   "关于公开2023年度项目支出绩效自评情况的公告"])
def test_a_report_posted_under_a_notice_of_its_publication_is_the_report(title: str) -> None:
    """'关于公开…自评报告的公告' whose article is the report itself: the notice's words wrap the report, the unit is
    not '公开于都县水利局'."""
    text = (f"{title}\n一、项目基本情况\n农村饮水安全巩固提升项目由于都县水利局组织实施，2023年年初预算520.00万元，调整后预算"
            "560.00万元，实际支出548.30万元，预算执行率97.91%。\n二、绩效目标完成情况\n完成工程23处。\n三、自评结论\n"
            "经自评，该项目绩效自评得分96分，评价等级为优。\n于都县水利局\n2024年6月18日\n")
    v = understand(text_doc(text))
    assert v.is_self_eval and v.document_type == "project", v.reasons
    f = v.reports[0].fields
    assert (f["department"], f["expenditure_total_wan"], f["self_score"]) == ("于都县水利局", 548.3, 96)


@pytest.mark.parametrize("mark,unit,blank", [("（编写模板）", "XX单位", "____"), ("（编写提纲）", "XX单位", "____"),
                                             ("（样本）", "XX单位", "____"), ("", "XX单位", "____"),
                                             ("", "（单位名称）", "××"), ("", "于都县水利局", "____")])
def test_a_template_with_its_figures_left_blank_is_no_report(mark: str, unit: str, blank: str) -> None:
    """A template handed out with a notice — marked (编写模板, 编写提纲, 样本) or not — leaves its figures blank for
    the unit to fill in; with no figure filled it reports nothing, even with a real unit's name in its title."""
    text = (f"{unit}2023年度部门整体支出绩效自评报告\n{mark}\n一、部门基本情况\n（一）部门职能\n（二）人员情况\n二、部门整体支出情况\n"
            f"2023年度年初预算{blank}万元，全年预算{blank}万元，全年支出{blank}万元，预算执行率{blank}%。\n"
            f"三、自评结论\n经自评，自评得分{blank}分，评价等级为____。\n")
    v = understand(text_doc(text))
    assert not v.is_self_eval, v.reasons


_ITEMS = ("通渭县农业农村局2023年度部门整体支出绩效自评报告\n…全年支出合计3120.45万元，经自评，得分95分，评价等级为优…\n"
          "发布时间：2024-06-20\n通渭县水务局2023年度部门整体支出绩效自评报告\n…全年支出合计1856.20万元…自评得分93分…\n"
          "发布时间：2024-06-19\n")


def test_a_search_page_of_three_items_with_snippets_is_no_report() -> None:
    """Too few dated lines for a list page (six), but each report title has its date under it."""
    more = "通渭县民政局2023年度社会救助资金绩效自评报告\n…资金执行率100%，自评得分98分…\n发布时间：2024-06-18\n"
    v = understand(text_doc("搜索结果\n关键词：绩效自评 共找到3条结果\n" + _ITEMS + more))
    assert not v.is_self_eval, v.reasons


def test_a_report_page_with_two_related_reports_linked_under_it_stays_a_report() -> None:
    text = ("通渭县民政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n通渭县民政局是县政府工作部门，负责全县民政工作。\n"
            + "（一）主要职能\n贯彻执行民政工作的法律法规和方针政策，承担社会救助、养老服务、儿童福利、社会事务等职责。\n" * 12
            + "二、预算执行情况\n2023年度全年预算1200万元，全年支出1180万元，预算执行率98.33%。\n三、自评结论\n"
            "经自评，我局2023年度部门整体支出绩效自评得分96分，评价等级为优。\n通渭县民政局\n2024年5月20日\n相关文章\n"
            + "\n".join(ln for ln in _ITEMS.split("\n") if not ln.startswith("…")))
    v = understand(text_doc(text))
    assert v.is_self_eval and v.reports[0].fields["self_score"] == 96, v.reasons


_SUBORDINATE = ("\n一、被评价单位基本情况\n该中心为我局所属公益一类事业单位，2023年末在职人员28人。\n二、资金情况\n2023年全年预算"
                "412.60万元，全年支出合计398.75万元，预算执行率96.64%。\n三、评价结论\n经评价组综合评价，该中心2023年度部门整体"
                "支出绩效评价得分91分，评价等级为优。\n溆浦县农业农村局\n2024年5月20日\n")


@pytest.mark.parametrize("title, body, own", [
    # a 主管部门's evaluation of a unit under it: no self-evaluation, whatever the opening says
    ("溆浦县农业农村局对溆浦县动物疫病预防控制中心2023年度部门整体支出绩效评价报告", _SUBORDINATE, False),
    ("溆浦县农业农村局关于对溆浦县动物疫病预防控制中心2023年度部门整体支出绩效评价的报告", _SUBORDINATE, False),
    ("溆浦县动物疫病预防控制中心2023年度部门整体支出绩效评价报告", _SUBORDINATE, False),  # the heading alone
    # the unit's own: 对 its own year, or a title naming the self-evaluation
    ("溆浦县农业农村局对2023年度部门整体支出绩效自评的报告",
     _SUBORDINATE.replace("被评价单位基本情况", "部门基本情况").replace("经评价组综合评价", "经自评"), True),
    ("溆浦县农业农村局对本局2023年度部门整体支出绩效评价报告",
     _SUBORDINATE.replace("被评价单位基本情况", "部门基本情况").replace("经评价组综合评价，该中心", "经我局自评，本局"), True),
])
def test_one_units_evaluation_of_another_is_no_self_evaluation(title: str, body: str, own: bool) -> None:
    u = understand(text_doc(title + body))
    assert u.is_self_eval == own, u.reasons


_RANKING = ("|排名|乡镇|自评得分|\n|1|郸城县汲冢镇人民政府|98|\n|2|郸城县石槽镇人民政府|97.5|\n|3|郸城县宁平镇人民政府|96|\n")


@pytest.mark.parametrize("text, own", [
    ("郸城县2023年度乡镇部门整体支出绩效自评得分排名表\n" + _RANKING, False),
    ("郸城县2023年度乡镇部门整体支出绩效自评得分汇总表\n" + _RANKING.replace("|", "\n"), False),  # a cell a line
    ("2023年度部门整体支出绩效自评情况\n" + _RANKING.replace("排名|乡镇|自评得分", "自评得分|乡镇|排名"), False),
    # a unit's own report tabling its subordinate units' scores further down stays its report
    ("溆浦县农业农村局2023年度部门整体支出绩效自评报告\n我局组织局机关及所属3个二级单位对2023年度部门整体支出开展了绩效"
     "自评，现将情况报告如下：\n一、部门整体支出情况\n2023年全年预算3400.12万元，全年支出合计3256.41万元，预算执行率95.77%。\n"
     "二、所属单位自评情况\n|单位名称|自评得分|等级|\n|溆浦县农业技术推广中心|94|优|\n|溆浦县动物疫病预防控制中心|92|优|\n"
     "|溆浦县农业综合执法大队|88|良|\n三、自评结论\n经自评，我局2023年度部门整体支出绩效自评得分96分，评价等级为优。\n", True),
])
def test_a_table_of_many_units_scores_is_a_result_list(text: str, own: bool) -> None:
    u = understand(text_doc(text))
    assert u.is_self_eval == own, u.reasons


@pytest.mark.parametrize("title", ["武冈市2023年度农村饮水安全项目绩效中期评估报告", "武冈市林业局2024年项目绩效运行监控情况报告",
                                   "2024年度重点项目绩效监控报告", "武冈市2025年新增重大政策事前绩效评估报告"])
def test_a_monitoring_or_ex_ante_title_is_flagged_as_a_look_alike(title: str) -> None:
    """The title words of in-year monitoring and ex-ante assessment mark a look-alike: the model and the look-alike
    veto read this flag (a second regex of the same name, for monitoring form columns, once hid it)."""
    from selfeval.understand.classify import title_signals

    assert "R:t_monitoring" in title_signals(title)
    assert "R:t_monitoring" not in title_signals("武冈市林业局2023年度部门整体支出绩效自评报告")


def test_a_filled_form_states_its_spending_in_its_own_words() -> None:
    """A titleless 自评表 whose budget block says what was used ('资金使用情况(万元) 合计') rather than 执行数 is
    still a filled form; the same grid with targets only is a target table, no self-evaluation."""
    from selfeval.understand.classify import filled_form_verdict

    grid = ("一级指标 二级指标 三级指标 指标值 完成值 权重 得分\n产出指标 数量指标 培训人次 ≥500人次 620人次 20% 20\n"
            "效益指标 社会效益指标 群众知晓率 ≥85% 91% 30% 30\n")
    filled = ("专项名称 文化惠民专项资金 资金情况(万元) 年度金额:120万元 资金使用情况(万元) 合计:116.4万元\n"
              + grid)
    verdict = filled_form_verdict("", filled[:1500], filled)
    assert verdict is not None and verdict.document_type == "self_eval_table"
    target = "专项名称 文化惠民专项资金 资金情况(万元) 年度金额:120万元\n" + grid.replace(" 完成值", "").replace(" 得分", "")
    assert filled_form_verdict("", target[:1500], target) is None



@pytest.mark.parametrize("body", [
    '<meta http-equiv="refresh" content="0;url=/zwgk/t1.html"></head><body>页面正在跳转，如果浏览器没有自动跳转，请点击这里。</body>',
    '</head><frameset rows="100%"><frame src="/zwgk/t1.html"><noframes><body>您的浏览器不支持框架，请<a href="/zwgk/">点击这里</a>。'
    '</body></noframes></frameset>',
])
def test_a_redirect_or_frame_stub_titled_as_a_report_is_no_report(body: str, tmp_path) -> None:
    from selfeval.extract import extract_file

    page = tmp_path / "stub.html"
    page.write_text('<html><head><meta charset="utf-8"><title>溆浦县财政局2023年度部门整体支出绩效自评报告_溆浦县人民政府'
                    "</title>" + body + "</html>", encoding="utf-8")
    u = understand(extract_file(page), {"file_name": page.name})
    assert not u.is_self_eval and u.reports == [], u.reasons


# Hunan's 部门整体支出绩效评价基础数据表 filed alone: the unit's own data sheet of its self-evaluation (the realset labels
# it department_overall); printed blank for units to fill, it is none
BASIC_DATA_SHEET = '2023年度部门整体支出绩效评价基础数据表\n填报单位：泸溪县林业局\t\t\t单位：万元\n财政供养人员情况\t编制数\t2023年实际在职人数\t控制率\n\t45\t43\t95.56%\n经费控制情况\t2022年决算数\t2023年预算数\t2023年决算数\n三公经费\t18.20\t16.00\t14.35\n1、公务用车购置和维护经费\t12.00\t11.00\t10.12\n2、出国（境）费用\t0\t0\t0\n3、公务接待费\t6.20\t5.00\t4.23\n项目支出：\n1、业务工作专项\t310.00\t295.00\t288.40\n公用经费\t120.50\t118.00\t116.90\n部门整体支出情况\t\t预算数\t决算数\n收入合计\t\t1820.40\t1911.73\n支出合计\t\t1820.40\t1876.33\n其中：基本支出\t\t1170.57\t1236.50\n项目支出\t\t649.83\t639.83\n填表人：刘敏    联系电话：0745-6521234\n'


def test_a_filled_basic_data_sheet_is_the_units_report_and_a_blank_one_is_not() -> None:
    u = understand(text_doc(BASIC_DATA_SHEET))
    assert u.is_self_eval and u.document_type == "department_overall", u.reasons
    f = u.reports[0].fields
    assert (f["department"], f["fiscal_year"], f["expenditure_total_wan"]) == ("泸溪县林业局", 2023, 1876.33)
    blank = re.sub(r"\t[\d.,%]+", "\t", BASIC_DATA_SHEET)
    assert not understand(text_doc(blank)).is_self_eval


@pytest.mark.parametrize("opening, own", [
    ("某州人民检察院部门整体支出\n绩效评价报告\n评价单位: 某州人民检察院\n报告时间: 2018 06\n", True),
    ("某县教育局2023年度项目支出绩效评价报告\n评价单位：某县教育局\n", True),
    ("某县教育局2023年度项目支出绩效评价报告\n评价单位：某县财政局\n", False),
    ("某县教育局2023年度项目支出绩效评价报告\n评价单位：湖南某某会计师事务所有限公司\n", False),
])
def test_the_evaluator_named_as_the_unit_its_report_is_for(opening: str, own: bool) -> None:
    """A cover's 评价单位 that is the unit a report title in the opening names is the unit's own evaluation, also
    with the title wrapped over two lines and no 项目单位 line to compare with; the finance bureau or a firm is not."""
    from selfeval.understand.classify import evaluator_is_unit

    assert evaluator_is_unit(opening, "2017年度州检察院部门整体支出绩效评价报告") is own


def test_a_compliance_self_inspection_titled_as_a_self_evaluation_is_no_report() -> None:
    """'…示范项目自评报告' whose text reports a 自纠自查 under a 专项整改 notice, naming no performance, is no report."""
    text = ("某县电子商务进农村综合示范项目自评报告\n根据商务部办公厅《关于开展电子商务进农村综合示范专项整改工作的通知》要求，"
            "我县认真开展示范项目自纠自查工作，现将自纠自查情况报告如下：\n一、组织实施与管理\n成立了工作领导小组。\n"
            "二、资金使用\n中央财政资金2000万元，已拨付1860万元。\n")
    u = understand(text_doc(text))
    assert not u.is_self_eval and not u.reports


@pytest.mark.parametrize("kind", ["bond_disclosure", "plan_completion"])
def test_a_disclosure_of_something_else_is_named_as_such(kind: str) -> None:
    """A titleless page whose lede discloses a bond's or a plan's state names no evaluation: the verdict says so,
    not only the model (a site the model never saw: the dev set's site-held-out misses)."""
    u = understand(text_doc(GENRE_LOOKALIKES[kind]))
    assert not u.is_self_eval and any("disclosure" in r for r in u.reasons), u.reasons


def test_a_bureau_naming_itself_evaluating_its_own_fund_reports_on_itself() -> None:
    """'某市人社局对2022年度城乡居保市级补贴使用情况开展了财政绩效评价工作。现将绩效评价情况报告如下' is the unit's own
    evaluation, said with its name instead of 我局 (a finance bureau or an evaluation centre saying so is not)."""
    from selfeval.understand.classify import self_statement

    own = "为加强预算绩效管理，某市人社局对2022年度城乡居保市级补贴使用情况开展了财政绩效评价工作。现将绩效评价情况报告如下："
    assert self_statement(own) is not None
    assert self_statement(own.replace("某市人社局", "某市财政局")) is None
    assert self_statement(own.replace("某市人社局", "某市预算绩效评价中心")) is None


STAGES = {
    "bond": "某县2023年第二批专项债券项目存续期信息公开（某县污水处理厂扩建项目）\n来源：某县财政局  发布时间：2024-07-10\n"
            "一、项目基本情况\n项目单位：某县住房和城乡建设局。\n二、资金使用情况\n截至2024年6月30日，累计支出8236.48万元，支出率91.5%。",
    "plan": "某县2024年高标准农田建设项目实施计划\n一、项目基本情况\n建设规模1.6万亩。\n二、绩效目标\n数量指标：建成高标准农田1.6万亩。\n"
            "三、资金安排\n计划总投资3200万元。",
    "application": "2024年省级文化产业发展专项资金项目申报书\n申报单位：某县文化广电旅游局（盖章）\n一、项目基本情况\n项目总投资420万元。\n"
                   "二、绩效目标\n带动就业≥150人。\n我单位承诺按要求开展绩效自评。",
    "acceptance": "某县交通运输局\n关于2023年度农村公路提档升级工程竣工验收情况的报告\n县人民政府：\n县交通运输局组织设计、施工、监理单位"
                  "及县财政局组成验收委员会，对工程进行了竣工验收。\n一、工程基本情况\n工程批复概算3,420万元，已支付3,112.30万元。\n"
                  "二、质量评定\n工程质量评定得分92.6分，等级为合格。\n三、下一步\n我局将按要求开展项目绩效自评，确保资金效益。",
}


@pytest.mark.parametrize("kind", sorted(STAGES))
def test_another_stage_of_a_project_is_no_report(kind: str) -> None:
    """A project's application, plan or bond disclosure (its headline the title reader does not take for a title)
    is no evaluation of it, whatever performance words it holds."""
    u = understand(text_doc(STAGES[kind]))
    assert not u.is_self_eval and any("another stage" in r for r in u.reasons), u.reasons


def test_the_in_year_deadline_and_pace_mark_monitoring() -> None:
    """'截至2024年6月30日执行数…与序时进度50%相比偏差': a mid-year monitoring account, even without its title."""
    text = ("三、绩效目标完成情况及偏差分析\n（一）预算执行进度\n本项目全年预算540万元，截至2024年6月30日执行数190.2万元，执行率35.22%，"
            "与序时进度50%相比偏差14.78个百分点。\n（二）产出目标\n已完工3处。")
    u = understand(text_doc(text))
    assert not u.is_self_eval and any("monitoring" in r for r in u.reasons), u.reasons


def test_the_unit_stating_its_own_spending_score_states_its_evaluation() -> None:
    """'我局2022年度部门整体支出绩效综合评分为92.8分' (a page without its title, posted by the finance bureau) is the
    unit speaking of its own evaluation; the same words of another unit are not."""
    from selfeval.understand.classify import self_statement

    assert self_statement("六、评价结果\n根据评分标准，我局2022年度部门整体支出绩效综合评分为92.8分，评价等次为“优”。") is not None
    assert self_statement("六、评价结果\n根据评分标准，该局2022年度部门整体支出绩效综合评分为92.8分，评价等次为“优”。") is None


OTHERS_WORK = {
    "team": "2023年度义务教育保障资金绩效评价报告\n发布时间：2024-08-02  来源：本站\n按照年度重点绩效评价计划，评价组对县教育局2023年度"
            "义务教育保障资金开展了绩效评价。\n一、基本情况\n资金预算1380万元，实际支出1296.5万元，执行率93.95%。\n二、评价结论\n"
            "经综合评价，该项目得分90分，绩效等级为“优”。\n三、建议\n教育局应完善资金分配办法。\n",
    "news": "县林业局部门整体支出绩效自评获评“优”\n近日，县林业局完成2023年度部门整体支出绩效自评工作，自评得分96分，等级为“优”。"
            "2023年县林业局部门预算总额886.3万元，全年支出852.8万元，预算执行率96.2%。\n（记者 张某 通讯员 李某）\n",
    "finance_office": "2023年度农村公益事业一事一议财政奖补资金绩效评价报告\n一、基本情况。全年下达奖补资金620万元，实际支出580.2万元。\n"
                      "二、综合评价。本项目综合得分85分，等级为良。\n县财政局农村综合改革股\n2024年3月28日\n\n分享到：微信 微博\n"
                      "【打印本页】【关闭窗口】\n主办：某县财政局\n地址：人民路88号  联系电话：0745-1234567\n",
}


@pytest.mark.parametrize("kind", sorted(OTHERS_WORK))
def test_others_work_on_a_units_spending_is_no_report(kind: str) -> None:
    """An evaluation team's work on a bureau ('评价组对县教育局…开展了绩效评价'), a news story with its reporters' byline,
    and an evaluation signed by an office of the finance bureau above a page's footer are no self-evaluations."""
    u = understand(text_doc(OTHERS_WORK[kind]))
    assert not u.is_self_eval and not u.reports, u.reasons


def test_the_units_own_team_is_its_own_evaluation() -> None:
    """'我局组织评价小组对2023年度部门整体支出进行综合评价' is the unit's team, not an outside one."""
    text = ("某旗自然资源局2023年度部门整体支出绩效评价报告\n一、部门基本情况\n某旗自然资源局为旗人民政府工作部门。\n二、预算收支\n"
            "全年预算数3810.77万元，全年支出合计3662.48万元，预算执行率96.11%。\n三、评价结论\n"
            "我局组织评价小组对2023年度部门整体支出进行综合评价，得分为88.6分，评价等级为“良”。\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.reports[0].fields["self_score"] == 88.6, u.reasons


def test_a_disclosure_whose_lede_names_evaluation_work_is_still_a_disclosure() -> None:
    """'根据绩效评价相关工作要求,现对…项目实施计划完成情况公示如下:' opens a titleless page: the lede is a sentence, no
    headline, so its word 评价 does not make the disclosure an evaluation."""
    text = ("根据绩效评价相关工作要求,现对某县2025年中央财政衔接推进乡村振兴补助资金项目实施计划完成情况公示如下:\n一、项目基本情况\n"
            "我县共争取到位资金959万元,实施项目9个。\n二、资金使用情况\n截至10月底已支出812.6万元。")
    u = understand(text_doc(text))
    assert not u.is_self_eval and any("disclosure" in r for r in u.reasons), u.reasons


BODIES_ON_A_FUND = {
    "congress_survey": "某县人大常委会关于全县农村饮水安全巩固提升专项资金使用情况的调研报告\n主任、各位副主任、各位委员：\n"
                       "县人大常委会调研组对2023年农村饮水安全巩固提升专项资金使用情况进行了专题调研。\n一、基本情况\n"
                       "2023年安排3,960万元，实际支出3,584.3万元，执行率90.51%。县水务局报送的2023年度项目绩效自评报告显示，"
                       "该项目自评得分94分，等级为优。\n二、存在的问题\n部分工程管护不到位。",
    "audit": "某县审计局关于2023年度乡村振兴衔接资金管理使用情况的审计结果公告\n根据《中华人民共和国审计法》，县审计局对县农业农村局"
             "2023年度衔接资金开展了专项审计。\n一、基本情况\n全年到位资金5,210万元，支出4,986.2万元，执行率95.70%。项目单位开展了"
             "绩效自评，自评得分92分。\n二、审计发现的问题\n个别项目绩效目标设置不细化。",
}


@pytest.mark.parametrize("kind", sorted(BODIES_ON_A_FUND))
def test_a_congress_survey_or_an_audit_of_a_fund_is_no_report(kind: str) -> None:
    """A people's congress's survey report or an auditor's results on a fund quote the unit's own self-evaluation
    score; the report is theirs, not the unit's self-evaluation."""
    u = understand(text_doc(BODIES_ON_A_FUND[kind]))
    assert not u.is_self_eval and not u.reports, u.reasons


def test_a_template_is_still_one_when_its_instructions_give_the_rates_formula() -> None:
    """'预算执行率=全年执行数/全年预算数×100%' in a template's instructions is no figure a unit filled in."""
    text = ("关于印发项目支出绩效自评报告参考格式的通知（附件）\n发布日期：2025-01-09\n附件2\nXX单位20XX年度XX项目支出绩效自评报告\n"
            "（参考格式）\n一、项目基本情况\n说明项目年初预算数XX万元、调整后预算数XX万元、实际支出XX万元、预算执行率XX%。\n"
            "二、综合评价情况\n自评得分XX分，自评等级为“XX”。\n填报说明：预算执行率=全年执行数/全年预算数×100%，执行率得分=执行率×该指标分值。")
    u = understand(text_doc(text))
    assert not u.is_self_eval and not u.reports, u.reasons


BLANK_FORM_NOTICE = (
    '某财绩〔2025〕3号\n'
    '某自治县财政局关于开展2024年度\n'
    '预算绩效自评工作的通知\n'
    '县直各预算单位,各乡镇人民政府:\n'
    '根据《某省财政厅关于开展2024年度省级预算绩效自评工作的通知》要求,为做好我县2024年度预算绩效自评工作,现将有关事项通知如下:\n'
    '一、自评范围\n'
    '2024年度县级部门预算安排的部门整体支出和全部项目支出。\n'
    '二、时间安排\n'
    '各单位于2025年3月31日前完成自评,并将《部门整体支出绩效自评表》《项目支出绩效自评表》及自评报告报送县财政局绩效股。\n'
    '三、有关要求\n'
    '(一)据实填报。自评表中年初预算数、全年预算数、全年执行数应与2024年度部门决算数据一致;\n'
    '(二)严禁“打高分”。对自评得分明显偏高的,财政局将开展抽查复核。\n'
    '附件:1.部门整体支出绩效自评表(样表)\n'
    '2.项目支出绩效自评表(样表)\n'
    '某自治县财政局\n'
    '2025年2月20日\n'
    '附件1\n'
    '部门整体支出绩效自评表\n'
    '(    年度)\n'
    '部门名称\n'
    '年度预算申请(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n'
    '年度资金总额 |  |  |  | 10 |  | \n'
    '其中:基本支出 |  |  |  | — |  | —\n'
    '项目支出 |  |  |  | — |  | —\n'
    '年度总体目标 | 预期目标 | 实际完成情况\n'
    '一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施\n'
    '产出指标 | 数量指标 |  |  |  |  |  | \n'
    '总分 | | | | | 100 | | \n'
    '填表人:        联系电话:        填报日期:  年 月 日'
)


def test_a_notice_attaching_a_blank_form_is_no_report() -> None:
    """'关于开展…绩效自评工作的通知 / 各预算单位: … 现将有关事项通知如下' and its attached blank 自评表 (weights only):
    the notice's wording is no unit saying it evaluated itself."""
    u = understand(text_doc(BLANK_FORM_NOTICE))
    assert not u.is_self_eval and not u.reports, u.reasons


def test_a_final_accounts_contents_listing_self_evaluations_is_no_report() -> None:
    """A 决算's 目录 naming its 附件 (…专项预算绩效自评报告) gives no title: the 决算 is the document."""
    text = ("2023年度某镇人民政府\n部门决算\n目录\n第四部分 附件\n附件1 部门预算绩效评价报告\n附件2 专项预算绩效自评报告\n"
            "1.2023年农村人居环境整治提升资金专项预算绩效自评报告\n第五部分 附表\n第一部分 部门概况\n一、部门职责\n"
            "加强党的建设，推动经济发展。\n二、机构设置\n内设6个综合办事机构。\n")
    u = understand(text_doc(text))
    assert not u.is_self_eval, u.reasons


def test_a_parents_evaluation_of_a_subordinates_project_quoting_its_self_score() -> None:
    """'市农业农村局对所属市动物疫病预防控制中心实施的…项目开展了部门评价' and '项目实施单位自评得分为99分': the
    parent's evaluation; the unit's own score is quoted, not reported."""
    text = ("某市农业农村局关于2023年度动物防疫补助资金项目的部门评价报告\n一、评价对象\n根据部门评价的规定，市农业农村局对所属市动物疫病"
            "预防控制中心实施的2023年度动物防疫补助资金项目开展了部门评价。\n二、项目基本情况\n全年预算数696.00万元，实际支出671.35万元。\n"
            "三、评价结论\n经部门评价，该项目综合得分92.30分，评价等级为“优”。项目实施单位自评得分为99分。\n")
    u = understand(text_doc(text))
    assert not u.is_self_eval and not u.reports, u.reasons


def test_a_units_own_department_evaluation_of_its_spending_is_its_report() -> None:
    """Gansu calls a unit's own evaluation of its overall spending '预算绩效部门评价报告'."""
    text = ("某市政协办公室2024年度预算绩效部门评价报告\n一、部门概况\n某市政协办公室是市政协的办事机构。\n二、部门预算执行情况\n"
            "全年预算数1,520.36万元，全年支出1,486.20万元，预算执行率97.75%。\n三、评价结论\n经评价，本部门2024年度整体支出绩效综合得分"
            "95分，等级为优。\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.reports, u.reasons


@pytest.mark.parametrize("text", [
    "项目支出绩效自评报告(通用33篇)\n(3)项目资金使用情况\n我局严格按照专项资金管理办法使用资金。20xx年项目资金预算xxx万元,实际支出xxx万元。\n"
    "项目支出绩效自评报告1\n一、基本情况\n某县教育局2022年教育项目预算1200万元,实际支出1150万元,执行率95.83%。自评得分95分。\n",
    "教育项目绩效自评报告5篇\n时间:2024-03-15 10:26:00 综合范文\n下面是范文网小编整理的教育项目绩效自评报告5篇,欢迎参阅。\n"
    "教育项目绩效自评报告1\n一、基本情况\n项目预算300万元,实际支出296.5万元。经自评,得分96分,等级为优。\n",
    "【项目支出绩效自评表填写样例】不少单位对项目支出绩效自评表的填写口径把握不准。本文提供一份填写样例,供参考。\n"
    "二、示例说明(简化版)\n| 项目名称 | XX乡镇污水处理设施运维项目 |\n| 年初预算数(万元) | 100 |\n| 全年预算数(万元) | 120 |\n"
    "| 全年执行数(万元) | 114 |\n| 执行率 | 95% |\n| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 污水处理设施正常运行率 | ≥95% | 97% | 20 | 20 |\n",
], ids=["collection-of-33", "five-samples", "filling-example"])
def test_sample_essay_collections_and_filling_examples_are_no_reports(text: str) -> None:
    """An essay site's '…自评报告(通用33篇)' / '下面是小编整理的…' and a guide's '填写样例' hold sample reports, none
    one unit's own."""
    u = understand(text_doc(text))
    assert not u.is_self_eval and not u.reports, u.reasons


def test_one_units_report_an_essay_site_copied_is_still_its_report() -> None:
    """'以下是小编整理的…' over one real unit's report (no '(通用N篇)', no '20xx年' placeholders): the blurb is the
    site's, the report the unit's."""
    text = ("全民健身工程项目绩效自评报告\n时间:2022-11-27 09:41:18 报告 我要投稿\n以下是小编整理的全民健身工程项目绩效自评报告,欢迎阅读。\n"
            "全民健身工程项目绩效自评报告1\n藤县文化广电体育和旅游局2021年度全民健身工程项目绩效自评报告\n一、项目基本情况\n"
            "2021年上级下达全民健身工程补助资金180万元,实际支出176.4万元,执行率98%。\n二、自评结论\n经自评,本项目得分94分,等级为优。\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.reports[0].fields["self_score"] == 94, u.reasons


def test_a_finance_bureaus_numbered_list_of_units_scores_is_a_result_list() -> None:
    """'现将自评结果公开如下:' then '1.某县人民法院,自评得分94.2分,等级优;' for many units: the county's results, no
    unit's report, though its title reads like one (…部门整体支出绩效自评结果); one unit's report quoting two of its
    subordinate units' scores further down stays a report."""
    units = ["中国共产党禄劝彝族苗族自治县委员会组织部", "禄劝彝族苗族自治县人民法院", "禄劝彝族苗族自治县教育体育局",
             "禄劝彝族苗族自治县屏山街道办事处"]
    lines = "".join(f"{k}.{u},自评得分{90 + k}分,等级优;\n" for k, u in enumerate(units, 1))
    text = ("禄劝县2023年度部门整体支出绩效自评结果\n发布时间:2024-07-16\n"
            "根据县级各部门报送的2023年度部门整体支出绩效自评报告,经县财政局审核汇总,现将自评结果公开如下:\n" + lines
            + "共计58个部门(单位),平均得分93.1分。\n")
    u = understand(text_doc(text))
    assert not u.is_self_eval and u.reports == []
    own = ("禄劝彝族苗族自治县教育体育局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设8个股室。\n"
           "二、部门整体支出情况\n2023年全年预算数1200万元,全年支出1180万元,预算执行率98.33%。\n三、自评结论\n"
           "经自评,本局2023年度部门整体支出绩效自评得分95分,等级为优。\n")
    assert understand(text_doc(own + "附:下属单位自评情况\n" + lines[:lines.index("3.")])).is_self_eval
