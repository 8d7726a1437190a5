"""UI language (issue 14 item 9): every label in every catalog, and the language each request gets."""

from __future__ import annotations

import json
import re
import string
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest

UI = resources.files("selfeval.ui")
_STR = r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
_CALL = re.compile(r"(?<![\w.])(?:_|Msg)\(\s*" + _STR)  # _("…") in templates and Python, Msg("…")
_NCALL = re.compile(r"(?<![\w.])_n\(\s*" + _STR + r"\s*,\s*" + _STR)  # _n("… one", "… many", n)
_JS_CALL = re.compile(r"(?<![\w.])t\(\s*" + _STR)  # t("…") in app.js


def _found(pattern: re.Pattern, text: str) -> set[str]:
    return {g for m in pattern.finditer(text) for g in m.groups() if g is not None}


def _ui_files(suffix: str):
    for name in ("templates", "static", "."):
        for f in UI.joinpath(name).iterdir():
            if f.name.endswith(suffix):
                yield f


def used_messages() -> dict[str, set[str]]:
    """Message ids by where they are used: templates, the UI's Python modules, app.js."""
    html = "".join(f.read_text("utf-8") for f in _ui_files(".html"))
    py = "".join(f.read_text("utf-8") for f in _ui_files(".py") if f.name != "i18n.py")
    js = UI.joinpath("static", "app.js").read_text("utf-8")
    return {"templates": _found(_CALL, html) | _found(_NCALL, html),
            "python": _found(_CALL, py) | _found(_NCALL, py),
            "app.js": _found(_JS_CALL, js)}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_label_is_in_every_catalog():
    from selfeval.ui import i18n

    used = used_messages()
    assert len(used["templates"]) > 150 and len(used["python"]) > 20, used  # the scan finds them
    assert set(i18n.JS_MESSAGES) == used["app.js"]
    every = set().union(*used.values())
    assert set(i18n.CATALOGS) == set(i18n.LANGUAGES) - {"en"}
    for lang, catalog in i18n.CATALOGS.items():
        missing = sorted(every - set(catalog))
        assert not missing, f"{lang} lacks {missing}"
        assert not set(catalog) - every, f"{lang} has messages nothing uses: {sorted(set(catalog) - every)}"
        for msgid, text in catalog.items():
            assert text.strip() and _fields(text) == _fields(msgid), (lang, msgid, text)
    for lang, terms in i18n.TERMS.items():
        assert set(terms) == set(i18n.TERMS["zh-CN"]), lang


def test_status_words_and_codes_have_labels():
    from selfeval.model import REPORT_TYPES
    from selfeval.ui import i18n

    words = {"ok", "new", "warning", "blocked", "failing", "disabled",  # source status
             "running", "success", "failed", "queued",  # crawl run, Airflow run
             "valid", "quarantined", "current", "superseded",  # report
             "passed", "skipped", "error",  # validation result, severity
             "scheduled", "paused", "due now", "estimated", "not scheduled",  # next run
             *REPORT_TYPES, *i18n.JS_TERMS}
    for lang, terms in i18n.TERMS.items():
        assert not words - set(terms), (lang, words - set(terms))


def test_templates_have_no_literal_english():
    """Text and label attributes of the templates are all `_()` calls: what is left is technical (SQL views, CLI)."""
    technical = {"Airflow", "selfeval", "GET", "lineage", "ms", "s", "sha256", "OCR", "v_report", "v_quarantine",
                 "report", "extra"}
    for f in _ui_files(".html"):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", f.read_text("utf-8"), flags=re.S)
        for attr in re.findall(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"', text):
            assert not re.search(r"[A-Za-z]{2,}", attr), (f.name, attr)
        text = re.sub(r"<[^>]*>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S))
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)) - technical
        assert not words, (f.name, sorted(words))


