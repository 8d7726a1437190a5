"""Where a township-level unit lies: township names that look like other divisions, trips, one-character stems.

Places are real (2022 township list): 西安镇 and 黄石镇 of 桃源县, 长沙镇 of 如东县, 阳江镇 of 高淳区.
"""

from __future__ import annotations

import pytest
from selfeval.understand import understand

from .conftest import text_doc

REGION = ("province", "city", "county", "township")


def _region(unit: str, opening: str, extra: str = "") -> tuple:
    """The region fields of a township's report titled by its bare name, opening with `opening`."""
    text = (f"{unit}2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{opening}\n二、部门整体支出情况\n"
            f"2023年度全年支出合计1,398.20万元，预算执行率95.59%。{extra}\n三、自评结论\n经自评，我镇得分96.5分。\n")
    f = understand(text_doc(text)).reports[0].fields
    return tuple(f[k] for k in REGION)


@pytest.mark.parametrize("unit, opening, want", [
    ("西安镇人民政府", "西安镇位于桃源县西南部，下辖9个村。", ("湖南省", "常德市", "桃源县", "西安镇")),
    ("黄石镇人民政府", "黄石镇地处桃源县北部，下辖8个村。", ("湖南省", "常德市", "桃源县", "黄石镇")),
    ("长沙镇人民政府", "长沙镇位于如东县东部，下辖9个村。", ("江苏省", "南通市", "如东县", "长沙镇")),
    ("阳江镇人民政府", "南京市高淳区阳江镇地处高淳区西南部，下辖12个村。", ("江苏省", "南京市", "高淳区", "阳江镇")),
])
def test_a_prefectures_short_name_opening_a_townships_name_is_no_prefecture(unit: str, opening: str,
                                                                              want: tuple) -> None:
    """'西安镇人民政府' names the township 西安镇, not 西安市: the unit's name is read by the rule the opening's
    first place already follows."""
    assert _region(unit, opening) == want


@pytest.mark.parametrize("extra", ["全年向江西省樟树市中药材市场销售辣椒干1,200吨。", "与樟树市客商签订辣椒干购销合同。"])
def test_where_the_text_says_a_township_lies_outranks_a_county_its_name_recalls(extra: str) -> None:
    """樟树镇 of 湘阴县 shares its stem with 江西's 樟树市: the body's '樟树镇地处湘阴县东部' places it, a buyer named
    樟树市 confirms nothing."""
    assert _region("樟树镇人民政府", "樟树镇地处湘阴县东部，下辖14个村。", extra) == ("湖南省", "岳阳市", "湘阴县", "樟树镇")


@pytest.mark.parametrize("sentence", ["组织村干部赴浙江省安吉县学习考察美丽乡村建设。", "赴浙江省湖州市安吉县余村参观。"])
def test_a_trips_destination_written_with_its_province_and_city_is_all_trip(sentence: str) -> None:
    """'赴浙江省安吉县学习考察': the province, the city and the county after 赴 are where the unit went, none is where it is."""
    from selfeval.understand.region import find_mentions

    assert find_mentions(sentence) == []


def test_a_township_named_like_a_county_it_visited_keeps_its_own_county() -> None:
    """官渡镇 of 浏阳市: a study trip to 云南省昆明市官渡区 is no evidence for 官渡区."""
    got = _region("官渡镇人民政府", "官渡镇是浏阳市东北部的农业大镇，下辖11个村。", "组织干部赴云南省昆明市官渡区学习考察基层治理经验。")
    assert got == ("湖南省", "长沙市", "浏阳市", "官渡镇")


@pytest.mark.parametrize("unit, township", [
    ("崇明区堡镇人民政府", "堡镇"), ("上海市浦东新区唐镇人民政府", "唐镇"), ("成都市双流区彭镇人民政府", "彭镇"),
    ("鄂温克族自治旗辉苏木人民政府", "辉苏木"), ("唐镇人民政府", "唐镇"), ("辉苏木人民政府", "辉苏木"),
    ("青龙满族自治县祖山镇人民政府", "祖山镇"),  # never '族自治县祖山镇': a township starts after its county's name
    ("全镇人民政府", None), ("长沙县乡镇人民政府", None), ("溆浦县城乡建设局", None),  # words ending in 镇/乡
])
def test_one_character_township_stems_and_no_township_inside_a_countys_name(unit: str, township: str | None) -> None:
    from selfeval.understand.region import township_in

    got = township_in(unit, 0)
    assert (got[0] if got else None) == township, unit


def test_a_one_character_township_alone_is_placed_by_its_text() -> None:
    """唐镇 (浦东新区) is no town of 唐县: its stem is too short to recall a county; the text places it."""
    got = _region("唐镇人民政府", "唐镇位于浦东新区中部，下辖9个村、20个居委会。")
    assert got == ("上海市", "上海市", "浦东新区", "唐镇")



