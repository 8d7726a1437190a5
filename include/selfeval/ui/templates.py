"""Jinja2 templates of the UI pages (kept in code so the package needs no data files).

Autoescaping is on for every template: crawled titles, snippets, URLs and error
texts are untrusted and are only ever rendered escaped.
"""

from __future__ import annotations

BASE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>{% block title %}{% endblock %} · selfeval</title>
<link rel="icon" href="{{ base }}/static/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{{ base }}/static/ui.css">
<script src="{{ base }}/static/ui.js" defer></script>
</head>
<body data-page="{{ active }}">
<header class="top">
  <a class="brand" href="{{ base }}/sources">{{ icon }}<span>绩效自评 · selfeval</span></a>
  <nav>
    <a href="{{ base }}/sources" class="{{ 'active' if active == 'sources' }}">Sources</a>
    <a href="{{ base }}/reports" class="{{ 'active' if active == 'reports' }}">Reports</a>
    <a href="{{ base }}/quarantine" class="{{ 'active' if active == 'quarantine' }}">Quarantine</a>
  </nav>
  <span class="spacer"></span>
  <a class="env" href="{{ links.airflow_home() }}" data-airflow target="_top">Airflow ↗</a>
</header>
<main>
{% block content %}{% endblock %}
</main>
<footer>warehouse <span class="mono">{{ warehouse }}</span> · rendered {{ now|dt }}</footer>
</body>
</html>
"""

MACROS = """
{% macro badge(value) -%}
<span class="badge {{ value }}">{{ value }}</span>
{%- endmacro %}
{% macro run_link(dag_id, run_id) -%}
{%- if dag_id and dag_id != 'cli' -%}
<a href="{{ links.run(dag_id, run_id) }}" data-airflow target="_top" class="mono">{{ dag_id }} / {{ run_id }}</a>
{%- else -%}
<span class="mono">{{ dag_id }} / {{ run_id }}</span>
{%- endif -%}
{%- endmacro %}
{% macro ext(url, text=None) -%}
{%- if url and (url|lower).startswith(('http://', 'https://')) -%}
<a href="{{ url }}" target="_blank" rel="noopener noreferrer nofollow" class="small">{{ text or url }}</a>
{%- else -%}<span class="small">{{ text or url }}</span>{%- endif -%}
{%- endmacro %}
{% macro snippet(text, limit=200) -%}
{%- if text|length > limit -%}
<details class="long"><summary><span class="snippet">{{ text[:limit] }}…</span> <span class="small muted">{{ text|length }} chars</span></summary><span class="snippet">{{ text }}</span></details>
{%- else -%}<span class="snippet">{{ text }}</span>{%- endif -%}
{%- endmacro %}
{% macro doc_links(sha, file_name) -%}
<a class="btn" href="{{ links.raw(sha) }}" target="_blank" rel="noopener">Open original</a>
<a class="btn" href="{{ links.raw(sha, download=True) }}" download="{{ file_name }}">Download</a>
{%- endmacro %}
"""

SOURCES = """{% extends "base.html" %}{% from "macros.html" import badge, run_link, ext with context %}
{% block title %}Sources{% endblock %}
{% block content %}
<h1>Sources</h1>
<p class="sub">One row per configured portal: crawl health from the warehouse, next run from the
<a href="{{ links.dag(dag.dag_id) }}" data-airflow target="_top">{{ dag.dag_id }}</a> DAG
{%- if dag.schedule %} ({{ dag.schedule }}{% if dag.is_paused %}, <b>paused</b>{% endif %}){% endif %}.</p>
<div class="kpis">
  <div class="kpi"><div class="l">Sources</div><div class="v">{{ sources|length }}</div></div>
  <div class="kpi"><div class="l">Healthy</div><div class="v">{{ sources|selectattr('status', 'equalto', 'ok')|list|length }}</div></div>
  <div class="kpi"><div class="l">Blocked / failing</div><div class="v">{{ sources|selectattr('status', 'in', ['blocked', 'failing'])|list|length }}</div></div>
  <div class="kpi"><div class="l">Documents</div><div class="v">{{ sources|sum(attribute='documents') }}</div></div>
  <div class="kpi"><div class="l">Current reports</div><div class="v">{{ sources|sum(attribute='reports') }}</div></div>
