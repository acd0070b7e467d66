"""The one place the extensions get the municipality's validated data during a build.

Parsing and validating is done once per build and cached in the core
(``validation_cache.py``), keyed by everything that determines the result, so two
builds of different municipalities in one process (tests, ``make all``) cannot mix.
"""

from __future__ import annotations

import weakref
from typing import Any

from sphinx.config import Config
from sphinx.errors import ConfigError

from ..validate import Validation
from ..validation_cache import cached_validation, data_date  # noqa: F401 - the cache lives in the core


# The validation in force for each build (one Config per Sphinx application), set on
# builder-inited so that the thousands of look-ups while writing need not stat files.
_current: weakref.WeakKeyDictionary[Config, Validation] = weakref.WeakKeyDictionary()


def refresh(config: Config) -> Validation:
    """Validate (or take from the stamp cache) and make it the build's current data."""
    _current[config] = result = _fresh(config)
    return result


def validation(config: Config) -> Validation:
    found = _current.get(config)
    return found if found is not None else refresh(config)


def _fresh(config: Config) -> Validation:
    folder = config.handbook_data_dir
    if not folder:
        raise ConfigError("handbook_data_dir er ikke sat: angiv kommunens datamappe")
    return cached_validation(folder, config.handbook_today, config.handbook_roles_dir)


def sphinx_app(directive: Any) -> Any:
    """The application from a directive: sphinx-needs' API and the builder name need it."""
    return env_app(directive.env)


def env_app(env: Any) -> Any:
    """``env.app`` is deprecated in Sphinx 9 (sphinx-needs itself still reads it); the
    environment keeps it as ``_app``."""
    return getattr(env, "_app", None) or env.app
