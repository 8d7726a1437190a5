"""docs/data-dictionary.md is generated from the model comments; this fails when they drift."""

from selfeval.warehouse.dictionary import render
from selfeval.warehouse.models import Base

from tests.conftest import ROOT


def test_dictionary_matches_models():
    assert (ROOT / "docs/data-dictionary.md").read_text("utf-8") == render(), \
        "regenerate: python -m selfeval.warehouse.dictionary > docs/data-dictionary.md"


def test_every_column_is_documented():
    for table in Base.metadata.sorted_tables:
        assert table.comment, table.name
        for col in table.columns:
            assert col.comment, f"{table.name}.{col.name} has no comment"