</div>
<div class="card">
  <div class="card-head"><h2>Crawl health</h2>
    <div class="right legend"><span><i style="background:#93c5fd"></i>items found</span><span><i style="background:#2563eb"></i>new</span>
    <span><i style="background:#dc2626"></i>failed</span><span><i style="background:#d97706"></i>blocked</span></div></div>
  {% if sources %}
  <table class="grid" id="sources">
    <thead><tr><th>Source</th><th>Status</th><th>Last successful crawl</th><th>Items found per run</th>
      <th class="num">Docs</th><th class="num">Reports</th><th>Next scheduled run</th><th></th></tr></thead>
    <tbody>
    {% for s in sources %}
    {% set problem = s.status in ('blocked', 'failing') %}
    <tr data-source="{{ s.id }}"{{ ' class="has-problem"'|safe if problem }}>
      <td class="title"><a href="{{ base }}/sources/{{ s.id|urlencode }}"><b>{{ s.name }}</b></a>
        <div class="small muted"><span class="mono">{{ s.id }}</span> · {{ s.family }}{% if s.region %} · {{ s.region }}{% endif %}</div>
        {% if not s.in_registry %}<div class="small muted">not in the source registry</div>{% endif %}</td>
      <td>{{ badge(s.status) }}
        {% if s.status == 'new' %}<div class="small muted">{{ s.status_detail }}</div>
        {% elif not problem and s.last_problem %}<div class="small muted">last {{ s.last_problem.status }} {{ s.last_problem.started_at|ago }}</div>{% endif %}
        {% if not s.enabled %}<div>{{ badge('disabled') }}</div>{% endif %}
      </td>
      <td>{% if s.last_success_at %}<span class="nowrap">{{ s.last_success_at|dt }}</span><div class="small muted">{{ s.last_success_at|ago }}{% if s.watermark_date %} · newest item {{ s.watermark_date }}{% endif %}</div>{% else %}<span class="muted">never</span>{% endif %}</td>
      <td>{{ chart(s.runs) }}<div class="small muted">{{ s.crawl_runs }} run{{ 's' if s.crawl_runs != 1 }}{% if s.failed_runs %}, {{ s.failed_runs }} failed/blocked{% endif %} · {{ s.items_found }} items</div></td>
      <td class="num">{{ s.documents }}</td>
      <td class="num">{{ s.reports }}{% if s.quarantined %}<div class="small"><a href="{{ base }}/quarantine">{{ s.quarantined }} quarantined</a></div>{% endif %}</td>
      <td class="next-run">{% if s.next_run.at %}<span class="nowrap">{{ s.next_run.at|dt }}</span><div class="small muted nowrap">{{ s.next_run.at|ago }} · {{ badge(s.next_run.label) }}</div>{% else %}{{ badge(s.next_run.label) }}{% endif %}
        <div class="small muted">{{ s.next_run.detail }}</div></td>
      <td class="nowrap">
        <button class="btn primary" type="button" data-trigger data-source="{{ s.id }}" data-result="trig-{{ loop.index }}"{{ ' disabled' if not s.in_registry }}
          data-endpoint="{{ links.trigger_endpoint(dag.dag_id) }}" data-run-base="{{ links.run(dag.dag_id, '') }}"
          title="{{ 'not in the source registry: the DAG cannot crawl it' if not s.in_registry else 'POST /api/v2/dags/' ~ dag.dag_id ~ '/dagRuns conf=' ~ ({'source_id': s.id, 'force': True}|pretty(compact=True)) }}">Crawl now</button>
        <span class="trigger-result" id="trig-{{ loop.index }}"></span>
        <noscript><a class="small" href="{{ links.dag(dag.dag_id) }}">trigger in Airflow</a></noscript>
      </td>
    </tr>
    {% if problem %}
    <tr class="problem" data-evidence-for="{{ s.id }}"><td colspan="8">
      <div class="evidence{{ ' bad' if s.status == 'failing' }}"><b>{{ s.status }}:</b> {{ s.status_detail or 'no detail recorded' }}
      {% if s.last_problem %}
        <div class="muted">run {{ s.last_problem.id }} · {{ s.last_problem.started_at|dt }} · {{ run_link(s.last_problem.dag_id, s.last_problem.dag_run_id) }} try {{ s.last_problem.try_number }}
        {%- if s.last_problem.error and s.last_problem.error != s.status_detail %} · {{ s.last_problem.error|truncate(300) }}{% endif %}</div>
        {% for f in s.last_problem.fetches[:3] %}<div class="muted">{{ f.purpose }} {{ f.url }} → {{ f.status_code or 'no response' }}: {{ f.error }}</div>{% endfor %}
      {% endif %}</div>
    </td></tr>
    {% endif %}
    {% endfor %}
    </tbody>
  </table>
  {% else %}<div class="empty">No sources yet: run the <b>{{ dag.dag_id }}</b> DAG once.</div>{% endif %}
