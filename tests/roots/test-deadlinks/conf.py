# A small handbook for the Sphinx-level tests (tests/sphinx): the extension with the
# municipality data passed in through confoverrides.
from livinghandbook.sphinxext.needs_integration import needs_settings

project = "Testhåndbog"
language = "da"
extensions = ["myst_parser", "livinghandbook.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
suppress_warnings = ["needs.beta"]
globals().update(needs_settings())
