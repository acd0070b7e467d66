"""Warning types of the handbook extensions: ``handbook.<subtype>``.

Method findings use their rule id as subtype (``handbook.G05``), so a municipality can
silence one rule's warnings with ``suppress_warnings = ["handbook.G13"]`` without
hiding anything else.
"""

from __future__ import annotations

import enum

from sphinx.util import logging

from ..findings import Finding, Severity

WARNING_TYPE = "handbook"
logger = logging.getLogger(__name__)


class Subtype(str, enum.Enum):
    """Subtypes besides the rule ids (G01…G13) that method findings use."""

    DIAGRAM = "diagram"  # graphviz could not draw a generated diagram
    REFERENCE = "reference"  # a generated link whose target page does not exist
    PDF = "pdf"  # WeasyPrint or the PDF post-processing failed (print_builder.py)


def report_finding(finding: Finding) -> None:
    """A finding as a Sphinx warning located at the YAML line; ``info`` stays a message,
    so that ``--strict`` fails on warnings and errors only."""
    text = f"{finding.rule}: {finding.message}"
    if finding.severity is Severity.INFO:
        logger.info(f"{finding.location}: info: {text}")
        return
    logger.warning(text, location=str(finding.location), type=WARNING_TYPE, subtype=finding.rule)
