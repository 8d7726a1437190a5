"""OFD reader (GB/T 33190-2016, 开放版式文档): the text of every page, read from the package's XML.

An OFD is a ZIP of XML parts, like DOCX, but fixed-layout, like PDF: there are no paragraphs or
table cells, only text objects placed on the page. No library for it is installed, and none is
needed: the text is in the XML itself (`ofd:TextCode`, Unicode, not glyph ids), so this module
follows the package structure (OFD.xml -> DocRoot Document.xml -> Pages/Page@BaseLoc -> each
page's Content.xml, plus the TemplatePage content a page names) and places every character the
way a renderer would: TextObject Boundary origin + CTM x (TextCode X/Y + the DeltaX/DeltaY steps,
with the `g N d` repeat syntax). Lines are then rebuilt from positions, as PDFium does for PDF:
characters are grouped by baseline (tolerance a fraction of the font size), lines ordered top to
bottom and characters left to right, because producers write objects in any order (a line split
into several TextObjects, a table written column by column, a header in the template).

Character widths are not read from the fonts (they are often subsets, and parsing TrueType for
widths buys little): a character is assumed one em wide if East Asian wide, half an em
otherwise, and the typical extra step of a TextCode's characters (a letter-spaced title) counts
as part of their width. The gap after a character decides what joins it to the next: nothing
when they touch, a space for a small gap, a TAB for a wide one (table cells and label/value
pairs; the understanding stage reads a line with two TABs or more as table cells, as it does
for OCR output).

A page with (almost) no text and an image covering most of it is a scan: its largest image
(a `MultiMedia` resource) is OCRed with the engine `ocr.py` selects when OCR is on, or reported
in a warning. Everything is read through `archive`'s zip-bomb checks with a running byte budget
(a part referenced twice counts twice), XML is parsed with defusedxml and a DTD is refused
(OFD never uses one), and page-level damage (a missing or malformed page part) costs that page
only, with a warning, unless no page is readable. Signatures, annotations (stamps), outlines and
attachments are not read.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import statistics
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from selfeval.textnorm import clean_extracted_text

from ..model import ExtractedDocument, Page
from .archive import MB, check_zip_limits, read_member_capped
from .base import ExtractionError, Limits, lib_version, metadata_title, ocr_enabled, page_ranges

READER = "selfeval-ofd 1"
"""The reader's own label in the engine string (bump with any change of the text it outputs)."""

SPACE_GAP = 0.6  # a gap wider than this many ems between two characters is a space ...
TAB_GAP = 1.5  # ... and wider than this a TAB (a cell border or a label/value gap)
BASELINE_TOL = 0.3  # characters whose baselines differ by at most this many ems share a line
MAX_LETTER_SPACING = 2.0  # a TextCode's typical extra step up to this many ems is letter spacing, not gaps
SCAN_MAX_CHARS = 10  # fewer non-space characters than this ...
SCAN_MIN_IMAGE_AREA = 0.5  # ... and an image covering half the page: a scanned page
MAX_GLYPHS_PER_PAGE = 500_000  # no report page holds this many characters; a hostile file might
DEFAULT_SIZE = 3.5  # mm (about 10 pt) when a TextObject has no usable Size
A4 = (210.0, 297.0)


@dataclass
class Glyph:
    """One character at its page position (mm, y downwards; `y` is the baseline)."""

    ch: str
    x: float
    y: float
    size: float  # em size on the page
    width: float  # assumed advance on the page (see the module docstring)


@dataclass
class PageContent:
    """What one page (or template) part holds."""

    glyphs: list[Glyph] = field(default_factory=list)
    images: list[tuple[str, float, float]] = field(default_factory=list)  # (ResourceID, width mm, height mm)
    box: tuple[float, float] | None = None  # page size from its Area/PhysicalBox
    templates: list[str] = field(default_factory=list)  # TemplateIDs
    page_res: list[str] = field(default_factory=list)  # PageRes members (resolved)


