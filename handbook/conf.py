"""Sphinx configuration of the method handbook.

The CLI (``handbook build``) stages these sources per municipality and sets
``handbook_data_dir``, ``project`` and the other per-municipality values through
``confoverrides``; building this folder by hand needs them too (see docs/).
"""

from livinghandbook.sphinxext.needs_integration import needs_settings

project = "Projektmodel-håndbogen"
author = "Digitaliseringsenheden"
language = "da"
extensions = ["myst_parser", "sphinx_needs", "livinghandbook.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_templates", "roles/*.yaml", "conf.py", "**/*.tmp"]
nitpicky = True
suppress_warnings = ["needs.beta"]

globals().update(needs_settings())

html_theme = "alabaster"
# Bounded sidebars: a global navigation tree in every page makes writing quadratic in
# the number of pages (TOOLCHAIN.md) and every title change a full rewrite.
html_sidebars = {"**": ["about.html", "localtoc.html", "relations.html", "searchbox.html"]}
# Show the "Navigation" block (where the page sits, previous and next page): alabaster hides
# it unless asked, and on 1,000 project pages it is the way back to the programme.
html_theme_options = {"show_related": True}
html_title = project
templates_path = ["_templates"]
html_show_sourcelink = False
html_show_sphinx = False
html_show_copyright = False  # no copyright is set, and an empty one showed a lone "©."
html_copy_source = False
html_static_path = ["_static"]
html_js_files = ["danish-search.js", "handbook-content.js"]
# handbook-content.css: diagrams and their full-size view, the matrix, the findings page.
html_css_files = ["handbook.css", "handbook-content.css", ("print.css", {"media": "print"})]
html_favicon = "_static/favicon.svg"

# PDF: xelatex with Danish (polyglossia) and FreeSerif; the CLI sets the cover and the
# document name per municipality (latex_documents, latex_elements) with escaped text.
latex_engine = "xelatex"
# makeindex, not xindy: Debian's TeX Live set we install has no xindy (it failed in CI).
latex_use_xindy = False
latex_show_urls = "no"
latex_show_pagerefs = False
graphviz_output_format = "svg"
