"""List-title relevance uses the document scorer: keywords from the source first, then the model, and a
'maybe' title gets one look at its detail page, where the page text is classified."""

from __future__ import annotations

from selfeval.crawl.detail import expand_detail
from selfeval.crawl.families.base import ListedItem
from selfeval.crawl.http import FetchResult
from selfeval.crawl.relevance import judge
from selfeval.sources.schema import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, SourceConfig

INC, EXC = list(DEFAULT_INCLUDE), list(DEFAULT_EXCLUDE)


def test_keywords_of_the_source_come_first() -> None:
    assert judge("县乡村振兴局2023年度整体支出绩效自评报告", INC, EXC).relevant
    v = judge("县财政局召开2023年度预算绩效自评工作培训会", INC, EXC)
    assert not v.relevant and "培训" in v.reason and v.score is None


def test_list_titles_of_reports_and_lookalikes() -> None:
    assert judge("2023年度资源县瓜里乡人民政府部门预算绩效自评报告", INC, EXC).relevant
    assert judge("湘西自治州本级2021年度部门整体支出绩效评价自评报告", INC, EXC).relevant
    assert judge("2023年度项目支出绩效自评表", INC, EXC).relevant
    for title in ("县财政局召开2023年度预算绩效自评工作培训会", "关于开展2023年度绩效自评工作的通知",
                  "关于2023年度重点项目第三方绩效评价结果的公告", "2024年度部门整体支出绩效目标表",
                  "溆浦县农业农村局2024年部门预算公开"):
        v = judge(title, INC, EXC)
        assert not v.relevant and v.reason, title
    assert judge("2023年度部门决算公开", INC, EXC).maybe_container


def test_scorer_decides_titles_without_keywords() -> None:
    traditional = judge("溆浦縣鄉村振興局2023年度部門整體支出績效評價報告", INC, EXC)
    assert traditional.relevant or traditional.maybe_container, traditional
    assert traditional.score is not None and traditional.score > 0.08
    news = judge("我县开展安全生产大检查“回头看”", INC, EXC)
    assert not news.relevant and not news.maybe_container and news.reason.startswith("off-topic")


def _source() -> SourceConfig:
    return SourceConfig.model_validate({"id": "tt", "name": "t", "family": "static_list",
                                        "start_urls": ["http://127.0.0.1/list.html"],
                                        "list": {"item": "li", "link": "a"}})


REPORT_PAGE = """<html><head><title>绩效情况公开</title></head><body><div class="article">
<h1>绩效情况公开</h1>
<p>溆浦县乡村振兴局2023年度部门整体支出绩效自评报告</p>
<p>根据县财政局关于开展部门整体支出绩效自评工作要求，我单位对2023年度部门整体支出开展了自评。</p>
<p>本年支出合计5137.69万元，其中：基本支出5137.69万元，项目支出0万元。</p>
<p>经自评，整体资金绩效评价指标评分为98分，评价等级为优。</p></div></body></html>"""
NEWS_PAGE = """<html><head><title>绩效情况公开</title></head><body><div class="article"><h1>绩效情况公开</h1>
<p>6月13日，县财政局召开预算绩效管理工作推进会，部署下半年绩效运行监控工作，要求各单位按时报送材料。</p>
<p>会议强调，要进一步提高认识，压实责任，确保各项工作落到实处。</p></div></body></html>"""


def test_maybe_title_is_decided_on_the_page_text() -> None:
    item = ListedItem("http://127.0.0.1/a.html", "绩效情况公开", "http://127.0.0.1/list.html")
    verdict = judge(item.title, INC, EXC)
    assert verdict.maybe_container, verdict
    report = FetchResult(item.url, status=200, headers={"content-type": "text/html"}, body=REPORT_PAGE.encode())
    got = expand_detail(report, item, verdict, _source())
    assert got.kind == "article" and "self-evaluation" in got.reason, got
    assert got.page_score is not None and got.page_score >= 0.5, got  # recorded on discovered_item.page_score
    news = FetchResult(item.url, status=200, headers={"content-type": "text/html"}, body=NEWS_PAGE.encode())
    skipped = expand_detail(news, item, verdict, _source())
    assert skipped.kind == "skipped" and skipped.page_score is not None and skipped.page_score < 0.5, skipped


def test_title_scorer_follows_the_document_rules() -> None:
    """One notion of 'a report' (issue 11/12): a unit's own self-evaluation title is a report for the crawler
    too, and a notice or target table never goes straight to the download queue."""
    from selfeval.understand.classify import score_title

    assert score_title("某县危房改造转移支付2022年度绩效自评报告").decision == "report"
    assert score_title("某镇2023年度财政衔接资金项目绩效自评情况").decision == "report"
    assert score_title("县财政局关于开展2023年度绩效自评工作的通知").decision != "report"
    assert score_title("2023年度部门整体支出绩效目标表").decision == "off_topic"