def local(tag: object) -> str:
    """Element name without its namespace ('{http://www.ofdspec.org/2016}Page' -> 'Page')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(el: Element, name: str) -> Iterator[Element]:
    """Direct children called `name` in any (or no) namespace."""
    return (c for c in el if local(c.tag) == name)


def child(el: Element | None, *path: str) -> Element | None:
    """The first element down `path` of direct-child names, or None."""
    for name in path:
        if el is None:
            return None
        el = next(children(el, name), None)
    return el


def child_text(el: Element | None, *path: str) -> str:
    found = child(el, *path)
    return (found.text or "").strip() if found is not None else ""


def numbers(value: str | None) -> list[float]:
    """'0 0 210 297' -> [0.0, 0.0, 210.0, 297.0]; unparseable tokens are dropped."""
    out = []
    for tok in (value or "").replace(",", " ").split():
        try:
            f = float(tok)
        except ValueError:
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def deltas(value: str | None, need: int) -> list[float]:
    """A DeltaX/DeltaY list expanded ('g 3 5.2' is 5.2 three times), at most `need` values.

    The cap keeps 'g 1000000000 1' from allocating anything beyond the characters it can apply to."""
    toks = (value or "").split()
    out: list[float] = []
    i = 0
    while i < len(toks) and len(out) < need:
        if toks[i] == "g" and i + 2 < len(toks):
            rep, val = numbers(toks[i + 1]), numbers(toks[i + 2])
            if rep and val:
                out.extend([val[0]] * max(0, min(int(rep[0]), need - len(out))))
            i += 3
            continue
        val = numbers(toks[i])
        if val:
            out.append(val[0])
        i += 1
    return out


def em_width(ch: str) -> float:
    """Assumed advance of a character in ems: 1 for East Asian wide (and ambiguous) ones, else 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


# --------------------------------------------------------------------------- package access


def norm_name(name: str) -> str:
    """Member name as looked up: '/' separators, no leading '/', '.' and '..' resolved, lower case."""
    name = name.replace("\\", "/").strip()
    return posixpath.normpath("/" + name).lstrip("/").lower()


