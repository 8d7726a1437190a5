
(function () {
  "use strict";
  var html = document.documentElement;

  // --- language: labels follow Airflow UI's language ------------------------------------------------
  // The page's language comes from the server (see selfeval/ui/i18n.py); its messages for this script
  // are in <script id="selfeval-i18n">. Airflow's UI (i18next) keeps its language in localStorage under
  // "i18nextLng"; this page is same-origin, so it reads it, mirrors it into a cookie the server reads,
  // and reloads once when that changes the page's language. ?lang= (and its cookie) win over Airflow.
  var I18N = { messages: {}, terms: {} };
  try { I18N = JSON.parse(document.getElementById("selfeval-i18n").textContent); } catch (e) { /* English */ }
  function t(msgid, args) {
    var text = (I18N.messages && I18N.messages[msgid]) || msgid;
    return text.replace(/\{(\w+)\}/g, function (m, name) { return args && name in args ? String(args[name]) : m; });
  }
  function term(word) { return (I18N.terms && I18N.terms[word]) || word; }

  var AIRFLOW_KEY = "i18nextLng", COOKIE = "selfeval_airflow_lang", GUARD = "selfeval.langReload";
  function supported(code) {  // as normalize() in i18n.py
    var tag = String(code || "").trim().replace(/_/g, "-").toLowerCase();
    if (tag === "zh" || tag.indexOf("zh-") === 0) return /^zh-(hant|tw|hk|mo)\b/.test(tag) ? "zh-TW" : "zh-CN";
    if (tag === "en" || tag.indexOf("en-") === 0) return "en";
    return null;
  }
  function readCookie(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function writeCookie(value) {
    var path = html.getAttribute("data-base") || "/";
    document.cookie = COOKIE + "=" + (value ? encodeURIComponent(value) + "; max-age=31536000" : "; max-age=0") +
      "; path=" + path + "; samesite=lax";
  }
  function followAirflow() {
    var stored = null;
    try { stored = window.localStorage.getItem(AIRFLOW_KEY); } catch (e) { return; }
    if (!stored) return;  // Airflow's UI never ran in this browser: nothing to follow
    var want = supported(stored), source = html.getAttribute("data-lang-source");
    if ((readCookie(COOKIE) || null) !== want) writeCookie(want);
    if (source === "query" || source === "cookie") return;  // an explicit ?lang= choice wins
    var stale = want ? want !== html.lang : source === "airflow";  // unsupported: the server's next choice
    var guard = null;
    try { guard = window.sessionStorage.getItem(GUARD); } catch (e) { /* no guard: no reload */ return; }
    var key = window.location.pathname + window.location.search + "|" + want;
    if (!stale) {
      if (guard) window.sessionStorage.removeItem(GUARD);
      return;
    }
    if (guard === key) return;  // reloaded for this already (cookies refused?): never loop
    if (want && readCookie(COOKIE) !== want) return;  // the cookie did not stick: a reload would change nothing
    window.sessionStorage.setItem(GUARD, key);
    window.location.reload();
  }
  followAirflow();
  // Airflow's language switch (in the parent page) writes localStorage: other same-origin documents hear it.
  window.addEventListener("storage", function (ev) { if (ev.key === AIRFLOW_KEY) followAirflow(); });

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
    show(out, t("triggering…"), "");
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
        show(out, t("failed ({status}): {detail}", { status: r.resp.status, detail: detail }), "err");
        return;
      }
      var runId = r.data.dag_run_id;
      var href = btn.getAttribute("data-run-base") + encodeURIComponent(runId);
      var warning = btn.getAttribute("data-warning");
      show(out, t("{state}: ", { state: term(r.data.state || "queued") }), warning ? "warn" : "ok",
           { href: href, text: runId });
      out.setAttribute("data-run-id", runId);
      if (warning) {  // paused DAG or no scheduler: the run is queued but will not start by itself
        var w = document.createElement("div");
        w.className = "small"; w.setAttribute("data-trigger-warning", "");
        w.textContent = t("but {warning}", { warning: warning });
        out.appendChild(w);
      }
    }).catch(function (err) {
      btn.disabled = false;
      show(out, t("failed: {error}", { error: err }), "err");
    });
  });

  // Filters apply on change (the form also works without script).
  document.querySelectorAll("form.filters select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });
})();
