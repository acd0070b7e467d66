"""Generated source stubs: one small MyST file per programme, project, role and person.

A stub holds only a directive and the entity id, so it changes only when entities are
added or removed; what the page shows comes from the data when the page is read (and
is tracked by fingerprints, see ``incremental.py``). Stubs are written on
``builder-inited``, only when their content differs (mtimes must not cause rebuilds),
in sorted order, and stubs of entities that no longer exist are deleted.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..fileio import write_text_if_changed
from ..model.entities import Municipality
from ..views import labels as L
from . import state

GENERATED_DIRS = (L.PROGRAMME_DIR, L.PROJECT_DIR, L.ROLE_DIR, L.PERSON_DIR)
STUB = "```{{{directive}}} {arg}\n```\n"


def wanted_stubs(m: Municipality, project_stubs: bool = True) -> dict[str, str]:
    """Relative path → content for every generated page (HTML builds make the project and
    person pages themselves, ``generated_pages.py``, so they get no stubs; people have pages
    only when names are published)."""
    stubs: dict[str, str] = {}
    for p in m.programmes:
        stubs[f"{L.PROGRAMME_DIR}/{p.id}.md"] = STUB.format(directive="handbook-programme", arg=p.id)
    for pr in m.projects if project_stubs else []:
        stubs[f"{L.PROJECT_DIR}/{pr.id}.md"] = STUB.format(directive="handbook-project", arg=pr.id)
    for role_id in m.roles:
        stubs[f"{L.ROLE_DIR}/{role_id}.md"] = STUB.format(directive="handbook-role", arg=role_id)
    for person in m.people if project_stubs else []:
        if person.has_page:
            stubs[f"{L.person_doc(person.id)}.md"] = STUB.format(directive="handbook-person", arg=person.id)
    return stubs


def generate_stubs(app: Sphinx, m: Municipality) -> int:
    src = Path(app.srcdir)
    wanted = wanted_stubs(m, project_stubs=not state.of(app.env).project_pages)
    written = sum(write_text_if_changed(src / rel, text) for rel, text in sorted(wanted.items()))
    for folder in GENERATED_DIRS:
        for path in sorted((src / folder).glob("*.md")) if (src / folder).is_dir() else []:
            if path.relative_to(src).as_posix() not in wanted:
                path.unlink()
    return written
