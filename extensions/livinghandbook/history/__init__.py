"""The data folder's history in git: versions, what changed, and when.

``compute.compute_history`` is the core (no Sphinx); during a build the history of the
validated data is attached to its validation (``attach``, called where the build takes
its validation) and the views read it back with ``history_of``.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import TYPE_CHECKING

from .. import paths
from .compute import History, Version, compute_history, unavailable

if TYPE_CHECKING:
    from ..validate import Validation

__all__ = ["History", "Version", "attach", "compute_history", "history_of", "unavailable"]

_attached: weakref.WeakKeyDictionary[Validation, History] = weakref.WeakKeyDictionary()


def attach(validation: Validation, today: str | dt.date | None) -> History:
    """Compute the history of the validated folder (cached per commit under the build
    folder) and keep it with the validation for this build."""
    m = validation.model
    day = dt.date.fromisoformat(today) if isinstance(today, str) and today else today
    if not isinstance(day, dt.date):
        day = dt.date.today()
    if m is None:
        history = unavailable("kommunens data har fejl")
    else:
        try:
            history = compute_history(validation.folder, day, m.history_days, m.publish_names,
                                      {rid: role.name for rid, role in m.roles.items()},
                                      cache_dir=paths.build_root() / ".cache" / "history")
        except Exception as exc:  # noqa: BLE001 - the handbook must build; the note shows the fault
            history = unavailable(f"en intern fejl stoppede beregningen ({type(exc).__name__}: {exc})")
    _attached[validation] = history
    return history


def history_of(validation: Validation) -> History | None:
    """The history attached to a validation (None outside a build: views show none)."""
    return _attached.get(validation)
