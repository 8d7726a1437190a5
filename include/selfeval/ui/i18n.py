"""UI language: English, Simplified Chinese (zh-CN) and Traditional Chinese (zh-TW).

Message ids are the English texts (gettext style, `str.format` placeholders); English needs
no catalog. Templates call the Jinja globals `_()` / `_n()` (plural) / `term()` (status words
such as `blocked` or `quarantined`, whose raw value stays the badge's CSS class); app.js calls
`t()` over `JS_MESSAGES`, sent in the page. Labels made in Python (the crawl warning, the
next-run note) are `Msg`: English text that templates translate. Data values (unit names,
titles, reasons recorded in the warehouse) are never translated.

Which language a page is in (`choose`): `?lang=` (the language switch in the page header; kept in the
`selfeval_lang` cookie, `?lang=auto` forgets it), that cookie, Airflow UI's own language (its i18next
`localStorage['i18nextLng']`, mirrored by app.js into the `selfeval_airflow_lang` cookie), the browser's
Accept-Language, then `SELFEVAL_UI_LANGUAGE` (default `en`). Airflow 3.3 has no server-side setting of
its UI language: its React UI detects localStorage, then the browser (navigator), then falls back to `en`;
this order is the same, with the page's own choice in front and a deployment default at the end.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

LANGUAGES = {"en": "English", "zh-CN": "简体中文", "zh-TW": "繁體中文"}
DEFAULT_LANGUAGE = "en"
QUERY_PARAM = "lang"
LANG_COOKIE = "selfeval_lang"  # an explicit choice (?lang=)
AIRFLOW_LANG_COOKIE = "selfeval_airflow_lang"  # Airflow UI's language, written by app.js
AIRFLOW_STORAGE_KEY = "i18nextLng"  # i18next-browser-languagedetector's default, which Airflow's UI keeps
COOKIE_MAX_AGE = 365 * 86400


class Msg(str):
    """A UI message made outside a template: its English text, and its id and arguments for `_()`."""

    msgid: str
    kwargs: dict[str, Any]

    def __new__(cls, msgid: str, **kwargs: Any) -> Msg:
        obj = super().__new__(cls, msgid.format(**kwargs) if kwargs else msgid)
        obj.msgid, obj.kwargs = msgid, kwargs
        return obj


# --- choosing the language ---------------------------------------------------------------------------

_TRADITIONAL = re.compile(r"^zh-(hant|tw|hk|mo)\b")


def normalize(code: str | None) -> str | None:
    """A supported language for a BCP 47 tag (zh, zh-Hans, zh-SG -> zh-CN; zh-Hant, zh-HK -> zh-TW), else None."""
    tag = (code or "").strip().replace("_", "-").lower()
    if tag == "zh" or tag.startswith("zh-"):
        return "zh-TW" if _TRADITIONAL.match(tag) else "zh-CN"
    if tag == "en" or tag.startswith("en-"):
        return "en"
    return None


def accept_languages(header: str | None) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (q=0 left out)."""
    tags = []
    for i, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            name, _eq, value = p.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag.strip() and q > 0:
            tags.append((-q, i, tag.strip()))
    return [t for _q, _i, t in sorted(tags)]


@dataclass(frozen=True)
class Choice:
    lang: str
    source: str  # query | cookie | airflow | browser | default
    remember: str | None = None  # set LANG_COOKIE to this ("" : delete it)


def choose(query: str | None, cookie: str | None, airflow: str | None, accept: str | None,
           default: str | None = None) -> Choice:
    """The page language, in order: ?lang=, the cookie of that choice, Airflow UI's language, Accept-Language,
    `default` (SELFEVAL_UI_LANGUAGE; English when unset or unsupported)."""
    if query is not None:
        if query.strip().lower() == "auto":
            rest = choose(None, None, airflow, accept, default)
            return Choice(rest.lang, rest.source, remember="")
        if (lang := normalize(query)) is not None:
            return Choice(lang, "query", remember=lang)
    if (lang := normalize(cookie)) is not None:
        return Choice(lang, "cookie")
    if (lang := normalize(airflow)) is not None:
        return Choice(lang, "airflow")
    for tag in accept_languages(accept):
        if (lang := normalize(tag)) is not None:
            return Choice(lang, "browser")
    return Choice(normalize(default) or DEFAULT_LANGUAGE, "default")


# --- translating -------------------------------------------------------------------------------------

