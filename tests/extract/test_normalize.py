"""The one normaliser (selfeval.textnorm): matching copy, offset map, traditional characters, output cleaning."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from selfeval.textnorm import (
    RADICAL_SUPPLEMENT_MAP,
    clean_extracted_text,
    fix_glyphs,
    is_radical,
    normalize_text,
    normalize_with_map,
    raw_span,
)

from .conftest import CORPUS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023 年度", "2023年度"),
        ("报告时间： 2022 年\u00a06月", "报告时间:2022年6月"),
        ("杨  进", "杨进"),
        ("预 算 编 码：", "预算编码:"),
        ("２０２３年度", "2023年度"),
        ("到位率达100％", "到位率达100%"),
        ("１２３．４５万元", "123.45万元"),
        ("（一）部门概况", "(一)部门概况"),
        ("a\r\nb", "a\nb"),
        ("Hello  World", "Hello World"),
        ("⼀般公共预算", "一般公共预算"),
        ("⻓沙市⺠政局", "长沙市民政局"),
        ("⽤于⽚区", "用于片区"),
        ("1,478.93", "1,478.93"),
        ("\u3000\u3000根据", "根据"),
        ("上\n\u3000\u3000根据", "上\n根据"),
        ("績效自評報告", "绩效自评报告"),
        ("部門整體支出預算執行率", "部门整体支出预算执行率"),
        ("乾隆 於是", "乾隆于是"),
        ("年中调整金额②", "年中调整金额(2)"),  # a circled mark is no figure
        ("小计③=①+②", "小计(3)=(1)+(2)"),
        ("评价等级为“ ” 优 。", "评价等级为优。"),  # quotes a PDF's text layer drew apart from their word
        ("评价等级为“优”。", "评价等级为“优”。"),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_line_structure_kept_as_single_breaks() -> None:
    raw = "登记的机构类型为机\n关，单位统一社会信用代码。\n\n\n一、部门概况\n  （一）部门基本情况"
    assert normalize_text(raw) == "登记的机构类型为机\n关,单位统一社会信用代码。\n一、部门概况\n(一)部门基本情况"


def test_amount_split_by_a_wrap_is_joined() -> None:
    assert normalize_text("支出合计5137.69万\n元，执行率87.30\n%") == "支出合计5137.69万元,执行率87.30%"


def test_footer_and_table_lines_kept() -> None:
    raw = "建设充分结合起来\n— 3 —\n联系人\t罗翔\n实有人数\t42"
    # a single TAB is a wide space (a label and its value); TABs of a row of three cells or more are cell borders
    assert normalize_text(raw) == "建设充分结合起来\n—3—\n联系人罗翔\n实有人数42"
    assert normalize_text("序号\t项目名称\t自评得分\n1\t道路养护\t95") == "序号\n项目名称\n自评得分\n1\n道路养护\n95"


def test_traditional_text_keeps_its_offsets() -> None:
    raw = "鎮康縣勐堆鄉人民政府2023年度部門整體支出績效自評報告\n自評得分 95 分"
    norm, mapping = normalize_with_map(raw)
    i = norm.index("自评得分95分")
    a, b = raw_span(mapping, i, i + len("自评得分95分"))
    assert raw[a:b] == "自評得分 95 分"
    assert fix_glyphs("鎮康縣勐堆鄉人民政府（本級）") == "镇康县勐堆乡人民政府（本级）"


def test_all_radicals_fold_to_ideographs() -> None:
    for cp in range(0x2F00, 0x2FD6):
        out = normalize_text(chr(cp))
        assert not is_radical(out) and unicodedata.category(out) == "Lo", hex(cp)
    for ch, target in RADICAL_SUPPLEMENT_MAP.items():
        assert normalize_text(ch) == target
        assert clean_extracted_text(ch) == target
    assert len(RADICAL_SUPPLEMENT_MAP) >= 110


def test_clean_extracted_text_keeps_layout() -> None:
    raw = "(cid:12)⼀、基本\u00a0情况\r\n２０２３ 年度\x00\x07"
    assert clean_extracted_text(raw) == "一、基本\u00a0情况\n２０２３ 年度"


def test_clean_extracted_text_skips_translate_only_when_nothing_changes() -> None:
    """The fast path (no character of the clean table present) gives what translate gives."""
    import re

    from selfeval.textnorm import _CLEAN

    rng = random.Random(7)
    pieces = ["a", "一", " ", "\n", "\t", "\r", "\r\n", "(cid:12)", "\u2f00", "\u2e8b", "\ue000", "\u00ad", "\x02"]
    pieces += [chr(k) for k in _CLEAN]
    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        slow = re.sub(r"\(cid:\d+\)", "", s.replace("\r\n", "\n").replace("\r", "\n")).translate(_CLEAN)
        assert clean_extracted_text(s) == slow, repr(s)


def _group_ends(mapping: list[int]) -> list[int]:
    """Output positions that end a group of chars produced by one raw char."""
    return [j for j in range(1, len(mapping) + 1) if j == len(mapping) or mapping[j] != mapping[j - 1]]


def _check_roundtrip(raw: str, rng: random.Random, trials: int) -> None:
    norm, mapping = normalize_with_map(raw)
    if not norm.strip():
        return
    assert len(norm) == len(mapping)
    assert mapping == sorted(mapping)
    ends = _group_ends(mapping)
    starts = [0] + ends[:-1]
    for _ in range(trials):
        i = rng.choice(starts)
        j = rng.choice([e for e in ends if e > i])
        a, b = raw_span(mapping, i, j)
        got = normalize_text(raw[a:b])
        # a span cut at a line break loses that break (nothing before it to separate); a TAB is a cell border only
        # on a line of a table row (two TABs or more), which a span cut from the line may no longer show
        want = norm[i:j]
        if "\t" in raw:
            got, want = re.sub(r"[\n ]", "", got), re.sub(r"[\n ]", "", want)
        assert got.strip() == want.strip(), (raw[a:b], norm[i:j])


def test_offset_map_property_on_corpus_text() -> None:
    rng = random.Random(7)
    raw = (CORPUS / "seed_001.txt").read_text(encoding="utf-8")[:6000]
    _check_roundtrip(raw, rng, 400)


def test_offset_map_property_on_hostile_mix() -> None:
    rng = random.Random(11)
    alphabet = list("年度报告一二（）()，。：:12 3\u00a0\u3000\t\n\r⼀⻓２％㈠ab") + ["(cid:3)"]
    for _ in range(200):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        _check_roundtrip(raw, rng, 10)


def test_offset_map_property_exact_without_tables() -> None:
    rng = random.Random(5)
    raw = (CORPUS / "seed_000.txt").read_text(encoding="utf-8")
    norm, mapping = normalize_with_map(raw)
    for _ in range(500):
        i = rng.randrange(len(norm) - 1)
        j = rng.randrange(i + 1, min(len(norm), i + 200) + 1)
        a, b = raw_span(mapping, i, j)
        assert normalize_text(raw[a:b]).strip() == norm[i:j].strip()


def test_offset_map_points_at_raw_evidence() -> None:
    raw = "本年支出合计 1,478.93 万元，执行率\u00a087.30％。"
    norm, mapping = normalize_with_map(raw)
    i = norm.index("87.30%")
    a, b = raw_span(mapping, i, i + len("87.30%"))
    assert raw[a:b] == "87.30％"


def test_a_value_keeps_no_pinyin_gloss_of_a_mirror_page() -> None:
    from selfeval.textnorm import fix_glyphs

    assert fix_glyphs("宣州區(qū)教育督導(dǎo)評(píng)價(jià)") == "宣州区教育督导评价"
    assert fix_glyphs("湘西土家族苗族自治州（本级）") == "湘西土家族苗族自治州（本级）"  # brackets that are no gloss stay


def test_a_letter_spaced_year_is_one_number_and_other_digit_runs_stay_apart() -> None:
    """A PDF's spaced headline extracts '2 0 2 1 年 度': the year must read as 2021, while a table's column
    numbers ('行次 1 2 3 4') and spaced figures stay separate numbers."""
    raw = "关 于 2 0 2 1 年 度 政 法 转 移 支 付 资 金 绩 效 的 自 评 报 告\n行次 1 2 3 4\n合计 1 0 2 0 万元"
    norm, mapping = normalize_with_map(raw)
    assert norm.splitlines()[0] == "关于2021年度政法转移支付资金绩效的自评报告"
    assert norm.splitlines()[1:] == ["行次1 2 3 4", "合计1 0 2 0万元"]
    i = norm.index("2021")
    a, b = raw_span(mapping, i, i + 4)
    assert raw[a:b] == "2 0 2 1"
    assert normalize_with_map("２ ０ ２ ２ 年")[0] == "2022年"
