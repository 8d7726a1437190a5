"""Documents holding several reports: one 自评表 per sheet, and the seed workbook with a data sheet."""

from __future__ import annotations

from selfeval.model import ExtractedDocument, Page
from selfeval.understand import understand
from selfeval.understand.evidence import check_evidence

from .conftest import text_doc


def _sheet(name: str, project: str, unit: str, score: str) -> Page:
    rows = [
        ["项目支出绩效自评表"] * 6,
        ["（2023年度）"] * 6,
        ["项目名称", project, project, "实施单位", unit, unit],
        ["年度资金总额", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
        ["年度资金总额", "100", "120", "110", "91.67%", "9"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "完成项目数", "≥3个", "3个", "50"],
        ["效益指标", "社会效益指标", "受益人数", "≥1000人", "1200人", "30"],
        ["总分", "总分", "总分", "总分", "总分", score],
    ]
    text = "\n".join("\t".join(dict.fromkeys(r)) for r in rows)
    return Page(number=0, text=text, tables=[rows], name=name)


def test_one_report_per_sheet() -> None:
    pages = [_sheet("道路", "村道硬化", "桃江县交通运输局", "95"), _sheet("饮水", "安全饮水", "桃江县水利局", "88")]
    for i, p in enumerate(pages, start=1):
        p.number = i
    doc = ExtractedDocument(format="xlsx", pages=pages, engine="test")
    u = understand(doc)
    assert u.is_self_eval and u.document_type == "contains_section"
    assert [r.fields["self_score"] for r in u.reports] == [95.0, 88.0]
    assert [r.fields["department"] for r in u.reports] == ["桃江县交通运输局", "桃江县水利局"]
    for r in u.reports:
        assert r.fields["report_type"] == "self_eval_table"
        assert r.fields["budget_initial_wan"] == 100 and r.fields["budget_adjusted_wan"] == 120
        assert r.fields["expenditure_total_wan"] == 110 and r.fields["execution_rate_pct"] == 91.67
        assert r.fields["indicator_count"] == 2 and r.fields["county"] == "桃江县"
        for f, v in r.fields.items():
            if v is not None:
                assert check_evidence(r.evidence[f], doc), f


def test_a_headline_over_the_same_title_in_the_body_is_one_report() -> None:
    """The page's headline, its 来源/发布时间 line, then the same title again in the body: one report."""
    from selfeval.understand import understand

    from .conftest import text_doc

    title = "2020年度部门整体支出绩效自评报告"
    text = (f"当前位置:首页 > 信息公开 > 财政信息\n{title}\n来源:某市公安局 发布时间:2021-04-30\n{title}\n2021年4月25日\n"
            "一、部门基本情况\n某市公安局为市人民政府工作部门。\n二、部门整体支出情况\n2020年全年预算数1300万元,全年执行数1180.23万元,"
            "预算执行率90.79%。\n三、自评结论\n自评得分95分,等级为优。\n")
    u = understand(text_doc(text))
    assert u.document_type == "department_overall" and len(u.reports) == 1, u.reasons


def test_a_report_inside_a_final_accounts_keeps_its_own_sub_headings() -> None:
    """'第五部分 …部门整体支出绩效自评报告' then '三、部门整体支出绩效情况' (Hunan's template): the sub-heading is the
    report's own, not a section of the 决算 that would cut the report before its 自评结论."""
    text = ("通渭县平襄镇人民政府2023年度部门决算\n第一部分 部门概况\n一、部门职责\n负责全镇经济社会发展等工作。\n"
            "第三部分 2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n2023年度收入总计2110.50万元，支出总计2110.50万元。\n"
            "第五部分 2023年度部门整体支出绩效自评报告\n一、部门基本情况\n通渭县平襄镇人民政府内设机构5个。\n二、部门整体支出情况\n"
            "2023年度本单位年初预算1850.00万元，全年预算2103.46万元，本年支出合计2056.12万元，预算执行率97.75%。\n"
            "三、部门整体支出绩效情况\n（一）经济性。严格控制“三公”经费。\n（二）效益性。群众满意度达95%以上。\n"
            "四、存在的问题及改进措施\n部分项目资金拨付进度偏慢。\n五、自评结论\n经自评，本单位2023年度部门整体支出绩效自评得分96.5分，"
            "评价等级为优。\n")
    v = understand(text_doc(text))
    assert v.is_self_eval and v.reports[0].fields["self_score"] == 96.5, [r.fields for r in v.reports]


def _township_form(unit: str, score: str, spent: str) -> str:
    return (f"{unit}\n（2023年度）\n|预算部门、单位名称|{unit}|\n|年度预算申请（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|"
            f"得分|\n||年度资金总额|1850.00|2103.46|{spent}|10|97.75%|9.8|\n|绩效指标|一级指标|二级指标|三级指标|年度指标值|"
            f"实际完成值|分值|得分|\n||产出指标|数量指标|重点工作任务完成数|≥18项|18项|20|20|\n|总分||||||100|{score}|\n"
            "填报日期：2024年4月12日\n\n")


def test_a_file_of_several_units_forms_headed_by_their_names_gives_a_report_each() -> None:
    """A county's file of its townships' 部门整体支出绩效自评表, each form headed by nothing but the unit's name and
    year: one report per unit, told apart by the forms' own unit cells."""
    from selfeval.understand import understand

    from .conftest import text_doc

    units = [("通渭县平襄镇人民政府", "96.5", "2056.12"), ("通渭县马营镇人民政府", "94.2", "2001.30"),
             ("通渭县常家河镇人民政府", "91", "1990.00")]
    text = "通渭县2023年度乡镇部门整体支出绩效自评表\n\n" + "".join(_township_form(*u) for u in units)
    u = understand(text_doc(text))
    assert u.document_type == "contains_section"
    got = [(r.fields["department"], r.fields["self_score"], r.fields["expenditure_total_wan"]) for r in u.reports]
    assert got == [(n, float(s), float(e)) for n, s, e in units]
    # one unit's form broken into two grids by a page is still one report
    one = _township_form(*units[0]).replace("|绩效指标|", "\n续表\n|绩效指标|")
    u = understand(text_doc("通渭县2023年度乡镇部门整体支出绩效自评表\n\n" + one))
    assert len(u.reports) == 1 and u.reports[0].fields["department"] == units[0][0]


LUOMEN = ("首页 > 信息公开 > 财政预决算 > 乡镇预决算\n相关文章:\n· 武山县洛门镇人民政府2023年度部门决算\n"
          "· 武山县滩歌镇人民政府2023年度部门决算\n热点推荐:\n· 关于做好2024年度防汛抗旱工作的通知\n· 城乡居民基本医疗保险参保缴费指南\n\n"
          "第三部分 2023年度部门决算情况说明\n……\n十三、其他需要说明的情况\n本部门2023年度无其他需要说明的情况。\n"
          "第四部分 预算绩效情况说明\n一、预算绩效管理工作开展情况\n"
          "根据预算绩效管理要求,武山县洛门镇人民政府组织对2023年度部门整体支出和一般公共预算项目支出开展了绩效自评。\n"
          "二、部门整体支出绩效自评情况\n(一)基本情况。2023年度洛门镇年初预算2487.15万元,全年预算3102.64万元,全年支出3058.90万元,"
          "预算执行率98.59%。\n(二)自评结果。洛门镇2023年度部门整体支出绩效自评得分为96.2分,评价等级为“优”。\n"
          "三、项目支出绩效自评情况\n本单位对6个一级项目开展了绩效自评,平均得分94.7分。\n第五部分 名词解释\n1.财政拨款收入:指本级财政当年拨付的资金。\n")


def test_a_sections_unit_is_the_one_the_final_accounts_names_before_it_not_a_sidebar_link() -> None:
    """A 决算 excerpt whose only unit names are a sidebar's '· …' links (other pages) and the sentence before the
    self-evaluation section: the section's unit and region are the sentence's."""
    u = understand(text_doc(LUOMEN))
    assert u.is_self_eval and u.document_type == "contains_section"
    rep = u.reports[0]
    assert rep.fields["department"] == "武山县洛门镇人民政府"
    assert (rep.fields["county"], rep.fields["township"]) == ("武山县", "洛门镇")
    assert rep.fields["self_score"] == 96.2


def test_a_sections_conclusion_under_a_heading_of_its_own_level_is_the_sections() -> None:
    """'二、部门整体支出绩效自评情况' then '三、评价结论' inside a 决算's part: the score under the conclusion heading is the
    section's (its next heading of the same level ends it otherwise)."""
    text = ("盈江县市场监督管理局2023年度部门决算\n目 录\n第一部分 部门概况\n第二部分 2023年度部门决算表\n"
            "十三、2023年度部门整体支出绩效自评情况\n一、部门基本情况\n盈江县市场监督管理局内设11个股室。\n"
            "二、部门整体支出绩效自评情况\n2023年度,本部门年初预算2967.30万元,全年预算数3311.82万元,全年执行数3287.05万元,"
            "预算执行率99.25%。\n三、评价结论\n经自评,本部门2023年度整体支出绩效自评得分97.2分,评价等级为“优”。\n"
            "四、存在的问题\n部分项目进度偏慢。\n十四、2023年度部门整体支出绩效自评表\n部门名称\n盈江县市场监督管理局\n")
    u = understand(text_doc(text))
    assert u.document_type == "contains_section"
    assert (u.reports[0].fields["self_score"], u.reports[0].fields["grade"]) == (97.2, "优")


def test_a_sidebar_link_to_the_units_final_accounts_does_not_make_its_report_a_container() -> None:
    """'相关文章:' / '· 乌石镇2023年度部门决算' above a township's own report: another page's title, the page no 决算."""
    text = ("首页 > 政府信息公开 > 乡镇信息公开 > 乌石镇 > 财政资金\n相关文章:\n· 乌石镇2024年部门预算\n· 乌石镇2023年度部门决算\n\n"
            "乌石镇部门整体支出绩效自评报告\n评价年度:2023\n评价单位(公章):雷州市乌石镇人民政府\n"
            "一、部门基本情况\n镇内设6个办公室。\n二、部门整体支出情况\n2023年全年预算数1860万元,全年支出1820万元,预算执行率97.85%。\n"
            "三、自评结论\n经自评,部门整体支出绩效自评得分93分,等级为优。\n")
    u = understand(text_doc(text))
    assert u.document_type == "department_overall" and u.reports[0].fields["self_score"] == 93
