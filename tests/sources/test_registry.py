"""The source registry: schema errors name file and key; ${VAR} placeholders; duplicates."""

from __future__ import annotations

import pytest
import yaml
from selfeval.sources.registry import SourceConfigError, check_sources, load_sources

from tests.conftest import ROOT

GOOD = """
id: county-a
name: 某县人民政府 绩效自评
region: {province: 湖南省, city: 怀化市, county: 溆浦县}
family: static_list
start_urls: ["https://www.example.gov.cn/zwgk/jxzp/index.html"]
schedule: "@weekly"
"""


def test_valid_source_gets_default_allow_list(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    [src] = load_sources(tmp_path)
    assert src.allow_hosts == ["www.example.gov.cn"]
    assert src.allow_private_network is False
    assert "绩效自评" in src.relevance.include


def test_errors_name_file_and_key(tmp_path):
    bad = GOOD.replace("family: static_list", "family: frontpage").replace('"@weekly"', '"every day"')
    (tmp_path / "bad.yaml").write_text(bad + "colour: red\n", encoding="utf-8")
    _, problems = check_sources(tmp_path)
    keys = {p.key for p in problems}
    assert {"family", "schedule", "colour"} <= keys
    assert all(p.file.endswith("bad.yaml") for p in problems)
    with pytest.raises(SourceConfigError) as exc:
        load_sources(tmp_path, strict=True)
    assert "bad.yaml:family" in str(exc.value)


def test_unset_variable_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.delenv("SELFEVAL_DEMO_BASE_URL", raising=False)
    _, problems = check_sources(ROOT / "demo-sources")
    assert any("SELFEVAL_DEMO_BASE_URL" in p.message and p.key.startswith("start_urls") for p in problems)
    monkeypatch.setenv("SELFEVAL_DEMO_BASE_URL", "http://127.0.0.1:9/")
    [src] = [s for s in load_sources(ROOT / "demo-sources") if s.id == "demo-county"]
    assert src.start_urls[0] == "http://127.0.0.1:9/zwgk/czzj/jxzp/index.html"


def test_duplicate_ids_and_multi_source_files(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    one = yaml.safe_load(GOOD)
    two = dict(one, id="county-b")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump({"sources": [one, two]}, allow_unicode=True), encoding="utf-8")
    _, problems = check_sources(tmp_path)
    assert [p.key for p in problems if "duplicate source id" in p.message] == ["id"]
    assert {s.id for s in check_sources(tmp_path)[0]} == {"county-a", "county-b"}


def test_yaml_syntax_error_reported(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _, problems = check_sources(tmp_path)
    assert problems and problems[0].file.endswith("broken.yaml") and "YAML" in problems[0].message


def test_sources_of_one_portal_share_a_crawl_task(tmp_path, monkeypatch):
    from selfeval.pipeline.tasks import host_groups

    base = yaml.safe_load(GOOD)
    docs = [dict(base, id="a-jxzp"), dict(base, id="a-czyjs", start_urls=["https://www.example.gov.cn/czyjs/"]),
            dict(base, id="b-jxzp", start_urls=["https://other.example.gov.cn/x/"]),
            dict(base, id="c-jxzp", start_urls=["https://third.example.gov.cn/x/"], host_group="example-cluster")]
    (tmp_path / "s.yaml").write_text(yaml.safe_dump({"sources": docs}, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("SELFEVAL_SOURCES", str(tmp_path))
    groups = host_groups(["a-jxzp", "b-jxzp", "a-czyjs", "c-jxzp"])
    assert sorted(map(sorted, groups)) == [["a-czyjs", "a-jxzp"], ["b-jxzp"], ["c-jxzp"]]


def test_shipped_production_registry_loads_clean_without_demo_variables(monkeypatch):
    """docker-compose mounts ./sources: it must load with no demo variable set (the demo lives in demo-sources/)."""
    monkeypatch.delenv("SELFEVAL_DEMO_BASE_URL", raising=False)
    sources, problems = check_sources(ROOT / "sources")
    assert problems == []
    assert all(not s.enabled for s in load_sources(ROOT / "sources"))  # the examples ship disabled


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    import time
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(GOOD, encoding="utf-8")
    t0 = time.monotonic()
    sources, problems = check_sources(tmp_path)
    assert time.monotonic() - t0 < 5
    assert any(p.file.endswith("bomb.yaml") and "alias" in p.message for p in problems)
    assert [s.id for s in sources] == ["county-a"]  # the other file still loads


def test_invalid_css_selector_is_reported_by_check(tmp_path):
    bad = GOOD + 'list: {item: "ul li[", link: "a"}\ndetail: {content: "div..article"}\n'
    (tmp_path / "sel.yaml").write_text(bad, encoding="utf-8")
    _, problems = check_sources(tmp_path)
    keys = {p.key for p in problems}
    assert "list.item" in keys and "detail.content" in keys, problems
    assert any("invalid CSS selector" in p.message for p in problems)


def test_one_invalid_file_does_not_stop_the_others(tmp_path, monkeypatch):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(GOOD.replace("county-a", "county-b").replace("static_list", "nope"),
                                           encoding="utf-8")
    assert [s.id for s in load_sources(tmp_path)] == ["county-a"]
    with pytest.raises(SourceConfigError):
        load_sources(tmp_path, strict=True)
    monkeypatch.setenv("SELFEVAL_SOURCES", str(tmp_path))
    from selfeval.pipeline.tasks import registry_alerts
    from selfeval.settings import get_settings

    get_settings.cache_clear() if hasattr(get_settings, "cache_clear") else None
    [alert] = registry_alerts()
    assert alert.kind == "source_config_invalid" and "broken.yaml" in alert.subject and "family" in alert.body
