"""A report as a portal page serves it: navigation, a metadata block, share bars, related links and a footer
around the article.  The values must be the report's own, the chrome must add none."""

from __future__ import annotations

import pytest
from selfeval.model import ExtractedDocument, Page
from selfeval.understand import understand
from selfeval.understand.evidence import DocView
from selfeval.understand.segment import segment, strip_spam

from .conftest import FIXTURES, text_doc

HEAD = """湖南省人民政府门户网站 | 无障碍 | 长者模式 | 简体 | 繁體
首页 > 政务公开 > 财政预决算 > 绩效自评 > 正文
索引号: 431224/2024-01234
发布机构: 溆浦县乡村振兴局
发布日期: 2024-06-12
文 号:
分享: 微信 微博   【字体:大 中 小】   打印
"""
TAIL = """
【打印本页】【关闭窗口】
相关链接
溆浦县财政局2021年度部门整体支出绩效自评报告 2022-05-10
溆浦县教育局2022年度项目支出绩效自评报告（综合得分88分） 2023-04-02
主办单位: 溆浦县人民政府办公室   网站标识码: 4312240001
湘ICP备05001234号-1   湘公网安备 43122402000123号
"""


def test_chrome_around_a_report_adds_no_value() -> None:
    seed = (FIXTURES / "seed_000.txt").read_text(encoding="utf-8")
    clean = understand(text_doc(seed)).reports[0].fields
    page = understand(text_doc(HEAD + seed + TAIL))
    assert page.is_self_eval and len(page.reports) == 1
    got = page.reports[page.principal].fields
    for name in ("report_type", "department", "fiscal_year", "expenditure_total_wan", "basic_expenditure_wan",
                 "project_expenditure_wan", "self_score", "grade", "county", "city", "province"):
        assert got.get(name) == clean.get(name), (name, got.get(name), clean.get(name))
    assert got["publish_date"] == "2024-06-12"
    assert page.page_meta["publisher"] == "溆浦县乡村振兴局"
    assert "相关链接" not in (got.get("title") or "")


def test_title_after_breadcrumbs_and_metadata() -> None:
    text = HEAD + "溆浦县乡村振兴局2023年度整体支出绩效自评报告\n" + (FIXTURES / "seed_000.txt").read_text(
        encoding="utf-8").split("\n", 2)[2]
    u = understand(text_doc(text))
    f = u.reports[u.principal].fields
    assert f["title"] == "溆浦县乡村振兴局2023年度整体支出绩效自评报告"
    assert f["department"] == "溆浦县乡村振兴局" and f["fiscal_year"] == 2023


def test_publish_dates_of_header_cells_and_definition_lists() -> None:
    from selfeval.understand import understand

    from .conftest import text_doc

    cell = ("某自治区文化和旅游厅关于2022年度中央转移支付资金绩效自评的报告\n\n某自治区文化和旅游厅 | 2023-12-28\n"
            "现将2022年度资金绩效自评情况报告如下:全年预算数 2118万元,全年执行数 2118万元。\n")
    assert understand(text_doc(cell)).page_meta.get("publish_date") == "2023-12-28"
    dl = ("某区某项目补助资金绩效自评\n- 索引号\n- 01525707-9/20240529-00013\n- 发文机构\n- 某区农业农村局\n- 日期\n- 2024-05-29\n"
          "2023年度项目支出绩效自评表\n单位名称:某区土壤肥料工作站\n")
    assert understand(text_doc(dl)).page_meta.get("publish_date") == "2024-05-29"
    body = "某县2023年度绩效自评报告\n一、基本情况\n我局于2024年3月开展自评。\n报告日期:\n2024年3月20日\n"
    assert understand(text_doc(body)).page_meta.get("publish_date") is None  # a report date is no publish date


@pytest.mark.parametrize("line", ["2023年06月28日 10:20   来源:某县农业农村局", "信息提供日期:2023-06-28",
                                  "来源:某县农业农村局 | 信息发布时间:2023-06-28 | 浏览次数:125",
                                  "索引号:5325000/2023-00112\n著录日期:2023-06-28"])  # a disclosure catalogue's record
def test_a_chinese_dated_clock_stamp_and_more_portal_date_labels_give_the_publish_date(line: str) -> None:
    text = ("首页 > 政务公开 > 财政资金\n某县农业农村局2022年度部门整体支出绩效自评报告\n" + line +
            "\n一、基本情况\n我局对2022年度部门整体支出开展了绩效自评,自评得分95分。\n")
    assert understand(text_doc(text)).page_meta.get("publish_date") == "2023-06-28", line


def test_the_posting_date_beats_a_documents_or_an_updates_date_and_a_sharing_sites_upload_is_none() -> None:
    """发文日期/更新时间 printed before 发布日期 do not win over it; a 成文日期 cell is no posting date; a sharing
    site's '上传时间' is when someone uploaded a copy, not when the unit published."""
    body = "某县农业农村局2023年度部门整体支出绩效自评报告\n一、基本情况\n我局对2023年度部门整体支出开展了绩效自评,自评得分95分。\n"
    for block in ("发文日期:2024-08-10 发布日期:2024-08-15\n", "|更新时间|2024-09-01|\n|发布日期|2024-08-15|\n"):
        assert understand(text_doc(block + body)).page_meta.get("publish_date") == "2024-08-15", block
    assert understand(text_doc("|索引号|431224000/2024-00123|\n|成文日期|2024-08-10|\n" + body)).page_meta.get(
        "publish_date") is None
    shared = ("某县绩效自评报告.docx\n\n上传人:b****5 文档编号:30238812 上传时间:2023-08-13 格式:DOCX 页数:28\n"
              "某县绩效自评报告.docx_第1页\n第1页 / 共28页\n" + body)
    assert understand(text_doc(shared)).page_meta.get("publish_date") is None


def test_site_names_and_glued_metadata_labels_stay_out_of_title_and_unit() -> None:
    from selfeval.understand import understand

    from .conftest import text_doc

    site = ("某市人民政府门户网站\n某县政协2022年度部门整体和项目支出绩效自评报告\n索引号: 000014348/2023-02370\n"
            "发布机构: 中国人民政治协商会议某县委员会\n著录日期:2023-10-31\n为贯彻落实全面实施预算绩效管理,现将自评情况报告如下:"
            "2022年支出合计 412.6万元。\n")
    f = understand(text_doc(site)).reports[0].fields
    assert f["title"] == "某县政协2022年度部门整体和项目支出绩效自评报告", f["title"]
    glued = ("索  引  号 11622901013956984P/2024-00009 主题分类 部门文件\n发文字号 制发机构\n成文日期 2024-03-27 发布日期 2024-03-27\n"
             "标        题 关于上报2023年残疾军人护理费项目支出绩效自评的报告\n\n关于上报2023年残疾军人护理费项目支出绩效自评的报告\n\n"
             "发布时间:2024-03-27 来源:某市退役军人事务局 浏览次数:\n根据要求,我局对该项目开展了绩效自评,现将自评情况报告如下:"
             "全年预算数 52.3万元,全年执行数 52.3万元。\n")
    u = understand(text_doc(glued))
    assert u.page_meta["publisher"] == "某市退役军人事务局" and u.page_meta["index_no"] == "11622901013956984P/2024-00009"
    assert u.reports[0].fields["title"] == "关于上报2023年残疾军人护理费项目支出绩效自评的报告"


