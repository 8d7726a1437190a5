"""The words reports use for each field: one place for every label, each with a real example.

Prose readers (`fields.py`, `amounts.py`), table-cell readers (`tableread.py`) and the cell-stream form
reader (`formstream.py`) all build their patterns from these lists, so a label seen on a new portal is
added once, here, with the phrase it was seen in (`tests/understand/test_vocabulary.py` checks that every
example is matched by its own label).  Patterns are written against the matching copy (NFKC, simplified,
no spaces: `(` not `（`, `:` not `：`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    pattern: str  # regex fragment (no anchors, no capture groups)
    example: str  # a phrase, as the matching copy reads it, the label was seen in
    note: str = ""


def alternation(labels: list[Label] | tuple[Label, ...]) -> str:
    """One regex alternative of the labels, longest-looking first (earlier entries win at a position)."""
    return "|".join(f"(?:{lab.pattern})" for lab in labels)


# --- the evaluated unit ---------------------------------------------------------------------------------
DEPARTMENT = (
    Label(r"部门\(单位\)名称", "部门(单位)名称(公章):湘西自治州乡村振兴局"),
    Label(r"预算部门(?:、|和|\(|/)?单位名称\)?", "预算部门、单位名称衡山县贯塘乡人民政府"),
    Label(r"预算部门\(单位\)名称", "预算部门(单位)名称宁德市人民政府办公室"),
    Label(r"项目实施单位", "项目实施单位济南市历城区文化馆"),
    Label(r"项目实施主体", "项目实施主体:阿拉善盟卫生健康委员会",
          "a project's implementing body (a bare 实施主体 or 建设单位 in prose is often the contractor)"),
    Label(r"(?:项目)?(?:实施|实施建设)单位均?为", "实施建设单位均为缙云县教育局", "the implementing unit named in a sentence"),
    Label(r"实施单位", "实施单位廊坊市食品工程学校", "a project's evaluated unit is its implementing unit"),
    Label(r"项目承担单位", "项目承担单位:张家口市下花园区农业农村局", "Hebei's cover form: the implementing unit"),
    Label(r"项目单位", "项目单位临湘市文化旅游广电局", "Hunan cover form: the project's own unit"),
    Label(r"资金使用单位", "资金使用单位炉霍县卫生健康局",
          "the central transfer-payment 自评表 (中央主管部门 / 地方主管部门 / 资金使用单位): the unit that spent it"),
    Label(r"被评价单位", "被评价单位:安化县平口镇人民政府"),
    Label(r"(?:省级|市级|州级|县级|区级)预算部门", "省级预算部门:广东省妇女联合会", "a provincial fund's form"),
    Label(r"预算单位名称", "预算单位名称:资源县瓜里乡人民政府"),
    Label(r"部门名称", "部门名称:溆浦县乡村振兴局"),
    Label(r"(?:部门\(单位\)|部门|单位)全称", "部门(单位)全称:党坝镇人民政府", "a cover form's full-name line"),
    Label(r"单位名称", "单位名称:昌宁县供销合作社联合社"),
    Label(r"填报单位", "填报单位:绥阳县太白镇人民政府"),
    Label(r"评价对象", "评价对象:湘阴县卫生健康局"),
    Label(r"预算单位", "预算单位:临沧市永德县明朗中学"),
    Label(r"部门\(单位\)(?=[:])", "部门(单位):攸县林业局"),
    Label(r"(?<![^\n])部门(?=:[^|\n])", "部门:攸县林业局",
          "a line of its own: a metadata row's '部门: | 财政局' is the publisher"),
    Label(r"报送单位", "报送单位:攸县林业局"),
    Label(r"(?:编报|编制|报告|自评|填表|申报)单位", "编报单位:攸县林业局", "the unit that drew up its own report"),
    Label(r"(?<![央方])项目主管(?:部门|单位)", "项目主管部门:中共甘谷县委政法委员会",
          "a project cover's supervising unit: the unit when no implementing unit is named (never the transfer "
          "form's 中央/地方主管部门)"),
    Label(r"预算部门", "预算部门宁德市人民政府办公室", "table cells only"),
    Label(r"评价单位", "评价单位湘阴县教育局", "table cells only"),
    Label(r"(?<![^\n])单位(?=\n)", "单位\n凤台县刘集乡人民政府",
          "Anhui's 评价自评表: a bare 单位 cell heading the form (its value must read as a unit: '单位 | 万元' never does)"),
)
SEAL = r"(?:\((?:公章|盖章|签章)\))?"
# a project's or fund's name in brackets after a report's title ('(高黎贡山自然保护区管护经费项目)')
BRACKETED_PROJECT_NAME = r"[(（][^()（）\n]{2,40}?(?:项目|资金|经费|工程)[)）]"

# --- the total self-evaluation score --------------------------------------------------------------------
SCORE_CELL = (  # a label cell whose neighbour is the report's total score
    Label(r"绩效自评综合得分", "绩效自评综合得分99.5"),
    Label(r"部门整体支出绩效自评综合得分", "部门整体支出绩效自评综合得分99.5"),
    Label(r"自评综合得分", "自评综合得分96"),
    Label(r"自评综合评分", "自评综合评分92.33"),
    Label(r"综合得分", "综合得分95"),
    Label(r"综合评分", "综合评分97"),
    Label(r"自评得分", "自评得分98"),
    Label(r"自评总分", "自评总分98.62"),
    Label(r"总得分", "总得分96.5"), Label(r"自评总得分", "自评总得分96.5"),
    Label(r"总分", "总分10098"),
    Label(r"分总", "分总100", "a PDF reading a vertical 总/分 cell upside down"),
    Label(r"评价得分", "评价得分95"),
    Label(r"绩效评价得分", "绩效评价得分93"),
    Label(r"得分合计", "得分合计98"),
    Label(r"评价总分", "评价总分90"),
    Label(r"自评分数", "自评分数97"),
)

# --- the stated grade -----------------------------------------------------------------------------------
GRADE_CELL = (
    Label(r"评价等次", "评价等次优"), Label(r"(?:绩效)?评价等级", "绩效评价等级优"), Label(r"自评等级", "自评等级优"),
    Label(r"绩效等级", "绩效等级良"), Label(r"综合评价等级", "综合评价等级优"), Label(r"评价结论", "评价结论优"),
    Label(r"自评结论", "自评结论优"), Label(r"等级", "等级优"), Label(r"等次", "等次良"),
)
# the grades a label may list after itself: '绩效评价等级(优/良/中/差)'
GRADE_OPTIONS = r"\((?:优秀|良好|中等|较差|优|良|中|差)(?:[/、,](?:优秀|良好|中等|较差|优|良|中|差))+\)"
GRADE_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "差": "差", "较差": "差"}
# words for last year: a score, a figure column or a result of last year is none of this report's
LAST_YEAR = r"上年|上一年|去年|前一年"
# a Word form's option boxes: empty, and ticked (a Wingdings tick survives as one of these)
BOXES = "□☐"
TICKS = "☑√✓■✔▣"

# --- the report date ------------------------------------------------------------------------------------
REPORT_DATE = (
    Label(r"报告时间", "报告时间:2022年6月"), Label(r"报告日期", "报告日期:2022年03月21日"),
    Label(r"填报日期", "填报日期:2023年4月15日"), Label(r"填报时间", "填报时间:2022年2月3日"),
    Label(r"填表(?:日期|时间)", "填表日期:2023年3月20日"),
    Label(r"编制日期", "编制日期:2021年3月"), Label(r"编报日期", "编报日期:2021年3月5日"),
    Label(r"报送日期", "报送日期:2020年5月"), Label(r"评价报告日期", "评价报告日期:2023年5月"),
    Label(r"出具日期", "出具日期:2024年4月"), Label(r"自评日期", "自评日期:2025年5月"),
    Label(r"(?:报告)?报出(?:日期|时间)", "报告报出时间:2015年7月26日"), Label(r"上报(?:日期|时间)", "上报时间:2017年9月15日"),
    Label(r"\((?:盖章|公章|签章)\)", "主管部门(盖章):2022年1月", "the date signed under the seal"),
)

# --- the project's name ---------------------------------------------------------------------------------
PROJECT_NAME = (
    Label(r"项目名称", "项目名称义务教育营养改善计划专项资金"), Label(r"专项名称", "专项名称:农机购置补贴"),
    Label(r"专项资金名称", "专项资金名称:动物防疫补助资金"), Label(r"项目\(专项\)名称", "项目(专项)名称:村干部报酬"),
)

# --- the 自评表 budget block columns --------------------------------------------------------------------
BUDGET_COLUMNS: dict[str, tuple[Label, ...]] = {
    "budget_initial_wan": (
        Label(r"年初(?:部门|单位)?预算(?:数|安排|金额)?", "年初预算数43.2"),
        Label(r"年初批复(?:预算)?(?:数)?", "年初批复预算985"),
        Label(r"批复预算(?:数)?", "批复预算5,862,340.00", "beside 调整预算: the budget approved at the year's start"),
        Label(r"年初安排(?:数)?", "年初安排数120"),
        Label(r"期初预算(?:数)?", "期初预算数120"), Label(r"年初计划(?:数)?", "年初计划数120"),
    ),
    "budget_adjusted_wan": (
        Label(r"全年预算(?:数|安排|金额)?", "全年预算数43.2"),
        Label(r"全年\(调整(?:后)?\)预算(?:数|安排|金额)?", "全年(调整)预算数2240.15",
              "Chongqing's department form: the year's budget after its adjustments"),
        Label(r"调整后(?:的)?(?:全年|年度)预算(?:数|安排|金额)?", "调整后全年预算数320"),
        Label(r"调整后(?:的)?预算(?:数)?", "调整后预算数861.46"), Label(r"调整后(?:的)?批复(?:数)?", "调整后批复数320"),
        Label(r"调整预算(?:数)?", "调整预算数1781.86"),
        Label(r"预算调整数", "预算调整数500"),
        Label(r"小计[^=]{0,4}=[^+]{0,4}\+", "小计3=1+2 135.00", "Fujian form: initial + in-year change"),
        Label(r"预算调整后(?:数)?", "预算调整后320"), Label(r"全年批复(?:数|预算)?", "全年批复数320"),
        Label(r"全年可用预算(?:数)?", "全年可用预算320"),
    ),
    "expenditure_total_wan": (
        Label(r"全年执行(?:数)?", "全年执行数37.24"),
        Label(r"执行数", "执行数(B)10"),
        Label(r"(?:全年)?实际支出(?:数)?", "实际支出数54.6"),
        Label(r"全年支出(?:数)?", "全年支出1478.93"),
        Label(r"决算数", "决算数3256.40"), Label(r"决算支出(?:数)?", "决算支出6,205,117.28"),
        Label(r"年度拨付金额|实际拨付金额", "年度拨付金额4 129.60", "Fujian form"),
        Label(r"执行资金", "执行资金(万元)145.5"), Label(r"执行金额", "执行金额288.5"),
        Label(r"支出数", "支出数288.5"), Label(r"实际支付(?:数|金额)?", "实际支付数288.5"),
        Label(r"累计支出(?:数)?", "累计支出288.5"), Label(r"全年完成(?:数)?", "全年完成数288.5"),
        Label(r"实际使用(?:情况|资金|数|金额)", "实际使用情况395.86",
              "Hainan's 项目基本信息: 计划投资额 / 实际到位资金 / 实际使用情况"),
    ),
    "exec_weight": (Label(r"分值|权重", "分值10"),),
    "execution_rate_pct": (Label(r"执行率", "执行率86%"),
                           Label(r"支出实现率|^支出率", "支出实现率(%)5=4/3 96.00", "Fujian form")),
    "exec_score": (Label(r"得分", "得分9"),),
    "budget_unqualified": (Label(r"预算安排数|预算数|预算资金", "预算数(A)50",
                                 "neither 年初 nor 全年: the final budget beside 执行数, else it checks the rate only"),),
    "received_rate": (Label(r"到位率", "资金到位率100%", "funds received: never a budget or spending figure"),),
    "received": (Label(r"(?:实际)?到位(?:数|资金|金额)?", "实际到位数150", "funds received (fields.md: not spending)"),),
    "spend_rate": (Label(r"支出率|支出进度", "支出率97%", "not labelled 执行: no execution rate (EXEC-03)"),),
    # a block's figure columns that hold no field, read past (a plan, last year's, a carry-over, an allocation)
    "other_figure": (Label(r"计划投资(?:额|数)?", "计划投资1800"), Label(r"上年结转(?:资金|数)?", "上年结转70"),
                     Label(r"下达(?:资金|金额|数)", "下达资金1450.8"), Label(r"结余(?:资金|数)?", "结余资金34.57"),
                     Label(r"上年(?:同期)?(?:执行数|决算数|支出数?)", "上年执行数1320.5"),
                     Label(r"预算追加(?:数|金额)?|追加(?:数|金额)", "预算追加数100"),
                     Label(r"调整数", "调整数230", "Jiangxi's 预算数 over 年初数 | 调整数: the change or the year's "
                           "budget, the form does not say; read past")),
}
# label/value pairs of a form ('全年执行数(万元)' / '145.5', '基本支出总额 | 864.2万 | 项目支出总额 | 0')
PAIR_LABELS: dict[str, tuple[Label, ...]] = {
    **BUDGET_COLUMNS,
    # a two-column table's total row ('|项目|金额|' / '|支出合计|2751.40|'), as well as a form's columns
    "expenditure_total_wan": BUDGET_COLUMNS["expenditure_total_wan"] + (
        Label(r"(?:本年|本期)?支出(?:合计|总计|总额)", "支出合计 | 2751.40"),),
    "basic_expenditure_wan": (Label(r"基本支出(?:总额|合计|决算数?|金额|数)?", "基本支出总额 | 864.2万"),),
    "project_expenditure_wan": (Label(r"项目支出(?:总额|合计|决算数?|金额|数)?", "项目支出总额 | 0"),),
}
# a budget stage written alone in a two-row header's lower row, under a parent '预算数' spanning it ('预算数' over
# '年初 | 调整后'): the stage and the parent read together are the column ('年初' + '预算数' = 年初预算数)
BUDGET_STAGE_CELL = (Label(r"年初", "年初"), Label(r"调整后", "调整后"), Label(r"全年", "全年"))
BUDGET_ROW_TOTAL = (
    Label(r"年度(?:财政)?资金总额", "年度资金总额43.2"), Label(r"(?:财政)?资金总额", "资金总额45"),
    Label(r"年度资金合计", "年度资金合计120"), Label(r"预算资金总额", "预算资金总额50"),
    Label(r"资金合计", "资金合计300"), Label(r"(?:部门)?整体支出总额", "部门整体支出总额864.2"),
    Label(r"总额", "总额390"), Label(r"合计", "合计1268.72"),
    Label(r"年度金额", "年度金额863.20", "a department form's total row"),
    Label(r"年度预算总额", "年度预算总额863.20"), Label(r"年度总金额", "年度总金额85.00", "a project form's total row"),
    Label(r"(?:部门|单位)预算总额", "部门预算总额5210.00", "Hunan county department form's one row under 项目"), Label(r"(?:资金)?总计", "资金总计300"),
    Label(r"支出合计", "支出合计1200", "Hunan's 项目 | 预算数 | 执行数 | 执行率 table"),
    Label(r"(?:本年度?|全年|年度)支出合计", "本年支出合计1998750.00", "Jiangxi's department form"),
    Label(r"(?:部门|单位)(?:整体)?(?:支出|资金)?合计", "部门支出合计1705.33", "a 指标 | 年初预算 | … table's total row"),
)


def cell_regex(labels: tuple[Label, ...], suffix: str = "") -> re.Pattern[str]:
    """A regex matching a whole table cell that is one of `labels` (plus an optional suffix)."""
    return re.compile(rf"^(?:{alternation(labels)}){suffix}$")

# --- amounts in prose: the clause right before a number says what it is (amounts.classify) -------------
# Each group is tried in amounts.classify's order; `*_END` groups must end the clause.
AMOUNT_TOTAL_END = (
    Label(r"支出合计", "本年支出合计5137.69万元"), Label(r"支出总额", "支出总额1855.32万元"),
    Label(r"支出总计", "支出总计2228.08万元"), Label(r"支出总数", "支出总数300万元"),
    Label(r"总支出", "总支出1478.93万元"), Label(r"本年支出", "本年支出799.12万元"),
    Label(r"全年支出", "全年支出1,478.93万元"), Label(r"实际支出(?:总额|数|金额|资金)?", "全年实际支出资金1,298.45万元"),
    Label(r"支出决算(?:数|金额|总额)?", "支出决算金额2228.08万元"), Label(r"决算支出", "决算支出3256.4万元"),
    Label(r"决算数", "2022年度决算数为3,256.40万元"), Label(r"决算总额", "决算总额120万元"),
    Label(r"总体执行", "总体执行3551.83万元"), Label(r"全年执行数?", "全年执行数37.24万元"),
    Label(r"执行数(?:\(B\)|合计|总额)?", "执行数(B)10万元"), Label(r"累计支出", "累计支出500万元"),
    Label(r"实际执行", "实际执行861万元"), Label(r"执行总(?:量|额|数)", "资金执行总量29675万元"), Label(r"(?:全年)?预算执行(?:数|金额)?", "全年预算执行1021.86万元"),
    Label(r"实际使用(?:资金)?", "实际使用资金1021.86万元"), Label(r"共支出(?:资金)?", "本单位共支出资金1180.23万元"),
    Label(r"支出", "支出:799.12万元"), Label(r"支出数", "支出数90万元"), Label(r"支出金额", "支出金额21.5万元"),
    Label(r"(?:全年|年度|本年)?(?:共|累计|合计)执行(?:金额|资金)?", "全年共执行1180.23万元"),
    Label(r"执行(?:金额|资金)", "执行金额1180.23万元"),
)
AMOUNT_BASIC_END = (Label(r"基本支出(?:合计|总额|决算数?|金额|数)?", "其中:基本支出5137.69万元"),
                    Label(r"基本支出(?:实际)?(?:执行|支付)(?:数|金额)?", "其中基本支出执行1120.14万元"))
AMOUNT_PROJECT_END = (Label(r"项目支出(?:合计|总额|决算数?|金额|数)?", "项目支出0万元"),
                      Label(r"项目支出(?:实际)?(?:执行|支付)(?:数|金额)?", "项目支出支付400.22万元"))
AMOUNT_SPECIAL_END = (Label(r"专项(?:资金)?支出(?:合计|总额|决算数?|金额|数)?", "专项支出1052.7万元"),)
AMOUNT_INITIAL = (
    Label(r"年初(?:部门|单位|财政)?(?:预算|批复|安排)", "年初预算安排1429.07万元"),
    Label(r"(?:预算|批复)[^,]{0,4}年初", "预算(年初)300万元"),
    Label(r"年初[^,，。\d]{0,12}?预算", "2021年初预算收入873.72万元"),
)
AMOUNT_INITIAL_UNLESS = r"三公|经费|目标|追加|结转|收入支出|专项|增加|减少|增长|下降|调增|调减|^较|^比|上年|去年|上一年"
AMOUNT_ADJUSTED = (
    Label(r"全年预算", "全年预算数为1050万元"), Label(r"调整后(?:的)?(?:部门|单位)?预算", "调整后预算861.46万元"),
    Label(r"预算调整后", "预算调整后2030.12万元"), Label(r"调整预算", "调整预算1781.86万元"),
    Label(r"当年预算", "当年预算安排4068.67万元"), Label(r"全年(?:部门)?预算安排", "全年预算安排500万元"),
    Label(r"预算调整数", "预算调整数300万元"), Label(r"调整后", "调整后2030.12万元"),
    Label(r"全年(?:部门|单位|可用|可执行|批复)预算(?:合计)?", "全年可执行预算合计860.92万元"),
    Label(r"年终(?:调整)?预算", "年终预算数1033.17万元"), Label(r"预算调整(?=为|$)", "预算调整为1300万元"),
    Label(r"(?:年末|最终)预算", "年末预算数1620.5万元"), Label(r"全年可支配预算", "全年可支配预算1620.5万元"),
    Label(r"预算(?:总额|总数)调整(?=为|$)", "预算总额调整为1620.5万元"),
)
AMOUNT_ADJUSTED_END = (
    Label(r"调整后(?:的)?(?:部门|单位|项目)?预算(?:数|总额)?", "调整后预算数2030.12万元"),
    Label(r"调整预算后(?:项目)?(?:预算)?", "调整预算后项目预算861.46万元"),
    Label(r"预算调整后", "预算调整后2030.12万元"), Label(r"全年预算(?:数|总额)?", "全年预算数1050万元"),
)
AMOUNT_PROJECT_ALLOCATED = (  # a project report's allocated budget (docs/spec/fields.md: 下达资金 counts, 计划投资 does not)
    Label(r"下达(?:资金|预算|金额)?", "下达资金56万元"), Label(r"批复(?:资金|预算)", "批复资金90万元"),
    Label(r"(?:安排|下达|批复|获得)[^,，。；;]{0,30}?(?:资金|经费|预算|公益金)", "预算安排下达的财政示范创建专项资金共计2373.51万元"),
    Label(r"下达(?:给)?(?:我|本)(?:局|委|办|厅|单位|部门|中心|院|县|市|区|州|旗|镇|乡)", "下达我局353.6万元",
          "handed to the reporting unit itself"),
    Label(r"收到[^,，。；;]{0,30}?(?:资金|经费)", "2023年收到财政资金共2330.9万元", "funds received: what the project was given"),
)
AMOUNT_UNQUALIFIED = (
    Label(r"(?:^|年|度|单位|部门|本级|我单位|本单位|中心|局)(?:部门)?预算(?:数|安排|支出|总额|资金|总数|金额)?",
          "2023年预算支出2228.08万元", "neither 年初 nor 调整后: both budget fields stay null (AMB-01)"),
)
AMOUNT_PROJECT_SPEND = (
    Label(r"(?:已|实际)?使用(?:资金)?", "已使用资金45万元"), Label(r"拨付(?:资金)?", "已拨付工程款700万元"),
    Label(r"(?<!转移)支付(?:资金)?", "累计支付89.97万元", "never a 转移支付资金: the fund's name"),
    Label(r"已支出", "已支出20万元"),
    Label(r"到位并使用", "资金到位并使用30万元"),
    Label(r"实际完成投资", "实际完成投资54.6万元", "a project's actual spending (计划投资 is no budget)"),
    Label(r"(?:^|已)完成投资", "已完成投资480万元",
          "what a construction project spent (never 累计完成投资: since the project began, over several years)"),
    Label(r"(?:已|实际|累计|资金|共)?执行(?:金额|资金)?", "资金执行480万元"),
    Label(r"(?:已|实际|累计)?支出资金", "已支出资金480万元"),
    Label(r"(?<!转移)支付(?:工程款|款项|资金)", "已支付工程款480万元"),
    Label(r"(?:已|累计)?报账(?:资金)?", "已报账资金480万元", "rural projects: spending booked"),
    Label(r"(?:已|累计)?结算(?:资金)?", "已结算480万元"),
    Label(r"(?:已|累计)?下拨(?:资金)?", "已下拨480万元", "fields.md: 拨付 to lower levels is execution in a report on that fund"),
    Label(r"(?:已|共|累计|实际)支付[^,，。；;]{0,12}?(?:资金|经费|公益金)(?:合计|总计|共计)?", "2023年共支付省级福利彩票公益金113万元"),
)
AMOUNT_FUND_SPENT = (  # a fund's own report, read before the 补助/救助 look-alikes
    Label(r"(?:已|共|累计|实际)支出[^,，。；;]{0,16}?(?:资金|经费|公益金)", "共支出2019年财政专项扶贫资金920.14万元"),
)
AMOUNT_FUND_EXPENSE = (
    Label(r"((?:一般)?公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算)(?:财政拨款)?支出(?:合计|决算数?)?",
          "一般公共预算财政拨款支出1472.52万元", "a fund's own total: a sub-scope of the unit's spending"),
)
AMOUNT_NOT_SPENDING = (  # look-alikes of docs/spec/fields.md: never a budget or spending figure of the unit
    Label(r"三公", "“三公”经费支出12.5万元"), Label(r"收入|到位", "实际到位资金334.67万元"),
    Label(r"统筹|整合|投入|涉农|衔接|帮扶|对口", "统筹使用财政涉农资金27938万元"),
    Label(r"资产|负债|往来|暂存|应付|应收|折旧|价值", "资产共计1692.13万元"),
    Label(r"结转|结余|追加", "预算追加数393.73万元"),
    Label(r"增加|减少|下降|增长|较少|同比|上年|占", "比上年减少201.03万元"),
    Label(r"较|(?<!占)比(?!例)|少于?|多于|差额", "全年执行数较全年预算数少200万元", "a difference, not a figure"),
    Label(r"贷款|信贷|招商|投资|税收|产值|援助|募集|规模|奖励|收益|利息", "贷款300万元"),
    Label(r"保险(?:费|金|金额|赔款|理赔|赔付|补贴)?$", "缴纳保险费",
          "an insurance sum ('城乡居民养老保险资金执行总量…' is a fund's spending)"),
    Label(r"(?:协议|合同|中标)(?:金额|价款?|总价|额)?(?:为|共计|合计)?$", "签订施工合同金额",
          "the contract's sum ('按合同约定…拨付资金66.86万元' is a payment)"),
    Label(r"补助|补贴|救助|慰问|低保|发放|工资|福利(?!彩票)", "发放补助资金20万元"),
    Label(r"养老金|退休金|抚恤金", "机关事业养老金支出41754万元", "a social-insurance fund's payouts, not the unit's spending"),
    Label(r"商品和服务|个人和家庭|资本性|人员经费|公用经费|日常公用", "公用经费支出637.46万元"),
    Label(r"全州|全县|全市|全省|全乡|全镇|全区|各县|各乡", "全县统筹资金13195万元"),
    Label(r"专户|非税|预计|计划|目标|申请|争取|筹集|采购", "计划投资2082.48万元"),
)


# a 自评表 grid's column headers for an indicator's weight (分值) and its score (得分): the form reader and the
# indicator reader find the same columns by them
WEIGHT_HEADER = r"分值|权重|标准分值?|指标分值|指标权重"
SCORE_HEADER = r"得分|自评得分|实际得分|评价得分|评分"


# --- a page's metadata block ------------------------------------------------------------------------------
# (segment reads the block; evidence keeps a line that holds one of these labels from running on as a soft wrap)
META_LABELS: dict[str, tuple[str, ...]] = {
    # field -> labels as portals print them (normalised: no spaces, ASCII colon)
    "publisher": ("发布机构", "发文机构", "发文机关", "发布单位", "信息来源", "来源单位", "来源", "发布部门", "制发机关",
                  "公开主体", "发布者", "所属机构", "责任部门", "公开单位", "信息提供单位", "制发机构", "发文单位"),
    "publish_date": ("发布日期", "发布时间", "公开日期", "公开时间", "发表时间", "发表日期", "上传时间", "更新时间", "更新日期",
                     "信息时间", "日期", "时间", "发稿时间", "生成日期", "发文日期", "发文时间", "添加时间", "录入时间",
                     "创建时间", "著录日期", "发布", "信息提供日期", "信息发布日期", "信息发布时间", "公布日期", "公布时间",
                     # a page's <meta name="PubDate"> as extract/html.py prints it when the page shows no date
                     "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "published_time",
                     "dc.date"),
    "doc_date": ("成文日期", "成文时间", "印发日期"),
    "index_no": ("监督索引号", "信息索引号", "索引号", "索引"),
    "doc_no": ("文号", "发文字号", "文件编号", "发文号"),
    "topic": ("主题分类", "信息分类", "分类", "主题词", "体裁分类", "组配分类", "公开方式", "公开范围", "公开类别"),
    "validity": ("时效性", "效力属性", "有效性"),
    "views": ("浏览次数", "点击数", "访问量", "阅读次数", "浏览量", "点击量", "阅读量"),
    "author": ("作者", "编辑", "责任编辑", "撰稿", "审核", "校对", "签发", "核稿"),
}
# a bare "日期"/"时间"/"来源" is a metadata label only with a colon or a pipe right after it
WEAK_META_LABELS = frozenset({"日期", "时间", "来源", "分类", "索引", "作者", "编辑", "发布"})


# a line of a bulleted link list ('· 关于做好2024年度防汛抗旱工作的通知' under or above another '· …')
LIST_BULLET = re.compile(r"^[•·●▪◆■◇□○]", re.M)


def in_bullet_list(lines: list[str], i: int, text: str | None = None) -> bool:
    """Line i (as `text` when given) is one link of a bulleted list (a sidebar's '· 城乡居民基本医疗保险参保缴费指南'
    beside another '· …'): another page's title, never this one's."""
    text = lines[i] if text is None else text
    return bool(LIST_BULLET.match(text)) and any(
        LIST_BULLET.match(ln) for k, ln in enumerate(lines[max(0, i - 1):i + 2], max(0, i - 1)) if k != i)