def test_a_stem_guess_nothing_written_supports_leaves_the_place_to_the_text() -> None:
    """永安镇 of 浏阳市 recalls 福建's 永安市, which the text never writes: the guess gives way to '长沙市' in the opening
    (before, it stopped the later strategies and was then dropped for want of evidence, leaving every field null)."""
    got = _region("永安镇人民政府", "永安镇是长沙市东部的工业重镇，下辖11个村。")
    assert got[:2] + got[3:] == ("湖南省", "长沙市", "永安镇")


def test_a_county_sites_page_naming_its_township_unit_in_the_source_line() -> None:
    """'发布机构 溆浦县人民政府' is the site's government; '来源：溆浦县卢峰镇人民政府' below it names the unit within it."""
    text = ("网站首页\n政务公开\n索引号\t431224000/2024-00123\n发布机构\t溆浦县人民政府\n公开方式\t主动公开\n"
            "2023年度部门整体支出绩效自评报告\n发布时间：2024-05-20 09:30 来源：溆浦县卢峰镇人民政府 浏览次数：86\n"
            "一、部门基本情况\n我镇下辖12个行政村、2个社区，年末实有在职人员58人。\n二、部门整体支出情况\n"
            "2023年度全年支出合计1,398.20万元，预算执行率95.59%。\n三、自评结论\n经自评，我镇得分96.5分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["department"], f["county"], f["township"]) == ("溆浦县卢峰镇人民政府", "溆浦县", "卢峰镇")


def test_the_township_list_loads_and_holds_a_township_under_its_county() -> None:
    from selfeval.understand.region import township_counties, townships

    assert "431224" in townships()["卢峰镇"]  # 溆浦县
    assert [d.name for d in township_counties("鼓东街道")] == ["鼓楼区"]
    assert len(townships()["城关镇"]) > 50
    assert not any(name.endswith("村") for name in townships())  # villages left out


def _report(unit: str, opening: str, meta: dict | None = None):
    text = (f"{unit}2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{opening}\n二、部门整体支出情况\n"
            f"2023年度全年支出合计1,398.20万元，预算执行率95.59%。\n三、自评结论\n经自评，我镇得分96.5分。\n")
    return understand(text_doc(text), meta).reports[0]


def test_a_township_named_alone_is_placed_by_the_township_list_with_a_derived_note() -> None:
    """卢峰镇 is a township of 溆浦县 only: a report naming no place still resolves, every level derived."""
    r = _report("卢峰镇人民政府", "我镇下辖12个行政村、9个社区，年末实有在职人员58人。")
    f = r.fields
    assert tuple(f[k] for k in REGION) == ("湖南省", "怀化市", "溆浦县", "卢峰镇")
    assert f["admin_division_code"] == "431224"
    for k in ("province", "city", "county"):
        assert "township list" in (r.evidence[k].note or ""), (k, r.evidence[k])


@pytest.mark.parametrize("unit, opening", [
    ("龙胜镇人民政府", "我镇下辖12个行政村，年末实有在职人员58人。"),  # 开平市's and 龙胜各族自治县's
    ("城关镇人民政府", "我镇下辖12个行政村，年末实有在职人员58人。"),  # a hundred counties'
])
def test_a_township_name_several_counties_share_places_nothing(unit: str, opening: str) -> None:
    assert _region(unit, opening)[:3] == (None, None, None)


def test_the_texts_places_choose_among_the_counties_holding_a_township() -> None:
    """永安镇 is the name of some twenty townships; one of them is in 长沙市 (浏阳市's)."""
    assert _region("永安镇人民政府", "永安镇是长沙市东部的工业重镇，下辖11个村。") == ("湖南省", "长沙市", "浏阳市", "永安镇")


def test_the_sites_region_chooses_among_the_counties_holding_a_township() -> None:
    """樟树镇: 湘阴县's and 永兴县's; a page of the 岳阳市 site is 湘阴县's."""
    r = _report("樟树镇人民政府", "我镇下辖14个村，年末实有在职人员58人。",
                {"source_region": {"province": "湖南省", "city": "岳阳市"}})
    assert (r.fields["city"], r.fields["county"]) == ("岳阳市", "湘阴县")


def test_a_shared_district_name_before_a_township_is_the_district_holding_it() -> None:
    """鼓楼区 is a district of 福州, 南京, 徐州 and 开封; 鼓东街道 is 福州's."""
    got = _region("鼓楼区鼓东街道办事处", "我街道下辖8个社区，年末实有在职人员58人。")
    assert got == ("福建省", "福州市", "鼓楼区", "鼓东街道")


def test_the_county_the_text_states_outranks_the_township_list() -> None:
    """资源镇 is listed under 资源县 only, but the text's own statement of where the unit lies comes first."""
    assert _region("资源镇人民政府", "资源镇位于桃源县西部，下辖9个村。") == ("湖南省", "常德市", "桃源县", "资源镇")
    assert _region("溆浦县卢峰镇人民政府", "我镇下辖12个行政村。")[:3] == ("湖南省", "怀化市", "溆浦县")


def test_a_city_and_township_unit_gets_the_county_of_the_city_holding_the_township() -> None:
    """'长沙市永安镇人民政府': the one 永安镇 of 长沙市 is 浏阳市's."""
    assert _region("长沙市永安镇人民政府", "我镇下辖11个村。") == ("湖南省", "长沙市", "浏阳市", "永安镇")


def test_a_misspelt_autonomous_county_before_a_township_is_neither_township_nor_a_second_county() -> None:
    """'石林县彝族自治县西街口镇人民政府' (a title writing 石林 twice over for 石林彝族自治县): the township is 西街口镇,
    never '族自治县西街口镇', and no county goes before a name that opens with one."""
    text = ("石林县彝族自治县西街口镇人民政府2023年部门整体支出绩效自评报告\n一、部门概况\n石林彝族自治县西街口镇人民政府是县人民政府"
            "派出机构，下辖12个村委会。\n二、部门整体支出情况\n2023年度全年支出合计1,208.60万元。\n三、自评结论\n经自评，我镇得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["township"] == "西街口镇"
    assert f["department"] in ("石林县彝族自治县西街口镇人民政府", "石林彝族自治县西街口镇人民政府")


@pytest.mark.parametrize("unit, opening, want", [
    # 900-odd townships of the list end like words that name none (村镇, 集镇, 家乡, 乡镇)
    ("宏村镇", "黟县宏村镇人民政府是黟县下辖的乡镇一级人民政府。", ("安徽省", "黄山市", "黟县", "宏村镇")),
    ("高村镇", "麻阳苗族自治县高村镇人民政府负责全镇经济社会发展。", ("湖南省", "怀化市", "麻阳苗族自治县", "高村镇")),
    ("于家乡人民政府", "于家乡位于肇东市北部，下辖8个村。", ("黑龙江省", "绥化市", "肇东市", "于家乡")),
])
def test_a_township_named_like_a_word_is_still_a_township(unit: str, opening: str, want: tuple) -> None:
    assert _region(unit, opening) == want


def test_a_county_named_with_xiang_inside_is_no_township() -> None:
    """'中共宁乡市委宣传部': 宁乡 is the start of 宁乡市, not a township '中共宁乡'."""
    text = ("项目支出绩效自评表\n（2020年度）\n项目名称\n新时代文明实践中心建设经费\n主管部门\n中共宁乡市委宣传部\n实施单位\n"
            "中共宁乡市委宣传部\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n年度资金总额：\n300.00\n345.00\n336.72\n"
            "10\n97.60%\n9.76\n总分\n100\n95.5\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["department"], f["county"], f["township"]) == ("中共宁乡市委宣传部", "宁乡市", None)


def test_a_subdistrict_defined_by_its_short_name_after_a_blank_line_of_metadata() -> None:
    """'来源：海淀区中关村街道' then, over a blank line, the title '中关村街道2023年度…': the two lines are not one name, and
    the unit is the full name the opening defines the short one by."""
    text = ("首页 > 政务公开 > 财政信息\n日期：2024-06-25　　来源：海淀区中关村街道\n\n中关村街道2023年度部门整体支出绩效自评报告\n\n"
            "一、部门概况\n北京市海淀区人民政府中关村街道办事处（以下简称“中关村街道”）是海淀区人民政府的派出机关。\n"
            "二、部门整体支出情况\n2023年度全年执行数21184.77万元，预算执行率98.37%。\n三、自评结论\n经自评，得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["department"] == "北京市海淀区人民政府中关村街道办事处"
    assert (f["county"], f["township"]) == ("海淀区", "中关村街道")


@pytest.mark.parametrize("unit, township", [
    ("宁安市江南朝鲜族满族乡人民政府", "江南朝鲜族满族乡"),  # a stem longer than the pattern's reach
    ("江南朝鲜族满族乡人民政府", "江南朝鲜族满族乡"),
    ("澜沧县南美拉祜族乡人民政府", "南美拉祜族乡"),  # a county's ending the prefix stripping missed
    ("东新城街道办事处", "东新城街道"),  # no cut inside a name the list lacks, though its tail is listed
    ("资源县瓜里乡人民政府", "瓜里乡"),
])
def test_an_ethnic_townships_long_name_is_read_whole(unit: str, township: str) -> None:
    from selfeval.understand.region import township_in

    got = township_in(unit, 0)
    assert got is not None and got[0] == township and unit[got[1]:got[2]] == township


def test_an_ethnic_township_of_a_flattened_pdf_is_the_units_township() -> None:
    text = ("江南朝鲜族满族乡2022年度部门整体支出绩效自评报告.pdf\n"
            "宁安市江南朝鲜族满族乡人民政府 2022 年度部门整体支出绩效 自评报告 1 一、部门基本情况 本部门为一级预算单位。"
            " 二、部门整体支出情况 2022 年度全年预算 1039.62 万元,全年支出 1021.05 万元,预算执行率 98.21%。"
            " 四、自评结论 本部门 2022 年度整体支出绩效自评得分 90 分,等级为“优”。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["township"] == "江南朝鲜族满族乡"
    assert rep.fields["county"] == "宁安市" and rep.fields["province"] == "黑龙江省"