WRAPPED = ("根据《某市财政局转发财政部关于开展 2022 年度中央对地方转移支付预算执行情况绩效自评\n"
           "工作的通知》财预〔2023〕145 号文件要求,现将中央支持地方公共文化服务体系建设补助资金\n"
           "支出绩效自评如下:\n一、绩效目标分解下达情况\n"
           "根据省财政厅《提前下达 2022 年中央支持地方公共文化服务体系建设补助资金预算的通知》,对资\n"
           "金进行了分配,具体如下:分配应急广播体系建设 300 万元补贴,全年执行数 300 万元。\n")


def test_lines_of_a_wrapped_sentence_never_make_a_title() -> None:
    """A PDF or DOCX wraps prose at the page width: the tail of a sentence ('工作的通知》…补助资金') joined
    with the next lines and a numbered heading scores like a title (自评, a year, '…情况'), but is not one."""
    titled = "某市文化和旅游局关于中央支持地方公共文化服务体系建设补助资金支出绩效的自评报告\n" + WRAPPED
    f = understand(text_doc(titled)).reports[0].fields
    assert f["title"] == "某市文化和旅游局关于中央支持地方公共文化服务体系建设补助资金支出绩效的自评报告", f["title"]
    untitled = understand(text_doc(WRAPPED))
    for r in untitled.reports:
        assert r.fields.get("title") is None, r.fields.get("title")


