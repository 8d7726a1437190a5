"""Held-out batteries (tests/understand/heldout/<name>/): texts written by helpers who never read the code, each
probing one boundary of the genre, measured before any fix (docs/understanding.md gives those figures).  The
rules fixed on them since, so they now guard against regressions: a battery's classification accuracy and macro
F1 may not drop more than TOLERANCE below tests/understand/heldout/results.json, nor may it read more values from
its look-alikes.  After an accepted change: `python -m tests.understand.test_heldout --record`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from selfeval.eval.realset import run_realset

HELDOUT = Path(__file__).with_name("heldout")
RESULTS = HELDOUT / "results.json"
TOLERANCE = 0.02
BATTERIES = sorted(p.name for p in HELDOUT.iterdir() if (p / "labels").is_dir())


def _figures(name: str) -> dict[str, float]:
    r = run_realset(HELDOUT / name, "all")
    return {"items": r["items"], "classification_accuracy": r["classification_accuracy"],
            "macro_f1": r["macro_f1"], "values_on_negatives": r["values_on_negatives"],
            "evidence_coverage": r["evidence_coverage"]}


@pytest.mark.parametrize("name", BATTERIES)
def test_a_battery_holds_its_recorded_figures(name: str) -> None:
    want = json.loads(RESULTS.read_text(encoding="utf-8"))[name]
    got = _figures(name)
    assert got["items"] == want["items"]
    assert got["classification_accuracy"] >= want["classification_accuracy"] - TOLERANCE, (got, want)
    assert got["macro_f1"] >= want["macro_f1"] - TOLERANCE, (got, want)
    assert got["values_on_negatives"] <= want["values_on_negatives"], (got, want)
    assert got["evidence_coverage"] == 1.0


if __name__ == "__main__" and "--record" in sys.argv:
    RESULTS.write_text(json.dumps({n: _figures(n) for n in BATTERIES}, indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))