</div>
{% endblock %}
"""

SOURCE = """{% extends "base.html" %}{% from "macros.html" import badge, run_link, ext with context %}
{% block title %}{{ s.name }}{% endblock %}
{% block content %}
<p class="small"><a href="{{ base }}/sources">← Sources</a></p>
<h1>{{ s.name }} {{ badge(s.status) }}</h1>
<p class="sub"><span class="mono">{{ s.id }}</span> · {{ s.family }}{% if s.region %} · {{ s.region }}{% endif %} · schedule {{ s.schedule }}
 · <a href="{{ base }}/reports?source={{ s.id|urlencode }}">{{ s.reports }} reports</a></p>
{% if s.status in ('blocked', 'failing') %}<div class="notice bad"><b>{{ s.status }}</b>: {{ s.status_detail or 'no detail recorded' }}</div>{% endif %}
<div class="kpis">
  <div class="kpi"><div class="l">Last success</div><div class="v small">{{ s.last_success_at|dt }}</div><div class="small muted">{{ s.last_success_at|ago }}</div></div>
  <div class="kpi"><div class="l">Next run</div><div class="v small">{{ s.next_run.at|dt if s.next_run.at else s.next_run.label }}</div><div class="small muted">{{ s.next_run.detail }}</div></div>
  <div class="kpi"><div class="l">Runs</div><div class="v">{{ s.crawl_runs }}</div><div class="small muted">{{ s.failed_runs }} failed / blocked</div></div>
  <div class="kpi"><div class="l">Items seen</div><div class="v">{{ s.items_found }}</div><div class="small muted">{{ s.items_failed }} failed</div></div>
  <div class="kpi"><div class="l">Documents</div><div class="v">{{ s.documents }}</div></div>
