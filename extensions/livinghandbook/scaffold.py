"""``handbook new``: a new municipality folder that validates without findings.

The starter data is a small but complete example (one programme, one project, one
benefit with all three kinds of indicator) meant to be edited, not an empty shell:
an editor learns the format from it. It is written to a temporary folder first and
moved into place, so an interrupted run leaves nothing half-written, and an existing
folder is never touched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from .data.schema_check import MUNICIPALITY_SCHEMA, SCHEMA_PACKAGE

SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}\n"

TEMPLATE = """\
# {name}: data til projektmodel-håndbogen (dataformat v1).
# Ret navne, personer og projekter til. Tjek med: handbook validate {slug}
municipality:
  id: {slug}
  name: {name_yaml}
  publish_names: true
  reporting_interval_days: 90

units:
  - {{id: direktion, name: Direktionen, kind: direktion}}
  - {{id: forvaltning, name: Fagforvaltningen, kind: forvaltning, parent: direktion}}

people:
  - {{id: direktor, name: Navn Navnesen, title: Kommunaldirektør, unit: direktion}}
  - {{id: fagchef, name: Fie Fagchef, title: Fagchef, unit: forvaltning}}
  - {{id: leder, name: Lars Leder, title: Programleder, unit: forvaltning}}
  - {{id: maaler, name: Mona Måler, title: Controller, unit: forvaltning}}

goals:
  - id: MAAL-1
    title: Bedre service til borgerne

portfolio:
  id: PF
  title: Digitaliseringsporteføljen
  governance_unit: direktion
  roles:
    portefoljeledelse: [direktor, fagchef]

programmes:
  - id: P-1
    title: Første program
    purpose: Beskriv her, hvorfor programmet findes.
    goals: [MAAL-1]
    roles:
      programejer: direktor
      programleder: leder
      gevinstansvarlig: fagchef
      programkomite: [direktor, fagchef, leder]
    status: {{phase: idea, rag: green, reported: {today}}}

projects:
  - id: PR-1
    title: Første projekt
    programme: P-1
    purpose: Beskriv her projektets formål.
    deliverables:
      - {{id: D-1, title: Projektets første leverance}}
    success_criteria:
      - Leverancen er i drift
    start: {today}
    end: {next_year}
    roles:
      projektleder: leder
      styregruppe: [fagchef, direktor]
    status: {{phase: idea, rag: green, reported: {today}}}

benefits:
  - id: B-1
    title: Første gevinst
    kind: quality
    enabled_by: [D-1]
    goals: [MAAL-1]
    roles: {{gevinstansvarlig: fagchef, gevinstcontroller: maaler}}
    indicators:
      - {{id: I-1, kind: early, title: Leverancen er taget i brug, unit: '%',
         baseline: {{value: 0, date: {today}}}, target: {{value: 100, date: {next_year}}}}}
      - {{id: I-2, kind: success, title: Brugerne er tilfredse, unit: '%',
         baseline: {{value: 50, date: {today}}}, target: {{value: 80, date: {next_year}}}}}
      - {{id: I-3, kind: effect, title: Sparet tid pr. måned, unit: timer,
         baseline: {{value: 0, date: {today}}}, target: {{value: 40, date: {next_year}}}}}
"""

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ScaffoldError(Exception):
    pass


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: safe for any name, quotes and colons included."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def scaffold(slug: str, name: str | None, parent: Path, today: dt.date | None = None) -> Path:
    if not SLUG.match(slug):
        raise ScaffoldError(f"'{slug}' er ikke et gyldigt kort navn; brug små bogstaver a-z, tal og bindestreg")
    target = parent / slug
    if target.exists():
        raise ScaffoldError(f"{target} findes allerede; vælg et andet navn (intet er ændret)")
    today = today or dt.date.today()
    next_year = today.replace(year=today.year + 1, day=min(today.day, 28))
    name = name or f"{slug.replace('-', ' ').title()} Kommune"
    # VS Code's YAML plugin finds the schema through this comment; relative when possible.
    schema = Path(str(resources.files(SCHEMA_PACKAGE).joinpath(MUNICIPALITY_SCHEMA)))
    schema_ref = os.path.relpath(schema, target.resolve()) if schema.is_absolute() else str(schema)
    text = SCHEMA_COMMENT.format(schema=schema_ref) + TEMPLATE.format(
        slug=slug, name=" ".join(name.split()), name_yaml=_yaml_string(name),
        today=today.isoformat(), next_year=next_year.isoformat())
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}-", dir=parent))
    try:
        (staging / "kommune.yaml").write_text(text, encoding="utf-8")
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ScaffoldError(f"kunne ikke oprette {target}: {exc.strerror}") from exc
    return target