def test_an_images_markdown_above_a_two_line_title_is_no_wrapped_sentence() -> None:
    """A sharing site puts an image ('![日间,照料,…](/img/big_111.jpg)') before the document: its comma-separated
    alt words are no prose the title lines would continue."""
    text = ("![日间,照料,老年人,绩效,报告](/static/img/rand/big_111.jpg)\n老年人日间照料中心项目\n绩效自评报告\n"
            "一、项目概况\n龙江镇博文村老年人日间照料中心项目总投资216.42万元，我单位对项目开展了绩效自评。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["title"] == "老年人日间照料中心项目绩效自评报告", f["title"]


def test_a_package_rendered_as_a_pdf_keeps_its_report(tmp_path) -> None:
    """A package page ('现将…自评报告、…自评报告公开如下:', realset item chacewang-com_6d78e2bf) as a PDF: the page
    width wraps the opening sentence so that report names start lines. Those lines are prose, not section
    headings, and the report that follows is still read."""
    import shutil

    import pytest
    from selfeval.eval.render import render_all
    from selfeval.extract import extract_file

    from tests.conftest import ROOT

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice renders the PDF")  # .ci/run installs it
    item = "chacewang-com_6d78e2bf"
    pdf = render_all({item: ROOT / f"realset/texts/{item}.txt"}, ["pdf"], tmp_path)["pdf"][item]
    u = understand(extract_file(pdf))
    assert u.is_self_eval and u.reports, u.reasons
    f = u.reports[u.principal].fields
    assert f["fiscal_year"] == 2021 and f["department"] == "广西壮族自治区文化和旅游厅", f
    assert "、" not in (f["title"] or "") and "如下" not in (f["title"] or ""), f["title"]


def test_a_page_whose_title_line_is_lost_is_still_read_from_its_opening() -> None:
    """The article's title may live only in the page <title> (or be cut off): a breadcrumb wrapped after
    '首页', a bulleted metadata list and a bulleted MOF outline head are no title, and the opening
    ('…进行自查自评,现将…报告如下', '•一、绩效目标分解下达情况') still says what the page is."""
    crumbs = ("首页\n>政府信息公开>法定主动公开内容>预算决算>市级各群团组织、民主党派预算\n发布日期: 2021-06-08\n"
              "为贯彻落实全面实施预算绩效管理,我单位及时对2022年部门整体和项目支出绩效情况进行自查自评,现将我单位2022年度"
              "部门整体和项目支出情况报告如下:\n一、单位基本情况\n全年预算数120万元,全年执行数118.5万元。\n")
    u = understand(text_doc(crumbs))
    assert u.is_self_eval and u.reports, u.reasons
    assert u.reports[u.principal].fields.get("title") is None
    bullets = ("•来源:某市民政局\n•作者:admin\n•发布日期:2022-08-12\n•点击数:人次\n•一、绩效目标分解下达情况\n"
               "(一)中央下达困难群众救助转移支付预算和绩效目标情况\n2021年我局共收到中央下达困难群众救助补助资金9056万元。"
               "全年执行数9056万元。\n")
    u = understand(text_doc(bullets))
    assert u.is_self_eval and u.document_type == "project", u.reasons
    assert u.reports[u.principal].fields.get("title") is None


def test_a_forms_header_cells_are_no_title() -> None:
    """A 自评表 page whose title line was lost (realset item yuan-gov-cn_1dfb2c9c without its first line): its
    header cells run together ('年度总体目标预期目标实际完成情况') are no title."""
    from tests.conftest import ROOT

    text = (ROOT / "realset/texts/yuan-gov-cn_1dfb2c9c.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    for r in understand(text_doc(text)).reports:
        assert r.fields.get("title") is None, r.fields.get("title")


def test_issuer_line_above_a_letter_title_is_part_of_the_title() -> None:
    """An official document is headed by its issuer's name on a line of its own, then '关于…的报告'; the name is
    short enough to pass for a menu line, yet it is the report's unit (and part of its title)."""
    body = ("一、绩效目标分解下达情况\n中央下达法律援助补助资金预算80万元。\n二、绩效目标完成情况分析\n"
            "项目资金及时到位,严格按规定管理。\n")
    u = understand(text_doc("平武县司法局\n关于2022年度法律援助补助资金绩效的自评报告\n" + body))
    f = u.reports[u.principal].fields
    assert f["title"] == "平武县司法局关于2022年度法律援助补助资金绩效的自评报告"
    assert f["department"] == "平武县司法局" and f["county"] == "平武县" and f["fiscal_year"] == 2022
    # a portal's name above the title is no issuer
    u = understand(text_doc("平武县人民政府门户网站\n关于2022年度法律援助补助资金绩效的自评报告\n" + body))
    assert u.reports[u.principal].fields["title"] == "关于2022年度法律援助补助资金绩效的自评报告"


def test_more_ways_a_page_prints_its_posting_date() -> None:
    body = ("攸县林业局2023年度部门整体支出绩效自评报告\n{}\n一、部门基本情况\n负责本行政区域相关工作。\n二、部门整体支出情况\n"
            "全年支出1150万元。\n三、自评结论\n自评得分95分。\n")
    for meta in ("[2024-04-01]", "添加时间:2024-04-01", "录入时间:2024-04-01", "来源:攸县林业局  2024-04-01"):
        u = understand(text_doc(body.format(meta)))
        assert u.reports[0].fields["publish_date"] == "2024-04-01", meta


def test_a_form_title_running_on_into_its_cells_is_cut() -> None:
    """A PDF line holding the form's title and its first cells ('…自评表 (2020 年度) 项目名称 建档立卡…'): the
    title ends where the form's labels begin."""
    text = ("稷山县项目支出绩效自评表 (2020 年度) 项目名称 建档立卡个人缴费县级配套资金 主管部门 稷\n"
            "山县医疗保障局 项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n年度资金总额 65.66 65.66 65.07 10 99% 9\n"
            "年度总体目标 预期目标 实际完成情况\n总分 100 94\n")
    u = understand(text_doc(text))
    assert u.is_self_eval
    r = u.reports[u.principal]
    assert r.fields["title"] == "稷山县项目支出绩效自评表" and r.evidence["title"].snippet == "稷山县项目支出绩效自评表"


def test_dash_bulleted_metadata_without_colons_stays_out_of_the_title() -> None:
    """'- 发布日期2023-04-23' / '- 有效性有效' above the title: bulleted metadata lines glued to their values."""
    text = ("- 索引号20240930-111605-211\n- 发布机构\n- 文号\n- 发布日期2023-04-23\n- 有效性有效\n"
            "某市自然资源局2022年度项目支出绩效单位自评报告\n一、基本情况\n2022年我市收到上级补助资金590万元,已支出560万元。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["title"], f["department"]) == ("某市自然资源局2022年度项目支出绩效单位自评报告", "某市自然资源局"), f


# --- document-sharing sites -------------------------------------------------------------------------------

def _sharing_copy(name: str, first_page: str, pages: int = 12) -> str:
    """A sharing site's copy as its pages render: file name, uploader line, page list, blurb, then the document
    run together page by page ('1、…2、…')."""
    page_list = "".join(f"{name}_第{k}页\n第{k}页 / 共{pages}页\n" for k in range(1, pages + 1))
    return (f"{name}\n\n上传人:b****3 文档编号:1234567 上传时间:2023-05-03 格式:DOCX 页数:{pages} 大小:27.5KB\n下载 相关 举报\n"
            f"{page_list}亲,该文档总共{pages}页,全部预览完了,如果喜欢就下载吧!\n下载资源\n资源描述\n\n"
            f"《{name}》由会员分享,可在线阅读,更多相关《{name}({pages}页珍藏版)》请在某某文库上搜索。\n{first_page}")


def test_a_sharing_sites_run_together_first_page_gives_the_title_as_the_document_spells_it() -> None:
    # the uploader's file name says 2022, the form itself 2023: the form's spelling is the title
    text = _sharing_copy("某县林业局2022年度部门整体绩效自评表.docx",
                         "1、某县林业局2023年度部门整体绩效自评表主管部门某县林业局联系电话自评总分(分)97.93"
                         "年初预算数全年预算数全年执行数执行率120.5130.2125.096.01%\n2、年度总体目标完成情况良好。")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "某县林业局2023年度部门整体绩效自评表"
    assert rep.evidence["title"].snippet == "某县林业局2023年度部门整体绩效自评表"


def test_a_sharing_sites_first_page_that_does_not_open_with_the_file_name_gives_no_title_from_it() -> None:
    text = _sharing_copy("某县林业局2022年度部门整体绩效自评表.docx",
                         "1、一、部门基本情况某县林业局负责全县林业工作。2、二、自评得分95分。")
    verdict = understand(text_doc(text))
    titles = [r.fields.get("title") for r in verdict.reports]
    assert all(t is None or not t.startswith("一、") for t in titles)


def test_a_sharing_sites_caption_and_page_list_do_not_hide_or_join_the_documents_own_heading() -> None:
    body = ("\n常熟河道长效管理项目\n\n常熟市2016年度河道长效管理项目\n\n绩效评价自评报告\n\n"
            "为加强财政支出管理,我局对2016年度河道长效管理项目开展了绩效自评,现将自评情况报告如下:\n"
            "一、项目概况\n项目预算资金120万元,实际支出118万元,执行率98.33%。\n二、自评结论\n自评得分92分。\n")
    text = _sharing_copy("常熟河道长效管理项目.docx", "常熟河道长效管理项目.docx" + body, pages=30)
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "常熟市2016年度河道长效管理项目绩效评价自评报告"
    assert rep.fields["fiscal_year"] == 2016


def test_a_portals_greeting_run_into_the_headline_is_no_part_of_the_title() -> None:
    text = ("某区人民政府网站欢迎你!某区第一幼儿园2021年度部门预算整体绩效自评报告\n"
            "一、部门基本情况\n某区第一幼儿园为全额拨款事业单位。\n二、自评结论\n2021年度年初预算300万元,全年预算320万元,"
            "实际支出310万元,预算执行率96.88%,自评得分94分。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "某区第一幼儿园2021年度部门预算整体绩效自评报告"
    assert rep.evidence["title"].snippet.startswith("某区第一幼儿园")


def test_a_sharing_sites_copy_whose_page_one_is_titled_otherwise_than_the_upload_takes_page_ones_title() -> None:
    name = "新垛一事一议财政支出绩效评价报告"  # the uploader's name, no extension in the blurb
    text = (f"{name}\n\n上传人:大米 文档编号:487833574 上传时间:2022-08-24 格式:DOC 页数:5 大小:18KB\n返回 下载 相关 举报\n"
            f"{name}_第1页\n第1页 / 共5页\n{name}_第2页\n第2页 / 共5页\n资源描述\n\n"
            f"《{name}》由会员分享,可在线阅读,更多相关《{name}(5页珍藏版)》请在某某文库上搜索。\n\n"
            "1、兴化市新垛镇2013年一事一议财政奖补项目绩效评价自评报告詹大俊解决农村生产生活问题,是当前农民最关心的问题。"
            "2013年共实施一事一议财政奖补项目9个,下达奖补资金120万元,实际支出118万元。")
    verdict = understand(text_doc(text))
    assert verdict.is_self_eval
    assert verdict.reports[0].fields["title"] == "兴化市新垛镇2013年一事一议财政奖补项目绩效评价自评报告"


def test_an_opening_citing_titles_within_titles_is_no_breadcrumb() -> None:
    # '《…关于印发< …办法>的通知》' twice: two '>' in a paragraph are no navigation trail
    text = ("为贯彻落实全面实施预算绩效管理,根据《开远市财政局关于印发< 开远市全面实施预算绩效管理工作推进方案>的通知》和"
            "《开远市财政局关于印发< 开远市市级预算绩效管理暂行办法>的通知》要求,我单位及时对2023年部门整体和项目支出绩效情况"
            "进行自查自评,现将开远市红十字会2023年度部门整体和项目支出情况报告如下:\n一、单位基本情况\n(一)单位概况\n"
            "1.职能职责\n开展救援、救灾相关工作。\n二、预算执行\n全年预算120万元,实际支出118万元。\n")
    assert understand(text_doc(text)).is_self_eval


def test_a_metadata_table_of_tab_separated_cells_gives_its_title_and_date() -> None:
    """An HTML or DOCX page's metadata <table> comes out as TAB-separated cells ('名称:\\t…自评报告\\t文号:\\t无'):
    each cell reads on its own, as in a `|`-rendered row, so the 名称 cell is the title and never glued to 文号."""
    text = ("欢迎访问广德市政府网站!\n索引号:\t11341723734968061J/202404-00136\t组配分类:\t财政资金信息\n"
            "发布机构:\t市应急局\t主题分类:\t财政、金融、审计\n"
            "名称:\t广德市应急局2023年度中央自然灾害救灾资金绩效自评报告\t文号:\t无\n"
            "生成日期:\t2024-04-09\t发布日期:\t2024-04-09\n关键词:\t绩效自评,部门项目\t有效性:\t有效\n"
            "一、绩效目标分解下达等情况\n2023年,省财政厅下达我市中央自然灾害救灾资金30万元,实际支出30万元。自评得分95分。\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f["title"], f["publish_date"]) == ("广德市应急局2023年度中央自然灾害救灾资金绩效自评报告", "2024-04-09")


def test_an_indicator_rule_ending_in_no_points_is_no_total_score() -> None:
    """'…4、未设置绩效目标,该栏不得分' then the row's score cell '4': a rule's words and one row's score."""
    text = ("2023年度部门整体支出绩效评价自评表\n序号\t一级指标\t指标分值\t评分标准\t自评得分\n"
            "4\t绩效目标合理性\t4\t1、设置年度绩效目标(2分) 2、未设置绩效目标,该栏不得分\t4\t\n"
            "5\t年度绩效目标明确性\t2\t绩效目标明确,且细化、量化(2分);\t2\t\n")
    f = understand(text_doc(text)).reports[0].fields
    assert f["self_score"] is None


def test_a_single_tab_is_a_wide_space_and_menu_words_make_no_title() -> None:
    """A single TAB ('实施单位:\\t某县公路养护中心', a DOCX tab stop; '…整体支出\\t绩效自评报告', an OCR gap) keeps its line
    whole; short menu lines ('首页' / '政务公开' / '专项资金' / '绩效自评' / '报告') are no narrow cell's title."""
    cover = ("2021年度农村公路养护项目绩效自评报告\n\n项目名称:\t农村公路养护项目\n实施单位:\t某县公路养护中心\n2022年3月15日\n\n"
             "一、项目基本情况\n本项目全年预算数120万元,全年执行数114万元。自评得分95分。\n")
    assert understand(text_doc(cover)).reports[0].fields["report_date"] == "2022-03-15"
    gap = "2021年度部门整体支出\t绩效自评报告\n一、部门基本情况\n本部门自评得分95分,评价等级为优。\n"
    assert understand(text_doc(gap)).reports[0].fields["title"] == "2021年度部门整体支出绩效自评报告"
    menu = ("首页\n政务公开\n专项资金\n绩效自评\n报告\n正文\n县农村公路养护项目绩效自评报告\n一、项目基本情况\n"
            "本项目全年执行数114万元。自评得分95分。\n")
    assert understand(text_doc(menu)).reports[0].fields["title"] == "县农村公路养护项目绩效自评报告"


def test_cover_label_lines_make_no_title_and_a_run_together_copy_keeps_its_title() -> None:
    """'项目单位 汨罗市城市公共汽车公司' / '主管部门 …' / '评价方式:部门(单位)绩效自评' are a cover's label lines, never
    joined into a title; a sharing copy that ran the title into its first heading ('…自评报告一、部门基本情况…')
    still names it."""
    cover = ("附件3\n\n汨罗市财政支出项目绩效评价自评报告\n\n评价类型:项目实施过程评□ 项目完成结果评价\n"
             "项目名称       低票价运营补贴\n项目单位       汨罗市城市公共汽车公司\n主管部门       汨罗市交通运输局\n"
             "评价方式:部门(单位)绩效自评\n评价机构:部门(单位)评价组\n一、项目基本情况\n本项目全年执行数89万元。自评得分90分。\n")
    assert understand(text_doc(cover)).reports[0].fields["title"] == "汨罗市财政支出项目绩效评价自评报告"
    run = ("文档简介\n开阳县毛云乡中心学校2022年项目支出绩效自评报告一、部门基本情况1.部门概况开阳县毛云乡中心学校是一个财政全额"
           "拨款的事业单位;现有校长1名。二、项目概况(一)义务教育生均公用经费:全年执行数12.5万元,自评得分95分。\n")
    assert understand(text_doc(run)).reports[0].fields["title"] == "开阳县毛云乡中心学校2022年项目支出绩效自评报告"


@pytest.mark.parametrize("head, title, unit", [
    ("溆浦县\n农业农村局2023年度部门整体支出绩效自评报告\n", "溆浦县农业农村局2023年度部门整体支出绩效自评报告", "溆浦县农业农村局"),
    ("溆浦县农业\n农村局2023年度部门整体支出绩效自评报告\n", "溆浦县农业农村局2023年度部门整体支出绩效自评报告", "溆浦县农业农村局"),
    ("溆农发〔2024〕12号\n溆浦县农业农村局关于2023年度部门整体支出绩效自评情况的报告\n",
     "溆浦县农业农村局关于2023年度部门整体支出绩效自评情况的报告", "溆浦县农业农村局"),
    ("《溆浦县农业农村局2023年度部门整体支出绩效自评报告》\n", "溆浦县农业农村局2023年度部门整体支出绩效自评报告", "溆浦县农业农村局"),
])
def test_a_title_whose_unit_a_pdf_line_broke_or_under_a_document_number_or_in_book_title_marks(
        head: str, title: str, unit: str) -> None:
    text = head + "一、部门基本情况\n溆浦县农业农村局是县人民政府工作部门。\n二、自评结论\n全年支出合计1,398.20万元,自评得分96.5分。\n"
    f = understand(text_doc(text)).reports[0].fields
    assert (f["title"], f["department"]) == (title, unit), head


@pytest.mark.parametrize("headline,want", [
    ("中文字幕无码欧洲_免费av专区在线观看_久久久久精品人妻_亚洲午夜免费小视频2022年度县委宣传部整体支出绩效自评报告",
     "2022年度县委宣传部整体支出绩效自评报告"),
    ("乐山市民政局365体育网址,皇冠足球体育2024年度中央财政福彩公益金转移支付绩效自评报告",
     "乐山市民政局2024年度中央财政福彩公益金转移支付绩效自评报告"),
    # a government title's own words that spam also uses stay
    ("某县教育局2023年度校园足球专项资金绩效自评报告", "某县教育局2023年度校园足球专项资金绩效自评报告"),
    ("某县公安局2023年度公共安全视频监控建设项目绩效自评报告", "某县公安局2023年度公共安全视频监控建设项目绩效自评报告"),
    ("某市财政局2023年度亚洲开发银行贷款项目绩效自评报告", "某市财政局2023年度亚洲开发银行贷款项目绩效自评报告"),
])
def test_a_hijacked_mirrors_spam_spliced_into_the_headline_is_cut_from_the_title(headline: str, want: str) -> None:
    text = f"{headline}\n一、基本情况\n我单位对2023年度支出开展了绩效自评，自评得分95分。\n"
    assert understand(text_doc(text)).reports[0].fields["title"] == want


def test_a_leading_run_of_spam_phrases_is_cut_up_to_the_report() -> None:
    assert strip_spam("99精品在线免费观看_2020最新国产精品视频_免费国产综合视频在线看草潭镇2022年度项目支出绩效自评报告") \
        == "草潭镇2022年度项目支出绩效自评报告"
    assert strip_spam("精品中文字幕无码_某县民政局") == "精品中文字幕无码_某县民政局"  # nothing left that names a report


@pytest.mark.parametrize("lines,unit", [
    ("中共沂水县委\n宣传部2023年度部门整体支出绩效自评报告", "中共沂水县委宣传部"),
    ("中共\n昭觉县委组织部2023年度部门整体支出绩效自评报告", "中共昭觉县委组织部"),
    ("仪陇县新政镇\n人民政府2023年度部门整体支出绩效自评报告", "仪陇县新政镇人民政府"),
])
def test_a_title_a_pdf_line_broke_inside_a_party_committees_or_townships_name(lines: str, unit: str) -> None:
    text = lines + "\n一、部门基本情况\n我单位对2023年度部门整体支出开展了绩效自评，自评得分95分。\n"
    f = understand(text_doc(text)).reports[0].fields
    assert (f["title"], f["department"]) == (unit + "2023年度部门整体支出绩效自评报告", unit), f


def test_a_title_whose_last_word_a_pdf_wrapped_onto_a_line_of_its_own() -> None:
    """'…部门整体支出绩效自评' / '报告': the first line already reads as a title's end (自评), yet the wrapped word
    belongs to it; menu words ('绩效自评' / '报告') are too short to be such a title."""
    text = ("溆浦县自然资源局 2023 年度部门整体支出绩效自评\n报告\n一、部门基本情况\n"
            "我局对2023年度部门整体支出开展了绩效自评，自评得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["title"] == "溆浦县自然资源局2023年度部门整体支出绩效自评报告"


@pytest.mark.timeout(20)
def test_a_long_run_of_letters_beside_a_spam_word_is_cut_in_one_pass() -> None:
    """Spam words and a long run of letters ('aaaa…中无码'): the run is read token by token. The first version,
    one regex of repeated alternatives, backtracked exponentially here (over a minute for 47 characters)."""
    title = "a" * 40 + "中无码自评报告"
    assert strip_spam(title) == "a" * 40 + "中自评报告"
    assert strip_spam("ab " * 30 + "x无码报告") == "ab " * 30 + "x报告"  # (one letter is no token: the run is 无码)


def test_an_unlabelled_posting_stamp_is_the_pages_date() -> None:
    """A CMS that prints its posting time without a label ('来源:县委宣传部   2023-06-26 09:00'): the date with a
    time of day in the page head is the page's publication date."""
    from selfeval.understand import understand

    from .conftest import text_doc

    body = ("某县文化馆2022年度部门整体支出绩效自评报告\n来源:县委宣传部   {stamp}\n一、部门基本情况\n我馆内设股室3个。\n"
            "二、部门整体支出情况\n2022年全年预算300万元，全年支出合计290万元，预算执行率96.67%。\n三、自评结论\n"
            "经自评，我馆2022年度部门整体支出绩效自评得分95分。\n")
    f = understand(text_doc(body.format(stamp="2023-06-26 09:00"))).reports[0].fields
    assert f["publish_date"] == "2023-06-26"
    for line in ("县文化馆 2023年06月26日 09:00 字号：大 中 小", "mihoutao 2023 年 6 月 26 日09:00:18"):
        f = understand(text_doc(body.replace("来源:县委宣传部   {stamp}", line))).reports[0].fields
        assert f["publish_date"] == "2023-06-26", line  # (a stamp inside a line of other page chrome)
    f = understand(text_doc(body.replace("来源:县委宣传部   {stamp}\n", ""))).reports[0].fields
    assert f.get("publish_date") is None


# untitled reports as a narrow PDF layout wraps them: every line cut at the page width, a numbered paragraph
# running on after its heading's full stop, a sentence's end ('…报告如下:') on a line of its own
NARROW_UNTITLED = """为深入贯彻落实《中共中央 国务院关于全面实施预算绩效管理的意见》(中发〔2018〕
34号)和预算法的有关要求,根据《某省财政厅关于开展2023年度省对下转移支付绩效
自评工作的通知》(某财绩〔2024〕3号)等文件精神,某县林业和草原局对2023年度
森林防火补助资金预算执行情况进行了绩效自评,现将自评情况
总结汇报如下:
一、基本情况
1.资金执行情况分析。截至2023年底,全县执行数412万元,执行率
96.5%。
2.资金管理情况分析。专项资金严格按照管理办法使用,未发现挤占挪用。
"""
NARROW_UNIT = """根据县财政局《关于做好2023年度部门整体支出绩效自评工作的通知》要求,我单位及时对2023年部
门整体和项目支出绩效情况进行自查自评,现将某县红十字会2023年度部门整体和项目
支出情况报告如下:
一、单位基本情况
(一)单位概况
本单位为参照公务员法管理的群团组织,内设综合科和业务科。
"""


def test_a_narrow_pdf_layouts_wrapped_prose_keeps_its_rate_and_unit_and_makes_no_title() -> None:
    """A numbered line that ran on past its heading's full stop wraps like prose ('执行率' / '96.5%'); no line in the
    middle of a wrapped opening ('…等文件精神,某县…' / '森林防火…进行了绩效自评,现将自评情况') is a title; and
    '支出情况报告如下:' ends a sentence, it is no 'label:' line that would cut the unit's sentence."""
    page = understand(text_doc(NARROW_UNTITLED))
    assert page.is_self_eval
    f = page.reports[page.principal].fields
    assert f.get("title") is None, f.get("title")
    assert f["execution_rate_pct"] == 96.5
    unit = understand(text_doc(NARROW_UNIT))
    assert unit.reports[unit.principal].fields["department"] == "某县红十字会"


def _pdf(*pages: str) -> ExtractedDocument:
    return ExtractedDocument(format="pdf", pages=[Page(number=k + 1, text=t) for k, t in enumerate(pages)],
                             engine="test")


PAGE_ONE = """平江县交通运输局2023年度部门整体支出绩效自评报告
一、部门基本情况
平江县交通运输局内设办公室、规划股等8个股室,负责全县公路建设和养护管
理工作。
二、部门整体支出情况
2023年度全年预算数1320.6万元,全年支出合计1288.4万元,预算执
"""
PAGE_TWO = """行率97.56%。
三、自评结论
经自评,本单位2023年度部门整体支出绩效自评得分92分,评价等级为优。
"""


@pytest.mark.parametrize("footer", ["— 1 —", "- 1 -", "第 1 页 共 2 页", "1/2", ""])
def test_a_sentence_a_pdf_page_break_cut_reads_across_the_page_number(footer: str) -> None:
    """A multi-page PDF breaks sentences at the page's foot, under a page number ('…预算执' / '— 1 —' / next page:
    '行率97.56%'): the sentence reads on across it, and no value's evidence holds the page number."""
    doc = _pdf(PAGE_ONE + footer + "\n", PAGE_TWO + ("— 2 —" if footer else ""))
    u = understand(doc)
    r = u.reports[u.principal]
    assert r.fields["execution_rate_pct"] == 97.56
    assert r.fields["expenditure_total_wan"] == 1288.4 and r.fields["self_score"] == 92
    assert all("—" not in ev.snippet and "页" not in ev.snippet for ev in r.evidence.values())


def test_a_bare_page_number_is_furniture_only_where_the_pages_count_up() -> None:
    """'1' / '2' closing consecutive pages number them; a form page whose last line is a lone '95' keeps it."""
    counted = DocView.build(_pdf(PAGE_ONE + "1\n", PAGE_TWO + "2\n"))
    assert "\n1\n" not in counted.norm and counted.norm.rstrip().endswith("评价等级为优。")
    form = DocView.build(_pdf("项目支出绩效自评表\n总分\n95\n", "填报人:张三\n"))
    assert "总分\n95" in form.norm


def test_a_running_head_atop_each_page_does_not_cut_the_sentence_under_it() -> None:
    """A word processor repeats the report's title atop every page: where a page break cut a sentence ('…预算执' /
    head / '行率97.56%') the head is furniture and the sentence reads on; the first page keeps it as the title."""
    head = "平江县交通运输局2023年度部门整体支出绩效自评报告\n"
    third = head + "四、存在的问题\n资金使用进度有待加快。\n— 3 —\n"
    u = understand(_pdf(PAGE_ONE + "— 1 —\n", head + PAGE_TWO + "— 2 —\n", third))
    r = u.reports[u.principal]
    assert len(u.reports) == 1
    assert r.fields["title"] == head.strip() and r.fields["execution_rate_pct"] == 97.56
    # the same line atop pages that start a part of their own ('三、自评结论') stays where it is
    kept = DocView.build(_pdf(PAGE_ONE.replace("预算执\n", "预算执行率97.56%。\n"), head + PAGE_TWO.split("\n", 1)[1], third))
    assert kept.norm.count("平江县交通运输局2023年度部门整体支出绩效自评报告") == 3


REPEATED_TITLES = [  # a page's headline and its heading run together: the title once
    ("保山市人民政府办公室2021年度项目绩效自评报告(驻京干部房租补助经费)2021年度项目绩效自评报告(驻京干部房租补助经费)",
     "2021年度项目绩效自评报告(驻京干部房租补助经费)"),
    ("某州卫生健康委员会2022年度项目绩效自评报告(春节慰问经费项目)某州卫生健康委员会2022项目绩效自评报告(春节慰问经费项目)",
     "某州卫生健康委员会2022项目绩效自评报告(春节慰问经费项目)"),
    ("某开发区2021年中央对地方专项转移支付区域绩效目标自评表(市场监管分局)2021年中央对地方专项转移支付区域绩效目标自评表",
     "2021年中央对地方专项转移支付区域绩效目标自评表"),
    ("某省应急管理领域2023年度中央转移支付资金绩效自评报告某省应急管理厅-某某下载某省应急管理领域2023年度中央转移支付资金绩效自评报告",
     "某省应急管理领域2023年度中央转移支付资金绩效自评报告"),
    ("攸县林业局2023年度部门整体支出绩效自评报告攸县林业局2023年度部门整体支出绩效自评报告", "攸县林业局2023年度部门整体支出绩效自评报告"),
    ("关于攸县林业局2023年度部门整体支出绩效自评报告的报告", "关于攸县林业局2023年度部门整体支出绩效自评报告的报告"),
    ("攸县林业局2023年度部门整体支出绩效自评报告(2023年度部门整体支出绩效自评报告)",
     "攸县林业局2023年度部门整体支出绩效自评报告(2023年度部门整体支出绩效自评报告)"),
]


@pytest.mark.parametrize("headline,want", REPEATED_TITLES, ids=range(len(REPEATED_TITLES)))
def test_a_title_printed_twice_in_one_line_is_read_once(headline: str, want: str) -> None:
    doc = text_doc(headline + "\n一、基本情况\n攸县林业局负责全县林业资源保护。\n二、自评结论\n全年执行数960万元,自评得分95分。\n")
    r = understand(doc).reports[0]
    assert r.fields["title"] == want
    ev = r.evidence["title"]
    assert doc.pages[0].text[ev.start:ev.end] == ev.snippet and ev.snippet.replace(" ", "") == want


@pytest.mark.parametrize("headline,unit,year", [
    ("秦岭文库(qinling.com)你想要的内容这里独有!惠州市交通运输局2021部门整体绩效自评报告", "惠州市交通运输局", 2021),
    ("零陵区林业局2023部门整体支出绩效自评报告", "零陵区林业局", 2023),
    ("2023零陵区林业局部门整体支出绩效自评报告", "零陵区林业局", 2023)])
def test_a_sites_slogan_or_a_bare_year_in_the_title_leaves_unit_and_year(headline: str, unit: str, year: int) -> None:
    f = understand(text_doc(headline + "\n一、基本情况\n负责全市相关工作。\n二、自评结论\n全年执行数960万元,自评得分95分。\n"
                            )).reports[0].fields
    assert (f["department"], f["fiscal_year"]) == (unit, year)


@pytest.mark.parametrize("first,second", [("都安瑶族自治县教育局2021年度部门预算", "绩效自评报告"),
                                          ("某县农业农村局2022年度项目支出", "绩效自评报告"),
                                          ("某县水利局2023年度农村饮水安全项目", "绩效评价报告")])
def test_a_title_whose_second_line_is_the_reports_name(first: str, second: str) -> None:
    doc = text_doc(first + "\n" + second + "\n\n根据要求,我局对2021年度部门整体支出进行了自评,现将有关情况报告如下:\n"
                   "一、基本情况\n负责全县相关工作。\n二、自评结论\n全年执行数960万元,自评得分95分。\n")
    assert understand(doc).reports[0].fields["title"] == first + second


def test_the_running_head_over_the_appended_forms_page_does_not_hide_the_closing() -> None:
    head = "平江县交通运输局2023年度部门整体支出绩效自评报告\n"
    closing = "平江县交通运输局\n2024年3月18日\n— 2 —\n"
    form = head + "附件:部门整体支出绩效自评表\n| 部门名称 | 平江县交通运输局 |\n| 总分 | 100 | 92 |\n— 3 —\n"
    u = understand(_pdf(PAGE_ONE.replace("预算执\n", "预算执行率97.56%。\n") + "— 1 —\n",
                        head + PAGE_TWO.split("\n", 1)[1] + closing, form))
    assert u.reports[u.principal].fields["report_date"] == "2024-03-18"


def test_a_pdf_metadata_table_whose_narrow_cells_wrap_gives_its_unit_township_and_date() -> None:
    """A portal page printed to PDF: the text layer breaks each narrow cell over lines ('永平县勐\\n腊镇人民\\n政府')
    and the metadata labels with them, so the text reader finds no label; the engine's table cells still pair
    each label with its value, and the unit's name is located across the breaks for its township's evidence."""
    text = ("索引\n号\n53052391-\n9-/2024-\n0422011\n发布\n机构\n永平县勐\n腊镇人民\n政府\n公开\n目录 绩效评价 发布日期\n"
            "2024-\n04-22\n文号 浏览量\n一、自评结论\n(一)自评得分\n自评得分 98,其中产出指标 45 分,效益指标 30 分。\n"
            "(二)绩效目标完成情况\n勐腊镇边境地区防疫物资储备补助资金预算数 120000 元,执行数 120000 元,执行率 100%。\n")
    tables = [[["索引\n号", "53052391-\n9-/2024-\n0422011", "发布\n机构", "永平县勐\n腊镇人民\n政府"],
               ["公开\n目录", "绩效评价", "发布\n日期", "2024-\n04-22"], ["文号", "浏览量", "", ""]]]
    doc = ExtractedDocument(format="pdf", pages=[Page(number=1, text=text, tables=tables)], engine="pdfplumber")
    rec = understand(doc).reports[0]
    f, ev = rec.fields, rec.evidence
    assert (f.get("department"), f.get("township"), f.get("publish_date")) == ("永平县勐腊镇人民政府", "勐腊镇", "2024-04-22")
    assert ev["publish_date"].snippet == "2024-\n04-22" and ev["township"].snippet.replace("\n", "") == "勐腊镇"


def test_a_closings_date_label_is_no_posting_date() -> None:
    """A short report with no page metadata, closing '单位：某局 / 日期：2024年3月20日': that is the report's date; the
    page's posting date is unknown (a weak label such as 日期 counts as metadata only above the article's first
    sentence)."""
    text = ("2023年度部门整体支出绩效自评报告\n一、部门基本情况\n我局共有在职人员32人。\n二、部门整体支出情况\n"
            "2023年度全年预算500.12万元，全年支出合计480.20万元。\n三、自评结论\n经自评，得分95分，等级为优。\n"
            "单位：攸县林业局\n日期：2024年3月20日\n")
    f = understand(text_doc(text)).reports[0].fields
    assert (f.get("publish_date"), f["report_date"], f["department"]) == (None, "2024-03-20", "攸县林业局"), f
    f = understand(text_doc("发布日期：2024-04-12\n" + text)).reports[0].fields
    assert (f.get("publish_date"), f["report_date"]) == ("2024-04-12", "2024-03-20"), f


@pytest.mark.parametrize("banner", ["欢迎访问某省档案馆网站!\n  • 无障碍\n欢迎访问某省档案馆网站!\n",
                                    "欢迎来到某某满族自治县人民政府预决算公开”专题频道\n\n"])
def test_a_sites_welcome_banner_is_no_part_of_the_title(banner: str) -> None:
    text = banner + ("某省档案馆2022年度部门整体支出绩效自评报告\n来源: 发布时间:2023-09-26\n一、部门基本情况\n负责全省档案工作。\n"
                     "二、部门整体支出情况\n全年支出1,186.20万元，预算执行率96.5%。\n三、自评结论\n经自评，得分95分。\n")
    assert understand(text_doc(text)).reports[0].fields["title"] == "某省档案馆2022年度部门整体支出绩效自评报告"


def test_a_related_link_or_a_downloaded_file_is_no_title() -> None:
    """A short page whose headline ends in 公开: the file under '附件:' and the links under '相关链接:' (another page's
    title, '…部门决算') never stand in for its title."""
    text = ("某区农业农村局2023年度部门整体支出绩效自评报告公开\n发布时间:2024-08-20 09:36:12   来源:某区农业农村局\n"
            "现将我局2023年度部门整体支出绩效自评报告予以公开。\n附件:\n某区农业农村局2023年度部门整体支出绩效自评报告.pdf\n"
            "某区农业农村局2023年度部门决算公开表.xls\n相关链接:\n某区农业农村局2023年度部门决算\n某区农业农村局2024年度部门预算\n")
    from selfeval.model import ExtractedDocument, Page
    from selfeval.understand.evidence import DocView
    from selfeval.understand.segment import segment

    seg = segment(DocView.build(ExtractedDocument(format="txt", pages=[Page(number=1, text=text)], engine="txt")))
    assert seg.title_text == "某区农业农村局2023年度部门整体支出绩效自评报告公开"


def test_a_sharing_sites_recommended_titles_and_a_head_link_bar_are_neither_title_nor_end() -> None:
    """A document site's head: its '相关文档推荐:' list (a 范本, a 填写说明) is no title of this page, and its link bar
    ('网站地图 | 联系我们', repeated) above the report never ends the article before it starts."""
    bar = "热点推荐 | 最新发布 | 常用链接 | 网站地图 | 联系我们\n"
    text = ("当前位置:首页 > 行业资料 > 财会/预算 > 绩效评价\n本资料由用户上传,仅供学习交流,如有侵权请联系删除。\n"
            "相关文档推荐:预算绩效管理工作总结 | 部门整体支出绩效评价报告范本 | 绩效目标申报表填写说明\n" + bar * 5 +
            "某县疾控中心2020年重大公共卫生服务项目绩效自评报告\n一、项目基本情况\n2020年安排资金186.3万元,全年执行181.06万元,"
            "预算执行率97.19%。\n二、自评结论\n项目自评得分94分,评价等级为优。\n")
    u = understand(text_doc(text))
    assert u.is_self_eval and u.reports[0].fields["title"] == "某县疾控中心2020年重大公共卫生服务项目绩效自评报告"
    assert u.reports[0].fields["self_score"] == 94


def test_an_entry_of_a_final_accounts_contents_is_no_title() -> None:
    """A 决算's contents listing '十四、部门预算项目支出绩效自评表(2023年度)' (an annex it publishes elsewhere): neither a
    title line nor a form's title in a run of words; the page says only that the form exists."""
    text = ("目录\n第一部分 单位概况\n一、职能简介\n第二部分 2023年度单位决算情况说明\n一、收入支出决算总体情况说明\n……\n"
            "十四、部门预算项目支出绩效自评表(2023年度)\n第一部分 单位概况\n一、职能简介\n某县某镇中心学校是一所公办学校。\n"
            "第二部分 2023年度单位决算情况说明\n一、收入支出决算总体情况说明\n2023年度收入总计2,864.37万元、支出总计2,864.37万元。\n"
            "十、其他重要事项的情况说明\n(四)预算绩效管理情况\n本单位组织对2个项目开展了预算绩效目标管理,涉及资金286万元。\n")
    u = understand(text_doc(text))
    assert not u.is_self_eval and u.reports == []


SIDEBAR = ("相关文章:\n· 某区某街道办事处2023年度部门决算公开\n· 某区某街道办事处2024年部门预算公开\n"
           "热点推荐:\n· 关于做好2024年度防汛抗旱工作的通知\n· 城乡居民基本医疗保险参保缴费指南\n\n")
BODY = ("一、部门基本情况\n街道内设8个办公室。\n二、部门整体支出情况\n2023年度年初预算6734.52万元,调整后预算8125.90万元,"
        "全年支出7986.43万元,预算执行率98.28%。\n三、自评结论\n部门整体支出绩效自评得分为94.2分,等级为优秀。\n")


def test_a_bulleted_sidebar_above_the_title_is_no_part_of_it() -> None:
    """A sidebar's link lists ('相关文章:' / '热点推荐:' and their '· …' entries) above the report: the last link is no
    issuer line of the title under it, and no link is the title."""
    title = "杭州市钱塘区人民政府河庄街道办事处2023年度部门整体支出绩效自评报告"
    rep = understand(text_doc(SIDEBAR + title + "\n发布日期:2024-06-21\n" + BODY)).reports[0]
    assert rep.fields["title"] == title
    assert rep.fields["department"] == "杭州市钱塘区人民政府河庄街道办事处"


def test_a_bulleted_sidebar_below_an_excerpt_gives_no_title() -> None:
    """An excerpt opening at its first part, with a '热点推荐:' list at its foot: the report's part heading is its title,
    never a linked notice (nor the notice's year the report's)."""
    text = ("第一部分 单位基本情况\n一、职能简介\n负责全镇党的建设和经济社会发展。\n"
            "第二部分 2022年度部门整体支出绩效自评报告\n" + BODY.replace("2023", "2022")
            + "\n某县某镇人民政府\n2023年5月10日\n\n【打印本页】 【关闭窗口】\n\n" + SIDEBAR)
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "2022年度部门整体支出绩效自评报告" and rep.fields["fiscal_year"] == 2022


def test_a_title_naming_its_unit_by_level_alone_takes_the_bureau_the_page_names() -> None:
    """'市局2022年度项目支出绩效自评情况' under '来源:鹤壁市统计局': the unit is the statistics bureau, never a '鹤壁市局'
    made by putting the city before the title's word; a mobile-view link glued before a headline is no part of it."""
    text = ("您所在的位置: 首页 >> 绩效评估\n市局2022年度项目支出绩效自评情况\n发布日期:2023-07-04 09:30 来源:鹤壁市统计局\n"
            "2022年度,市局共有项目支出3个,全年预算数合计168.5万元,执行数163.27万元,预算执行率96.9%。"
            "经自评,3个项目平均得分95.3分,总体评价等级为“优”。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["department"] == "鹤壁市统计局" and rep.fields["city"] == "鹤壁市"
    title = "三台县人民医院2022年度医疗服务与保障能力提升补助资金项目绩效自评报告"
    text = (f"手机细览 {title}\n  网站无障碍 支持IPv6网络\n当前位置:首页>>政务公开>>财政信息\n{title}\n时间:2023-05-16\n"
            "一、项目基本情况\n实施单位:三台县人民医院\n项目资金186万元,实际支出180万元,执行率96.77%。\n二、自评结论\n自评得分93分。\n")
    assert understand(text_doc(text)).reports[0].fields["title"] == title


@pytest.mark.parametrize("trad", [False, True])
def test_bracketed_metadata_labels_give_the_posting_date_not_the_documents(trad: bool) -> None:
    """A Chongqing CMS's block '[ 成文日期 ] | 2024-06-12 | [ 发布日期 ] | 2024-06-14 |' (in traditional characters on a
    converted site): the posting date is 发布日期's, and an empty '[ 有效性 ]' takes nothing of the next label."""
    head = ("[ 索引号 ] | 11500116MB1C30572K/2024-00037 | [ 发文字号 ] | |\n[ 主题分类 ] | 财政 | [ 体裁分类 ] | 财政预算、决算 |\n"
            "[ 发布机构 ] | 江津区几江街道 | [ 有效性 ] | |\n[ 成文日期 ] | 2024-06-12 | [ 发布日期 ] | 2024-06-14 |\n")
    if trad:
        head = head.replace("发布", "發布").replace("财政", "財政").replace("区几江", "區幾江").replace("号", "號")
    text = (head + "重庆市江津区几江街道办事处2023年度部门整体支出绩效自评报告\n一、部门基本情况\n辖9个社区。\n"
            "二、预算执行情况\n年初预算数3,864.50万元,全年支出4,172.93万元。\n三、自评结论\n自评得分94分,等级为优。\n")
    doc = text_doc(text)
    u = understand(doc)
    assert u.reports[0].fields["publish_date"] == "2024-06-14"
    meta = segment(DocView.build(doc)).meta
    assert meta.get("doc_date") == "2024-06-12" and meta.get("validity") is None


def test_a_title_naming_its_unit_as_the_unit_itself_does_is_the_title() -> None:
    """'本局2022年度部门整体支出绩效自评报告' under a breadcrumb: the report's title (a sentence opening with 本局 is
    still none: '本局内设…')."""
    text = ("本站已支持IPv6网络\n当前位置:首页>>政务公开>>财政信息\n本局2022年度部门整体支出绩效自评报告\n"
            "时间:2023-06-09  作者:区司法局\n一、部门基本情况\n本局内设4个股室,下设司法所11个。\n二、部门整体支出情况\n"
            "2022年全年预算675.31万元,全年支出668.09万元,预算执行率98.93%。\n三、自评结论\n自评得分95分,等级为优。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == "本局2022年度部门整体支出绩效自评报告" and rep.fields["fiscal_year"] == 2022


@pytest.mark.parametrize("banner, title, unit", [
    ("三级甲等妇幼保健院\n\n四川省孕产妇危急重症救治中心", "自贡市妇幼保健院2023年度整体支出绩效自评报告", "自贡市妇幼保健院"),
    ("城口县人民政府", "城口县就业服务中心2023年度就业补助资金项目支出绩效自评报告", "城口县就业服务中心"),
])
def test_a_title_naming_its_own_unit_first_is_no_continuation_of_the_banner_above(banner: str, title: str,
                                                                                  unit: str) -> None:
    """A site's banner line (the hospital's other plate, the portal's government) above a title that opens with its
    own unit: two lines, the title only the second."""
    text = (f"{banner}\n\n{title}\n来源:{unit}    发布时间:2024-07-18 10:22:16\n一、基本情况\n单位内设8个科室。\n"
            "二、支出情况\n2023年全年预算2864.01万元,全年支出2798.35万元,预算执行率97.71%。\n三、自评结论\n自评得分94.7分,等级为优。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == title and rep.fields["department"] == unit


def test_a_cms_year_column_run_into_the_headline_is_no_part_of_the_title() -> None:
    """'2022年度 丹棱县民政局2021年度…自查报告 |': the listing's year cell before a title naming its own unit and year;
    the fiscal year is the title's."""
    title = "丹棱县民政局2021年度困难群众救助补助资金绩效评价自查报告"
    text = (f"2022年度 {title} | |||\n2022-06-15 作者: 点击数: |\n{title}\n"
            "根据县财政局要求,我局对2021年度困难群众救助补助资金使用情况进行了认真自查,现将有关情况报告如下:\n"
            "一、资金基本情况\n2021年共下达资金1,168.92万元,全年实际支出1,168.92万元,执行率100%。\n"
            "二、自查结论\n经对照绩效评价指标体系逐项自查打分,该项资金自查得分95分。\n")
    rep = understand(text_doc(text)).reports[0]
    assert rep.fields["title"] == title and rep.fields["fiscal_year"] == 2021