</div>
<div class="card"><div class="card-head"><h2>Items found per run</h2><div class="right">
  <button class="btn primary" type="button" data-trigger data-source="{{ s.id }}" data-result="trig-1"
   data-endpoint="{{ links.trigger_endpoint(dag.dag_id) }}" data-run-base="{{ links.run(dag.dag_id, '') }}">Crawl now</button>
  <span class="trigger-result" id="trig-1"></span></div></div>
  <div class="card-body">{{ chart(s.all_runs|reverse|list, width=960, height=150, axis=True, min_slots=30) }}</div></div>
{% if s.last_problem %}
<div class="card"><div class="card-head"><h2>Last failed / blocked run</h2><span class="right">{{ badge(s.last_problem.status) }}</span></div>
  <div class="card-body"><table class="kv">
    <tr><th>Run</th><td>{{ s.last_problem.id }} · {{ s.last_problem.started_at|dt }} · {{ run_link(s.last_problem.dag_id, s.last_problem.dag_run_id) }}</td></tr>
    <tr><th>Error</th><td>{{ s.last_problem.error or '—' }}</td></tr>
    {% for f in s.last_problem.fetches %}<tr><th>{{ f.purpose }} {{ f.status_code or '' }}</th><td>{{ ext(f.url) }}<div class="evidence">{{ f.error }}</div></td></tr>{% endfor %}
  </table></div></div>
{% endif %}
<div class="card"><div class="card-head"><h2>Crawl runs</h2></div>
<table class="grid"><thead><tr><th>Run</th><th>Status</th><th>Started</th><th class="num">Duration</th><th class="num">Pages</th>
<th class="num">Items</th><th class="num">New</th><th>Airflow run</th><th>Error</th></tr></thead><tbody>
{% for r in s.all_runs %}<tr><td class="num">{{ r.id }}</td><td>{{ badge(r.status) }}</td><td class="nowrap">{{ r.started_at|dt }}</td>
<td class="num">{{ r.duration_s|num(1) }}{% if r.duration_s is not none %} s{% endif %}</td><td class="num">{{ r.pages_fetched }}</td><td class="num">{{ r.items_found }}</td>
<td class="num">{{ r.items_new }}</td><td>{{ run_link(r.dag_id, r.dag_run_id) }} <span class="small muted">try {{ r.try_number }}</span></td><td class="small">{{ r.error or '' }}</td></tr>
{% endfor %}</tbody></table></div>
{% if s.config %}<details class="card card-body"><summary>Configuration as of the last crawl</summary><pre class="json">{{ s.config|pretty }}</pre></details>{% endif %}
{% endblock %}
"""

REPORTS = """{% extends "base.html" %}{% from "macros.html" import badge with context %}
{% block title %}Reports{% endblock %}
{% macro sort_link(key, label) -%}
{%- set is_cur = p.filter.sort == key -%}
<a href="?{{ p.filter.params(sort=key, order=('asc' if is_cur and p.filter.desc else 'desc'), page=1)|qs }}">{{ label }}{% if is_cur %} {{ '▼' if p.filter.desc else '▲' }}{% endif %}</a>
{%- endmacro %}
{% block content %}
<h1>Reports</h1>
<p class="sub">Current reports (<span class="mono">v_report</span>): {{ p.total }} match.</p>
<div class="card">
<form class="filters" method="get" action="{{ base }}/reports" role="search">
  <label>Search<input type="search" name="q" value="{{ p.filter.q }}" placeholder="title, department, county…"></label>
  <label>Province<select name="province"><option value="">all</option>
    {% for v in p.facets.province %}<option value="{{ v }}" {{ 'selected' if v == p.filter.province }}>{{ v }}</option>{% endfor %}</select></label>
  <label>Fiscal year<select name="year"><option value="">all</option>
    {% for v in p.facets.year %}<option value="{{ v }}" {{ 'selected' if v == p.filter.year }}>{{ v }}</option>{% endfor %}</select></label>
  <label>Type<select name="type"><option value="">all</option>
    {% for v in p.facets.type %}<option value="{{ v }}" {{ 'selected' if v == p.filter.type }}>{{ v }}</option>{% endfor %}</select></label>
  <label>Validation<select name="status"><option value="">all</option>
    {% for v in p.facets.status %}<option value="{{ v }}" {{ 'selected' if v == p.filter.status }}>{{ v }}</option>{% endfor %}</select></label>
  {% if p.filter.source %}<label>Source<select name="source"><option value="">all</option><option value="{{ p.filter.source }}" selected>{{ p.filter.source }}</option></select></label>{% endif %}
  <label>Per page<select name="size">{% for n in sizes %}<option value="{{ n }}" {{ 'selected' if n == p.filter.size }}>{{ n }}</option>{% endfor %}</select></label>
  <input type="hidden" name="sort" value="{{ p.filter.sort }}"><input type="hidden" name="order" value="{{ 'desc' if p.filter.desc else 'asc' }}">
  <button class="btn primary" type="submit">Filter</button>
  {% if p.filter.params(sort='loaded', order='desc', page=1, size=50) %}<a class="btn" href="{{ base }}/reports">Reset</a>{% endif %}
