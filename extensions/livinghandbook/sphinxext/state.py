"""Per-build state: what one build knows, in one typed object per build environment.

Directives, the domain, the renderers and the event handlers all reach the build's data
through :func:`of` (the facade sphinx-needs keeps in its ``data.py``), never through
attributes hung on the environment or the domain. The state is made on
``builder-inited``, where Sphinx hands the extension its application: the application
is how sphinx-needs' API and the builder are reached, without the private
``env._app``. Parallel reading and writing fork the process, so children see the same
state.

Validation is done once per build and cached in the core (``validation_cache.py``), keyed
by everything that determines the result, so two builds of different municipalities in one
process (tests, ``make all``) cannot mix.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from ..history import attach as attach_history
from ..validate import Validation
from ..validation_cache import cached_validation

# Builders that make the project and person pages themselves (``generated_pages.py``).
PROJECT_PAGE_BUILDERS = ("html", "dirhtml")


@dataclass
class BuildState:
    app: Sphinx
    validation: Validation
    moved: frozenset[str] = field(default=frozenset())  # entities whose page or anchor changed (env-updated)
    titles_before: dict[str, str] = field(default_factory=dict)  # titles of the pages read this build
    generated_images: set[str] = field(default_factory=set)  # drawn files the generated pages show

    @property
    def builder(self) -> Builder:
        return self.app.builder

    @property
    def project_pages(self) -> bool:
        """This build makes the project and person pages itself instead of reading them as documents."""
        return self.app.builder.name in PROJECT_PAGE_BUILDERS


_states: weakref.WeakKeyDictionary[BuildEnvironment, BuildState] = weakref.WeakKeyDictionary()


def begin(app: Sphinx) -> BuildState:
    """``builder-inited``: validate (or take the cached validation) and start the build's state."""
    config = app.config
    validation = cached_validation(config.handbook_data_dir, config.handbook_today, config.handbook_roles_dir)
    attach_history(validation, config.handbook_today)  # the data's git history, for the views
    _states[app.env] = build_state = BuildState(app, validation)
    return build_state


def of(env: BuildEnvironment) -> BuildState:
    found = _states.get(env)
    if found is None:  # pragma: no cover - every build starts with builder-inited
        raise RuntimeError("handbook: the build state is missing (builder-inited did not run)")
    return found
