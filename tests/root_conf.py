"""The Sphinx configuration the test roots share (``tests/roots/test-*/conf.py`` star-import
it): the extension, MyST, and the sphinx-needs settings the handbook's own conf.py uses. The
municipality's data comes in through ``confoverrides`` (``conftest.overrides``)."""

from livinghandbook.sphinxext.needs_integration import needs_settings

project = "Testhåndbog"
language = "da"
extensions = ["myst_parser", "livinghandbook.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
suppress_warnings = ["needs.beta"]
globals().update(needs_settings())