</form>
{% if p.rows %}
<table class="grid" id="reports">
  <thead><tr><th>{{ sort_link('id', '#') }}</th><th>Title</th><th>{{ sort_link('department', 'Department') }}</th>
  <th>{{ sort_link('province', 'Region') }}</th><th>{{ sort_link('year', 'FY') }}</th><th>Type</th>
  <th class="num">Expenditure (万元)</th><th class="num">{{ sort_link('score', 'Score') }}</th><th>Validation</th><th>{{ sort_link('loaded', 'Loaded') }}</th></tr></thead>
  <tbody>
  {% for r in p.rows %}
  <tr data-report-id="{{ r.report_id }}">
    <td class="num"><a href="{{ base }}/reports/{{ r.report_id }}">{{ r.report_id }}</a></td>
    <td class="title"><a href="{{ base }}/reports/{{ r.report_id }}">{{ r.title or '(untitled)' }}</a>
      <div class="small muted"><a href="{{ base }}/reports/{{ r.report_id }}/lineage">lineage</a> · <span class="mono">{{ r.source_id }}</span></div></td>
    <td>{{ r.department or '—' }}</td>
    <td class="small">{{ [r.province, r.city, r.county, r.township]|select|join(' ') or '—' }}</td>
    <td class="num">{{ r.fiscal_year or '—' }}</td>
    <td class="small nowrap">{{ r.report_type }}</td>
    <td class="num">{{ r.expenditure_total_wan|num }}</td>
    <td class="num">{{ r.self_score|num }}{% if r.grade %} <span class="muted">{{ r.grade }}</span>{% endif %}</td>
    <td>{{ badge(r.validation_status) }}</td>
    <td class="nowrap small">{{ r.loaded_at|dt }}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
<div class="pager"><span class="muted">{{ p.first }}–{{ p.last }} of {{ p.total }} · page {{ p.filter.page }} / {{ p.pages }}</span>
  <span class="right">
    <a class="btn {{ 'disabled' if p.filter.page <= 1 }}" href="?{{ p.filter.params(page=1)|qs }}">« First</a>
    <a class="btn {{ 'disabled' if p.filter.page <= 1 }}" rel="prev" href="?{{ p.filter.params(page=p.filter.page - 1)|qs }}">‹ Prev</a>
    <a class="btn {{ 'disabled' if p.filter.page >= p.pages }}" rel="next" href="?{{ p.filter.params(page=p.filter.page + 1)|qs }}">Next ›</a>
    <a class="btn {{ 'disabled' if p.filter.page >= p.pages }}" href="?{{ p.filter.params(page=p.pages)|qs }}">Last »</a>
  </span></div>
{% else %}<div class="empty">No report matches these filters.</div>{% endif %}
</div>
{% endblock %}
"""

REPORT = """{% extends "base.html" %}{% from "macros.html" import badge, run_link, ext, doc_links, snippet with context %}
{% block title %}Report {{ r.id }}{% endblock %}
{% block content %}
<p class="small"><a href="{{ base }}/reports">← Reports</a></p>
<h1>{{ r.title or '(untitled)' }}</h1>
<p class="sub">report {{ r.id }} · {{ r.department or '—' }} · FY {{ r.fiscal_year or '—' }} · {{ r.report_type }}
 · {{ badge(r.validation_status) }} {{ badge('current' if r.is_current else 'superseded') }}
 · <a href="{{ base }}/reports/{{ r.id }}/lineage">lineage →</a></p>
<div class="card"><div class="card-head"><h2>Original document</h2><span class="right">{{ doc_links(v.sha256, v.file_name) }}</span></div>
  <div class="card-body"><table class="kv">
  <tr><th>File</th><td>{{ v.file_name or '—' }} <span class="muted small">· {{ v.content_type or 'unknown type' }} · {{ v.size|filesizeformat }}</span></td></tr>
  <tr><th>sha256</th><td class="hash">{{ v.sha256 }}</td></tr>
  <tr><th>Document URL</th><td>{{ ext(d.url) }}</td></tr>
  <tr><th>Found on</th><td>{{ ext(d.page_url) }}</td></tr>
  <tr><th>Source</th><td><a href="{{ base }}/sources/{{ d.source_id|urlencode }}">{{ d.source_name }}</a> · published {{ d.publish_date or '—' }} · fetched {{ v.fetched_at|dt }}</td></tr>
  {% if x %}<tr><th>Extraction</th><td>{{ x.format }} · {{ x.pages }} page(s){% if x.ocr %} · OCR{% endif %} · {{ x.engine }} · {{ x.duration_s|num(2) }} s · classified {{ x.document_type }}</td></tr>{% endif %}
  <tr><th>Loaded</th><td>{{ r.loaded_at|dt }} by {{ run_link(r.dag_id, r.dag_run_id) }} <span class="muted small">{{ r.task_id }} try {{ r.try_number }} · extractor {{ r.extractor_version }}</span></td></tr>
  </table></div></div>
