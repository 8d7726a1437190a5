"""A small OFD (GB/T 33190-2016) writer for the tests: spec-shaped packages built from text placed on pages.

The package has the parts and layout the converters of Chinese portals produce:

    OFD.xml                                 DocBody: DocInfo (Title, Creator ...), DocRoot
    Doc_0/Document.xml                      CommonData (MaxUnitID, PageArea, PublicRes, TemplatePage), Pages
    Doc_0/PublicRes.xml                     Res BaseLoc="Res": Fonts, MultiMedias (images)
    Doc_0/Res/Image_N.png                   image files
    Doc_0/Tpls/Tpl_0/Content.xml            template page (header) content
    Doc_0/Pages/Page_N/Content.xml          page content: Template ref, Area, Content/Layer/objects

Text is placed like a converter does it: a TextObject whose Boundary starts at the line's left edge a
little above the baseline, one TextCode at X=0 and Y=the baseline inside the Boundary, and DeltaX giving
each character's advance (`g N d` for runs of equal advances). Coordinates are millimetres, y downwards.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = "http://www.ofdspec.org/2016"
BODY = 3.7  # mm: 10.5 pt, the body size of a report


def advance(ch: str, size: float) -> float:
    """A converter's advance for a character: full em for CJK and full-width forms, half an em otherwise."""
    return size if unicodedata.east_asian_width(ch) in ("W", "F", "A") else size / 2


def delta_x(text: str, size: float) -> str:
    """DeltaX of `text` with runs of equal advances compressed as `g N d` (the standard's repeat syntax)."""
    steps = [advance(ch, size) for ch in text[:-1]]
    out: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(f"g {j - i} {steps[i]:g}" if j - i > 1 else f"{steps[i]:g}")
        i = j
    return " ".join(out)


def width(text: str, size: float) -> float:
    return sum(advance(ch, size) for ch in text)


@dataclass
class PageBuilder:
    """The objects of one page (or template page) in drawing order."""

    writer: OfdWriter
    objects: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    box: tuple[float, float] | None = None

    def text(self, x: float, baseline: float, text: str, size: float = BODY, *, dx: str | None = None,
             ctm: str | None = None, block: bool = False) -> PageBuilder:
        """A TextObject drawing `text` with its first character's origin at (x, baseline) on the page.

        `dx` overrides the computed DeltaX (as written in the file; "" for none); `ctm` sets a CTM (then
        `size` is in the object's own units and the caller positions with the CTM in mind); `block`
        wraps the object in an ofd:PageBlock."""
        oid = self.writer.next_id()
        top = 0.85 * size
        deltas = delta_x(text, size) if dx is None else dx
        attrs = f'ID="{oid}" Boundary="{x:g} {baseline - top:g} {width(text, size) + 1:g} {1.2 * size:g}" Font="1" Size="{size:g}"'
        if ctm:
            attrs += f' CTM="{ctm}"'
        code = f'<ofd:TextCode X="0" Y="{top:g}"' + (f' DeltaX="{deltas}"' if deltas else "") + f">{escape(text)}</ofd:TextCode>"
        obj = f'<ofd:TextObject {attrs}><ofd:FillColor Value="0 0 0"/>{code}</ofd:TextObject>'
        if block:
            obj = f'<ofd:PageBlock ID="{self.writer.next_id()}">{obj}</ofd:PageBlock>'
        self.objects.append(obj)
        return self

    def raw(self, xml: str) -> PageBuilder:
        """An object written as given (ofd: prefix bound to the OFD namespace)."""
        self.objects.append(xml)
        return self

    def image(self, resource_id: int, x: float, y: float, w: float, h: float) -> PageBuilder:
        oid = self.writer.next_id()
        self.objects.append(f'<ofd:ImageObject ID="{oid}" Boundary="{x:g} {y:g} {w:g} {h:g}" '
                            f'CTM="{w:g} 0 0 {h:g} 0 0" ResourceID="{resource_id}"/>')
        return self

    def template(self, template_id: str) -> PageBuilder:
        self.templates.append(template_id)
        return self

    def xml(self) -> str:
        w, h = self.box or self.writer.page_size
        tpl = "".join(f'<ofd:Template TemplateID="{t}" ZOrder="Background"/>' for t in self.templates)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}">{tpl}'
                f"<ofd:Area><ofd:PhysicalBox>0 0 {w:g} {h:g}</ofd:PhysicalBox></ofd:Area>"
                f'<ofd:Content><ofd:Layer ID="{self.writer.next_id()}" Type="Body">{"".join(self.objects)}'
                "</ofd:Layer></ofd:Content></ofd:Page>")


