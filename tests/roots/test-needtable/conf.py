# A hand-written page with sphinx-needs' needtable over the handbook's needs (the example of
# docs/sphinx-needs.md): the data passed in through confoverrides, as in test-handbook.
from livinghandbook.sphinxext.needs_integration import needs_settings

project = "Testhåndbog"
language = "da"
extensions = ["myst_parser", "livinghandbook.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
suppress_warnings = ["needs.beta"]
globals().update(needs_settings())
