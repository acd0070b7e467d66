"""The print handbook: a Sphinx builder that writes one HTML document made for paper and
turns it into a tagged PDF (PDF/A-2a and PDF/UA-1) with WeasyPrint.

Why a builder of its own on ``SingleFileHTMLBuilder``: every page, in toctree order, in
one document, through the same HTML renderer as the intranet (the data is escaped in one
place, and the PDF shares the site's words and tables). The builder is not one that
generates project pages (``state.PROJECT_PAGE_BUILDERS``), so project pages are Sphinx
documents here. The HTML renderer asks the builder how to print a diagram and how to write
a link (``handbook_diagram_html``, ``handbook_uri``). What is print-only lives here,
in ``print_figures.py``, ``print_trim.py`` and ``livinghandbook.pdf``: a wrapper per
document, diagrams as ``<img alt>`` placed for paper, the document's structure (parts,
unique anchors), the printed contents, the page template and its CSS, and the WeasyPrint
run with its post-processing.

``sphinx-build -b handbookpdf`` writes ``<outdir>/handbog.html`` and ``<outdir>/handbog.pdf``.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .. import __version__
from ..diagrams import builders as D
from ..model.entities import Municipality
from ..pdf import front
from ..pdf.slim import slim
from ..views import labels as L
from ..views.blocks import Diagram
from . import background, print_figures, print_trim, state
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
    """HTML for print: each document in a wrapper that the CSS can break pages on
    (diagrams are placed by ``handbook_diagram_html``)."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        docname = node["docname"]
        self.docnames.append(docname)
        kind = docname.split("/", 1)[0] if "/" in docname else docname
        wide = " print-wide" if docname in WIDE_DOCS else ""
        self.body.append(f'<div class="print-doc print-doc-{escape(kind)}{wide}" id="document-{escape(docname)}">')

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.body.append("</div>")
        self.docnames.pop()


class PrintBuilder(SingleFileHTMLBuilder):
    """One HTML document for print, then the PDF (see the module's docstring)."""

    name = "handbookpdf"
    epilog = "Trykudgaven (HTML, og PDF når builderen selv laver den) er i %(outdir)s."
    search = False
    add_permalinks = False
    copysource = False
    default_translator_class = PrintTranslator
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg"]
    # Figures are numbered through the book by the print CSS ("Figur 17."), not per page.
    handbook_numbers_figures = False

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """As the single-file builder, for every document found (not only those read)."""
        if docname in self.env.found_docs:
            return "#document-" + docname
        return super().get_target_uri(docname, typ)

    # -- hooks the HTML renderer asks (html_writer.py, links.py) --------------------------------
    def handbook_uri(self, docname: str, anchor: str) -> str:
        """Links as ``#document-<doc>#<anchor>``: ids are renamed across pages once the
        document is assembled (``_unique_ids``), and ``_fix_links`` follows them."""
        return f"#document-{docname}#{anchor}" if anchor else f"#document-{docname}"

    def handbook_diagram_html(self, block: Diagram, path: Path, imgpath: str) -> str:
        """A diagram placed for paper (``print_figures.py``); the per-project benefits maps
        are left out of the compact print (the traceability matrix has their facts)."""
        if self.compact and block.alt in self._trimmed_maps:
            return ""
        return print_figures.diagram_html(block, path, "_images", self.compact)

    @property
    def model(self) -> Municipality:
        model = state.of(self.env).validation.model
        assert model is not None  # data errors stop the build before Sphinx runs
        return model

    @property
    def compact(self) -> bool:
        if getattr(self, "_compact", None) is None:
            self._compact = print_trim.compact_wanted(self.config.handbook_print_detail, self.model)
        return bool(self._compact)

    @property
    def _trimmed_maps(self) -> frozenset[str]:
        if getattr(self, "_maps", None) is None:
            m = self.model
            self._maps = frozenset(spec["alt"] for p in m.programmes if p.projects or p.adhoc
                                   for spec in D.benefits_maps(m, p))
        return self._maps

    def assemble_doctree(self) -> nodes.document:
        tree = super().assemble_doctree()  # the runs of blocks are rendered in here (resolve.py)
        _promote_parts(tree)
        redirect = print_trim.trim(tree, self.model) if self.compact else {}
        redirect.update(print_trim.trim_person_pages(tree, self.model))
        self.anchor_map = {**redirect, **_unique_ids(tree)}
        print_figures.landscape_openers(tree)
        return tree

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        doctree.settings = self.docsettings
        self.imgpath = "_images"
        self.dlpath = "_downloads"
        self.current_docname = docname
        self.secnumbers, self.fignumbers = {}, {}
        visitor = self.create_translator(doctree, self)
        assert isinstance(visitor, HTML5Translator)
        doctree.walkabout(visitor)
        body = slim(_fix_links("".join(visitor.fragment), self.anchor_map))
        if self.compact:
            body = print_trim.count_long_cells(body)
        validation = state.of(self.env).validation
        model = self.model
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
        try:
            stats, problems = render.write_pdf(Path(self.outdir) / HTML_NAME, pdf, self.model,
                                     self.config.language or "da")
        except Exception as exc:  # noqa: BLE001 - WeasyPrint or pikepdf: reported, and no PDF is published
            logger.error(f"PDF'en kunne ikke laves: {type(exc).__name__}: {exc}", type=WARNING_TYPE, subtype=Subtype.PDF.value)
            return
        for problem in problems:
            logger.warning(f"PDF: {problem}", type=WARNING_TYPE, subtype=Subtype.PDF.value)
        logger.info(f"handbook: PDF med {stats['pages']:.0f} sider: opsat på {stats['layout']:.1f} s, skrevet på "
                    f"{stats['write']:.1f} s, efterbehandlet på {stats['finish']:.1f} s")


# -- the assembled document ----------------------------------------------------------------------
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
        first = next(iter(part.findall(addnodes.start_of_file)), None)
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
        ids: list[str] = []
        ident: str
        for ident in node.get("ids", []):
            new: str = ident
            n = 1
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
