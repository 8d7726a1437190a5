"""The vocabulary is one place for every label; each label's example must be read by that label."""

from __future__ import annotations

import re

import pytest
from selfeval.textnorm import normalize_text
from selfeval.understand import vocabulary as V
from selfeval.understand.amounts import classify

GROUPS = {name: getattr(V, name) for name in dir(V)
          if isinstance(getattr(V, name), tuple) and getattr(V, name) and isinstance(getattr(V, name)[0], V.Label)}
GROUPS.update({f"BUDGET_COLUMNS[{k}]": v for k, v in V.BUDGET_COLUMNS.items()})
LABELS = [(g, lab) for g, labs in GROUPS.items() for lab in labs]


@pytest.mark.parametrize(("group", "label"), LABELS, ids=[f"{g}:{lab.pattern[:24]}" for g, lab in LABELS])
def test_example_is_matched_by_its_label(group: str, label: V.Label) -> None:
    assert label.example == normalize_text(label.example), "examples are written as the matching copy reads them"
    assert re.search(label.pattern, label.example), (group, label.pattern, label.example)


@pytest.mark.parametrize(("example", "kind"), [
    (V.AMOUNT_TOTAL_END[0].example, "total"), (V.AMOUNT_BASIC_END[0].example, "basic"),
    (V.AMOUNT_PROJECT_END[0].example, "project"), (V.AMOUNT_INITIAL[0].example, "initial"),
    (V.AMOUNT_ADJUSTED_END[0].example, "adjusted"), (V.AMOUNT_UNQUALIFIED[0].example, "budget"),
    (V.AMOUNT_SPECIAL_END[0].example, "special"),
])
def test_amount_examples_classify_as_their_group(example: str, kind: str) -> None:
    near = re.split(r"[\d,.]+万元", example)[0]
    got = classify(near, near, "department_overall")
    assert got is not None and got[0] == kind, (example, got)


@pytest.mark.parametrize("label", V.AMOUNT_NOT_SPENDING, ids=[lab.pattern[:20] for lab in V.AMOUNT_NOT_SPENDING])
def test_look_alike_examples_are_never_spending(label: V.Label) -> None:
    near = re.split(r"[\d,.]+万元", label.example)[0]
    got = classify(near, near, "department_overall")
    assert got is None or got[0] in ("income",), (label.example, got)
