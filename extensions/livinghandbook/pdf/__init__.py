"""The print handbook's PDF: page template and CSS, the WeasyPrint run, the index and the
PDF/UA post-processing. The Sphinx side is ``sphinxext/print_builder.py``."""
