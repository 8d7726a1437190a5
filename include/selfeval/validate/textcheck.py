"""Whole-text arithmetic for TXT-01 (totals vs their parts) and TXT-02 (change rates).

These run on every sentence, not only on schema fields: a report whose own
sums do not add up is worth a flag even when the extracted fields are right.
Parenthesised details ("人员经费720.28万元（工资福利支出480.19万元…）") are
checked as their own total/parts group, never added to the outer list.
"""

from __future__ import annotations

import re
from typing import Any

from selfeval.model import ExtractedDocument, tol_amt
from selfeval.textnorm import normalize_with_map
from selfeval.understand.amounts import sentences
from selfeval.understand.numbers import find_amounts

PART_MARK = re.compile(r"其中|包括|包含|分别为|分别是")
CHANGE = re.compile(r"(?:比上年|较上年|同比|比去年|较去年)?(?:增加|减少|下降|增长|较少|降低|上升|节约)$")
PARTITION = re.compile(r"(基本支出|项目支出|人员经费|公用经费|流动资产|固定资产|工资福利支出|商品和服务支出|对个人和家庭的补助|"
                       r"资本性支出|一般公共预算|政府性基金|上年结转|财政拨款|其他收入|无形资产|在建工程)")


def _depths(s: str) -> list[int]:
    d, out = 0, []
    for ch in s:
        if ch in "(（":
            d += 1
        out.append(d)
        if ch in ")）":
            d = max(0, d - 1)
    return out


def _label(sent: str, start: int, prev_end: int) -> str:
    left = sent[prev_end:start].replace("\n", "")
    return re.split(r"[,，、:：;；(（)）]", left)[-1] if left else ""


def part_sum_checks(doc: ExtractedDocument) -> list[dict[str, Any]]:
    """Every 'X万元，其中A万元、B万元' group in the text with its verdict."""
    out: list[dict[str, Any]] = []
    for page in doc.pages:
        norm, _ = normalize_with_map(page.text or "")
        for s0, s1 in sentences(norm):
            out += _groups(norm[s0:s1])
        out += _named_head_checks(norm)
    return out


def _groups(sent: str) -> list[dict[str, Any]]:
    amounts = [a for a in find_amounts(sent) if a.unit in ("万元", "元", "亿元", "万")]
    if len(amounts) < 2:
        return []
    depth = _depths(sent)
    res: list[dict[str, Any]] = []
    for i, head in enumerate(amounts):
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        if nxt is None:
            break
        between = sent[head.end:nxt.start]
        if not PART_MARK.search(between) or re.search(r"[。;；]", between):
            continue
        if _label(sent, head.start, amounts[i - 1].end if i else 0) and CHANGE.search(
                _label(sent, head.start, amounts[i - 1].end if i else 0)):
            continue
        level = depth[nxt.start]
        parts, labels = [], []
        prev_end = head.end
        for a in amounts[i + 1:]:
            if depth[a.start] < level:
                break
            if depth[a.start] > level:
                prev_end = a.end
                continue
            lab = _label(sent, a.start, prev_end)
            prev_end = a.end
            if CHANGE.search(lab) or re.search(r"占|%", lab):
                continue
            if re.match(r"^\d{4}年", lab) or re.search(r"合计|总计|共计|决算金额", lab):
                break
            parts.append(a.value_wan)
            labels.append(lab)
        if not parts:
            continue
        whole = head.value_wan
        total = sum(parts)
        exceeds = any(p > whole + tol_amt(whole) for p in parts) or total > whole + tol_amt(whole)
        short = len(parts) >= 2 and all(PARTITION.search(lb) for lb in labels) and total < whole - tol_amt(whole)
        res.append({"ok": not (exceeds or short), "whole": whole, "parts": parts, "sum": round(total, 4),
                    "labels": labels, "text": sent[max(0, head.start - 20):head.end + 60]})
    return res


HEAD_OF = re.compile(r"(基本支出|项目支出|公用经费|人员经费|三公经费|“三公”经费)中[:：]")