class OfdWriter:
    """Builds one OFD package: pages, template pages and images, then `write(path)`."""

    def __init__(self, title: str | None = None, creator: str = "Suwell OFD Writer", creator_version: str = "3.0",
                 page_size: tuple[float, float] = (210.0, 297.0)) -> None:
        self.title = title
        self.creator, self.creator_version = creator, creator_version
        self.page_size = page_size
        self.pages: list[PageBuilder] = []
        self.template_pages: dict[str, PageBuilder] = {}
        self.images: dict[int, tuple[str, bytes]] = {}  # resource id -> (file name, bytes)
        self._id = 1

    def next_id(self) -> int:
        self._id += 1
        return self._id

    def page(self) -> PageBuilder:
        self.pages.append(PageBuilder(self))
        return self.pages[-1]

    def template(self) -> tuple[str, PageBuilder]:
        """A new TemplatePage (its ID, its builder)."""
        tid = str(self.next_id())
        self.template_pages[tid] = PageBuilder(self)
        return tid, self.template_pages[tid]

    def add_image(self, png: bytes) -> int:
        rid = self.next_id()
        self.images[rid] = (f"Image_{len(self.images)}.png", png)
        return rid

    def parts(self) -> dict[str, bytes]:
        """Member name -> bytes of the whole package."""
        info = "".join(f"<ofd:{k}>{escape(v)}</ofd:{k}>" for k, v in (
            ("DocID", "6e9d2c1a4b7f4e0d8a3c5b2f1e0d9c8b"), ("Title", self.title), ("Author", "某县农业农村局"),
            ("CreationDate", "2023-03-15"), ("Creator", self.creator), ("CreatorVersion", self.creator_version),
        ) if v)
        parts: dict[str, str | bytes] = {
            "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                        f"<ofd:DocBody><ofd:DocInfo>{info}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                        "</ofd:DocBody></ofd:OFD>"),
        }
        w, h = self.page_size
        tpls = "".join(f'<ofd:TemplatePage ID="{tid}" BaseLoc="Tpls/Tpl_{k}/Content.xml"/>'
                       for k, tid in enumerate(self.template_pages))
        pages = "".join(f'<ofd:Page ID="{self.next_id()}" BaseLoc="Pages/Page_{k}/Content.xml"/>'
                        for k in range(len(self.pages)))
        for k, tp in enumerate(self.template_pages.values()):
            parts[f"Doc_0/Tpls/Tpl_{k}/Content.xml"] = tp.xml()
        for k, p in enumerate(self.pages):
            parts[f"Doc_0/Pages/Page_{k}/Content.xml"] = p.xml()
        media = "".join(f'<ofd:MultiMedia ID="{rid}" Type="Image" Format="PNG"><ofd:MediaFile>{name}</ofd:MediaFile>'
                        "</ofd:MultiMedia>" for rid, (name, _) in self.images.items())
        parts["Doc_0/PublicRes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
            '<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts>'
            + (f"<ofd:MultiMedias>{media}</ofd:MultiMedias>" if media else "") + "</ofd:Res>")
        for name, data in self.images.values():
            parts[f"Doc_0/Res/{name}"] = data
        parts["Doc_0/Document.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>{self._id + 1}</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 {w:g} {h:g}</ofd:PhysicalBox></ofd:PageArea>"
            f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpls}</ofd:CommonData>"
            f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>")
        return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in parts.items()}

    def write(self, path: Path, *, replace: dict[str, bytes | str] | None = None, drop: tuple[str, ...] = (),
              rename: dict[str, str] | None = None) -> Path:
        """Write the package; `replace` swaps members' bytes, `drop` leaves members out, `rename` stores a
        member under another name (to break or vary a package the way real files are broken or varied)."""
        parts = self.parts()
        for name, data in (replace or {}).items():
            parts[name] = data.encode("utf-8") if isinstance(data, str) else data
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                if name not in drop:
                    zf.writestr((rename or {}).get(name, name), data)
        return path


def attr(value: str) -> str:
    """An XML attribute value with quotes (for tests that write raw objects)."""
    return quoteattr(value)