<div class="two">
<div class="card"><div class="card-head"><h2>Fields and evidence</h2></div>
<table class="grid" id="fields"><thead><tr><th>Field</th><th>Value</th><th>Evidence</th><th class="num">Page</th></tr></thead><tbody>
{% for f in fields %}<tr data-field="{{ f.name }}"><td class="mono nowrap">{{ f.name }}</td>
<td class="val">{% if f.value is none %}<span class="muted">—</span>{% else %}<b>{{ f.value|num if f.value is number else f.value }}</b>{{ units(f.name) }}{% endif %}</td>
<td>{% if f.evidence %}{{ snippet(f.evidence.snippet) }}
  <div class="small muted">chars {{ f.evidence.start }}–{{ f.evidence.end }}{% if f.evidence.cell %} · cell {{ f.evidence.cell }}{% endif %}{% if f.evidence.note %} · {{ f.evidence.note }}{% endif %}</div>
  {% elif f.value is not none %}<span class="badge warning">no evidence</span>{% endif %}</td>
<td class="num">{{ f.evidence.page if f.evidence else '' }}</td></tr>{% endfor %}
</tbody></table></div>
<div class="card"><div class="card-head"><h2>Validation</h2><span class="right small muted">{{ counts.failed }} failed · {{ counts.passed }} passed · {{ counts.skipped }} skipped</span></div>
{% set failed = results|selectattr('status', 'equalto', 'failed')|list %}
{% set others = results|rejectattr('status', 'equalto', 'failed')|list %}
<table class="grid" id="validation"><thead><tr><th>Rule</th><th>Severity</th><th>Result</th><th>Message</th></tr></thead><tbody>
{% for v in failed %}<tr data-rule="{{ v.rule_id }}" data-status="{{ v.status }}"><td class="mono nowrap">{{ v.rule_id }}</td><td>{{ badge(v.severity) }}</td><td>{{ badge(v.status) }}</td>
<td class="small">{{ v.message or '' }}{% if v.values %}<details><summary>values</summary><pre class="json">{{ v.values|pretty }}</pre></details>{% endif %}</td></tr>
{% else %}<tr><td colspan="4" class="muted">No rule failed.</td></tr>{% endfor %}
</tbody></table>
{% if others %}<details class="card-body" id="validation-others"><summary>{{ counts.passed }} passed · {{ counts.skipped }} skipped</summary>
<table class="grid"><tbody>
{% for v in others %}<tr data-rule="{{ v.rule_id }}" data-status="{{ v.status }}"><td class="mono nowrap">{{ v.rule_id }}</td><td class="small">{{ v.severity }}</td><td>{{ badge(v.status) }}</td><td class="small">{{ v.message or '' }}</td></tr>{% endfor %}
</tbody></table></details>{% endif %}
</div>
</div>
{% if indicators %}
<div class="card"><div class="card-head"><h2>Indicators</h2><span class="right small muted">{{ indicators|length }} rows</span></div>
<table class="grid"><thead><tr><th class="num">#</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>Target</th><th>Actual</th><th class="num">Weight</th><th class="num">Score</th></tr></thead><tbody>
{% for i in indicators %}<tr><td class="num">{{ i.row_no }}</td><td>{{ i.level1 or '' }}</td><td>{{ i.level2 or '' }}</td><td>{{ i.level3 or '' }}</td><td>{{ i.target or '' }}</td><td>{{ i.actual or '' }}</td><td class="num">{{ i.weight|num }}</td><td class="num">{{ i.score|num }}</td></tr>{% endfor %}
</tbody></table></div>
{% endif %}
<div class="card"><div class="card-head"><h2>Version history</h2><span class="right small muted">other rows of <span class="mono">report</span> for the same document, or the same department and fiscal year</span></div>
{% if versions %}
<table class="grid" id="versions"><thead><tr><th class="num">Report</th><th>Title</th><th>Relation</th><th>Status</th><th>Extractor</th><th>Document version</th><th>Fetched</th><th>Valid</th></tr></thead><tbody>
{% for o in versions %}<tr><td class="num"><a href="{{ base }}/reports/{{ o.id }}">{{ o.id }}</a></td><td class="title">{{ o.title or '(untitled)' }}<div class="small muted">part {{ o.part }}</div></td>
<td class="small">{{ 'same document' if o.same_document else 'same department + year' }}</td>
<td>{{ badge(o.validation_status) }} {{ badge('current' if o.is_current else 'superseded') }}</td><td class="mono">{{ o.extractor_version }}</td>
<td class="small"><a href="{{ links.raw(o.sha256) }}" class="hash" target="_blank" rel="noopener">{{ o.sha256[:12] }}…</a><div class="muted">{{ o.file_name or '' }}</div></td>
<td class="nowrap small">{{ o.fetched_at|dt }}</td><td class="nowrap small">{{ o.valid_from|dt }}{% if o.valid_to %} → {{ o.valid_to|dt }}{% endif %}</td></tr>{% endfor %}
</tbody></table>
{% else %}<div class="empty">No other version of this report.</div>{% endif %}
</div>
{% if r.extra %}<details class="card card-body"><summary>Other extraction facts (<span class="mono">report.extra</span>)</summary><pre class="json">{{ r.extra|pretty }}</pre></details>{% endif %}
{% endblock %}
"""

LINEAGE = """{% extends "base.html" %}{% from "macros.html" import badge, run_link, ext, doc_links, snippet with context %}
{% block title %}Lineage of report {{ c.report.id }}{% endblock %}
{% block content %}
<p class="small"><a href="{{ base }}/reports/{{ c.report.id }}">← Report {{ c.report.id }}</a></p>
<h1>Lineage</h1>
<p class="sub">From the report row back to the Airflow run that found its document.</p>
<ol class="chain" id="lineage">
<li data-step="report"><span class="dot">1</span><div class="step"><h3>Report<span class="what"><a href="{{ base }}/reports/{{ c.report.id }}">#{{ c.report.id }} {{ c.report.title or '(untitled)' }}</a></span></h3>
  {{ c.report.department or '—' }} · FY {{ c.report.fiscal_year or '—' }} · {{ badge(c.report.validation_status) }} {{ badge('current' if c.report.is_current else 'superseded') }}
  <div class="small muted">loaded by {{ run_link(c.load.dag_id, c.load.dag_run_id) }} · {{ c.load.task_id }} try {{ c.load.try_number }} · batch {{ c.load.batch_id }} · {{ c.load.loaded_at }} · extractor {{ c.report.extractor_version }}</div></div></li>
