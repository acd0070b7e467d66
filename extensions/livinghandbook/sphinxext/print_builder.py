"""The print handbook: a Sphinx builder that writes one HTML document made for paper and
turns it into a tagged PDF (PDF/A-2a and PDF/UA-1) with WeasyPrint.

Why a builder of its own on ``SingleFileHTMLBuilder``: every page, in toctree order, in
one document, through the same HTML renderer as the intranet (the data is escaped in one
place, and the PDF shares the site's words and tables). The builder's name is not
``html``, so project pages are Sphinx documents here, as they were for LaTeX
(``project_pages.generates_project_pages``). What is print-only lives here and in
``livinghandbook.pdf``: the translator (diagrams as ``<img alt>``, a wrapper per
document), the document's structure (parts, unique anchors), the printed contents, the
page template and its CSS, and the WeasyPrint run with its post-processing.

``sphinx-build -b handbookpdf`` writes ``<outdir>/handbog.html`` and ``<outdir>/handbog.pdf``.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .. import __version__
from ..pdf import figures, front
from ..pdf.slim import slim
from ..views import labels as L
from . import background, print_trim, state
from .diagrams import diagram
from .warnings_ import WARNING_TYPE, Subtype

logger = logging.getLogger(__name__)

HTML_NAME, PDF_NAME = "handbog.html", "handbog.pdf"
# Links as the HTML renderer writes them in one document: "#document-<doc>#<anchor>".
_DOUBLE_ANCHOR = re.compile(r'href="#document-([^"#]*)#([^"]*)"')
_DOCUMENT = re.compile(r'href="#document-([^"#]*)"')
_LOCAL = re.compile(r'href="#([^"#]*)"')
# Charts of pages in folders point at "../_images/": the renderer takes the folder from the
# page's URI, and here every page is in the one document beside "_images/".
_UP_TO_IMAGES = re.compile(r'src="(?:\.\./)+_images/')
# Sections listed in the printed contents and bookmarks: parts, chapters, their sections,
# and below that only projects (so every programme, project and role is listed).
CONTENTS_DEPTH = 3
# Chapters printed on landscape pages: wide tables (people × roles, traceability, findings).
WIDE_DOCS = frozenset({L.PEOPLE_DOC, L.TRACE_DOC, L.FINDINGS_DOC})
DEEP_CONTENTS_CLASSES = frozenset({"handbook-project"})


class PrintTranslator(HTML5Translator):
    """HTML for print: each document in a wrapper that the CSS can break pages on, and
    diagrams as ``<img>`` of their SVG with the same Danish text alternative as the site
    (WeasyPrint tags an ``<img alt>`` as a Figure with that Alt), placed as the builder
    decided (``_place``)."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        docname = node["docname"]
        self.docnames.append(docname)
        kind = docname.split("/", 1)[0] if "/" in docname else docname
        wide = " print-wide" if docname in WIDE_DOCS else ""
        self.body.append(f'<div class="print-doc print-doc-{escape(kind)}{wide}" id="document-{escape(docname)}">')

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.body.append("</div>")
        self.docnames.pop()

    def visit_diagram(self, node: nodes.Element) -> None:
        placement: figures.Placement = node.get("print_placement") or figures.place(None)
        alt = escape(node["alt"], quote=True)
        src = f"{escape(self.builder.imgpath)}/{escape(node['svg'])}"
        if placement.page == "text":
            # The compact print has the same facts in its tables; the full one prints them.
            words = "" if self.builder.compact else f"<p>{alt}</p>"  # type: ignore[attr-defined]
            note = front.TOO_LARGE_COMPACT if self.builder.compact else front.TOO_LARGE  # type: ignore[attr-defined]
            self.body.append(f'<div class="print-diagram-text"><p class="print-note">{note}</p>{words}</div>')
        elif not placement.tiles:
            size = f' style="width: {placement.width_pt}pt; height: {placement.height_pt}pt"' \
                if placement.height_pt else ""
            self.body.append(f'<img class="handbook-diagram" src="{src}" alt="{alt}"{size} />')
        else:
            count = len(placement.tiles)
            for number, tile in enumerate(placement.tiles, start=1):
                # Every piece is a figure of its own for assistive technology: the first
                # carries the description, the others say what they are.
                text = alt if number == 1 else escape(front.tile_alt(number, count), quote=True)
                self.body.append(
                    f'<div class="print-tile" style="width: {tile.width}pt; height: {tile.height}pt">'
                    f'<img class="handbook-diagram" src="{src}" alt="{text}" style="width: {placement.width_pt}pt; '
                    f'height: {placement.height_pt}pt; margin-left: -{tile.x}pt; margin-top: -{tile.y}pt" /></div>')
        raise nodes.SkipNode


