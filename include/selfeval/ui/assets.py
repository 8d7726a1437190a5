"""Static assets served by the UI app itself (no CDN): one stylesheet, one small script, an icon."""

from __future__ import annotations

CSS = r"""
:root {
  --bg: #f5f6f8; --card: #fff; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --head: #f9fafb;
  --accent: #0f62fe; --accent-bg: #e8f0ff; --ok: #047857; --ok-bg: #d1fae5; --warn: #92400e; --warn-bg: #fef3c7;
  --bad: #b91c1c; --bad-bg: #fee2e2; --info: #1e40af; --info-bg: #dbeafe; --gray-bg: #f3f4f6;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans CJK SC", "Noto Sans SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
header.top { display: flex; align-items: center; gap: 24px; padding: 0 20px; height: 48px; background: #fff;
             border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 5; }
header.top .brand { font-weight: 650; letter-spacing: .2px; display: flex; align-items: center; gap: 8px; color: var(--fg); }
header.top .brand svg { width: 20px; height: 20px; }
header.top nav { display: flex; gap: 4px; height: 100%; }
header.top nav a { display: flex; align-items: center; padding: 0 12px; color: var(--muted); border-bottom: 2px solid transparent; }
header.top nav a:hover { color: var(--fg); text-decoration: none; }
header.top nav a.active { color: var(--fg); border-bottom-color: var(--accent); font-weight: 600; }
header.top .spacer { flex: 1; }
header.top .env { color: var(--muted); font-size: 12px; }
main { padding: 20px; max-width: 1480px; margin: 0 auto; }
h1 { font-size: 20px; margin: 0 0 4px; font-weight: 650; }
h2 { font-size: 15px; margin: 0; font-weight: 650; }
.sub { color: var(--muted); margin: 0 0 16px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.mono { font-family: var(--mono); font-size: 12px; }
.nowrap { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 16px; overflow-x: auto; }
.card > .card-head { display: flex; align-items: center; gap: 12px; padding: 12px 16px; border-bottom: 1px solid var(--line); }
.card > .card-head .right { margin-left: auto; }
.card > .card-body { padding: 14px 16px; }
.card > table { border-radius: 0 0 8px 8px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.kpi .v { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .v.small { font-size: 15px; padding: 4px 0 2px; }
.kpi .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .4px; }
table.grid { width: 100%; border-collapse: collapse; background: var(--card); }
table.grid th, table.grid td { padding: 8px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.grid th { background: var(--head); font-size: 12px; font-weight: 600; color: var(--muted);
                text-transform: uppercase; letter-spacing: .3px; white-space: nowrap; }
table.grid th a { color: inherit; }
table.grid tbody tr:hover { background: #fafbff; }
table.grid tr.has-problem td { border-bottom: 0; }
table.grid tr.problem td { padding-top: 0; }
table.grid tr.problem .evidence { margin-top: 0; }
table.grid tr:last-child td { border-bottom: 0; }
table.grid td.title { max-width: 420px; min-width: 200px; }
table.grid td { overflow-wrap: break-word; }
table.grid td.small, table.grid td .small, table.grid td.mono, .evidence { overflow-wrap: anywhere; }
table.grid td.val { min-width: 130px; }
table.grid td.next-run { min-width: 190px; max-width: 260px; }
table.kv { border-collapse: collapse; width: 100%; }
table.kv th { text-align: left; color: var(--muted); font-weight: 500; padding: 4px 16px 4px 0; white-space: nowrap; vertical-align: top; width: 1%; }
table.kv td { padding: 4px 0; word-break: break-all; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
         line-height: 18px; white-space: nowrap; background: var(--gray-bg); color: var(--muted); }
.badge.ok, .badge.valid, .badge.success, .badge.passed, .badge.scheduled { background: var(--ok-bg); color: var(--ok); }
.badge.warning, .badge.blocked, .badge.paused, .badge.running { background: var(--warn-bg); color: var(--warn); }
.badge.failing, .badge.failed, .badge.quarantined, .badge.error { background: var(--bad-bg); color: var(--bad); }
.badge.new, .badge.current, .badge.due, .badge.estimated { background: var(--info-bg); color: var(--info); }
.evidence { margin-top: 6px; padding: 6px 10px; border-left: 3px solid var(--warn-bg); background: #fffbeb;
            font-size: 12px; color: #78350f; word-break: break-all; }
.evidence.bad { border-left-color: #fca5a5; background: #fef2f2; color: #7f1d1d; }
.snippet { font-family: var(--mono); font-size: 12px; background: #fffbea; border: 1px solid #fde68a; border-radius: 4px;
           padding: 2px 6px; white-space: pre-wrap; word-break: break-all; display: inline-block; max-width: 100%; }
.btn { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--line); background: #fff; color: var(--fg);
       border-radius: 6px; padding: 5px 12px; font: inherit; font-size: 13px; cursor: pointer; white-space: nowrap; }
.btn:hover { background: var(--gray-bg); text-decoration: none; }
.btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.btn.primary:hover { background: #0a4fd1; }
.btn[disabled] { opacity: .6; cursor: default; }
.trigger-result { display: block; margin-top: 4px; font-size: 12px; max-width: 200px; overflow-wrap: anywhere; white-space: normal; }
details.long summary { list-style: none; }
details.long summary::-webkit-details-marker { display: none; }
details.long[open] summary .snippet { display: none; }
.trigger-result.err { color: var(--bad); }
form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; padding: 12px 16px; }
form.filters label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
form.filters input, form.filters select { font: inherit; font-size: 13px; padding: 5px 8px; border: 1px solid #d1d5db;
       border-radius: 6px; background: #fff; color: var(--fg); min-width: 120px; }
form.filters input[type=search] { min-width: 280px; }
.pager { display: flex; gap: 8px; align-items: center; padding: 10px 16px; border-top: 1px solid var(--line); }
.pager .right { margin-left: auto; display: flex; gap: 6px; }
.pager .btn.disabled { opacity: .45; pointer-events: none; }
.chain { list-style: none; margin: 0; padding: 0; position: relative; }
.chain > li { position: relative; padding: 0 0 18px 36px; }
.chain > li::before { content: ""; position: absolute; left: 11px; top: 24px; bottom: 0; width: 2px; background: #c7d2fe; }
.chain > li:last-child::before { display: none; }
.chain .dot { position: absolute; left: 0; top: 2px; width: 24px; height: 24px; border-radius: 50%; background: var(--accent-bg);
              color: var(--accent); font-size: 12px; font-weight: 700; display: flex; align-items: center; justify-content: center;
              border: 2px solid #c7d2fe; }
.chain .step { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.chain .step h3 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .4px; color: var(--muted); font-weight: 650; }
.chain .step h3 .what { text-transform: none; letter-spacing: 0; color: var(--fg); font-size: 14px; margin-left: 6px; }
.two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 1100px) { .two { grid-template-columns: minmax(0, 1fr); } }
details summary { cursor: pointer; color: var(--muted); }
pre.json { font-family: var(--mono); font-size: 12px; background: var(--head); border: 1px solid var(--line); border-radius: 6px;
           padding: 8px; white-space: pre-wrap; word-break: break-all; margin: 6px 0 0; max-height: 260px; overflow: auto; }
.empty { padding: 28px 16px; text-align: center; color: var(--muted); }
.notice { padding: 10px 14px; border-radius: 8px; background: var(--info-bg); color: var(--info); margin-bottom: 16px; }
.notice.bad { background: var(--bad-bg); color: var(--bad); }
svg.chart { display: block; overflow: visible; }
svg.chart text.axis { font-size: 10px; fill: var(--muted); font-family: inherit; }
svg.chart g.run:hover rect { opacity: .75; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); align-items: center; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.rules { margin: 0; padding: 0; list-style: none; }
.rules li { padding: 6px 0; border-bottom: 1px dashed var(--line); overflow-wrap: anywhere; }
.rules li:last-child { border-bottom: 0; }
.hash { font-family: var(--mono); font-size: 12px; }
footer { color: var(--muted); font-size: 12px; padding: 8px 20px 24px; max-width: 1480px; margin: 0 auto; }
"""