<li data-step="evidence"><span class="dot">2</span><div class="step"><h3>Evidence<span class="what">{{ c.evidence|length }} fields</span></h3>
  {% if c.evidence %}<table class="grid"><thead><tr><th>Field</th><th class="num">Page</th><th class="num">Span</th><th>Snippet</th></tr></thead><tbody>
  {% for e in c.evidence %}<tr><td class="mono">{{ e.field }}</td><td class="num">{{ e.page }}</td><td class="num mono">{{ e.span[0] }}–{{ e.span[1] }}</td><td>{{ snippet(e.snippet) }}</td></tr>{% endfor %}
  </tbody></table>{% else %}<span class="muted">no evidence rows</span>{% endif %}</div></li>
<li data-step="document_version"><span class="dot">3</span><div class="step"><h3>Document version<span class="what">#{{ c.document_version.id }} {{ c.document_version.file_name or '' }}</span></h3>
  <div class="hash">sha256 {{ c.document_version.sha256 }}</div>
  <div class="small muted">{{ c.document_version.size|filesizeformat }} · {{ c.document_version.content_type or 'unknown type' }} · fetched {{ c.document_version.fetched_at }}</div>
  <div style="margin-top:6px">{{ doc_links(c.document_version.sha256, c.document_version.file_name) }}</div></div></li>
<li data-step="download"><span class="dot">4</span><div class="step"><h3>Download<span class="what">fetch #{{ c.download.fetch_id }}</span></h3>
  GET {{ ext(c.download.url) }} → <b>{{ c.download.status or 'no response' }}</b>
  <span class="small muted">· {{ c.download.bytes|filesizeformat }} · {{ c.download.duration_ms }} ms</span></div></li>
<li data-step="page"><span class="dot">5</span><div class="step"><h3>Page<span class="what">{{ c.page.title or '' }}</span></h3>
  {{ ext(c.page.url) }} <span class="small muted">· discovered item {{ c.page.item_id }}</span></div></li>
