"""The extension's configuration values, declared once and checked when Sphinx starts.

``handbook build`` sets them through ``confoverrides``; a hand-run ``sphinx-build`` of the
staged sources must set them too. A broken value stops the build at once with a Danish
message (``ConfigError``) instead of failing later while pages are read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError


@dataclass(frozen=True)
class Option:
    name: str
    default: str
    rebuild: Literal["env", "html", ""]  # 'env': every page is read again when it changes
    help: str


OPTIONS = (
    Option("handbook_data_dir", "", "env", "the municipality's data folder (required)"),
    Option("handbook_roles_dir", "", "env", "the role catalogue folder (default: the repository's handbook/roles)"),
    Option("handbook_today", "", "env", "the date the G08 rule measures from, YYYY-MM-DD (default: today)"),
)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: fail early and clearly on a missing folder or a bad date."""
    folder = config.handbook_data_dir
    if not folder:
        raise ConfigError("handbook_data_dir er ikke sat: angiv kommunens datamappe (fx -D handbook_data_dir=...)")
    if not Path(folder).is_dir():
        raise ConfigError(f"handbook_data_dir '{folder}' findes ikke eller er ikke en mappe")
    if config.handbook_today:
        try:
            dt.date.fromisoformat(config.handbook_today)
        except ValueError as exc:
            raise ConfigError(f"handbook_today '{config.handbook_today}' er ikke en dato (skriv ÅÅÅÅ-MM-DD)") from exc


def today(config: Config) -> dt.date | None:
    return dt.date.fromisoformat(config.handbook_today) if config.handbook_today else None


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=[str], description=option.help)
    app.connect("config-inited", check_config)