class PrintBuilder(SingleFileHTMLBuilder):
    """One HTML document for print, then the PDF (see the module's docstring)."""

    name = "handbookpdf"
    epilog = "Trykudgaven (HTML, og PDF når builderen selv laver den) er i %(outdir)s."
    search = False
    add_permalinks = False
    copysource = False
    default_translator_class = PrintTranslator
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg"]

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """As the single-file builder, for every document found: pages resolve their links
        while they are read (``render_html``), before later pages are in ``all_docs``, and
        a page not yet read would otherwise get "<page>.html", a link out of the PDF."""
        if docname in self.env.found_docs:
            return "#document-" + docname
        return super().get_target_uri(docname, typ)

    def create_translator(self, *args: Any) -> Any:
        """The diagram visitor registered for HTML builders is bound onto each translator;
        the print translator's own visitor takes its place."""
        translator = super().create_translator(*args)
        vars(translator).pop("visit_diagram", None)
        vars(translator).pop("depart_diagram", None)
        return translator

    def init(self) -> None:
        super().init()
        model = state.validation(self.config).model
        self.compact = model is not None and print_trim.compact_wanted(self.config.handbook_print_detail, model)

    def assemble_doctree(self) -> nodes.document:
        tree = super().assemble_doctree()
        _promote_parts(tree)
        model = state.validation(self.config).model
        redirect = print_trim.trim(tree, model) if self.compact and model is not None else {}
        self.anchor_map = {**redirect, **_unique_ids(tree)}
        for figure in list(tree.findall(nodes.figure)):
            found = next(iter(figure.findall(diagram)), None)
            if found is not None:
                _place(figure, found, self._diagram_file(found))
        return tree

    def _diagram_file(self, node: nodes.Element) -> Path:
        """The diagram's SVG, drawn in the background since its page was read (or now)."""
        from .diagrams import GraphvizError, _draw  # the drawing is shared with the site

        outfn = Path(self.outdir) / self.imagedir / node["svg"]
        try:
            try:
                background.wait(outfn)
            except GraphvizError:
                pass  # drawn alone below, where the error is reported
            if not outfn.is_file():
                outfn.parent.mkdir(parents=True, exist_ok=True)
                _draw(node["command"], node["code"], outfn)
        except GraphvizError as exc:
            logger.warning(f"diagrammet kunne ikke tegnes: {exc}", location=node, type=WARNING_TYPE,
                           subtype=Subtype.DIAGRAM.value)
        return outfn

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        doctree.settings = self.docsettings
        self.imgpath = "_images"
        self.dlpath = "_downloads"
        self.current_docname = docname
        self.secnumbers, self.fignumbers = {}, {}
        visitor = self.create_translator(doctree, self)
        doctree.walkabout(visitor)
        body = slim(_fix_links("".join(visitor.fragment), self.anchor_map))
        if self.compact:
            body = print_trim.count_long_cells(body)
        validation = state.validation(self.config)
        model = validation.model
        assert model is not None  # data errors stop the build before Sphinx runs
        context = front.context(model, validation.folder, Path(self.outdir), self.config.language or "da")
        context["compact"] = self.compact
        context["contents"] = contents_html(doctree)
        context["body"] = body
        html = front.render_page(self._template_dirs(), context)
        (Path(self.outdir) / HTML_NAME).write_text(html, encoding="utf-8")

    def _template_dirs(self) -> list[Path]:
        """A project's ``templates_path`` first (to override the print page), then ours."""
        return [Path(self.confdir) / p for p in self.config.templates_path]

    def finish(self) -> None:
        """Images and charts in place, then the PDF (unless the caller makes it once Sphinx
        is done: ``handbook build`` does, so Sphinx's memory is free first). The PDF of an
        earlier build is removed first, so a failure never leaves an old file that looks new."""
        from ..pdf import render

        pdf = Path(self.outdir) / PDF_NAME
        pdf.unlink(missing_ok=True)
        self.copy_image_files()
        background.wait_all()  # charts are written in the background
        if not self.config.handbook_print_pdf:
            return
        validation = state.validation(self.config)
        assert validation.model is not None
        try:
            stats, problems = render.write_pdf(Path(self.outdir) / HTML_NAME, pdf, validation.model,
                                     self.config.language or "da")
        except Exception as exc:  # noqa: BLE001 - WeasyPrint or pikepdf: reported, and no PDF is published
            logger.error(f"PDF'en kunne ikke laves: {type(exc).__name__}: {exc}", type=WARNING_TYPE, subtype=Subtype.PDF.value)
            return
        for problem in problems:
            logger.warning(f"PDF: {problem}", type=WARNING_TYPE, subtype=Subtype.PDF.value)
        logger.info(f"handbook: PDF med {stats['pages']:.0f} sider: opsat på {stats['layout']:.1f} s, skrevet på "
                    f"{stats['write']:.1f} s, efterbehandlet på {stats['finish']:.1f} s")