class Package:
    """The ZIP behind an OFD: case- and separator-tolerant member lookup, capped reads, safe XML."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits) -> None:
        self.zf = zf
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in zf.infolist():
            if not info.is_dir():
                self.members.setdefault(norm_name(info.filename), info)
        self.budget = int(limits.max_unzipped_mb * MB)

    @staticmethod
    def resolve(base: str, loc: str) -> str:
        """`loc` as written in member `base` ('/x' from the package root, 'x' from base's folder)."""
        loc = loc.replace("\\", "/").strip()
        if loc.startswith("/"):
            return norm_name(loc)
        return norm_name(posixpath.join(posixpath.dirname(base), loc))

    def has(self, name: str) -> bool:
        return name in self.members

    def read(self, name: str) -> bytes:
        """Bytes of a member (a normalised name); counts against the package's byte budget."""
        info = self.members[name]
        if info.flag_bits & 0x1:
            raise ExtractionError(f"encrypted OFD member {info.filename!r}")
        try:
            data = read_member_capped(self.zf, info, self.budget)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as e:
            raise ExtractionError(f"corrupt OFD package: member {info.filename!r}: {e}"[:300]) from e
        self.budget -= len(data)
        return data

    def xml(self, name: str) -> Element:
        """Parsed root of an XML member; ExtractionError naming the member when it is not well-formed."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring

        real = self.members[name].filename
        data = self.read(name)
        try:
            return fromstring(data, forbid_dtd=True)
        except DefusedXmlException as e:
            raise ExtractionError(f"XXE: DTD/entity declaration in OFD part {real!r} ({type(e).__name__})") from e
        except ParseError as e:
            raise ExtractionError(f"malformed XML in OFD part {real!r}: {e}"[:300]) from e

    def real(self, name: str) -> str:
        info = self.members.get(name)
        return info.filename if info else name


# --------------------------------------------------------------------------- page content


def read_content(root: Element, base: str, real: str) -> PageContent:
    """Glyphs and images of a page or template part (objects at any depth of Layer / PageBlock)."""
    out = PageContent()
    box = numbers(child_text(root, "Area", "PhysicalBox"))
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        out.box = (box[2], box[3])
    out.templates = [t.get("TemplateID", "") for t in children(root, "Template")]
    out.page_res = [Package.resolve(base, r.text or "") for r in children(root, "PageRes") if (r.text or "").strip()]
    content = child(root, "Content")
    if content is None:
        return out
    for el in content.iter():
        name = local(el.tag)
        if name == "TextObject":
            text_glyphs(el, out.glyphs)
            if len(out.glyphs) > MAX_GLYPHS_PER_PAGE:
                raise ExtractionError(f"more than {MAX_GLYPHS_PER_PAGE} characters on one page in OFD part {real!r}")
        elif name == "ImageObject":
            b = numbers(el.get("Boundary"))
            if len(b) == 4:
                out.images.append((el.get("ResourceID", ""), abs(b[2]), abs(b[3])))
    return out


def text_glyphs(obj: Element, out: list[Glyph]) -> None:
    """The characters of one TextObject at their page positions.

    Each TextCode starts at (X, Y) in the object's space (a missing X or Y repeats the previous
    TextCode's, as the standard says); DeltaX/DeltaY give the step to the next character, and a
    character without one steps by its assumed width. CTM maps object space into the Boundary,
    whose origin is the object's place on the page.
    """
    b = numbers(obj.get("Boundary"))
    bx, by = (b[0], b[1]) if len(b) >= 2 else (0.0, 0.0)
    m = numbers(obj.get("CTM"))
    a, bb, c, d, e, f = m if len(m) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    xscale = math.hypot(a, bb) or 1.0
    det = math.sqrt(abs(a * d - bb * c)) or 1.0
    size_obj = (numbers(obj.get("Size")) or [0.0])[0]
    if size_obj <= 0:
        size_obj = DEFAULT_SIZE / det
    size = size_obj * det
    last_x = last_y = 0.0
    for code in children(obj, "TextCode"):
        text = code.text or ""
        if "\n" in text or "\r" in text:  # pretty-printed XML: the line breaks are not characters
            text = text.strip()
        if not text:
            continue
        x0 = (numbers(code.get("X")) or [last_x])[0]
        y0 = (numbers(code.get("Y")) or [last_y])[0]
        last_x, last_y = x0, y0
        n = len(text)
        dx, dy = deltas(code.get("DeltaX"), n - 1), deltas(code.get("DeltaY"), n - 1)
        natural = [em_width(ch) * size_obj for ch in text]
        # letter spacing: the typical step beyond the characters' widths (a title spread over the line)
        spacing = statistics.median(d - w for d, w in zip(dx, natural, strict=False)) if len(dx) >= 2 else 0.0
        if not 0 < spacing <= MAX_LETTER_SPACING * size_obj:
            spacing = 0.0
        gx, gy = x0, y0
        for i, ch in enumerate(text):
            out.append(Glyph(ch, bx + a * gx + c * gy + e, by + bb * gx + d * gy + f, size,
                             (natural[i] + spacing) * xscale))
            gx += dx[i] if i < len(dx) else natural[i]
            gy += dy[i] if i < len(dy) else 0.0


def page_lines(glyphs: list[Glyph]) -> list[str]:
    """Lines of text, top to bottom, from glyph positions (see the module docstring for the joins)."""
    pending = sorted((g for g in glyphs if g.ch not in "\r\n"), key=lambda g: (g.y, g.x))
    rows: list[list[Glyph]] = []
    anchor = 0.0
    for g in pending:
        if rows and g.y - anchor <= BASELINE_TOL * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
            anchor = g.y
    lines = []
    for row in rows:
        line = join_row(sorted(row, key=lambda g: g.x))
        if line:
            lines.append(line)
    return lines


def join_row(row: list[Glyph]) -> str:
    """One line's characters, left to right, joined by nothing, a space or a TAB by their gaps."""
    parts: list[str] = []
    prev: Glyph | None = None
    for g in row:
        if prev is not None:
            em = max(prev.size, g.size)
            if g.ch == prev.ch and abs(g.x - prev.x) < 0.15 * em:
                continue  # the same character drawn twice (fake bold, shadow)
            gap = g.x - (prev.x + prev.width)
            if gap > TAB_GAP * em:
                parts.append("\t")
            elif gap > SPACE_GAP * em:
                parts.append(" ")
        parts.append(g.ch)
        prev = g
    line = "".join(parts)
    line = re.sub(r"[ \u3000]*\t[ \u3000\t]*", "\t", line)  # a space glyph next to a cell gap
    line = re.sub(r" {2,}", " ", line)
    return line.strip(" \u3000\t")


# --------------------------------------------------------------------------- document structure


@dataclass
class DocPage:
    """A page of the document as Document.xml lists it."""

    number: int
    member: str | None  # resolved Content.xml, None when the Page has no BaseLoc
    doc: OfdDocument
    loc: str = ""  # BaseLoc as written


@dataclass
class OfdDocument:
    """One DocBody: its Document.xml and what CommonData declares."""

    member: str
    root: Element
    templates: dict[str, str]  # TemplatePage ID -> resolved member
    res: list[str]  # PublicRes / DocumentRes members (resolved)
    box: tuple[float, float]
    media: dict[str, str] | None = None  # MultiMedia ID -> resolved member, read when a scan needs it
    template_cache: dict[str, PageContent] = field(default_factory=dict)


def open_document(pkg: Package, member: str) -> OfdDocument:
    root = pkg.xml(member)
    common = child(root, "CommonData")
    templates = {}
    res = []
    box = A4
    if common is not None:
        for t in children(common, "TemplatePage"):
            if t.get("BaseLoc"):
                templates[t.get("ID", "")] = Package.resolve(member, t.get("BaseLoc", ""))
        for tag in ("PublicRes", "DocumentRes"):
            res += [Package.resolve(member, r.text or "") for r in children(common, tag) if (r.text or "").strip()]
        pb = numbers(child_text(common, "PageArea", "PhysicalBox"))
        if len(pb) == 4 and pb[2] > 0 and pb[3] > 0:
            box = (pb[2], pb[3])
    return OfdDocument(member, root, templates, res, box)


def media_index(pkg: Package, members: list[str], warnings: list[str]) -> dict[str, str]:
    """MultiMedia ID -> image member, from resource parts (Res@BaseLoc is the MediaFile folder)."""
    out: dict[str, str] = {}
    for res in members:
        if not pkg.has(res):
            warnings.append(f"resource part {res!r} is missing")
            continue
        try:
            root = pkg.xml(res)
        except ExtractionError as e:
            warnings.append(e.reason)
            continue
        base_dir = Package.resolve(res, (root.get("BaseLoc") or ".").rstrip("/\\") + "/x")
        for mm in root.iter():
            if local(mm.tag) != "MultiMedia":
                continue
            loc = child_text(mm, "MediaFile")
            if not loc:
                continue
            tries = [Package.resolve(base_dir, loc), Package.resolve(res, loc), norm_name(loc)]
            out[mm.get("ID", "")] = next((t for t in tries if pkg.has(t)), tries[0])
    return out


# --------------------------------------------------------------------------- the reader


def extract_ofd(path: Path, limits: Limits) -> ExtractedDocument:
    """Pages (text by position), title hint, producer and scanned-page OCR of one OFD file."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise ExtractionError(f"corrupt OFD package (ZIP): {e}") from e
    with zf:
        check_zip_limits(zf, limits, what="ofd")
        pkg = Package(zf, limits)
        return _read_package(pkg, limits)


def _read_package(pkg: Package, limits: Limits) -> ExtractedDocument:
    if not pkg.has("ofd.xml"):
        raise ExtractionError("not an OFD package: no OFD.xml at the root")
    ofd = pkg.xml("ofd.xml")
    if local(ofd.tag) != "OFD":
        raise ExtractionError(f"not an OFD package: OFD.xml's root element is <{local(ofd.tag)}>, not <ofd:OFD>")
    bodies = list(children(ofd, "DocBody"))
    if not bodies:
        raise ExtractionError("broken OFD: OFD.xml has no DocBody")
    warnings: list[str] = []
    meta: dict = {}
    info = child(bodies[0], "DocInfo")
    title = metadata_title(child_text(info, "Title"))
    creator = " ".join(x for x in (child_text(info, "Creator"), child_text(info, "CreatorVersion")) if x)
    if creator:
        meta["creator"] = creator[:100]
    if ofd.get("Version"):
        meta["ofd_version"] = ofd.get("Version")
    pages: list[DocPage] = []
    for body in bodies:
        loc = child_text(body, "DocRoot")
        if not loc:
            raise ExtractionError("broken OFD: a DocBody in OFD.xml has no DocRoot")
        member = Package.resolve("OFD.xml", loc)
        if not pkg.has(member):
            raise ExtractionError(f"broken OFD: DocRoot {loc!r} (in OFD.xml) is not in the package")
        doc = open_document(pkg, member)
        listing = child(doc.root, "Pages")
        listed = list(children(listing, "Page")) if listing is not None else []
        if len(pages) + len(listed) > limits.max_pages:
            raise ExtractionError(f"too many pages: {len(pages) + len(listed)} > limit {limits.max_pages}")
        for p in listed:
            base = p.get("BaseLoc")
            pages.append(DocPage(len(pages) + 1, Package.resolve(member, base) if base else None, doc, base or ""))
    if not pages:
        raise ExtractionError("OFD has no pages")
    meta["ofd_pages"] = len(pages)
    contents: dict[int, PageContent] = {}
    failures: list[str] = []
    for dp in pages:
        try:
            contents[dp.number] = _page_content(pkg, dp, warnings)
        except ExtractionError as e:
            if e.reason.startswith(("zip bomb", "XXE", "more than")):
                raise
            failures.append(f"page {dp.number}: {e.reason}")
    if len(failures) == len(pages):
        raise ExtractionError(f"no readable OFD page: {failures[0]}"[:300])
    warnings = failures + warnings
    return _build(pkg, pages, contents, title, meta, warnings, limits)


def _page_content(pkg: Package, dp: DocPage, warnings: list[str]) -> PageContent:
    """The page's own objects plus those of the templates it names (drawn under it)."""
    if dp.member is None:
        raise ExtractionError(f"<ofd:Page> in {pkg.real(dp.doc.member)!r} has no BaseLoc")
    if not pkg.has(dp.member):
        raise ExtractionError(f"page part {dp.loc!r} (BaseLoc in {pkg.real(dp.doc.member)!r}) is not in the package")
    content = read_content(pkg.xml(dp.member), dp.member, pkg.real(dp.member))
    merged = PageContent(box=content.box or dp.doc.box, page_res=content.page_res)
    for tid in content.templates:
        tpl = _template(pkg, dp.doc, tid, dp.number, warnings)
        if tpl is not None:
            merged.glyphs += tpl.glyphs
            merged.images += tpl.images
    merged.glyphs += content.glyphs
    merged.images += content.images
    return merged


def _template(pkg: Package, doc: OfdDocument, tid: str, number: int, warnings: list[str]) -> PageContent | None:
    """A TemplatePage's content, read once per document."""
    member = doc.templates.get(tid)
    if member is None:
        warnings.append(f"page {number}: template {tid!r} is not declared in {pkg.real(doc.member)!r}")
        return None
    if member not in doc.template_cache:
        if not pkg.has(member):
            warnings.append(f"page {number}: template part {member!r} is not in the package")
            return None
        try:
            doc.template_cache[member] = read_content(pkg.xml(member), member, pkg.real(member))
        except ExtractionError as e:
            if e.reason.startswith(("zip bomb", "XXE", "more than")):
                raise
            warnings.append(f"page {number}: template {tid!r}: {e.reason}")
            return None
    return doc.template_cache[member]


def _scanned(content: PageContent) -> bool:
    chars = sum(1 for g in content.glyphs if not g.ch.isspace())
    if chars >= SCAN_MAX_CHARS or not content.images:
        return False
    w, h = content.box or A4
    biggest = max(iw * ih for _, iw, ih in content.images)
    return biggest / max(w * h, 1.0) >= SCAN_MIN_IMAGE_AREA


def _build(pkg: Package, pages: list[DocPage], contents: dict[int, PageContent], title: str | None,
           meta: dict, warnings: list[str], limits: Limits) -> ExtractedDocument:
    scanned = [dp.number for dp in pages if dp.number in contents and _scanned(contents[dp.number])]
    meta["scanned"] = bool(scanned) and len(scanned) >= max(1, len(pages) // 2)
    meta["scanned_pages"] = scanned
    meta["text_pages"] = sum(1 for c in contents.values() if any(not g.ch.isspace() for g in c.glyphs))
    ocr_text: dict[int, str] = {}
    ocr_engine = None
    if scanned and ocr_enabled():
        from . import ocr

        todo = scanned[: limits.ocr_max_pages]
        if len(todo) < len(scanned):
            warnings.append(f"OCR limited to {len(todo)} of {len(scanned)} scanned pages")
        by_number = {dp.number: dp for dp in pages}
        load_warnings: list[str] = []
        run = ocr.ocr_images(_page_images(pkg, [by_number[n] for n in todo], contents, limits, load_warnings))
        warnings.extend(load_warnings)
        ocr_text = run.record(meta, warnings)
        if ocr_text:
            ocr_engine = run.engine
    elif scanned:
        warnings.append(f"scanned pages without text layer, OCR disabled: {page_ranges(scanned)}")
    out = []
    for dp in pages:
        if dp.number in ocr_text:
            out.append(Page(dp.number, ocr_text[dp.number], [], ocr=True))
        else:
            c = contents.get(dp.number)
            out.append(Page(dp.number, clean_extracted_text("\n".join(page_lines(c.glyphs))) if c else "", []))
    engine = f"{READER} (defusedxml {lib_version('defusedxml')})"
    if ocr_engine:
        engine += "+" + ocr_engine
    if meta.get("creator"):  # the producing software, kept with the extraction (meta is not stored)
        engine += f"; producer {meta['creator']}"[:120]
    return ExtractedDocument(format="ofd", pages=out, engine=engine, title_hint=title, ocr=ocr_engine is not None,
                             warnings=warnings, meta=meta)


def _page_images(pkg: Package, todo: list[DocPage], contents: dict[int, PageContent], limits: Limits,
                 warnings: list[str]) -> Iterator[tuple[int, object]]:
    """(page number, grayscale image) of each scanned page's largest image, decoded only when the OCR
    engine asks for it and brought down to the OCR dpi; a page whose image cannot be read is a warning."""
    from PIL import Image

    for dp in todo:
        content = contents[dp.number]
        rid, iw, _ih = max(content.images, key=lambda im: im[1] * im[2])
        if dp.doc.media is None:
            dp.doc.media = media_index(pkg, dp.doc.res, warnings)
        page_media = media_index(pkg, content.page_res, warnings) if content.page_res else {}
        member = page_media.get(rid) or dp.doc.media.get(rid)
        if member is None:
            warnings.append(f"page {dp.number}: image resource {rid!r} is not declared; page not OCRed")
            continue
        if not pkg.has(member):
            warnings.append(f"page {dp.number}: image {member!r} is not in the package; page not OCRed")
            continue
        try:
            with Image.open(io.BytesIO(pkg.read(member))) as im:
                im.seek(0)
                image = im.convert("L")
        except ExtractionError as e:
            warnings.append(f"page {dp.number}: {e.reason}")
            continue
        except Exception as e:  # noqa: BLE001 - Pillow raises many kinds (and cannot read JBIG2 at all)
            warnings.append(f"page {dp.number}: image {pkg.real(member)!r} not decodable ({type(e).__name__}: {e});"
                            f" page not OCRed"[:300])
            continue
        dpi = image.width / max(iw / 25.4, 1e-6)
        if dpi > limits.ocr_dpi * 1.25:
            scale = limits.ocr_dpi / dpi
            image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
        yield dp.number, image


