"""A searchable view of a document whose matches map back to raw evidence spans.

All field readers search `DocView.norm` (every page's normalised text joined
by "\\n") and turn a normalised span into an `Evidence` on one page's raw
text, so `page.text[start:end] == snippet` holds by construction (EV-01).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from selfeval.model import Evidence, ExtractedDocument
from selfeval.textnorm import is_ascii_alnum, normalize_with_map

from .vocabulary import META_LABELS, WEAK_META_LABELS

# a metadata line ('发布机构:某局', '来源:县财政局'): the page's block, never a sentence the layout wrapped
_META_LINE = re.compile("(?:" + "|".join(sorted(
    {lab for f in ("publisher", "publish_date", "index_no", "doc_no") for lab in META_LABELS[f]
     if lab not in WEAK_META_LABELS or lab == "来源"}, key=len, reverse=True)) + r")\s*[:：]")


@dataclass
class DocView:
    """Normalised text of the whole document with (page, raw index) for every character."""

    doc: ExtractedDocument
    norm: str = ""
    page_of: list[int] = field(default_factory=list)  # 0-based page index per norm char
    raw_of: list[int] = field(default_factory=list)  # raw index in that page per norm char
    page_starts: list[int] = field(default_factory=list)  # norm offset where each page begins
    hard: set[int] = field(default_factory=set)  # norm offsets of line breaks that are never soft wraps

    @property
    def fixed_layout(self) -> bool:
        """A page-layout format (PDF, OFD): its lines wrap at the page width, inside sentences and names."""
        return self.doc.format in ("pdf", "ofd")

    @classmethod
    def build(cls, doc: ExtractedDocument) -> DocView:
        view = cls(doc)
        parts: list[str] = []
        pos = 0
        normed = [normalize_with_map(page.text or "") for page in doc.pages]
        if view.fixed_layout and len(normed) > 1:
            bare = _bare_page_numbers(normed)
            normed = [_without_page_furniture(text, imap, k in bare) for k, (text, imap) in enumerate(normed)]
            normed = _without_running_heads(normed)
        for p_idx, (text, imap) in enumerate(normed):
            keep = len(text.rstrip("\n"))  # one break between pages: a sentence may run on across it
            text, imap = text[:keep], imap[:keep]
            view.page_starts.append(pos)
            parts.append(text)
            view.page_of.extend([p_idx] * len(text))
            view.raw_of.extend(imap)
            pos += len(text)
            # page separator, mapped to the page's last kept character (a span run on across the break ends
            # there, never in the page number under it)
            parts.append("\n")
            view.page_of.append(p_idx)
            view.raw_of.append(imap[-1] if imap else 0)
            pos += 1
        view.norm = "".join(parts)
        view.hard = view._hard_breaks()
        return view

    def _hard_breaks(self) -> set[int]:
        """Line breaks that are never soft wraps: every break of a flowing format (HTML, DOCX, sheets: their
        lines are whole paragraphs or table rows) and, elsewhere, breaks next to a TAB-separated table row, over
        a blank line, or after a page's metadata line ('发布机构:某县卫生健康委员会' is never wrapped into the title)."""
        out: set[int] = set()
        flowing = self.doc.format in ("html", "docx", "xlsx", "xls", "et")
        for i, ch in enumerate(self.norm):
            if ch != "\n":
                continue
            if flowing:
                out.add(i)
                continue
            raw = self.doc.pages[self.page_of[i]].text or ""
            r = min(self.raw_of[i], len(raw))
            before = raw[raw.rfind("\n", 0, r) + 1:r]
            j = r
            while j < len(raw) and raw[j] in "\r\n \u3000":
                j += 1
            k = raw.find("\n", j)
            after = raw[j:k if k >= 0 else len(raw)]
            # (a blank line between two lines ends a paragraph: no layout wraps a sentence or a name across one)
            if ("\t" in before.strip("\r\n") or "\t" in after or raw.count("\n", r, j) >= 2
                    or _META_LINE.search(before)):
                out.add(i)
        return out

    @property
    def widest_line(self) -> int:
        """The printed width of the document's widest line (`printed_width`): a page layout wraps at it."""
        if not hasattr(self, "_widest"):
            self._widest = max((printed_width(t) for _s, _e, t in norm_lines(self.norm)), default=0)
        return self._widest

    @property
    def flat(self) -> str:
        """Normalised text with PDF soft line wraps removed (for label patterns spanning a wrap)."""
        if not hasattr(self, "_flat"):
            norm = self.norm
            keep, chars = [], []
            for i, ch in enumerate(norm):
                if ch == "\n" and i not in self.hard and soft_wrap(norm, i):
                    if not (is_ascii_alnum(norm[i - 1:i]) and is_ascii_alnum(norm[i + 1:i + 2])):
                        continue
                    ch = " "  # '250000.00' / '250000.00' wrapped apart: two figures (or words), never one
                keep.append(i)
                chars.append(ch)
            self._flat = "".join(chars)
            self._flat_map = keep
        return self._flat

    def fev(self, start: int, end: int, note: str | None = None, cell: str | None = None) -> Evidence:
        """Evidence for a span of `flat`."""
        s, e = self.norm_span(start, end)
        return self.evidence(s, e, note=note, cell=cell)

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised span of the `flat` span [start, end) (a soft wrap inside it comes back with it)."""
        _ = self.flat
        fm = self._flat_map
        return fm[min(start, len(fm) - 1)], fm[min(end, len(fm)) - 1] + 1

    def flat_pos(self, norm_pos: int) -> int:
        """Offset in `flat` of normalised offset `norm_pos` (first kept char at or after it)."""
        _ = self.flat
        return bisect_left(self._flat_map, norm_pos)

    def norm_pos(self, page: int, raw_pos: int) -> int:
        """Normalised offset of raw offset `raw_pos` of 0-based page `page` (first kept char at or after it;
        the page's end when none is)."""
        lo = self.page_starts[page]
        hi = self.page_starts[page + 1] if page + 1 < len(self.page_starts) else len(self.norm)
        return bisect_left(self.raw_of, raw_pos, lo, hi)

    def page_index(self, norm_pos: int) -> int:
        """0-based page holding normalised offset `norm_pos`."""
        return max(0, bisect_right(self.page_starts, norm_pos) - 1)

    def in_pipe_row(self, norm_pos: int) -> bool:
        """The character comes from a table row of the raw text, `|`-rendered or TAB-separated (two TABs or more;
        the normaliser turns the borders into line breaks, so its cells look like lines)."""
        if not 0 <= norm_pos < len(self.norm):
            return False
        raw = self.doc.pages[self.page_of[norm_pos]].text or ""
        r = min(self.raw_of[norm_pos], len(raw))
        a = raw.rfind("\n", 0, r) + 1
        b = raw.find("\n", r)
        return table_row(raw[a:b if b >= 0 else len(raw)])

    def evidence(self, start: int, end: int, note: str | None = None, cell: str | None = None) -> Evidence:
        """Raw evidence for the normalised span [start, end) (clipped to the start's page)."""
        start = max(0, min(start, len(self.norm) - 1))
        end = max(start + 1, min(end, len(self.norm)))
        p = self.page_of[start]
        # trim normalised whitespace at the edges
        while end - 1 > start and self.norm[end - 1] in " \n":
            end -= 1
        while start < end - 1 and self.norm[start] in " \n":
            start += 1
        last = end - 1
        while last > start and self.page_of[last] != p:
            last -= 1
        raw = self.doc.pages[p].text or ""
        r0 = self.raw_of[start]
        r1 = min(len(raw), self.raw_of[last] + 1)
        # a folded char (e.g. NFKC of one raw char) maps many norm chars to one raw char
        if r1 <= r0:
            r1 = min(len(raw), r0 + 1)
        return Evidence(page=p + 1, start=r0, end=r1, snippet=raw[r0:r1], cell=cell, note=note)

    def raw_evidence(self, page: int, start: int, end: int, note: str | None = None,
                     cell: str | None = None) -> Evidence:
        """Evidence from a raw span already known (0-based page index)."""
        raw = self.doc.pages[page].text or ""
        return Evidence(page=page + 1, start=start, end=end, snippet=raw[start:end], cell=cell, note=note)

    def find(self, needle: str, start: int = 0) -> int:
        """Offset of `needle` in the normalised text, or -1."""
        return self.norm.find(needle, start)


# a page number printed at the foot (or head) of a page: '— 1 —', '- 2 -', '第 3 页 共 12 页', '4/12'
_PAGE_MARK = re.compile(r"(?:[—\-–－·]\s*\d{1,3}\s*[—\-–－·]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|"
                        r"\d{1,3}\s*/\s*\d{1,3}|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页)")
_LAST_LINE = re.compile(r"\n?([^\n]*)\n*$")


def _first_line(text: str) -> re.Match[str] | None:
    """A page's first non-empty line (group 1) with its line break."""
    return re.match(r"\n*([^\n]+)\n", text)


def _without_page_furniture(text: str, imap: list[int], bare: bool) -> tuple[str, list[int]]:
    """A page's normalised text without the page number at its foot or head, so a sentence a page break cut
    ('…预算执' / '— 1 —' / '行率97.56%') reads across it as across any wrapped line.  A bare number counts only
    where the pages' last lines number them in sequence (`bare`): a form's last cell may be a score."""
    m = _LAST_LINE.search(text)
    if m and (_PAGE_MARK.fullmatch(m.group(1).strip()) or (bare and m.group(1).strip().isdigit())):
        cut = m.start(1)
        text, imap = text[:cut], imap[:cut]
    first = _first_line(text)
    if first and _PAGE_MARK.fullmatch(first.group(1).strip()):
        text, imap = text[first.end():], imap[first.end():]
    return text, imap


# what starts a new part of a document at a page's top: a form's year line or first label, a numbered heading
_NEW_PART = re.compile(r"^(?:[(（]\s*20\d\d|项目名称|单位名称|部门名称|预算单位|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|"
                       r"[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|附件|附表)")


# a running head that names where the file was published, not what it is ('某县财政局信息公开专栏', '…政府门户网站')
COLUMN_HEAD = re.compile(r"专栏$|信息公开$|门户网站$|政务网$|公开平台$|信息网$")


def _without_running_heads(pages: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    """Pages after the first without the running head a word processor prints atop each ('某局2023年度部门整体支出
    绩效自评报告' on every page) where it cuts a sentence the page break runs on across: the same first line on half
    the later pages and two at least, after a page that ends mid-sentence and before a line that goes on with it;
    and the page-one title repeated over the appended form's page ('…' / '附件:…自评表'), where it would stand
    between the closing and its 附件 line. A form's title atop each of its pages ('项目支出绩效自评表' /
    '(2023年度)', one form a page) starts a part and stays."""
    lines = [_first_line(text) for text, _ in pages]
    title_line = lines[0].group(1).strip() if lines and lines[0] else None
    firsts = [m.group(1).strip() if m else "" for m in lines[1:]]
    heads = {h for h in firsts if len(h) >= 4 and firsts.count(h) >= max(2, len(firsts) / 2) and not h.endswith("表")}
    # (a column's name atop page one and a later page is a running head, whatever the page count)
    heads |= {h for h in firsts if COLUMN_HEAD.search(h) and (h == title_line or firsts.count(h) >= 2)}
    if not heads:
        return pages
    out = [_first_page_without_head(pages[0], lines[0], heads)]
    for k, ((text, imap), head, m) in enumerate(zip(pages[1:], firsts, lines[1:], strict=True)):
        before = pages[k][0].rstrip()  # the page before (its end: a head is only ever cut from a page's top)
        rest = text[m.end():].lstrip("\n") if m else ""
        cuts = before and before[-1] not in "。;；:：!！?？)）" and not _NEW_PART.match(rest)
        # (the title again over the appended form's page: furniture between the closing and its 附件 line)
        if m and head in heads and (cuts or COLUMN_HEAD.search(head) or head == title_line and re.match(r"附件|附表", rest)):
            text, imap = text[m.end():], imap[m.end():]
        out.append((text, imap))
    return out


def _first_page_without_head(page: tuple[str, list[int]], m: re.Match[str] | None, heads: set[str]) -> tuple[str, list[int]]:
    """Page one without the running head every later page starts with, where the head names the report and page one
    prints that title again under it ('某局某局2023年度…自评报告' over '某局' / '2023年度…自评报告'): left there, it runs
    into the title. (A head that is only the unit's name stays: on a cover it is the title's first line.)"""
    text, imap = page
    if m is None or m.group(1).strip() not in heads:
        return page
    head, rest = m.group(1).strip(), text[m.end():]
    if COLUMN_HEAD.search(head):  # a portal column's name atop each page names no report and no unit of it
        return text[m.end():], imap[m.end():]
    again = (bool(re.search(r"自评|评价|报告", head)) and len(head) >= 8
             and re.sub(r"\s", "", head)[-8:] in re.sub(r"\s", "", rest[:300]))
    return (text[m.end():], imap[m.end():]) if again else page


def _bare_page_numbers(pages: list[tuple[str, list[int]]]) -> set[int]:
    """Indices of pages whose last line is a bare number that numbers the pages (n on one page, n + 1 on the
    next)."""
    nums: dict[int, int] = {}
    for k, (text, _) in enumerate(pages):
        m = _LAST_LINE.search(text)
        last = m.group(1).strip() if m else ""
        if last.isdigit() and len(last) <= 3:
            nums[k] = int(last)
    return {k for k, n in nums.items() if nums.get(k + 1) == n + 1 or nums.get(k - 1) == n - 1}


def norm_lines(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of the non-empty lines of normalised text in [start, end), spans of the stripped text."""
    end = len(norm) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = norm.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = norm[pos:stop]
        text = line.strip()
        if text:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(text), text))
        pos = stop + 1
    return out


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+)")


_VALUE_TAIL_LABEL = re.compile(r"^[\u4e00-\u9fff()]{1,8}?(?<!:)(?:主管部门|主管单位|实施单位|项目单位|评价机构|联系人|"
                               r"联系电话|项目负责人|负责人|填报人|填报单位)[:：]")


def table_row(line: str, min_pipes: int = 1) -> bool:
    """A raw line holding a table's row: `|`-rendered (`min_pipes` bars or more), or cells parted by two TABs
    or more (a Word table flattened, a sheet's row)."""
    return line.count("|") >= min_pipes or line.strip().count("\t") >= 2


def printed_width(text: str) -> int:
    """A line's printed width in half-width cells (a Chinese character is two), measured on the normalised
    line: the spaces a PDF's text puts between cells are gaps of varying width, not characters."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def soft_wrap(norm: str, i: int) -> bool:
    """A line break inside a sentence (PDF wrap): long line before, no closing punctuation, no heading after."""
    ls = norm.rfind("\n", 0, i) + 1
    line = norm[ls:i]
    nxt = norm[i + 1:i + 12]  # long enough that a figure ('250000.00') never reads as a numbered heading ('25.')
    # (a numbered line is a heading, unbroken, unless a sentence already ended in it: '2.资金执行情况分析。截至…,执行率'
    # runs on as prose)
    if len(line) < 22 or line[-1:] in "。;:：!?！？)）" or _HEADING.match(nxt) or (
            _HEADING.match(line) and len(line) <= 40 and not re.search(r"[。;；]", line)):
        return False
    # the rest of a value the width cut, then the next label ('…项目单位:孝感市卫生和计划' / '生育委员会主管部门:…')
    if ":" in line[-30:] and _VALUE_TAIL_LABEL.match(norm[i + 1:i + 30]):
        return True
    # next line is a new 'label:' line (one character before the colon is a label's tail the width cut
    # off — '年度资金总' / '额:2118…' — unless it is a note's mark: '注:')
    # ('…和项目' / '支出情况报告如下:' is a sentence's end, no label)
    if re.match(r"^(?:[^,，。;；:：]{2,10}(?<!如下)|[注附备])[:：]", norm[i + 1:i + 14]):
        return False
    # a form's 'label: value' line followed by another one ('项目单位:某公司' / '项目建设规模及主要内容:…'): one value
    # per line, however long the next label
    if re.match(r"^[^,，。;；:：]{2,10}[:：]", line) and re.match(r"^[^,，。;；:：]{2,16}[:：]", norm[i + 1:i + 20]):
        return False
    if re.match(r"^[—-]\s*\d+\s*[—-]$", nxt.strip()):
        return False
    if re.search(r"首页|位置", line) and re.search(r">|»|›|→", line):
        return False  # a page's breadcrumb ('当前位置:首页 > … > 财务资产部') never runs on into its headline
    return True


def check_evidence(ev: Evidence, doc: ExtractedDocument) -> bool:
    """True if the evidence quotes its page exactly (EV-01), or names a table cell / context source."""
    if ev.page < 1 or ev.page > len(doc.pages):
        return False
    raw = doc.pages[ev.page - 1].text or ""
    if raw[ev.start:ev.end] != ev.snippet:
        return False
    if ev.snippet:
        return True
    return bool(ev.cell) or bool(ev.note and ev.note.startswith("context"))
