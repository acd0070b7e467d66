"""The one place the extensions keep the municipality's validated data during a build.

The model is parsed once per build on ``builder-inited`` and kept on the Sphinx
application object (not on the pickled environment: it is rebuilt from YAML cheaply
and must never be stale). Every other module asks here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from ..validate import Validation, validate_folder

_ATTR = "_livinghandbook_validation"


def load(app: Sphinx) -> Validation:
    folder = app.config.handbook_data_dir
    if not folder:
        raise ConfigError("handbook_data_dir er ikke sat: angiv kommunens datamappe")
    today = dt.date.fromisoformat(app.config.handbook_today) if app.config.handbook_today else None
    roles = Path(app.config.handbook_roles_dir) if app.config.handbook_roles_dir else None
    validation = validate_folder(Path(folder), today=today, roles_dir=roles)
    setattr(app, _ATTR, validation)
    return validation


def validation(app: Sphinx) -> Validation:
    found = getattr(app, _ATTR, None)
    return found if found is not None else load(app)


def data_files(app: Sphinx) -> list[Path]:
    return sorted(Path(app.config.handbook_data_dir).glob("*.yaml"))