def test_language_choice_order():
    from selfeval.ui.i18n import accept_languages, choose, normalize

    assert [normalize(x) for x in ("zh-CN", "zh_cn", "zh", "zh-Hans", "zh-SG", "zh-TW", "zh-Hant-HK", "zh-HK",
                                   "en", "en-GB", "de", "", None)] == [
        "zh-CN", "zh-CN", "zh-CN", "zh-CN", "zh-CN", "zh-TW", "zh-TW", "zh-TW", "en", "en", None, None, None]
    assert accept_languages("de;q=0.9, zh-TW;q=0.8, en;q=0.1, zh-CN, fr;q=0") == ["zh-CN", "de", "zh-TW", "en"]
    assert choose(None, None, None, None).lang == "en"
    assert choose(None, None, None, "fr, de;q=0.8").source == "default"
    assert choose(None, None, None, "fr, zh-TW;q=0.5, en;q=0.4") == choose(None, None, None, "zh-Hant")
    assert choose(None, None, "zh-CN", "en").lang == "zh-CN"  # Airflow's language beats the browser's
    assert choose(None, None, "de", "zh-CN").lang == "zh-CN"  # one the plugin lacks is passed over
    assert choose(None, "en", "zh-CN", "zh-CN").lang == "en"  # the kept ?lang= choice beats Airflow's
    q = choose("zh-TW", "en", "zh-CN", "en")
    assert (q.lang, q.source, q.remember) == ("zh-TW", "query", "zh-TW")
    auto = choose("auto", "en", "zh-CN", "en")  # ?lang=auto: forget the choice, follow Airflow again
    assert (auto.lang, auto.source, auto.remember) == ("zh-CN", "airflow", "")
    assert choose("klingon", None, None, "zh").source == "browser"  # an unknown ?lang= is ignored


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_english_by_default_chinese_for_accept_language_and_query(client, warehouse):
    en = client.get("/selfeval/sources")
    assert _lang(en.text) == "en" and en.headers["content-language"] == "en"
    assert ">Sources</h1>" in en.text and "Crawl now" in en.text and "数据源" not in en.text

    zh = client.get("/selfeval/sources", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert _lang(zh.text) == "zh-CN" and 'data-lang-source="browser"' in zh.text
    assert ">数据源</h1>" in zh.text and ">立即抓取</button>" in zh.text and "从未抓取" in zh.text
    assert "Crawl now" not in zh.text and "never crawled" not in zh.text
    # data stay as they are: names, recorded reasons, the badge's class (the hook tests and CSS use)
    assert "甲市财政局 · 绩效自评" in zh.text and "challenge page (EdgeOne)" in zh.text
    assert '<span class="badge blocked">被拦截</span>' in zh.text and 'data-source="alpha"' in zh.text
    assert "数据源计划 0 3 * * *" in zh.text and "<script>alert" not in zh.text
    assert "set-cookie" not in zh.headers  # nothing chosen: nothing kept

    q = client.get("/selfeval/reports", params={"lang": "zh-CN"})
    assert _lang(q.text) == "zh-CN" and ">报告</h1>" in q.text and "部门整体支出" in q.text
    cookie = q.headers["set-cookie"]
    assert cookie.startswith("selfeval_lang=zh-CN;") and "Path=/selfeval" in cookie and "SameSite=lax" in cookie
    kept = client.get("/selfeval/quarantine", headers={"Accept-Language": "en"})  # the cookie, not the header
    assert _lang(kept.text) == "zh-CN" and 'data-lang-source="cookie"' in kept.text and ">隔离区</h1>" in kept.text
    tw = client.get(f"/selfeval/reports/{warehouse.ids['main']}", params={"lang": "zh-TW"})
    assert _lang(tw.text) == "zh-TW" and "欄位與證據" in tw.text and "支出合计1855.32万元" in tw.text
    client.get("/selfeval/sources", params={"lang": "auto"})
    assert "selfeval_lang" not in client.cookies
    assert _lang(client.get("/selfeval/sources").text) == "en"


def test_airflow_language_cookie_and_every_page_in_chinese(client, warehouse):
    """The cookie app.js writes from Airflow UI's localStorage['i18nextLng']; every page renders in it."""
    client.cookies.set("selfeval_airflow_lang", "zh-CN", path="/selfeval")
    ids = warehouse.ids
    pages = {"/selfeval/sources": "数据源", "/selfeval/sources/beta": "最近一次失败 / 被拦截的运行",
             "/selfeval/reports": "下载 CSV",
             f"/selfeval/reports/{ids['main']}": "字段与证据", f"/selfeval/reports/{ids['main']}/lineage": "数据血缘",
             "/selfeval/quarantine": "未通过的规则"}
    for path, label in pages.items():
        r = client.get(path, headers={"Accept-Language": "en"})
        assert r.status_code == 200 and _lang(r.text) == "zh-CN", path
        assert 'data-lang-source="airflow"' in r.text and label in r.text, path
        catalog = json.loads(re.search(r'<script type="application/json" id="selfeval-i18n">(.*?)</script>',
                                       r.text).group(1))
        assert catalog["lang"] == "zh-CN" and catalog["messages"]["triggering…"] == "正在触发…"
    missing = client.get("/selfeval/reports/424242")
    assert missing.status_code == 404 and "<h1>未找到</h1>" in missing.text
    client.cookies.set("selfeval_airflow_lang", "zh-TW", path="/selfeval")
    assert "資料來源" in client.get("/selfeval/sources").text


def test_crawl_warning_and_relative_times_in_chinese(warehouse):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from selfeval.ui import create_app
    from selfeval.ui.app import _ago
    from selfeval.ui.i18n import Translator
    from selfeval.ui.queries import DagInfo

    root = FastAPI()
    root.mount("/selfeval", create_app(warehouse.url, raw_store=warehouse.raw_dir,
                                       dag_info=lambda: DagInfo(is_paused=True, heartbeat_known=True)))
    with TestClient(root) as c:
        zh = c.get("/selfeval/sources", params={"lang": "zh-CN"}).text
        en = c.get("/selfeval/sources", params={"lang": "en"}).text
    assert "立即抓取：selfeval_crawl DAG 已暂停：触发的运行要等它恢复后才会开始。" in zh
    assert 'data-warning="selfeval_crawl DAG 已暂停' in zh  # what app.js appends after a trigger
    assert "Crawl now: the selfeval_crawl DAG is paused" in en
    now = datetime(2024, 9, 2, 12, 0, tzinfo=UTC)
    zh_tr = Translator("zh-CN")
    assert _ago(now - timedelta(hours=3), now, zh_tr) == "3 小时前" and _ago(now, now, zh_tr) == "刚刚"
    assert _ago(now + timedelta(days=2), now, Translator("zh-TW")) == "2 天後"
    assert _ago(now - timedelta(minutes=5), now) == "5 min ago"


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
def test_chart_text_follows_the_language(lang):
    from selfeval.ui.charts import run_chart
    from selfeval.ui.i18n import Translator

    runs = [{"started_at": datetime(2024, 9, 1, tzinfo=UTC), "items_found": 3, "items_new": 1, "status": "blocked"}]
    svg = str(run_chart(runs, tr=Translator(lang)))
    expected = {"en": "3 found, 1 new", "zh-CN": "发现 3 条，新增 1 条", "zh-TW": "發現 3 筆，新增 1 筆"}[lang]
    assert expected in svg and 'class="run run-blocked"' in svg
    assert {"en": "no runs yet", "zh-CN": "尚无运行", "zh-TW": "尚無執行"}[lang] in str(run_chart([], tr=Translator(lang)))


def test_both_catalogs_have_the_same_messages_and_terms():
    from selfeval.ui import i18n

    assert set(i18n.CATALOGS["zh-CN"]) == set(i18n.CATALOGS["zh-TW"])
    assert set(i18n.TERMS["zh-CN"]) == set(i18n.TERMS["zh-TW"])
    assert set(i18n.JS_MESSAGES) <= set(i18n.CATALOGS["zh-CN"])


def test_default_language_is_selfeval_ui_language(client, monkeypatch):
    """Airflow 3.3 has no setting of its UI language (its UI falls back to English); SELFEVAL_UI_LANGUAGE is the
    plugin's, used when neither the user, Airflow's UI nor the browser names a language it has."""
    from selfeval.ui.i18n import choose

    assert choose(None, None, None, "fr", "zh-CN") == choose(None, None, None, None, "zh_CN")
    assert choose(None, None, None, "fr", "zh-CN").source == "default"
    assert choose(None, None, None, "fr", "de").lang == "en"  # a default the plugin lacks: English
    assert choose(None, None, None, "en", "zh-CN").lang == "en"  # the browser's language comes first
    monkeypatch.setenv("SELFEVAL_UI_LANGUAGE", "zh-CN")
    r = client.get("/selfeval/sources", headers={"Accept-Language": "de"})
    assert _lang(r.text) == "zh-CN" and 'data-lang-source="default"' in r.text and ">数据源</h1>" in r.text
    assert _lang(client.get("/selfeval/sources", headers={"Accept-Language": "en-GB"}).text) == "en"
    monkeypatch.delenv("SELFEVAL_UI_LANGUAGE")
    assert _lang(client.get("/selfeval/sources", headers={"Accept-Language": "de"}).text) == "en"


def _switch(html: str) -> str:
    return re.search(r'<span class="langs" id="lang-switch".*?</span>', html, re.S).group(0)


def test_language_switch_keeps_the_page_and_its_filters(client):
    en = _switch(client.get("/selfeval/reports", params={"status": "warning", "q": "财政"}).text)
    assert '<b lang="en" aria-current="true">English</b>' in en
    assert 'href="?status=warning&amp;q=%E8%B4%A2%E6%94%BF&amp;lang=zh-CN"' in en and ">简体中文</a>" in en
    assert ">繁體中文</a>" in en and 'data-lang="auto"' not in en  # nothing chosen: nothing to forget
    zh = client.get("/selfeval/reports", params={"status": "warning", "lang": "zh-CN"})
    switch = _switch(zh.text)
    assert '<b lang="zh-CN" aria-current="true">简体中文</b>' in switch and 'title="语言"' in switch
    assert 'href="?status=warning&amp;lang=en"' in switch  # the old lang= is replaced, not repeated
    assert 'href="?status=warning&amp;lang=auto" data-lang="auto"' in switch and ">自动</a>" in switch
    assert 'data-lang="auto"' in _switch(client.get("/selfeval/sources").text)  # the kept choice can be forgotten


def _visible(html: str) -> list[str]:
    """The texts a reader sees: text nodes, and the title/placeholder/aria-label attributes (scripts left out, and
    <pre> blocks: machine output shown as it is, JSON and the `selfeval lineage` CLI's tree)."""
    import html as html_lib

    body = re.sub(r"<(script|style|pre)\b.*?</\1>", " ", html, flags=re.S)
    attrs = re.findall(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"', body)
    texts = re.split(r"<[^>]*>", body)
    return [t for t in (html_lib.unescape(x).strip() for x in (*texts, *attrs)) if t]


def _english_patterns() -> list[tuple[str, re.Pattern]]:
    """Each English message (and status word) as a pattern over a whole text: placeholders match anything."""
    from selfeval.ui import i18n

    pats = []
    for msgid in (*i18n.CATALOGS["zh-CN"], *i18n.TERMS["zh-CN"]):
        parts = re.split(r"\{\w+\}", msgid)
        if not any(re.search(r"[A-Za-z]{2,}", p) for p in parts):
            continue  # no English words of its own ("{state}: ", "#{id} of" has one: kept)
        body = r".+?".join(re.escape(p) for p in parts)
        edge = (r"\b" if re.match(r"\w", msgid) else "", r"\b" if re.search(r"\w$", msgid) else "")
        pats.append((msgid, re.compile(edge[0] + body + edge[1])))
    return pats


def test_no_english_label_is_left_in_chinese_pages(client, warehouse, monkeypatch):
    """Every page rendered in zh-CN: no text a reader sees is an English catalog message or status word
    (data such as unit names, recorded errors and URLs excepted), and the Chinese ones are there."""
    from selfeval.model import REPORT_TYPES
    from selfeval.ui import i18n

    ids = warehouse.ids
    paths = ["/selfeval/sources", "/selfeval/sources/alpha", "/selfeval/sources/beta", "/selfeval/reports",
             "/selfeval/reports?status=nothing-matches", f"/selfeval/reports/{ids['main']}",
             f"/selfeval/reports/{ids['main']}/lineage", "/selfeval/quarantine", "/selfeval/reports/424242"]
    patterns = _english_patterns()
    assert len(patterns) > 200
    client.cookies.set("selfeval_lang", "zh-CN", path="/selfeval")
    data_words = {"challenge page"}  # a recorded crawl error: data, never translated
    technical = {"selfeval lineage"}  # a CLI command
    technical |= set(REPORT_TYPES)  # the stored value of the field report_type, in the report's field table
    seen_zh = set()
    for path in paths:
        r = client.get(path)
        assert r.status_code in (200, 404) and _lang(r.text) == "zh-CN", path
        assert "built-in method" not in r.text, path  # `v.values` of a dict is its method: v['values']
        for text in _visible(r.text):
            if any(w in text for w in data_words) or re.fullmatch(r"https?://\S+", text) or text in technical:
                continue
            hits = [m for m, p in patterns if p.search(text) and not _is_data(m, text)]
            assert not hits, (path, text, hits)
        seen_zh |= {v for v in (*i18n.CATALOGS["zh-CN"].values(), *i18n.TERMS["zh-CN"].values())
                    if "{" not in v and v in r.text}
    for label in ("数据源", "报告", "隔离区", "立即抓取", "下载 CSV", "字段与证据", "数据血缘", "未找到", "正常", "被拦截"):
        assert label in seen_zh, label


def _is_data(msgid: str, text: str) -> bool:
    """A code shown as data that contains a one-word message: a rule id (`FY-01`), a field name (`title`)."""
    if " " in msgid.strip() or re.fullmatch(r"[\w.:\-]+", text) is None:
        return False
    return text != msgid


def test_csv_download_keeps_the_english_column_names_and_the_data(client):
    """The v_report columns are a contract: a Chinese UI downloads the same CSV as an English one."""
    import csv
    import io

    from selfeval.ui.queries import V_REPORT

    client.cookies.set("selfeval_lang", "zh-CN", path="/selfeval")
    zh = client.get("/selfeval/reports.csv", params={"lang": "zh-CN"}, headers={"Accept-Language": "zh-CN"})
    client.cookies.clear()
    en = client.get("/selfeval/reports.csv", params={"lang": "en"})
    assert zh.content == en.content
    header = next(csv.reader(io.StringIO(zh.content.decode("utf-8-sig"))))
    assert header == list(V_REPORT.c.keys()) and "department" in header
    assert "甲市财政局" in zh.content.decode("utf-8-sig") or "财政" in zh.content.decode("utf-8-sig")
