"""`selfeval` command line. Command names are a contract for ops tooling: extend, never rename."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from selfeval.settings import get_settings


def _p(*args) -> None:
    print(*args, flush=True)


def _progress(message: str, done: bool = False) -> None:
    """A one-line progress display on stderr when it is a terminal; nothing for scripts, pipes and tests."""
    if not sys.stderr.isatty():
        return
    print(f"\r\033[K{message}", end="\n" if done else "", file=sys.stderr, flush=True)


# --- extract ---------------------------------------------------------------------------------------

def cmd_extract(args) -> int:
    from selfeval.payload import extract_payload

    payload = extract_payload(Path(args.file), isolated=not args.in_process)
    if args.json:
        _p(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        _p(f"{payload['file']}: {payload.get('format')} {payload.get('pages')} pages, "
           f"self-eval={payload.get('is_self_eval')} type={payload.get('report_type')}")
        for k, v in (payload.get("fields") or {}).items():
            if v is not None:
                ev = payload["evidence"].get(k, {})
                _p(f"  {k:<24} {v!s:<30} p.{ev.get('page', '?')} «{str(ev.get('snippet', ''))[:50]}»")
    return 1 if payload.get("error") else 0


# --- sources ---------------------------------------------------------------------------------------

def _registry_path(args) -> Path:
    return Path(args.sources) if getattr(args, "sources", None) else (get_settings().sources or Path("sources"))


def cmd_sources(args) -> int:
    from selfeval.sources.registry import check_sources

    sources, problems = check_sources(_registry_path(args))
    if args.action == "check":
        for prob in problems:
            _p(f"ERROR {prob}")
        _p(f"{len(sources)} source(s) valid, {len(problems)} problem(s)")
        return 1 if problems else 0
    for src in sources:
        region = "/".join(x for x in (src.region.province, src.region.city, src.region.county) if x) or "-"
        _p(f"{src.id:<24} {src.family:<12} {src.schedule:<10} {'on ' if src.enabled else 'off'} {region}  {src.name}")
    for prob in problems:
        print(f"ERROR {prob}", file=sys.stderr)
    return 1 if problems else 0


# --- pipeline --------------------------------------------------------------------------------------

def _source(args):
    from selfeval.sources.registry import load_sources

    for src in load_sources(_registry_path(args)):
        if src.id == args.source_id:
            return src
    raise SystemExit(f"unknown source id {args.source_id!r}")


def cmd_db(args) -> int:
    from selfeval.warehouse.db import current_revision, upgrade

    url = get_settings().warehouse_url
    if args.action == "upgrade":
        upgrade(url)
    if args.action == "checksum":
        from selfeval.warehouse.checksum import checksums

        for table, (rows, digest) in checksums(url).items():
            _p(f"{table:<18} {rows:>8} rows  {digest[:16]}")
        return 0
    _p(f"{url}: revision {current_revision(url)}")
    return 0


def cmd_crawl(args) -> int:
    """Crawl and download one source now (a person asked: an anti-bot back-off is not applied)."""
    from selfeval.pipeline.context import RunContext
    from selfeval.pipeline.crawl import crawl_source, make_client
    from selfeval.pipeline.download import download_source
    from selfeval.warehouse.db import upgrade

    settings = get_settings()
    src = _source(args)
    if args.dry_run:
        return _dry_run(src, settings)
    upgrade(settings.warehouse_url)
    ctx = RunContext.cli("crawl")
    client = make_client(src, settings)
    _progress(f"[{src.id}] crawling list and detail pages …")
    c = crawl_source(src, settings, ctx, client=client, respect_backoff=False)
    _progress(f"[{src.id}] {c.items_seen} items seen, {c.items_new} new; downloading …")
    d = download_source(src, settings, ctx, client=client) if not c.blocked else None
    _progress(f"[{src.id}] done: {client.requests_made} requests", done=True)
    _p(f"{src.id}: {c.pages} list pages ({c.pages_not_modified} not modified), {c.items_seen} items "
       f"({c.items_new} new: {c.relevant_new} relevant, {c.skipped_new} skipped), {c.articles_stored} article(s), "
       + (f"downloaded {d.downloaded}, unchanged {d.unchanged}, failed {d.failed}, " if d else "")
       + f"{client.requests_made} requests" + (f", BLOCKED {c.blocked}" if c.blocked else ""))
    if c.stopped_early:
        _p(f"  stopped paging at known page(s): {', '.join(c.stopped_early)}")
    for e in c.errors:
        _p(f"  error: {e}")
    for f in d.failures if d else []:
        _p(f"  failed: {f}")
    if c.blocked or (d and d.blocked):
        return 2
    # nothing listed and an error (start URL refused, unreachable, failing): the crawl did not happen
    return 1 if c.errors and not c.items_seen else 0


def _dry_run(src, settings) -> int:
    """List what a crawl would download, with a running counter on stderr; writes nothing (no rows, no state).

    Follows the crawl stage's own plans (`selfeval.crawl.plan`: relevance, cut-short titles, containers,
    attachments listed by JSON APIs, detail outcomes) with a printing sink; ignores what earlier crawls saw.
    """
    from selfeval.crawl.detail import expand_detail
    from selfeval.crawl.families import get_adapter, start_points
    from selfeval.crawl.plan import plan_detail, plan_listed
    from selfeval.pipeline.crawl import load_state, make_client

    client = make_client(src, settings)
    load_state(src, settings, client)  # reuse a fresh robots.txt; the state file is not written
    counts = {"pages": 0, "items": 0, "docs": 0}

    def progress(final: bool = False) -> None:
        print(f"\r[{src.id}] {counts['pages']} pages, {counts['items']} items, {counts['docs']} to download, "
              f"{client.requests_made} requests", end="\n" if final else "", file=sys.stderr, flush=True)

    def emit(date: str | None, url: str, name: str) -> None:
        counts["docs"] += 1
        print(f"\r{' ' * 100}\r", end="", file=sys.stderr)
        _p(f"{date or '----------'}  {url}  «{name}»")

    for start in start_points(src):
        for page in get_adapter(src.family)(client, src, start):
            counts["pages"] += 1
            if page.error:
                print(f"\n# {page.url}: ERROR {page.error}", file=sys.stderr, flush=True)
                if page.fetch.blocked:
                    progress(final=True)
                    return 2
            for item in page.items:
                counts["items"] += 1
                progress()
                plan = plan_listed(item, src)
                if plan.download:
                    emit(item.date, item.url, item.title)
                for k in plan.kept_listed:
                    emit(item.date, k.attachment.url, k.attachment.name)
                if not plan.open_detail:
                    continue
                res = client.get(item.url)
                if not res.ok:
                    print(f"\n# {item.url}: ERROR {res.error}", file=sys.stderr, flush=True)
                    continue
                out = expand_detail(res, item, plan.verdict, src)
                detail = plan_detail(out, plan.verdict, plan.status)
                if detail.store_response:
                    emit(item.date or out.date, item.url, out.title or item.title)
                for k in detail.attachments:
                    if k.keep:
                        emit(item.date or out.date, k.attachment.url, k.attachment.name)
    progress(final=True)
    print(f"{counts['docs']} document(s) would be downloaded ({client.requests_made} requests)", file=sys.stderr)
    return 0


def cmd_process(args) -> int:
    from selfeval.pipeline.context import RunContext
    from selfeval.pipeline.process import batches, pending_versions, process_batch
    from selfeval.warehouse.db import upgrade

    settings = get_settings()
    upgrade(settings.warehouse_url)
    ctx = RunContext.cli("process")
    ids = pending_versions(settings, source_id=args.source)
    total = {"documents": 0, "reports": 0, "not_reports": 0, "failed": 0}
    for batch in batches(ids, args.batch_size):
        _progress(f"processing {total['documents'] + len(batch)}/{len(ids)} document version(s) …")
        s = process_batch(settings, batch, ctx)
        for k in total:
            total[k] += getattr(s, k)
        for f in s.failures:
            _p(f"  failed: {f}")
    _progress(f"processed {len(ids)} document version(s)", done=True)
    _p(f"processed {total['documents']} document version(s): {total['reports']} report(s), "
       f"{total['not_reports']} not a report, {total['failed']} failed")
    return 0


def cmd_reprocess(args) -> int:
    from selfeval.pipeline.reprocess import reprocess_document

    settings = get_settings()
    _progress(f"re-processing document {args.doc_id} …")
    n = reprocess_document(settings, args.doc_id)
    _progress(f"document {args.doc_id} re-processed", done=True)
    _p(f"document {args.doc_id}: {n} version(s) queued and processed")
    return 0


def cmd_retry(args) -> int:
    from selfeval.pipeline.reprocess import retry_failed

    counts = retry_failed(get_settings(), args.source)
    _p(f"reset {counts['discovered_items']} failed discovered item(s) and {counts['document_versions']} failed "
       f"document version(s){' of ' + args.source if args.source else ''}; the next crawl/process run takes them")
    return 0


def cmd_summary(args) -> int:
    from selfeval.pipeline.summary import format_counts, warehouse_counts

    url = get_settings().warehouse_url
    _p(format_counts(warehouse_counts(url), url=url))
    return 0


def cmd_lineage(args) -> int:
    from selfeval.warehouse.lineage import format_tree, lineage

    chain = lineage(get_settings().warehouse_url, args.report_id)
    _p(json.dumps(chain, ensure_ascii=False, indent=2) if args.json else format_tree(chain))
    return 0


def cmd_export(args) -> int:
    from selfeval.warehouse.export import UnknownView, export_views

    try:
        paths = export_views(get_settings().warehouse_url, Path(args.out), args.format, args.view)
    except UnknownView as exc:
        print(f"selfeval export: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        _p(path)
    return 0


def cmd_eval(args) -> int:
    target = Path(args.truth)
    if target.is_dir() and (target / "labels").is_dir():
        from selfeval.eval.realset import format_realset, run_realset

        if args.render:
            from selfeval.eval.realset import run_rendered

            _progress(f"rendering the {args.split} split of {target} as {args.render} and understanding it …")
            results = run_rendered(target, args.split, [f.strip() for f in args.render.split(",") if f.strip()])
            _progress("scored", done=True)
            _p(json.dumps(results, ensure_ascii=False, indent=2, default=str) if args.json
               else "\n\n".join(format_realset(r, misses=args.misses) for r in results))
            return 0
        _progress(f"understanding the {args.split} split of {target} …")
        result = run_realset(target, args.split)
        _progress(f"{result['items']} items scored", done=True)
        _p(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json
           else format_realset(result, misses=args.misses))
        if args.record:
            from selfeval.eval.realset import record_results

            _p(f"recorded {record_results(target, result)}")
        return 0
    if not args.directory:
        _p(f"{target}: give TRUTH.json DIR, or a realset directory (with labels/ and texts/)")
        return 2
    from selfeval.eval.truth import format_report, run_eval

    _progress(f"understanding the files of {args.directory} …")
    result = run_eval(target, Path(args.directory))
    _progress("scored", done=True)
    _p(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_report(result))
    return 0


def cmd_classifier(args) -> int:
    if args.action == "train":
        from selfeval.understand.classify import MODEL_PATH
        from selfeval.understand.train import train

        if args.check:
            from selfeval.understand.train import same_model

            fresh = train(out=None, cv=False)
            same = same_model(fresh, json.loads(MODEL_PATH.read_text(encoding="utf-8")))
            _p(f"{MODEL_PATH}: {'matches a fresh training' if same else 'DIFFERS from a fresh training: run selfeval classifier train'}")
            return 0 if same else 1
        misses: list[tuple[str, str, bool, str]] = []
        art = train(cv=not args.no_cv, misses=misses)
        m = art["meta"]
        _p(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB): {m['examples']} examples {m['labels']}, "
           f"{m['features']} features, site-grouped CV is_self_eval accuracy {m.get('cv_is_self_eval_accuracy')} "
           f"(model alone), {m.get('cv_verdict_accuracy')} (model and rules, realset dev)")
        if args.misses:
            for item_id, want, got, reason in misses:
                _p(f"  {item_id}: labelled {want}, verdict {'report' if got else 'not a report'} ({reason[:160]})")
        return 0
    from selfeval.understand.classify import score_title

    for t in args.titles:
        s = score_title(t)
        _p(f"{s.p_report:.3f} {s.decision:<9} {t}  [{', '.join(s.reasons)}]")
    return 0


def cmd_demo_portal(args) -> int:
    from selfeval.demo.portal import main as portal_main

    portal_main(args.port)
    return 0


EXAMPLES = {
    "extract": "selfeval extract report.pdf --json",
    "sources": "selfeval sources check --sources sources/",
    "crawl": "selfeval crawl xupu-jxzp --dry-run",
    "process": "selfeval process --source xupu-jxzp --batch-size 20",
    "reprocess": "selfeval reprocess 42",
    "retry": "selfeval retry --source xupu-jxzp",
    "db": "selfeval db upgrade",
    "summary": "selfeval summary",
    "lineage": "selfeval lineage 17 --json",
    "export": "selfeval export --format xlsx --out export/",
    "eval": "selfeval eval realset --split test --misses",
    "classifier": "selfeval classifier score '某县2023年度部门整体支出绩效自评报告'",
    "demo-portal": "selfeval demo-portal --port 8765",
}


def _command(sub, name: str, help_: str, description: str | None = None) -> argparse.ArgumentParser:
    """A sub-command whose --help shows what it does, every default, and an example."""
    return sub.add_parser(name, help=help_, description=description or help_,
                          epilog=f"example:\n  {EXAMPLES[name]}", formatter_class=_DefaultsRawEpilog)


class _DefaultsRawEpilog(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Defaults shown next to each option; the example epilog kept as written."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="selfeval", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="绩效自评 report pipeline: crawl portals, download, extract, understand, validate, load.\n"
                    "Configuration: SELFEVAL_* environment variables (see README); `selfeval COMMAND --help`.",
        epilog="examples:\n" + "\n".join(f"  {x}" for x in EXAMPLES.values()))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = _command(sub, "extract", "extract one file and print its verdict and fields with evidence",
                 "Extract, understand and validate one file (PDF, DOC/DOCX/WPS, XLS/XLSX, HTML, TXT); --json prints "
                 "the payload outside tools read.")
    e.add_argument("file", help="the file to read")
    e.add_argument("--in-process", action="store_true",
                   help="extract in this process (debugging); default: the pipeline's time/memory-limited child")
    e.add_argument("--json", action="store_true", help="print the JSON payload")
    e.set_defaults(func=cmd_extract)

    s = _command(sub, "sources", "list or check the source registry",
                 "check prints every problem as file:key: message and exits 1 if any; list shows the valid sources.")
    s.add_argument("action", choices=["list", "check"])
    s.add_argument("--sources", help="registry file/dir (default: SELFEVAL_SOURCES, else ./sources)")
    s.set_defaults(func=cmd_sources)

    c = _command(sub, "crawl", "crawl and download one source now",
                 "List pages, detail pages and downloads of one source, recorded in the warehouse; exit 1 when "
                 "nothing could be read, 2 when the site blocks the crawler.")
    c.add_argument("source_id", help="id from the source registry")
    c.add_argument("--dry-run", action="store_true", help="list what would be downloaded; write nothing")
    c.add_argument("--sources", help="registry file/dir (default: SELFEVAL_SOURCES, else ./sources)")
    c.set_defaults(func=cmd_crawl)

    pr = _command(sub, "process", "extract, understand, validate and load pending documents")
    pr.add_argument("--source", help="only this source id")
    pr.add_argument("--batch-size", type=int, default=20, help="documents per transaction")
    pr.set_defaults(func=cmd_process)

    rp = _command(sub, "reprocess", "re-extract and reload one document (all its versions)")
    rp.add_argument("doc_id", type=int, help="document id (document.id)")
    rp.set_defaults(func=cmd_reprocess)

    rt = _command(sub, "retry", "give failed items and documents fresh attempts (the next runs take them)")
    rt.add_argument("--source", help="only this source id")
    rt.set_defaults(func=cmd_retry)

    d = _command(sub, "db", "warehouse schema and content")
    d.add_argument("action", choices=["upgrade", "current", "checksum"],
                   help="upgrade: migrate to head; current: print the revision; checksum: content checksum by "
                        "natural keys (compare two warehouses)")
    d.set_defaults(func=cmd_db)

    _command(sub, "summary", "warehouse row counts").set_defaults(func=cmd_summary)

    li = _command(sub, "lineage", "print a report's lineage chain (evidence → version → download → page → crawl → DAG run)")
    li.add_argument("report_id", type=int, help="report id (v_report.report_id)")
    li.add_argument("--json", action="store_true", help="print JSON instead of a tree")
    li.set_defaults(func=cmd_lineage)

    ex = _command(sub, "export", "export the BI views (CSV with BOM, one XLSX workbook, or typed Parquet)")
    ex.add_argument("--format", choices=["csv", "xlsx", "parquet"], default="csv",
                    help="csv: UTF-8 with BOM (Excel-safe); xlsx: one sheet per view; parquet: typed")
    ex.add_argument("--out", default="export", help="output directory")
    ex.add_argument("--view", action="append", help="view name, repeatable (default: every view)")
    ex.set_defaults(func=cmd_export)

    ev = _command(sub, "eval", "score understanding against a truth file, or against the labelled realset",
                  "selfeval eval TRUTH.json DIR  |  selfeval eval realset --split test")
    ev.add_argument("truth", help="truth.json of the files in DIR, or a realset directory (labels/ + texts/)")
    ev.add_argument("directory", nargs="?", help="files named after the truth keys (truth.json mode)")
    ev.add_argument("--split", choices=("dev", "test", "all"), default="test", help="realset split")
    ev.add_argument("--misses", action="store_true", help="realset: list every item that differs from its label")
    ev.add_argument("--record", action="store_true",
                    help="realset: write the figures to realset/results-<split>.json (the floor the tests guard)")
    ev.add_argument("--render", metavar="FORMATS",
                    help="realset: score each text rendered as html, docx, pdf, xlsx and/or the text variants traditional, "
                         "gb18030, untitled, opening800 (comma-separated; docx/pdf/xlsx need LibreOffice)")
    ev.add_argument("--json", action="store_true", help="print JSON")
    ev.set_defaults(func=cmd_eval)

    cl = _command(sub, "classifier", "train the report classifier, or score list titles with it",
                  "selfeval classifier train [--check]  |  selfeval classifier score TITLE...")
    cl.add_argument("action", choices=("train", "score"))
    cl.add_argument("titles", nargs="*", help="titles to score (score)")
    cl.add_argument("--check", action="store_true", help="train: fail if the shipped model differs from a fresh one")
    cl.add_argument("--no-cv", action="store_true", help="train: skip the cross-validation figure")
    cl.add_argument("--misses", action="store_true",
                    help="train: list the dev items the verdict gets wrong when their site is held out")
    cl.set_defaults(func=cmd_classifier)

    dp = _command(sub, "demo-portal", "serve the demo portal on 127.0.0.1 (foreground, Ctrl-C stops)")
    dp.add_argument("--port", type=int, default=8765, help="port")
    dp.set_defaults(func=cmd_demo_portal)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
