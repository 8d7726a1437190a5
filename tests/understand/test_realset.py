"""The labelled real texts (realset/): the test split must not fall below its recorded figures.

`selfeval eval realset --split test --record` writes realset/results-test.json after an accepted change;
this test fails when macro F1 or classification accuracy drops more than 0.02 below it, when more values
are read from look-alikes than recorded (the goal is none), or when a value lacks evidence.  Labels are checked for form first (a broken label
would make the figures meaningless).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from selfeval.eval.realset import load_items, run_realset, split_of

from tests.conftest import ROOT

REALSET = ROOT / "realset"
TOLERANCE = 0.02


def test_labels_are_well_formed() -> None:
    proc = subprocess.run([sys.executable, str(REALSET / "tools" / "check.py")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_split_is_by_site_and_stable() -> None:
    items = load_items(REALSET, "all")
    by_site: dict[str, set[str]] = {}
    for it in items:
        by_site.setdefault(it.site, set()).add(it.split)
    assert all(len(s) == 1 for s in by_site.values())
    assert split_of("www.example.gov.cn".removeprefix("www.")) == split_of("example.gov.cn")
    assert {"dev", "test"} <= {it.split for it in items}


@pytest.fixture(scope="module")
def test_result() -> dict:
    return run_realset(REALSET, "test")


def test_test_split_holds_its_recorded_figures(test_result: dict) -> None:
    recorded = json.loads((REALSET / "results-test.json").read_text(encoding="utf-8"))
    assert test_result["macro_f1"] >= recorded["macro_f1"] - TOLERANCE, (test_result["macro_f1"], recorded["macro_f1"])
    assert test_result["classification_accuracy"] >= recorded["classification_accuracy"] - TOLERANCE
    for f, f1 in (recorded.get("supplementary") or {}).items():  # fields scored apart (indicator_count)
        got = test_result["supplementary"][f]["f1"]
        assert got >= f1 - TOLERANCE, (f, got, f1)


def test_look_alike_values_do_not_grow_and_every_value_evidenced(test_result: dict) -> None:
    """The goal is 0 values read from look-alikes; the recorded figure is the floor a change may not break."""
    recorded = json.loads((REALSET / "results-test.json").read_text(encoding="utf-8"))
    assert test_result["values_on_negatives"] <= recorded["values_on_negatives"]
    assert test_result["evidence_coverage"] in (None, 1.0)


def test_shipped_classifier_is_what_the_dev_data_trains() -> None:
    from selfeval.understand.classify import MODEL_PATH
    from selfeval.understand.train import same_model, train

    fresh = train(out=None, cv=False)
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert same_model(fresh, shipped), "run `selfeval classifier train` after changing features or training data"


def test_rendered_realset_is_scored_per_format(tmp_path) -> None:
    """`selfeval eval realset --render html,docx,pdf`: texts become GBK pages (pipe rows as <table> rows), Word
    documents, PDFs and (forms only) workbooks, each scored against the same labels. A self-evaluation form and a look-alike keep
    their classification through every rendering."""

    from selfeval.eval.realset import run_rendered
    from selfeval.eval.render import SHEET_SHAPES, text_to_html

    page = text_to_html("某表 | 甲 | 乙 |\n正文一行\n")
    assert b"charset=gbk" in page and "<tr><td>某表</td><td>甲</td><td>乙</td></tr>".encode("gbk") in page
    (tmp_path / "labels").mkdir()
    (tmp_path / "texts").mkdir()
    chosen = [it for it in load_items(REALSET, "dev") if it.label.get("document_type") == "self_eval_table"
              and it.label.get("shape") in ("form", "pipe_table")][:1]
    chosen += [it for it in load_items(REALSET, "dev") if it.label.get("negative_kind") == "final_accounts"][:1]
    for it in chosen:
        shutil.copy(REALSET / "labels" / f"{it.id}.json", tmp_path / "labels")
        shutil.copy(it.text_path, tmp_path / "texts")
    formats = ["html", "traditional", "gb18030"] + (["docx", "pdf", "xlsx"] if shutil.which("soffice") else [])
    results = run_rendered(tmp_path, "dev", formats)
    assert [r["format"] for r in results] == formats
    sheets = sum(1 for it in chosen if it.label.get("shape") in SHEET_SHAPES)
    for r in results:
        assert r["items"] == (sheets if r["format"] == "xlsx" else 2), r["format"]
        assert r["classification_accuracy"] == 1.0, (r["format"], r["misses"])
        assert r["values_on_negatives"] == 0 and r["evidence_coverage"] == 1.0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_rendering_converts_every_file_a_batch_can_and_gives_up_on_one_it_cannot(tmp_path) -> None:
    """A LibreOffice batch that stops part-way must not leave the rest unrendered (they would be scored as
    misses of the reader): the files still missing are converted in the next batch, and a file that cannot be
    converted on its own turn is given up so the loop ends."""
    from selfeval.eval.render import _convert

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for name in ("a", "c", "d"):
        (src / f"{name}.html").write_text(f"<html><body><p>{name} 绩效自评</p></body></html>", encoding="utf-8")
    _convert(["--convert-to", "docx:MS Word 2007 XML"], out, [src / "a.html", src / "b.html", src / "c.html",
                                                              src / "d.html"], "docx", 120)
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "c.docx", "d.docx"]


def test_site_held_out_misses_are_the_items_the_cv_figure_counts_wrong(tmp_path) -> None:
    """`selfeval classifier train --misses`: each miss is a dev item whose verdict, with its site held out,
    differs from its label, and the CV accuracy is exactly the share of items not listed."""
    import shutil

    from selfeval.eval.realset import load_items
    from selfeval.understand.train import cross_validate_verdict, gather

    items = load_items(REALSET, "dev")
    chosen = [it for it in items if it.label["is_self_eval"]][:12] + [it for it in items if not it.label["is_self_eval"]][:12]
    for sub in ("texts", "labels"):
        (tmp_path / "realset" / sub).mkdir(parents=True)
    for it in chosen:
        shutil.copy(it.text_path, tmp_path / "realset" / "texts" / it.text_path.name)
        shutil.copy(REALSET / "labels" / f"{it.id}.json", tmp_path / "realset" / "labels" / f"{it.id}.json")
    misses: list = []
    acc = cross_validate_verdict(gather(tmp_path), tmp_path, folds=3, misses=misses)
    assert acc == round(1 - len(misses) / len(chosen), 4)
    labels = {it.id: it.label for it in chosen}
    assert all(got != bool(labels[i]["is_self_eval"]) and want == labels[i]["document_type"] for i, want, got, _ in misses)
