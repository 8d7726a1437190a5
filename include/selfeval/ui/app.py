"""The UI as a FastAPI app: server-rendered pages over the warehouse, importable without Airflow.

The Airflow plugin (`plugins/selfeval_ui.py`) mounts it under `/selfeval` in the
api-server and adds Airflow's authentication and the crawl DAG's schedule; tests
use it directly with FastAPI's TestClient.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from selfeval.ui import i18n, queries
from selfeval.ui.charts import run_chart
from selfeval.ui.i18n import Translator

log = logging.getLogger(__name__)

MOUNT_PREFIX = "/selfeval"
CRAWL_DAG_ID = "selfeval_crawl"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'")
# Crawled bytes are untrusted: never sniffed, and anything but a PDF renders sandboxed (no script, opaque origin).
RAW_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
INLINE_TYPES = {"application/pdf", "text/plain", "text/html", "image/png", "image/jpeg", "image/gif"}
UNITS = {"_wan": "万元", "_pct": "%"}


class Links:
    """URLs of this app (under its mount path) and of the Airflow UI and API it is mounted in."""

    def __init__(self, base: str, airflow: str):
        self.base, self.airflow = base, airflow

    def airflow_home(self) -> str:
        return self.airflow + "/"

    def dag(self, dag_id: str) -> str:
        return f"{self.airflow}/dags/{quote(dag_id, safe='')}"

    def run(self, dag_id: str, run_id: str) -> str:
        return f"{self.dag(dag_id)}/runs/{quote(run_id or '', safe='')}"

    def task(self, dag_id: str, run_id: str, task_id: str, try_number: int | None = None) -> str:
        """The task instance page of the Airflow UI (its log is one tab away), at the given try."""
        url = f"{self.run(dag_id, run_id)}/tasks/{quote(task_id or '', safe='')}"
        return url + (f"?try_number={int(try_number)}" if try_number else "")

    def trigger_endpoint(self, dag_id: str) -> str:
        return f"{self.airflow}/api/v2/dags/{quote(dag_id, safe='')}/dagRuns"

    def raw(self, sha256: str, download: bool = False) -> str:
        return f"{self.base}/documents/{quote(sha256, safe='')}" + ("?download=1" if download else "")


# --- template helpers --------------------------------------------------------------------------------

def _dt(value: Any) -> str:
    v = queries.as_utc(value)
    return v.strftime("%Y-%m-%d %H:%M UTC") if v else "—"


def _ago(value: Any, now: datetime | None = None, tr: Translator | None = None) -> str:
    _ = (tr or Translator()).gettext
    v = queries.as_utc(value)
    if v is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - v).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    if seconds >= 86400:
        n = int(seconds // 86400)
        return _("in {n} d", n=n) if future else _("{n} d ago", n=n)
    if seconds >= 3600:
        n = int(seconds // 3600)
        return _("in {n} h", n=n) if future else _("{n} h ago", n=n)
    if seconds >= 60:
        n = int(seconds // 60)
        return _("in {n} min", n=n) if future else _("{n} min ago", n=n)
    return _("in <1 min") if future else _("just now")


def _num(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _pretty(value: Any, compact: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, indent=None if compact else 2, default=str)


def _units(field: str) -> Markup:
    for suffix, unit in UNITS.items():
        if field.endswith(suffix):
            return Markup(' <span class="muted small">{}</span>').format(unit)
    return Markup("")


@cache
def static_text(name: str) -> str:
    """A file of the package's `ui/static/` (CSS, JS, the icon), read once."""
    return resources.files("selfeval.ui").joinpath("static", name).read_text(encoding="utf-8")


