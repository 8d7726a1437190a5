
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
      var warning = btn.getAttribute("data-warning");
      show(out, (r.data.state || "queued") + ": ", warning ? "warn" : "ok", { href: href, text: runId });
      out.setAttribute("data-run-id", runId);
      if (warning) {  // paused DAG or no scheduler: the run is queued but will not start by itself
        var w = document.createElement("div");
        w.className = "small"; w.setAttribute("data-trigger-warning", "");
        w.textContent = "but " + warning;
        out.appendChild(w);
      }
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
