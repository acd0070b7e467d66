"""What a PDF is, read back with pikepdf (structure, metadata, fonts) and PyMuPDF (text,
sizes, bookmarks): the facts the tests assert and the benchmark reports.

    .venv/bin/python -m livinghandbook.pdf.audit _build/solbjerg/pdf/solbjerg.pdf

PyMuPDF is a test dependency (``pip install -e '.[test]'``), not needed to build.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

SMALL_TEXT = 5.95  # points; "no text under 6 pt", with room for rounding in the PDF


@dataclass
class Audit:
    pages: int = 0
    tagged: bool = False
    lang: str = ""
    display_doc_title: bool = False
    title: str = ""
    pdfa: str = ""           # e.g. "2A"
    pdfua: str = ""          # e.g. "1"
    output_intent: bool = False
    headings: list[int] = field(default_factory=list)  # levels in reading order
    figures: int = 0
    figures_without_alt: int = 0
    alts: list[str] = field(default_factory=list)
    th_cells: int = 0
    th_without_scope: int = 0
    tables: int = 0
    lists: int = 0
    orphan_marked_content: int = 0  # marked content whose structure element is not in the tree
    fonts: list[str] = field(default_factory=list)
    fonts_not_embedded: list[str] = field(default_factory=list)
    small_spans: list[tuple[int, float, str]] = field(default_factory=list)
    blank_pages: list[int] = field(default_factory=list)
    bookmarks: list[tuple[int, str, int]] = field(default_factory=list)
    page_text: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("page_text")
        data["alts"] = len(self.alts)
        data["headings"] = len(self.headings)
        data["bookmarks"] = len(self.bookmarks)
        data["small_spans"] = self.small_spans[:5]
        return data


def audit(path: Path) -> Audit:
    result = Audit()
    with pikepdf.open(path) as pdf:
        _catalog(pdf, result)
        _structure(pdf, result)
        _fonts(pdf, result)
    _text(path, result)
    return result


def _catalog(pdf: pikepdf.Pdf, result: Audit) -> None:
    root: Any = pdf.Root  # pikepdf objects are dynamic
    result.pages = len(pdf.pages)
    result.tagged = bool(root.get("/MarkInfo", {}).get("/Marked", False)) and "/StructTreeRoot" in root
    result.lang = str(root.get("/Lang", ""))
    result.display_doc_title = bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False))
    result.output_intent = bool(root.get("/OutputIntents"))
    with pdf.open_metadata() as meta:
        result.title = str(meta.get("dc:title", ""))
        result.pdfa = f"{meta.get('pdfaid:part', '')}{meta.get('pdfaid:conformance', '')}"
        result.pdfua = str(meta.get("pdfuaid:part", ""))


def _structure(pdf: pikepdf.Pdf, result: Audit) -> None:
    tree: Any = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return
    reachable: set[tuple[int, int]] = set()

    def walk(node: Any) -> None:  # depth first, in reading order
        kids = node.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids] if kids is not None else []:
            if not isinstance(kid, Dictionary) or "/S" not in kid or kid.objgen in reachable:
                continue
            reachable.add(kid.objgen)
            _element(kid, result)
            walk(kid)
    walk(tree)
    nums: Any = tree.get("/ParentTree", {}).get("/Nums", [])
    for i in range(1, len(nums), 2):
        if isinstance(nums[i], Array):
            result.orphan_marked_content += sum(
                1 for element in nums[i] if isinstance(element, Dictionary) and element.objgen not in reachable)


def _element(element: Any, result: Audit) -> None:
    tag = str(element.S)[1:]
    if len(tag) == 2 and tag[0] == "H" and tag[1].isdigit():
        result.headings.append(int(tag[1]))
    elif tag == "Figure":
        result.figures += 1
        alt = str(element.get("/Alt", "")).strip()
        result.alts.append(alt)
        result.figures_without_alt += not alt
    elif tag == "TH":
        result.th_cells += 1
        attributes = element.get("/A")
        result.th_without_scope += not (isinstance(attributes, Dictionary) and "/Scope" in attributes)
    elif tag == "Table":
        result.tables += 1
    elif tag == "L":
        result.lists += 1


def _fonts(pdf: pikepdf.Pdf, result: Audit) -> None:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources: Any = page.obj.get("/Resources", {})
        for font in (resources.get("/Font") or {}).values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            name = str(font.get("/BaseFont", font.get("/Subtype")))
            result.fonts.append(name)
            if font.get("/Subtype") == Name.Type3:
                continue  # glyphs drawn in the file itself
            target = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor: Any = target.get("/FontDescriptor", {})
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                result.fonts_not_embedded.append(name)


def _text(path: Path, result: Audit) -> None:
    import pymupdf

    with pymupdf.open(path) as doc:  # type: ignore[no-untyped-call]  # PyMuPDF's constructor is untyped
        result.bookmarks = [(level, title, page) for level, title, page in doc.get_toc()]
        for number, page in enumerate(doc, start=1):
            spans = 0
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if not span["text"].strip():
                            continue
                        spans += 1
                        if span["size"] < SMALL_TEXT:
                            result.small_spans.append((number, round(span["size"], 2), span["text"][:40]))
            result.page_text.append(page.get_text())
            if spans == 0 and not page.get_images() and not page.get_drawings():
                result.blank_pages.append(number)


def main() -> None:
    for name in sys.argv[1:]:
        print(json.dumps({name: audit(Path(name)).summary()}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