class Translator:
    """The messages of one language, as plain text (`gettext`) and as escaped markup for templates (`_`)."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.catalog = CATALOGS.get(self.lang, {})
        self.terms = TERMS.get(self.lang, {})

    def _text(self, msgid: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if isinstance(msgid, Msg):
            kwargs = {**msgid.kwargs, **kwargs}
            msgid = msgid.msgid
        return self.catalog.get(msgid, msgid), kwargs

    def gettext(self, msgid: str, **kwargs: Any) -> str:
        text, kwargs = self._text(msgid, kwargs)
        return text.format(**kwargs) if kwargs else text

    def ngettext(self, singular: str, plural: str, n: int, **kwargs: Any) -> str:
        return self.gettext(singular if n == 1 else plural, n=n, **kwargs)

    def term(self, word: Any) -> str:
        return self.terms.get(word, word) if isinstance(word, str) else word

    # Template versions: the message escaped, arguments escaped unless they are Markup already.
    def markup(self, msgid: str, **kwargs: Any) -> Markup:
        text, kwargs = self._text(msgid, kwargs)
        return Markup(escape(text)).format(**kwargs) if kwargs else Markup(escape(text))

    def nmarkup(self, singular: str, plural: str, n: int, **kwargs: Any) -> Markup:
        return self.markup(singular if n == 1 else plural, n=n, **kwargs)

    def maybe(self, value: Any) -> Any:
        """A `Msg` translated, anything else (data) as it is."""
        return self.markup(value) if isinstance(value, Msg) else value

    def js_catalog(self) -> Markup:
        """What app.js needs, as JSON safe inside <script type="application/json">."""
        data = {"lang": self.lang, "messages": {k: self.gettext(k) for k in JS_MESSAGES},
                "terms": {k: self.term(k) for k in JS_TERMS}}
        text = json.dumps(data, ensure_ascii=False)
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# Messages app.js shows (`t("...")` there; a test keeps this list and app.js in step).
JS_MESSAGES = ("triggering…", "failed ({status}): {detail}", "failed: {error}", "{state}: ", "but {warning}")
JS_TERMS = ("queued", "running", "success", "failed")


# --- catalogs ----------------------------------------------------------------------------------------

# Status words and codes shown as labels (badges, filter options); the English text is the code itself.
TERMS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "ok": "正常",
        "new": "新",
        "warning": "警告",
        "blocked": "被拦截",
        "failing": "持续失败",
        "disabled": "已停用",
        "running": "运行中",
        "success": "成功",
        "failed": "失败",
        "queued": "排队中",
        "valid": "有效",
        "quarantined": "已隔离",
        "current": "当前",
        "superseded": "已被取代",
        "passed": "通过",
        "skipped": "跳过",
        "error": "错误",
        "scheduled": "已排期",
        "paused": "已暂停",
        "due now": "即将运行",
        "estimated": "预估",
        "not scheduled": "未排期",
        "department_overall": "部门整体支出",
        "project": "项目支出",
        "self_eval_table": "自评表",
        "other": "其他",
    },
    "zh-TW": {
        "ok": "正常",
        "new": "新",
        "warning": "警告",
        "blocked": "被攔截",
        "failing": "持續失敗",
        "disabled": "已停用",
        "running": "執行中",
        "success": "成功",
        "failed": "失敗",
        "queued": "排隊中",
        "valid": "有效",
        "quarantined": "已隔離",
        "current": "目前",
        "superseded": "已被取代",
        "passed": "通過",
        "skipped": "略過",
        "error": "錯誤",
        "scheduled": "已排程",
        "paused": "已暫停",
        "due now": "即將執行",
        "estimated": "預估",
        "not scheduled": "未排程",
        "department_overall": "部門整體支出",
        "project": "項目支出",
        "self_eval_table": "自評表",
        "other": "其他",
    },
}

# Every message of the templates, app.js and the UI's Python code, by its English text
# (tests/plugin/test_i18n.py finds them all and checks that each catalog has each).
CATALOGS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "Language": "语言",
        "Follow the language of Airflow, else of the browser": "跟随 Airflow 的语言，否则跟随浏览器",
        "Auto": "自动",
        "in {n} d": "{n} 天后",
        "{n} d ago": "{n} 天前",
        "in {n} h": "{n} 小时后",
        "{n} h ago": "{n} 小时前",
        "in {n} min": "{n} 分钟后",
        "{n} min ago": "{n} 分钟前",
        "in <1 min": "1 分钟内",
        "just now": "刚刚",
        "Not found": "未找到",
        "Nothing in the warehouse for {what}.": "数据仓库中没有 {what}。",
        "The warehouse query failed: {error}.": "数据仓库查询失败：{error}。",
        "The warehouse has no schema yet: run the selfeval_crawl DAG (or `selfeval` CLI) once.": "数据仓库尚无表结构：请先运行一次 selfeval_crawl DAG（或 `selfeval` 命令行）。",
        "Warehouse unavailable": "数据仓库不可用",
        "no runs yet": "尚无运行",
        "{found} found, {new} new": "发现 {found} 条，新增 {new} 条",
        "Items found per crawl run, last {n} run: max {peak}, {new} new in total": "每次抓取发现的条目，最近 {n} 次运行：最多 {peak} 条，共新增 {new} 条",
        "Items found per crawl run, last {n} runs: max {peak}, {new} new in total": "每次抓取发现的条目，最近 {n} 次运行：最多 {peak} 条，共新增 {new} 条",
        "the {dag_id} DAG is paused: a triggered run waits until it is unpaused": "{dag_id} DAG 已暂停：触发的运行要等它恢复后才会开始",
        "no scheduler is running: a triggered run is queued but will not start": "没有正在运行的调度器：触发的运行会排队，但不会开始",
        "no scheduler heartbeat since {since} UTC: a triggered run may not start": "自 {since} UTC 起没有调度器心跳：触发的运行可能不会开始",
        "enabled: false in the source registry": "数据源注册表中为 enabled: false",
        "@once source, already crawled": "@once 数据源，已抓取过",
        "source schedule {schedule}; DAG schedule unknown": "数据源计划 {schedule}；DAG 计划未知",
        "source schedule {schedule}; DAG has no next run": "数据源计划 {schedule}；DAG 没有下次运行",
        "source schedule {schedule}; DAG {dag_id} is paused": "数据源计划 {schedule}；DAG {dag_id} 已暂停",
        "source schedule {schedule}": "数据源计划 {schedule}",
        "never crawled": "从未抓取",
        "triggering…": "正在触发…",
        "failed ({status}): {detail}": "失败（{status}）：{detail}",
        "{state}: ": "{state}：",
        "but {warning}": "但{warning}",
        "failed: {error}": "失败：{error}",
        "Sources": "数据源",
        "Reports": "报告",
        "Quarantine": "隔离区",
        "warehouse {url} · rendered {at}": "数据仓库 {url} · 生成于 {at}",
        "Lineage of report {id}": "报告 {id} 的数据血缘",
        "Report {id}": "报告 {id}",
        "Lineage": "数据血缘",
        "From the report row back to the Airflow run that found its document.": "从报告记录一路追溯到发现其文档的 Airflow 运行。",
        "Report": "报告",
        "(untitled)": "（无标题）",
        "FY {year}": "{year}年度",
        "loaded by {run} · {task} · batch {batch} · {at} · extractor {version}": "由 {run} 加载 · {task} · 批次 {batch} · {at} · 提取器 {version}",
        "Evidence": "证据",
        "Field": "字段",
        "Page": "页码",
        "Span": "字符范围",
        "Snippet": "摘录",
        "no evidence rows": "没有证据记录",
        "Document version": "文档版本",
        "unknown type": "未知类型",
        "fetched {at}": "抓取于 {at}",
        "Download": "下载",
        "fetch #{id}": "抓取 #{id}",
        "no response": "无响应",
        "Web page": "网页",
        "discovered item {id}": "发现的条目 {id}",
        "List page": "列表页",
        "Crawl run": "抓取运行",
        "#{id} of {source}": "{source} 的 #{id}",
        "{found} items found, {new} new": "发现 {found} 条，新增 {new} 条",
        "DAG run": "DAG 运行",
        "Open the run in Airflow": "在 Airflow 中打开此运行",
        "As text ({command})": "纯文本（{command}）",
        "{n} field": "{n} 个字段",
        "{n} fields": "{n} 个字段",
        "Open original": "打开原文",
        "Crawl now: {why}.": "立即抓取：{why}。",
        "task {task} · try {n} (log)": "任务 {task} · 第 {n} 次尝试（日志）",
        "task {task} · try {n}": "任务 {task} · 第 {n} 次尝试",
        "{n} char": "{n} 个字符",
        "{n} chars": "{n} 个字符",
        "Current reports that failed an error-severity rule ({view}): {n}.": "未通过错误级规则的当前报告（{view}）：{n} 份。",
        "Title": "标题",
        "Department": "部门",
        "FY": "年度",
        "Failed rules": "未通过的规则",
        "Loaded": "入库时间",
        "document": "文档",
        "lineage": "血缘",
        "values": "数值",
        "Nothing is quarantined.": "没有被隔离的报告。",
        "report {id}": "报告 {id}",
        "Original document": "原始文档",
        "File": "文件",
        "Document URL": "文档网址",
        "Found on": "发现于",
        "Source": "数据源",
        "published {date}": "发布于 {date}",
        "Extraction": "提取",
        "classified {type}": "分类为 {type}",
        "{at} by {run}": "{at}，由 {run}",
        "{task} try {n}": "{task} 第 {n} 次尝试",
        "extractor {version}": "提取器 {version}",
        "Fields and evidence": "字段与证据",
        "Value": "值",
        "chars {start}–{end}": "字符 {start}–{end}",
        "cell {cell}": "单元格 {cell}",
        "no evidence": "无证据",
        "Validation": "校验",
        "{failed} failed · {passed} passed · {skipped} skipped": "{failed} 条未通过 · {passed} 条通过 · {skipped} 条跳过",
        "Rule": "规则",
        "Severity": "严重级别",
        "Result": "结果",
        "Message": "说明",
        "No rule failed.": "没有未通过的规则。",
        "{passed} passed · {skipped} skipped": "{passed} 条通过 · {skipped} 条跳过",
        "Indicators": "绩效指标",
        "Level-1 indicator": "一级指标",
        "Level-2 indicator": "二级指标",
        "Level-3 indicator": "三级指标",
        "Target": "目标值",
        "Actual": "实际值",
        "Weight": "权重",
        "Score": "得分",
        "Version history": "版本历史",
        "other rows of {table} for the same document, or the same department and fiscal year": "{table} 表中同一文档、或同一部门同一年度的其他记录",
        "Relation": "关系",
        "Status": "状态",
        "Extractor": "提取器",
        "Fetched": "抓取时间",
        "Valid": "有效期",
        "part {n}": "第 {n} 部分",
        "same document": "同一文档",
        "same department + year": "同一部门 + 年度",
        "No other version of this report.": "此报告没有其他版本。",
        "Other extraction facts ({column})": "其他提取信息（{column}）",
        "{n} page": "{n} 页",
        "{n} pages": "{n} 页",
        "{n} row": "{n} 行",
        "{n} rows": "{n} 行",
        "Current reports ({view}): {n} match.": "当前报告（{view}）：{n} 份符合。",
        "Search": "搜索",
        "title, department, county…": "标题、部门、县…",
        "Province": "省份",
        "all": "全部",
        "Fiscal year": "年度",
        "Type": "类型",
        "Per page": "每页",
        "Filter": "筛选",
        "Reset": "重置",
        "Download CSV": "下载 CSV",
        "Region": "地区",
        "Expenditure ({unit})": "支出（{unit}）",
        "{first}–{last} of {total} · page {page} / {pages}": "第 {first}–{last} 条，共 {total} 条 · 第 {page} / {pages} 页",
        "« First": "« 首页",
        "‹ Prev": "‹ 上一页",
        "Next ›": "下一页 ›",
        "Last »": "末页 »",
        "No report matches these filters.": "没有符合这些筛选条件的报告。",
        "schedule {schedule}": "计划 {schedule}",
        "no detail recorded": "未记录详情",
        "Last success": "上次成功",
        "Next run": "下次运行",
        "Runs": "运行次数",
        "{n} failed / blocked": "{n} 次失败 / 被拦截",
        "Items seen": "见到的条目",
        "{n} failed": "{n} 条失败",
        "Documents": "文档",
        "Items found per run": "每次运行发现的条目",
        "Crawl now": "立即抓取",
        "disabled in the source registry: not crawled": "已在数据源注册表中停用：不抓取",
        "Last failed / blocked run": "最近一次失败 / 被拦截的运行",
        "Run": "运行",
        "Error": "错误",
        "Crawl runs": "抓取运行",
        "Started": "开始时间",
        "Duration": "耗时",
        "Pages": "页面数",
        "Items": "条目",
        "New": "新增",
        "Airflow run": "Airflow 运行",
        "try {n}": "第 {n} 次尝试",
        "Configuration as of the last crawl": "最近一次抓取时的配置",
        "{n} report": "{n} 份报告",
        "{n} reports": "{n} 份报告",
        "One row per configured portal: crawl health from the warehouse, next run from the {dag} DAG{schedule}.": "每个已配置的门户网站一行：抓取健康状况来自数据仓库，下次运行来自 {dag} DAG{schedule}。",
        "Healthy": "正常",
        "Blocked / failing": "被拦截 / 持续失败",
        "Current reports": "当前报告",
        "Crawl health": "抓取健康状况",
        "items found": "发现条目",
        "new": "新增",
        "failed": "失败",
        "blocked": "被拦截",
        "Last successful crawl": "上次成功抓取",
        "Docs": "文档",
        "Next scheduled run": "下次计划运行",
        "not in the source registry": "不在数据源注册表中",
        "last {status} {ago}": "最近一次{status}：{ago}",
        "newest item {date}": "最新条目 {date}",
        "never": "从未",
        ", {n} failed/blocked": "，{n} 次失败/被拦截",
        "{n} quarantined": "{n} 份已隔离",
        "not in the source registry: the DAG cannot crawl it": "不在数据源注册表中：DAG 无法抓取它",
        "trigger in Airflow": "在 Airflow 中触发",
        "disabled: not crawled": "已停用：不抓取",
        "run {id}": "运行 {id}",
        "No sources yet: run the {dag} DAG once.": "尚无数据源：请先运行一次 {dag} DAG。",
        "{n} run": "{n} 次运行",
        "{n} runs": "{n} 次运行",
        "{n} item": "{n} 个条目",
        "{n} items": "{n} 个条目",
    },
    "zh-TW": {
        "Language": "語言",
        "Follow the language of Airflow, else of the browser": "跟隨 Airflow 的語言，否則跟隨瀏覽器",
        "Auto": "自動",
        "in {n} d": "{n} 天後",
        "{n} d ago": "{n} 天前",
        "in {n} h": "{n} 小時後",
        "{n} h ago": "{n} 小時前",
        "in {n} min": "{n} 分鐘後",
        "{n} min ago": "{n} 分鐘前",
        "in <1 min": "1 分鐘內",
        "just now": "剛剛",
        "Not found": "找不到",
        "Nothing in the warehouse for {what}.": "資料倉儲中沒有 {what}。",
        "The warehouse query failed: {error}.": "資料倉儲查詢失敗：{error}。",
        "The warehouse has no schema yet: run the selfeval_crawl DAG (or `selfeval` CLI) once.": "資料倉儲尚無資料表結構：請先執行一次 selfeval_crawl DAG（或 `selfeval` 命令列）。",
        "Warehouse unavailable": "資料倉儲無法使用",
        "no runs yet": "尚無執行",
        "{found} found, {new} new": "發現 {found} 筆，新增 {new} 筆",
        "Items found per crawl run, last {n} run: max {peak}, {new} new in total": "每次抓取發現的項目，最近 {n} 次執行：最多 {peak} 筆，共新增 {new} 筆",
        "Items found per crawl run, last {n} runs: max {peak}, {new} new in total": "每次抓取發現的項目，最近 {n} 次執行：最多 {peak} 筆，共新增 {new} 筆",
        "the {dag_id} DAG is paused: a triggered run waits until it is unpaused": "{dag_id} DAG 已暫停：觸發的執行要等它恢復後才會開始",
        "no scheduler is running: a triggered run is queued but will not start": "沒有正在執行的排程器：觸發的執行會排入佇列，但不會開始",
        "no scheduler heartbeat since {since} UTC: a triggered run may not start": "自 {since} UTC 起沒有排程器心跳：觸發的執行可能不會開始",
        "enabled: false in the source registry": "資料來源登錄檔中為 enabled: false",
        "@once source, already crawled": "@once 資料來源，已抓取過",
        "source schedule {schedule}; DAG schedule unknown": "資料來源排程 {schedule}；DAG 排程未知",
        "source schedule {schedule}; DAG has no next run": "資料來源排程 {schedule}；DAG 沒有下次執行",
        "source schedule {schedule}; DAG {dag_id} is paused": "資料來源排程 {schedule}；DAG {dag_id} 已暫停",
        "source schedule {schedule}": "資料來源排程 {schedule}",
        "never crawled": "從未抓取",
        "triggering…": "正在觸發…",
        "failed ({status}): {detail}": "失敗（{status}）：{detail}",
        "{state}: ": "{state}：",
        "but {warning}": "但{warning}",
        "failed: {error}": "失敗：{error}",
        "Sources": "資料來源",
        "Reports": "報告",
        "Quarantine": "隔離區",
        "warehouse {url} · rendered {at}": "資料倉儲 {url} · 產生於 {at}",
        "Lineage of report {id}": "報告 {id} 的資料血緣",
        "Report {id}": "報告 {id}",
        "Lineage": "資料血緣",
        "From the report row back to the Airflow run that found its document.": "從報告記錄一路追溯到發現其文件的 Airflow 執行。",
        "Report": "報告",
        "(untitled)": "（無標題）",
        "FY {year}": "{year}年度",
        "loaded by {run} · {task} · batch {batch} · {at} · extractor {version}": "由 {run} 載入 · {task} · 批次 {batch} · {at} · 擷取器 {version}",
        "Evidence": "證據",
        "Field": "欄位",
        "Page": "頁碼",
        "Span": "字元範圍",
        "Snippet": "摘錄",
        "no evidence rows": "沒有證據記錄",
        "Document version": "文件版本",
        "unknown type": "未知類型",
        "fetched {at}": "抓取於 {at}",
        "Download": "下載",
        "fetch #{id}": "抓取 #{id}",
        "no response": "無回應",
        "Web page": "網頁",
        "discovered item {id}": "發現的項目 {id}",
        "List page": "列表頁",
        "Crawl run": "抓取執行",
        "#{id} of {source}": "{source} 的 #{id}",
        "{found} items found, {new} new": "發現 {found} 筆，新增 {new} 筆",
        "DAG run": "DAG 執行",
        "Open the run in Airflow": "在 Airflow 中開啟此執行",
        "As text ({command})": "純文字（{command}）",
        "{n} field": "{n} 個欄位",
        "{n} fields": "{n} 個欄位",
        "Open original": "開啟原文",
        "Crawl now: {why}.": "立即抓取：{why}。",
        "task {task} · try {n} (log)": "任務 {task} · 第 {n} 次嘗試（日誌）",
        "task {task} · try {n}": "任務 {task} · 第 {n} 次嘗試",
        "{n} char": "{n} 個字元",
        "{n} chars": "{n} 個字元",
        "Current reports that failed an error-severity rule ({view}): {n}.": "未通過錯誤級規則的目前報告（{view}）：{n} 份。",
        "Title": "標題",
        "Department": "部門",
        "FY": "年度",
        "Failed rules": "未通過的規則",
        "Loaded": "入庫時間",
        "document": "文件",
        "lineage": "血緣",
        "values": "數值",
        "Nothing is quarantined.": "沒有被隔離的報告。",
        "report {id}": "報告 {id}",
        "Original document": "原始文件",
        "File": "檔案",
        "Document URL": "文件網址",
        "Found on": "發現於",
        "Source": "資料來源",
        "published {date}": "發布於 {date}",
        "Extraction": "擷取",
        "classified {type}": "分類為 {type}",
        "{at} by {run}": "{at}，由 {run}",
        "{task} try {n}": "{task} 第 {n} 次嘗試",
        "extractor {version}": "擷取器 {version}",
        "Fields and evidence": "欄位與證據",
        "Value": "值",
        "chars {start}–{end}": "字元 {start}–{end}",
        "cell {cell}": "儲存格 {cell}",
        "no evidence": "無證據",
        "Validation": "驗證",
        "{failed} failed · {passed} passed · {skipped} skipped": "{failed} 條未通過 · {passed} 條通過 · {skipped} 條略過",
        "Rule": "規則",
        "Severity": "嚴重程度",
        "Result": "結果",
        "Message": "訊息",
        "No rule failed.": "沒有未通過的規則。",
        "{passed} passed · {skipped} skipped": "{passed} 條通過 · {skipped} 條略過",
        "Indicators": "績效指標",
        "Level-1 indicator": "一級指標",
        "Level-2 indicator": "二級指標",
        "Level-3 indicator": "三級指標",
        "Target": "目標值",
        "Actual": "實際值",
        "Weight": "權重",
        "Score": "得分",
        "Version history": "版本歷史",
        "other rows of {table} for the same document, or the same department and fiscal year": "{table} 表中同一文件、或同一部門同一年度的其他記錄",
        "Relation": "關係",
        "Status": "狀態",
        "Extractor": "擷取器",
        "Fetched": "抓取時間",
        "Valid": "有效期間",
        "part {n}": "第 {n} 部分",
        "same document": "同一文件",
        "same department + year": "同一部門 + 年度",
        "No other version of this report.": "此報告沒有其他版本。",
        "Other extraction facts ({column})": "其他擷取資訊（{column}）",
        "{n} page": "{n} 頁",
        "{n} pages": "{n} 頁",
        "{n} row": "{n} 列",
        "{n} rows": "{n} 列",
        "Current reports ({view}): {n} match.": "目前報告（{view}）：{n} 份符合。",
        "Search": "搜尋",
        "title, department, county…": "標題、部門、縣…",
        "Province": "省份",
        "all": "全部",
        "Fiscal year": "年度",
        "Type": "類型",
        "Per page": "每頁",
        "Filter": "篩選",
        "Reset": "重設",
        "Download CSV": "下載 CSV",
        "Region": "地區",
        "Expenditure ({unit})": "支出（{unit}）",
        "{first}–{last} of {total} · page {page} / {pages}": "第 {first}–{last} 筆，共 {total} 筆 · 第 {page} / {pages} 頁",
        "« First": "« 第一頁",
        "‹ Prev": "‹ 上一頁",
        "Next ›": "下一頁 ›",
        "Last »": "最後一頁 »",
        "No report matches these filters.": "沒有符合這些篩選條件的報告。",
        "schedule {schedule}": "排程 {schedule}",
        "no detail recorded": "未記錄詳細資訊",
        "Last success": "上次成功",
        "Next run": "下次執行",
        "Runs": "執行次數",
        "{n} failed / blocked": "{n} 次失敗 / 被攔截",
        "Items seen": "見到的項目",
        "{n} failed": "{n} 筆失敗",
        "Documents": "文件",
        "Items found per run": "每次執行發現的項目",
        "Crawl now": "立即抓取",
        "disabled in the source registry: not crawled": "已在資料來源登錄檔中停用：不抓取",
        "Last failed / blocked run": "最近一次失敗 / 被攔截的執行",
        "Run": "執行",
        "Error": "錯誤",
        "Crawl runs": "抓取執行",
        "Started": "開始時間",
        "Duration": "耗時",
        "Pages": "頁面數",
        "Items": "項目",
        "New": "新增",
        "Airflow run": "Airflow 執行",
        "try {n}": "第 {n} 次嘗試",
        "Configuration as of the last crawl": "最近一次抓取時的設定",
        "{n} report": "{n} 份報告",
        "{n} reports": "{n} 份報告",
        "One row per configured portal: crawl health from the warehouse, next run from the {dag} DAG{schedule}.": "每個已設定的入口網站一列：抓取健康狀況來自資料倉儲，下次執行來自 {dag} DAG{schedule}。",
        "Healthy": "正常",
        "Blocked / failing": "被攔截 / 持續失敗",
        "Current reports": "目前報告",
        "Crawl health": "抓取健康狀況",
        "items found": "發現項目",
        "new": "新增",
        "failed": "失敗",
        "blocked": "被攔截",
        "Last successful crawl": "上次成功抓取",
        "Docs": "文件",
        "Next scheduled run": "下次排程執行",
        "not in the source registry": "不在資料來源登錄檔中",
        "last {status} {ago}": "最近一次{status}：{ago}",
        "newest item {date}": "最新項目 {date}",
        "never": "從未",
        ", {n} failed/blocked": "，{n} 次失敗/被攔截",
        "{n} quarantined": "{n} 份已隔離",
        "not in the source registry: the DAG cannot crawl it": "不在資料來源登錄檔中：DAG 無法抓取它",
        "trigger in Airflow": "在 Airflow 中觸發",
        "disabled: not crawled": "已停用：不抓取",
        "run {id}": "執行 {id}",
        "No sources yet: run the {dag} DAG once.": "尚無資料來源：請先執行一次 {dag} DAG。",
        "{n} run": "{n} 次執行",
        "{n} runs": "{n} 次執行",
        "{n} item": "{n} 個項目",
        "{n} items": "{n} 個項目",
    },
}
