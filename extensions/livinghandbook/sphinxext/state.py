"""The one place the extensions get the municipality's validated data during a build.

Parsing and validating is done once per build and cached by the data files' paths and
modification times, the way sphinxcontrib-bibtex caches its bibliography files: a
changed YAML file is always re-read, an unchanged one never is. The cache holds results
only, keyed by everything that determines them, so two builds of different
municipalities in one process (tests, ``make all``) cannot mix.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Any

from sphinx.config import Config
from sphinx.errors import ConfigError

from .. import paths
from ..history import attach as attach_history
from ..validate import Validation, validate_folder


def _stamp(paths: list[Path]) -> tuple[tuple[str, int], ...]:
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths)


# The validation in force for each build (one Config per Sphinx application), set on
# builder-inited so that the thousands of look-ups while writing need not stat files.
_current: weakref.WeakKeyDictionary[Config, Validation] = weakref.WeakKeyDictionary()


def refresh(config: Config) -> Validation:
    """Validate (or take from the stamp cache) and make it the build's current data."""
    _current[config] = result = _fresh(config)
    attach_history(result, config.handbook_today)  # the data's git history, for the views
    return result


def validation(config: Config) -> Validation:
    found = _current.get(config)
    return found if found is not None else refresh(config)


def _fresh(config: Config) -> Validation:
    folder = config.handbook_data_dir
    if not folder:
        raise ConfigError("handbook_data_dir er ikke sat: angiv kommunens datamappe")
    return cached_validation(folder, config.handbook_today, config.handbook_roles_dir)


def cached_validation(folder: str, today: str, roles: str) -> Validation:
    """Validate, or return the validation of the same files (by path and mtime) made
    earlier in this process: ``handbook build`` validates before starting Sphinx, and
    Sphinx's ``builder-inited`` then gets the same object instead of reading every file
    again (1.3 s at 1,000 projects)."""
    role_files = sorted(Path(roles).glob("*.yaml")) if roles else []
    return _validate(folder, today, roles, _stamp(sorted(Path(folder).glob("*.yaml"))) + _stamp(role_files))


@lru_cache(maxsize=4)
def _validate(folder: str, today: str, roles: str, _stamp: tuple[tuple[str, int], ...]) -> Validation:
    return validate_folder(Path(folder), today=dt.date.fromisoformat(today) if today else None,
                           roles_dir=Path(roles) if roles else None, cache_root=paths.build_root() / ".cache" / "yaml")


@lru_cache(maxsize=8)
def data_date(folder: Path) -> dt.date | None:
    """The date the data last changed: its last git commit, else the newest file."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=folder,
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        if out:
            return dt.date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    stamps = [p.stat().st_mtime for p in folder.glob("*.yaml")]
    return dt.date.fromtimestamp(max(stamps)) if stamps else None


def sphinx_app(directive: Any) -> Any:
    """The application from a directive: sphinx-needs' API and the builder name need it."""
    return env_app(directive.env)


def env_app(env: Any) -> Any:
    """``env.app`` is deprecated in Sphinx 9 (sphinx-needs itself still reads it); the
    environment keeps it as ``_app``."""
    return getattr(env, "_app", None) or env.app