JS = r"""
(function () {
  "use strict";
  // Inside Airflow the page runs in an iframe without top-navigation rights: route Airflow links
  // through the parent's history (same origin), so the Airflow single-page app shows them.
  function airflowParent() {
    try {
      if (window.top !== window && window.top.location.origin === window.location.origin) return window.top;
    } catch (e) { /* cross-origin parent */ }
    return null;
  }
  document.addEventListener("click", function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    var a = ev.target.closest && ev.target.closest("a[data-airflow], a[target=_blank]");
    var top = a && airflowParent();
    if (!top) return;
    ev.preventDefault();
    if (a.target === "_blank") {  // the iframe may not open popups; its parent may
      top.open(a.href, "_blank", "noopener,noreferrer");
      return;
    }
    var url = new URL(a.href, window.location.href);
    top.history.pushState({}, "", url.pathname + url.search + url.hash);
    top.dispatchEvent(new PopStateEvent("popstate", { state: {} }));
  });

  // "Crawl now": POST /api/v2/dags/{dag}/dagRuns with the session cookie of the Airflow UI.
  function show(el, text, cls, link) {
    el.textContent = "";
    el.className = "trigger-result" + (cls ? " " + cls : "");
    el.appendChild(document.createTextNode(text));
    if (link) {
      var a = document.createElement("a");
      a.href = link.href; a.textContent = link.text; a.setAttribute("data-airflow", ""); a.target = "_top";
      el.appendChild(a);
    }
  }
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest("button[data-trigger]");
    if (!btn) return;
    ev.preventDefault();
    var out = document.getElementById(btn.getAttribute("data-result"));
    var body = {
      logical_date: null,
      conf: { source_id: btn.getAttribute("data-source"), force: true },
      note: "triggered from the selfeval Sources page"
    };
    btn.disabled = true;
    show(out, "triggering…", "");
    fetch(btn.getAttribute("data-endpoint"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (data) { return { resp: resp, data: data }; });
    }).then(function (r) {
      btn.disabled = false;
      if (!r.resp.ok) {
        var detail = r.data && r.data.detail;
        if (typeof detail !== "string") detail = JSON.stringify(detail || r.resp.statusText);
        show(out, "failed (" + r.resp.status + "): " + detail, "err");
        return;
      }
      var runId = r.data.dag_run_id;
      var href = btn.getAttribute("data-run-base") + encodeURIComponent(runId);
      show(out, (r.data.state || "queued") + ": ", "ok", { href: href, text: runId });
      out.setAttribute("data-run-id", runId);
    }).catch(function (err) {
      btn.disabled = false;
      show(out, "failed: " + err, "err");
    });
  });

  // Filters apply on change (the form also works without script).
  document.querySelectorAll("form.filters select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });
})();
"""

ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#0f62fe" stroke-width="2"
 stroke-linecap="round" stroke-linejoin="round"><path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z"/>
<path d="M14 2v6h6"/><path d="M8 13l2.5 2.5L16 10"/></svg>"""
