"""Warning types of the handbook extensions: ``handbook.<subtype>``.

Method findings use their rule id as subtype (``handbook.G05``), so a municipality can
silence one rule's warnings with ``suppress_warnings = ["handbook.G13"]`` without
hiding anything else. The other subtypes are the members of :class:`Subtype`; every
builder uses the same ones (a dead link is ``handbook.reference`` in HTML and in the PDF).
"""

from __future__ import annotations

import enum

from sphinx.util import logging

from ..findings import Finding, Severity, one_line

WARNING_TYPE = "handbook"
logger = logging.getLogger(__name__)


class Subtype(str, enum.Enum):
    """Subtypes besides the rule ids (G01…) that method findings use."""

    DIAGRAM = "diagram"  # graphviz could not draw a generated diagram
    CHART = "chart"  # a chart could not be drawn or written
    REFERENCE = "reference"  # a generated link whose target page does not exist
    COMPAT = "compat"  # an upstream internal moved; a slower public path is used
    PDF = "pdf"  # WeasyPrint or the PDF post-processing failed (print_builder.py)


def report_finding(finding: Finding) -> None:
    """A finding as a Sphinx warning located at the YAML line; ``info`` stays a message,
    so that ``--strict`` fails on warnings and errors only."""
    text = f"{finding.rule}: {one_line(finding.message)}"  # data text: one line, control characters escaped
    where = one_line(str(finding.location))
    if finding.severity is Severity.INFO:
        logger.info(f"{where}: info: {text}")
        return
    logger.warning(text, location=where, type=WARNING_TYPE, subtype=finding.rule)
