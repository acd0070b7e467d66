"""Sphinx extensions of the living project-model handbook.

``setup()`` only registers: config values, directives and event handlers. The
municipality's data is validated once per build on ``builder-inited``; method findings
become Sphinx warnings located at the YAML line.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from . import state
from .summary import SummaryDirective
from .warnings_ import report_finding


def _on_builder_inited(app: Sphinx) -> None:
    validation = state.validation(app.config)
    for finding in validation.findings:
        report_finding(finding)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_data_dir", "", "env", types=[str])
    app.add_config_value("handbook_roles_dir", "", "env", types=[str])
    app.add_config_value("handbook_today", "", "env", types=[str])
    app.add_directive("handbook-summary", SummaryDirective)
    app.connect("builder-inited", _on_builder_inited)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
