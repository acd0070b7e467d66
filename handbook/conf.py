"""Sphinx configuration of the method handbook.

The CLI (``handbook build``) stages these sources per municipality and sets
``handbook_data_dir``, ``project`` and the other per-municipality values through
``confoverrides``; building this folder by hand needs them too (see docs/).
"""

from livinghandbook.sphinxext.needs_integration import needs_settings

project = "Projektmodel-håndbogen"
author = "Digitaliseringsenheden"
language = "da"
extensions = ["myst_parser", "sphinx_needs", "livinghandbook.sphinxext",
              "livinghandbook.sphinxext.print_builder"]  # -b handbookpdf: the print handbook
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_templates", "roles/*.yaml", "conf.py", "**/*.tmp"]
nitpicky = True
suppress_warnings = ["needs.beta"]

globals().update(needs_settings())

# The handbook's own theme (extensions/livinghandbook/theme/, issue 14): bounded navigation
# (a global navigation tree in every page makes writing quadratic in the number of pages,
# TOOLCHAIN.md), the municipality's name, logo and colour in the header, Danish throughout.
# Chosen against furo, pydata-sphinx-theme and sphinx-book-theme with bench/theme_bench.py.
html_theme = "handbook"
html_title = project
html_show_sourcelink = False
html_show_sphinx = False
html_show_copyright = False  # no copyright is set, and an empty one showed a lone "©."
html_copy_source = False
html_static_path = ["_static"]
html_js_files = ["danish-search.js", "handbook-content.js"]
# handbook-content.css: diagrams and their full-size view, the matrix, the findings page.
html_css_files = ["handbook.css", "handbook-content.css", ("print.css", {"media": "print"})]
html_favicon = "_static/favicon.svg"

graphviz_output_format = "svg"