def make_env(lang: str = i18n.DEFAULT_LANGUAGE) -> Environment:
    """The templates in one language: globals `_()`, `_n()` (plural), `term()` (status words), filter `l10n`
    (a `Msg` translated, data as it is)."""
    tr = Translator(lang)
    env = Environment(loader=PackageLoader("selfeval.ui", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(dt=_dt, ago=partial(_ago, tr=tr), num=_num, pretty=_pretty, qs=lambda d: urlencode(d),
                       l10n=tr.maybe)
    env.globals.update(chart=partial(run_chart, tr=tr), units=_units, icon=Markup(static_text("icon.svg")),
                       _=tr.markup, _n=tr.nmarkup, term=tr.term, lang=tr.lang, js_catalog=tr.js_catalog())
    return env


def language(request: Request) -> i18n.Choice:
    """The page language: ?lang=, its cookie, Airflow UI's language (cookie from app.js), Accept-Language,
    SELFEVAL_UI_LANGUAGE."""
    from selfeval.settings import get_settings

    return i18n.choose(request.query_params.get(i18n.QUERY_PARAM), request.cookies.get(i18n.LANG_COOKIE),
                       request.cookies.get(i18n.AIRFLOW_LANG_COOKIE), request.headers.get("accept-language"),
                       get_settings().ui_language)


def language_links(request: Request) -> dict[str, str]:
    """This page in each language, and `auto` (forget the choice): relative `?…&lang=` links."""
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != i18n.QUERY_PARAM]
    return {code: "?" + urlencode([*keep, (i18n.QUERY_PARAM, code)]) for code in (*i18n.LANGUAGES, "auto")}


def _content_disposition(disposition: str, file_name: str) -> str:
    """As Starlette's FileResponse writes it: RFC 5987 `filename*` for non-ASCII names."""
    quoted = quote(file_name)
    if quoted != file_name:
        return f"{disposition}; filename*=utf-8''{quoted}"
    return f'{disposition}; filename="{file_name}"'


def _mask(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unparsable URL)"


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


# --- the app -----------------------------------------------------------------------------------------

def create_app(
    warehouse_url: str | Callable[[], str] | None = None,
    *,
    raw_store: str | Path | Callable[[], str | Path] | None = None,
    dag_info: Callable[[], queries.DagInfo | None] | None = None,
    dependencies: Sequence[Any] = (),
    mount_prefix: str = MOUNT_PREFIX,
    crawl_dag_id: str = CRAWL_DAG_ID,
) -> FastAPI:
    """Build the UI app. Unset `warehouse_url` / `raw_store` (a directory or an fsspec URL such as
    s3://bucket/raw) are read from the SELFEVAL_* settings at each request."""

    def _url() -> str:
        if callable(warehouse_url):
            return warehouse_url()
        if warehouse_url:
            return warehouse_url
        from selfeval.settings import get_settings

        return get_settings().warehouse_url

    def _raw_store() -> str | Path:
        if callable(raw_store):
            return raw_store()
        if raw_store:
            return raw_store
        from selfeval.settings import get_settings

        return get_settings().raw_store_url

    def _dag() -> queries.DagInfo | None:
        if dag_info is None:
            return None
        try:
            return dag_info()
        except Exception:  # Airflow metadata unavailable: the page still renders
            log.warning("could not read the %s DAG from Airflow", crawl_dag_id, exc_info=True)
            return None

    envs = {lang: make_env(lang) for lang in i18n.LANGUAGES}
    app = FastAPI(title="selfeval UI", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=list(dependencies))

    def links_for(request: Request) -> Links:
        base = request.scope.get("root_path", "").rstrip("/")
        airflow = base.removesuffix(mount_prefix) if base.endswith(mount_prefix) else ""
        return Links(base, airflow)

    def render(request: Request, name: str, active: str = "", status: int = 200, **ctx: Any) -> HTMLResponse:
        links = links_for(request)
        choice = language(request)
        html = envs[choice.lang].get_template(name).render(
            base=links.base, links=links, active=active, warehouse=_mask(_url()), now=datetime.now(UTC),
            status=status, lang_source=choice.source, lang_links=language_links(request),
            languages=i18n.LANGUAGES, **ctx)
        return HTMLResponse(html, status_code=status,
                            headers={"Content-Language": choice.lang, "Vary": "Accept-Language, Cookie"})

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        remember = language(request).remember  # ?lang= is kept for the next pages (?lang=auto forgets it)
        if remember is not None:
            path = links_for(request).base or "/"
            if remember:
                response.set_cookie(i18n.LANG_COOKIE, remember, max_age=i18n.COOKIE_MAX_AGE, path=path,
                                    samesite="lax", httponly=True)
            else:
                response.delete_cookie(i18n.LANG_COOKIE, path=path, samesite="lax", httponly=True)
        return response

    @app.exception_handler(queries.NotFound)
    async def not_found(request: Request, exc: queries.NotFound):
        _ = Translator(language(request).lang).gettext
        return render(request, "error.html", status=404, heading=_("Not found"),
                      message=_("Nothing in the warehouse for {what}.", what=str(exc.args[0])))

    @app.exception_handler(SQLAlchemyError)
    async def db_error(request: Request, exc: SQLAlchemyError):
        log.warning("warehouse query failed", exc_info=exc)
        _ = Translator(language(request).lang).gettext
        message = (_("The warehouse query failed: {error}.", error=type(exc).__name__)
                   if queries.warehouse_ready(_url()) else
                   _("The warehouse has no schema yet: run the selfeval_crawl DAG (or `selfeval` CLI) once."))
        return render(request, "error.html", status=503, heading=_("Warehouse unavailable"), message=message)

    @app.get("/", include_in_schema=False)
    def index(request: Request):
        return RedirectResponse(f"{links_for(request).base}/sources", status_code=307)

    def _static(body: str, media_type: str) -> Response:
        return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=300"})

    @app.get("/static/ui.css", include_in_schema=False)
    def css():
        return _static(static_text("style.css"), "text/css; charset=utf-8")

    @app.get("/static/ui.js", include_in_schema=False)
    def js():
        return _static(static_text("app.js"), "text/javascript; charset=utf-8")

    @app.get("/static/icon.svg", include_in_schema=False)
    def icon():
        return _static(static_text("icon.svg"), "image/svg+xml")

    @app.get("/sources", response_class=HTMLResponse)
    def sources(request: Request):
        dag = _dag()
        rows = queries.list_sources(_url(), dag)
        return render(request, "sources.html", "sources", sources=rows,
                      dag=dag or queries.DagInfo(dag_id=crawl_dag_id))

    @app.get("/sources/{source_id}", response_class=HTMLResponse)
    def source(request: Request, source_id: str):
        dag = _dag()
        row = queries.source_detail(_url(), source_id, dag)
        return render(request, "source.html", "sources", s=row, dag=dag or queries.DagInfo(dag_id=crawl_dag_id))

    @app.get("/reports", response_class=HTMLResponse)
    def reports(request: Request, q: str = "", province: str = "", year: str = "", type: str = "",
                status: str = "", source: str = "", sort: str = "loaded", order: str = "desc",
                page: str = "1", size: str = "50"):
        f = queries.ReportFilter(q=q[:200], province=province, year=_int(year), type=type, status=status,
                                 source=source, sort=sort if sort in queries.SORTS else "loaded",
                                 desc=order != "asc", page=_int(page, 1) or 1, size=_int(size, 50) or 50)
        result = queries.search_reports(_url(), f)
        return render(request, "reports.html", "reports", p=result, sizes=queries.PAGE_SIZES)

    @app.get("/reports.csv")
    def reports_csv(q: str = "", province: str = "", year: str = "", type: str = "", status: str = "",
                    source: str = "", sort: str = "loaded", order: str = "desc"):
        """The filtered Reports list as CSV (UTF-8 with BOM, so Excel opens it as it is)."""
        import csv
        import io

        f = queries.ReportFilter(q=q[:200], province=province, year=_int(year), type=type, status=status,
                                 source=source, sort=sort if sort in queries.SORTS else "loaded", desc=order != "asc")
        rows = queries.report_rows(_url(), f)
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(queries.V_REPORT.c.keys()), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="selfeval-reports.csv"'})

    @app.get("/reports/{report_id}", response_class=HTMLResponse)
    def report(request: Request, report_id: int):
        d = queries.report_detail(_url(), report_id)
        return render(request, "report.html", "reports", r=d["report"], fields=d["fields"], results=d["results"],
                      counts=d["counts"], indicators=d["indicators"], versions=d["versions"], d=d["document"],
                      v=d["version"], x=d["extraction"])

    @app.get("/reports/{report_id}/lineage", response_class=HTMLResponse)
    def lineage(request: Request, report_id: int):
        from selfeval.warehouse.lineage import format_tree

        chain = queries.report_lineage(_url(), report_id)
        return render(request, "lineage.html", "reports", c=chain, tree=format_tree(chain))

    @app.get("/reports/{report_id}/lineage.json")
    def lineage_json(report_id: int):
        return JSONResponse(jsonable_encoder(queries.report_lineage(_url(), report_id)))

    @app.get("/quarantine", response_class=HTMLResponse)
    def quarantine(request: Request):
        return render(request, "quarantine.html", "quarantine", rows=queries.quarantine(_url()))

    @app.get("/documents/{sha256}")
    def document(sha256: str, download: bool = False):
        doc = queries.raw_document(_url(), _raw_store(), sha256)
        main_type = doc.content_type.split(";")[0].strip().lower()
        inline = not download and main_type in INLINE_TYPES
        headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=86400, immutable"}
        # Chromium refuses to show a PDF in a sandboxed document; PDFs cannot run script in the page's origin.
        headers["Content-Security-Policy"] = "frame-ancestors 'self'" \
            if main_type == "application/pdf" else RAW_CSP
        disposition = "inline" if inline else "attachment"
        if doc.path is not None:
            return FileResponse(doc.path, media_type=doc.content_type, filename=doc.file_name, headers=headers,
                                content_disposition_type=disposition)
        headers["Content-Disposition"] = _content_disposition(disposition, doc.file_name)
        if doc.size:
            headers["Content-Length"] = str(doc.size)
        return StreamingResponse(doc.chunks(), media_type=doc.content_type, headers=headers)

    return app