def _named_head_checks(norm: str) -> list[dict[str, Any]]:
    """'基本支出中：人员经费A…；公用经费B…' — parts of a total stated earlier in the text."""
    out: list[dict[str, Any]] = []
    for m in HEAD_OF.finditer(norm):
        name = m.group(1)
        earlier = [a for a in find_amounts(norm, max(0, m.start() - 3000), m.start()) if a.unit]
        head = None
        for a in reversed(earlier):
            if _label(norm, a.start, max(0, a.start - 20)).endswith(name):
                head = a
                break
        if head is None:
            continue
        para_end = norm.find("\n", m.end())
        para = norm[m.end():para_end if para_end > 0 else len(norm)]
        parts, labels = [], []
        prev = 0
        for a in find_amounts(para):
            if not a.unit:
                continue
            lab = _label(para, a.start, prev)
            prev = a.end
            if CHANGE.search(lab) or re.search(r"占|%", lab) or not PARTITION.search(lab) or name in lab:
                continue
            parts.append(a.value_wan)
            labels.append(lab)
        if len(parts) < 2:
            continue
        total = sum(parts)
        ok = abs(total - head.value_wan) <= tol_amt(head.value_wan)
        out.append({"ok": ok, "whole": head.value_wan, "parts": parts, "sum": round(total, 4), "labels": labels,
                    "text": norm[m.start():m.start() + 80]})
    return out


CHANGE_RE = re.compile(
    r"(?P<cur>\d+(?:\.\d+)?)(?P<u1>万元|元)[,，]?(?:比上年|较上年|比去年|较去年|同比)(?P<dir>增加|减少|下降|增长|较少|降低|上升)"
    r"(?P<delta>\d+(?:\.\d+)?)(?P<u2>万元|元)[,，]?(?:(?:增加|减少|下降|增长|较少|降低|上升|增幅|降幅|增长率|下降率)(?:为|了)?)?"
    r"(?P<pct>\d+(?:\.\d+)?)%"
)
ADD_RE = re.compile(r"(?P<base>\d+(?:\.\d+)?)万元[,，]?[^。;；]{0,12}?追加(?:数|金额)?(?P<delta>\d+(?:\.\d+)?)万元[,，]?"
                    r"[^。;；\d]{0,8}?追加率(?:为)?(?P<pct>\d+(?:\.\d+)?)%")


def change_rate_checks(doc: ExtractedDocument) -> list[dict[str, Any]]:
    """'A万元，比上年减少Δ万元，减少P%' and '…追加数Δ万元，预算追加率P%' with their verdicts."""
    out: list[dict[str, Any]] = []
    for page in doc.pages:
        norm, _ = normalize_with_map(page.text or "")
        flat = norm.replace("\n", "")
        for m in CHANGE_RE.finditer(flat):
            if m.group("u1") != m.group("u2"):
                continue  # unit slip (29.1元 vs 万元) is AMT-03's business, not a rate check
            cur, delta, pct = float(m.group("cur")), float(m.group("delta")), float(m.group("pct"))
            down = m.group("dir") in ("减少", "下降", "较少", "降低")
            prior = cur + delta if down else cur - delta
            if delta == 0 and pct == 0:
                out.append({"ok": True, "stated": pct, "computed": 0.0, "text": m.group(0)})
                continue
            if prior <= 0:
                out.append({"ok": False, "stated": pct, "computed": None, "text": m.group(0)})
                continue
            calc = 100 * delta / prior
            out.append({"ok": abs(calc - pct) <= 0.5, "stated": pct, "computed": round(calc, 2), "text": m.group(0)})
        for m in ADD_RE.finditer(flat):
            base, delta, pct = float(m.group("base")), float(m.group("delta")), float(m.group("pct"))
            if base <= 0:
                continue
            calc = 100 * delta / base
            out.append({"ok": abs(calc - pct) <= 0.5, "stated": pct, "computed": round(calc, 2), "text": m.group(0)})
    return out