<li data-step="list_page"><span class="dot">6</span><div class="step"><h3>List page</h3>
  {% if c.list_page.url %}{{ ext(c.list_page.url) }}{% else %}<span class="muted">—</span>{% endif %}</div></li>
<li data-step="crawl_run"><span class="dot">7</span><div class="step"><h3>Crawl run<span class="what">#{{ c.crawl_run.id }} of <a href="{{ base }}/sources/{{ c.crawl_run.source_id|urlencode }}">{{ c.crawl_run.source_name }}</a></span></h3>
  {{ badge(c.crawl_run.status) }} <span class="small muted">{{ c.crawl_run.started_at|dt }} → {{ c.crawl_run.finished_at|dt }} · {{ c.crawl_run.items_found }} items found, {{ c.crawl_run.items_new }} new</span></div></li>
<li data-step="dag_run"><span class="dot">8</span><div class="step"><h3>DAG run<span class="what">{{ run_link(c.crawl_run.dag_id, c.crawl_run.dag_run_id) }}</span></h3>
  <span class="small muted">task {{ c.crawl_run.task_id }} · try {{ c.crawl_run.try_number }}</span>
  {% if c.crawl_run.dag_id != 'cli' %}<div style="margin-top:6px"><a class="btn" id="dag-run-link" href="{{ links.run(c.crawl_run.dag_id, c.crawl_run.dag_run_id) }}" data-airflow target="_top">Open the run in Airflow</a></div>{% endif %}</div></li>
</ol>
<details class="card card-body"><summary>As text (<span class="mono">selfeval lineage</span>)</summary><pre class="json">{{ tree }}</pre></details>
{% endblock %}
"""

QUARANTINE = """{% extends "base.html" %}{% from "macros.html" import badge, ext with context %}
{% block title %}Quarantine{% endblock %}
{% block content %}
<h1>Quarantine</h1>
<p class="sub">Current reports that failed an error-severity rule (<span class="mono">v_quarantine</span>): {{ rows|length }}.</p>
<div class="card">
{% if rows %}
<table class="grid" id="quarantine"><thead><tr><th class="num">Report</th><th>Title</th><th>Department</th><th class="num">FY</th><th>Failed rules</th><th>Loaded</th></tr></thead><tbody>
{% for q in rows %}<tr data-report-id="{{ q.report_id }}"><td class="num"><a href="{{ base }}/reports/{{ q.report_id }}">{{ q.report_id }}</a></td>
<td class="title"><a href="{{ base }}/reports/{{ q.report_id }}">{{ q.title or '(untitled)' }}</a><div class="small muted"><span class="mono">{{ q.source_id }}</span> · {{ ext(q.document_url, 'document') }} · <a href="{{ base }}/reports/{{ q.report_id }}/lineage">lineage</a></div></td>
<td>{{ q.department or '—' }}</td><td class="num">{{ q.fiscal_year or '—' }}</td>
<td><ul class="rules">{% for rule in q.rules %}<li data-rule="{{ rule.rule_id }}">{{ badge('error') }} <b class="mono">{{ rule.rule_id }}</b> {{ rule.message or '' }}
  {% if rule.values %}<details><summary>values</summary><pre class="json">{{ rule.values|pretty }}</pre></details>{% endif %}</li>{% endfor %}</ul></td>
<td class="nowrap small">{{ q.loaded_at|dt }}</td></tr>{% endfor %}
</tbody></table>
{% else %}<div class="empty">Nothing is quarantined.</div>{% endif %}
</div>
{% endblock %}
"""

ERROR = """{% extends "base.html" %}
{% block title %}{{ heading }}{% endblock %}
{% block content %}
<h1>{{ heading }}</h1>
<div class="notice {{ 'bad' if status >= 500 }}">{{ message }}</div>
<p><a href="{{ base }}/sources">Sources</a> · <a href="{{ base }}/reports">Reports</a></p>
{% endblock %}
"""

TEMPLATES = {
    "base.html": BASE, "macros.html": MACROS, "sources.html": SOURCES, "source.html": SOURCE,
    "reports.html": REPORTS, "report.html": REPORT, "lineage.html": LINEAGE, "quarantine.html": QUARANTINE,
    "error.html": ERROR,
}