# -- the assembled document ----------------------------------------------------------------------
def _place(figure: nodes.figure, node: nodes.Element, svg: Path) -> None:
    """Decide how a diagram is printed (``pdf/figures.py``) and say it in classes: a
    landscape figure that opens its section takes the section along, so the heading is
    not left alone on the portrait page before it."""
    placement = figures.place(figures.svg_facts(svg)) if svg.is_file() else \
        figures.Placement("text", 1.0, 0.0, 0.0)
    node["print_placement"] = placement
    classes = [f"print-{placement.page}"] + (["print-tiled"] if placement.tiles else [])
    section = figure.parent
    opening = isinstance(section, nodes.section) and next(
        (child for child in section.children[1:] if child.astext().strip()), None) is figure
    if placement.page == "landscape" and opening:
        section["classes"] = [*section["classes"], "print-landscape-section"]
        classes.remove("print-landscape")
    figure["classes"] = [*figure["classes"], *classes]
    caption = next(iter(figure.findall(nodes.caption)), None)
    if placement.tiles and caption is not None:
        caption += nodes.Text(front.tiled_caption(len(placement.tiles)))


def _promote_parts(tree: nodes.document) -> None:
    """The root page's sections ("Metoden", "Porteføljen", …) become the book's parts:
    they move out of the root page's section, so parts are level 1, documents level 2,
    programmes and roles level 3 and projects level 4 (HTML h1–h4)."""
    root = next((child for child in tree.children if isinstance(child, nodes.section)), None)
    if root is None:
        return
    parts = [child for child in root.children if isinstance(child, nodes.section)]
    for part in parts:
        root.remove(part)
    index = tree.index(root)
    tree[index + 1:index + 1] = parts
    for part in parts:  # a part opening with a landscape chapter starts on that page
        first = next(iter(part.findall(lambda n: n.tagname == "start_of_file")), None)
        if first is not None and first["docname"] in WIDE_DOCS:
            part["classes"] = [*part["classes"], "print-wide"]


def _unique_ids(tree: nodes.document) -> dict[tuple[str, str], str]:
    """Ids are unique per page in Sphinx, not across pages: rename repeats, and return
    (docname, old id) → id so links can follow."""
    seen: set[str] = set()
    mapping: dict[tuple[str, str], str] = {}
    root = str(tree.get("docname", "index"))

    def walk(node: nodes.Element, docname: str) -> None:
        if node.tagname == "start_of_file":
            docname = node["docname"]
        ids = []
        for ident in node.get("ids", []):
            new, n = ident, 1
            while new in seen:
                n += 1
                new = f"{ident}-{n}"
            seen.add(new)
            mapping.setdefault((docname, ident), new)
            ids.append(new)
        if ids:
            node["ids"] = ids
        for child in node.children:
            if isinstance(child, nodes.Element):
                walk(child, docname)
    walk(tree, root)
    return mapping


def _fix_links(body: str, anchor_map: dict[tuple[str, str], str]) -> str:
    """"#document-<doc>#<id>" → "#<id>" (as renamed by ``_unique_ids``); image paths
    from the one document."""
    body = _UP_TO_IMAGES.sub('src="_images/', body)
    body = _DOUBLE_ANCHOR.sub(lambda m: f'href="#{escape(anchor_map.get((m.group(1), m.group(2)), m.group(2)))}"',
                              body)
    # A whole page the compact print leaves out: the place that lists it instead.
    body = _DOCUMENT.sub(lambda m: f'href="#{escape(anchor_map.get((m.group(1), ""), "document-" + m.group(1)))}"',
                         body)
    # Links within a page to a part the compact print leaves out.
    return _LOCAL.sub(lambda m: f'href="#{escape(anchor_map.get((print_trim.ANY_PAGE, m.group(1)), m.group(1)))}"',
                      body)


def contents_html(tree: nodes.document) -> str:
    """The printed contents: parts, chapters and their sections, and every project, as
    links whose page numbers print.css fills in (``target-counter``)."""
    out: list[str] = []

    def walk(node: nodes.Element, depth: int) -> None:
        for child in node.children:
            if not isinstance(child, nodes.Element):
                continue
            if isinstance(child, nodes.section) and child["ids"]:
                level = depth + 1
                deep = DEEP_CONTENTS_CLASSES.intersection(child["classes"])
                if level <= CONTENTS_DEPTH or deep:
                    title = child[0].astext() if child.children and isinstance(child[0], nodes.title) else ""
                    out.append(f'<li class="print-toc-{level}"><a href="#{escape(child["ids"][0])}">'
                               f"{escape(title, quote=False)}</a></li>\n")
                walk(child, level)
            else:
                walk(child, depth)
    walk(tree, 0)
    return f'<ul class="print-toc">\n{"".join(out)}</ul>\n'


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(PrintBuilder)
    app.add_config_value("handbook_print_detail", "auto", "", types=[str],
                         description="auto, full or compact (sphinxext/print_trim.py)")
    app.add_config_value("handbook_print_pdf", True, "", types=[bool],
                         description="the builder lays out the PDF itself (False: the caller does)")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
