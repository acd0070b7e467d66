"""Generate a synthetic municipality in data contract v1, at any size.

    python bench/generate.py OUT_DIR --programmes 50 --projects-per-programme 20 --benefits-per-project 3

Deterministic (no randomness): the same arguments give byte-identical files. One file
per programme, as a real municipality would split its data. The data is clean: every
rule passes, so a benchmark measures the normal path, not error reporting.

``--seed N`` (or :func:`generate_varied` with a ``random.Random``) makes a varied
municipality instead, for property tests: optional fields left out, stand-alone projects
and ad hoc efforts, one person or a list in a role, benefits enabled by deliverables,
projects or ad hoc efforts, hostile and multi-line texts, rule settings, a maturity
assessment and local roles. It is always valid data (no E… finding); method findings
(G…) are expected.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

FORVALTNINGER = ["so", "bu", "bb", "kd", "tm"]


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def generate(out: Path, programmes: int, projects: int, benefits: int, reported: str = "2026-11-01") -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    units = [{"id": "direktion", "name": "Direktionen", "kind": "direktion"}]
    units += [{"id": f, "name": f"Forvaltning {f.upper()}", "kind": "forvaltning", "parent": "direktion"}
              for f in FORVALTNINGER]
    people = [{"id": "dir", "name": "Direktør Dorte", "title": "Kommunaldirektør", "unit": "direktion"},
              {"id": "oko", "name": "Økonomidirektør Otto", "title": "Økonomidirektør", "unit": "direktion"}]
    head = {
        "municipality": {"id": "bench", "name": f"Benchmark Kommune ({programmes}×{projects}×{benefits})",
                         "rules": {"G13": {"max": 10_000}}},
        "units": units,
        "people": people,
        "goals": [{"id": f"G-{g}", "title": f"Strategisk mål {g}"} for g in range(1, 11)],
        "portfolio": {"id": "PF", "title": "Benchmarkporteføljen", "governance_unit": "direktion",
                      "roles": {"portefoljeledelse": ["dir", "oko"]}},
    }
    _dump(out / "00-kommune.yaml", head)
    counts = {"programmes": programmes, "projects": 0, "benefits": 0, "deliverables": 0, "indicators": 0}
    for p in range(1, programmes + 1):
        unit = FORVALTNINGER[p % len(FORVALTNINGER)]
        owner, manager, pm = f"ejer{p}", f"leder{p}", f"pl{p}"
        file_people = [{"id": owner, "name": f"Programejer {p}", "title": "Fagchef", "unit": unit},
                       {"id": manager, "name": f"Programleder {p}", "title": "Programleder", "unit": unit},
                       {"id": pm, "name": f"Projektleder {p}", "title": "Projektleder", "unit": unit},
                       {"id": f"maaler{p}", "name": f"Måler {p}", "title": "Controller", "unit": unit}]
        data: dict = {
            "people": file_people,
            "programmes": [{
                "id": f"P-{p}", "title": f"Program {p}: digital omstilling", "purpose": "Formålet med programmet.",
                "goals": [f"G-{1 + p % 10}"],
                "roles": {"programejer": owner, "programleder": manager, "gevinstansvarlig": owner,
                          "programkomite": [owner, manager, pm]},
                "business_case": {"investment": 1_000_000 + p, "annual_benefit": 400_000 + p},
                "status": {"phase": "execution", "rag": ["green", "amber", "red"][p % 3], "reported": reported},
            }],
            "projects": [], "benefits": [],
        }
        for j in range(1, projects + 1):
            pid = f"PR-{p}-{j}"
            data["projects"].append({
                "id": pid, "title": f"Projekt {p}.{j}", "programme": f"P-{p}", "purpose": "Projektets formål.",
                "deliverables": [{"id": f"D-{p}-{j}", "title": f"Leverance {p}.{j}"}],
                "success_criteria": ["Leverancen er i drift"], "start": "2026-01-01", "end": "2027-06-30",
                "roles": {"projektleder": pm, "styregruppe": [owner, manager]},
                "status": {"phase": "execution", "rag": "green", "reported": reported},
            })
            counts["projects"] += 1
            counts["deliverables"] += 1
            for k in range(1, benefits + 1):
                kind = ["early", "success", "effect"][(j + k) % 3]
                data["benefits"].append({
                    "id": f"B-{p}-{j}-{k}", "title": f"Gevinst {p}.{j}.{k}",
                    "kind": ["economic", "efficiency", "quality", "strategic"][k % 4],
                    "enabled_by": [f"D-{p}-{j}"], "goals": [f"G-{1 + (p + k) % 10}"],
                    "roles": {"gevinstansvarlig": owner, "gevinstcontroller": f"maaler{p}"},
                    "indicators": [{"id": f"I-{p}-{j}-{k}", "kind": kind, "title": "Indikator", "unit": "%",
                                    "baseline": {"value": 10, "date": "2026-01-01"},
                                    "target": {"value": 80, "date": "2027-12-31"},
                                    "measurements": [{"date": "2026-06-30", "value": 35}]}],
                })
                counts["benefits"] += 1
                counts["indicators"] += 1
        _dump(out / f"p-{p:03d}.yaml", data)
    return counts


# Texts a real editor could write that break naive code: markup, template syntax, quotes,
# backslashes, formula-like text, YAML 1.1 booleans, numbers and dates as text, emoji.
HOSTILE = ["<script>alert(1)</script>", "[[Side]] og {{ skabelon }}", 'Citat "med" \'pinger\'', "C:\\sti\\fil",
           "100 % & mere", "Æblegrød på øen Å", "Fejring 🎉", "=1+1", "@SUM(A1)", "-5", "+45 1234",
           "To linjer\nanden linje", "on", "yes", "2026-01-01", "0012", "1.5", "_x0041_", "#kommentar", "a: b",
           " indrykket", "mellemrum til sidst ", "'", "{ikke: yaml}"]


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


class _Varied:
    """The choices of :func:`generate_varied`, drawn from one ``random.Random``."""

    PEOPLE = [f"p{i}" for i in range(1, 7)]
    GOALS = ["M-1", "M-2", "M-3"]

    def __init__(self, rng: random.Random, texts: list[str]) -> None:
        self.rng = rng
        self.pool = HOSTILE + [t for t in texts if t]

    def text(self) -> str:
        return self.rng.choice(self.pool)

    def line(self) -> str:  # a list item of the local roles sheet: one per line in its cell
        return self.rng.choice([t for t in self.pool if "\n" not in t])

    def maybe(self, value: Any, p: float = 0.7) -> Any:
        return value if self.rng.random() < p else None

    def people(self) -> Any:
        chosen = self.rng.sample(self.PEOPLE, self.rng.randint(1, 3))
        return chosen[0] if len(chosen) == 1 and self.rng.random() < 0.5 else chosen

    def head(self) -> dict[str, Any]:
        rng, text, maybe = self.rng, self.text, self.maybe
        units = [{"id": "dir", "name": text(), "kind": "direktion"},
                 {"id": "fv1", "name": text(), "kind": "forvaltning", "parent": "dir"},
                 {"id": "fv2", "name": text(), "kind": "forvaltning", "parent": "dir"},
                 _clean({"id": "c1", "name": text(), "kind": "center", "parent": maybe("fv1")})]
        rules = {rid: rng.choice(["off", "info", "error", True, False, {"severity": "info"}]
                                 + ([{"max": rng.randint(1, 20)}, {"severity": "warning", "max": rng.randint(1, 9)}]
                                    if rid in ("G09", "G13") else []))
                 for rid in rng.sample(["G04", "G07", "G08", "G09", "G13"], rng.randint(0, 3))}
        head: dict[str, Any] = {
            "municipality": _clean({"id": "varieret", "name": text(), "publish_names": maybe(rng.random() < 0.5, 0.4),
                                    "reporting_interval_days": maybe(rng.randint(30, 120), 0.3),
                                    "rules": rules or None}),
            "units": units,
            "people": [_clean({"id": pid, "name": text(), "title": maybe(text()),
                               "unit": maybe(rng.choice(units)["id"])}) for pid in self.PEOPLE],
            "goals": [_clean({"id": g, "title": text(), "description": maybe(text(), 0.3)}) for g in self.GOALS],
            "portfolio": _clean({"id": "PF", "title": text(), "description": maybe(text(), 0.3),
                                 "governance_unit": maybe("dir"), "roles": maybe({"portefoljeledelse": self.people()})}),
        }
        if rng.random() < 0.4:
            head["maturity"] = _clean({"assessed": "2026-05-01", "note": maybe(text(), 0.3),
                                       "scores": {k: rng.randint(1, 5) for k in rng.sample(
                                           ["styring", "roller", "kompetencer", "interessenter", "gevinstfokus"], 3)}})
        if rng.random() < 0.4:
            head["roles"] = [{"id": "gevinstcontroller", "aliases": ["Målermand", self.line()]},
                             {"id": "arkitekt", "name": text(), "name_en": "Architect", "levels": ["project", "programme"],
                              "holders": "many", "responsibility": text(), "tasks": ["Tegne", self.line()],
                              "benefits_role": text(), "typical_holders": text(),
                              "relations": {"reports_to": ["projektleder"]}}]
        return head

    def programme(self, pid: str) -> dict[str, Any]:
        rng, text, maybe = self.rng, self.text, self.maybe
        return _clean({
            "id": pid, "title": text(), "purpose": maybe(text()),
            "goals": maybe(rng.sample(self.GOALS, rng.randint(0, 2))),
            "roles": maybe({"programejer": self.people(), "programleder": rng.choice(self.PEOPLE),
                            "gevinstansvarlig": rng.choice(self.PEOPLE), "programkomite": self.people()}),
            "business_case": maybe(_clean({"investment": rng.randint(0, 10**9), "annual_benefit": rng.randint(0, 10**7),
                                           "payback_year": maybe(rng.randint(2025, 2040))})),
            "status": maybe(_clean({"phase": rng.choice(["idea", "analysis", "execution", "closed", "realisation"]),
                                    "rag": rng.choice(["green", "amber", "red"]),
                                    "reported": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                    "note": maybe(text(), 0.4)}))})

    def project(self, prid: str, programme: str | None, local_roles: bool) -> dict[str, Any]:
        rng, text, maybe = self.rng, self.text, self.maybe
        delivs = [_clean({"id": f"D-{prid[3:]}-{k}", "title": text(), "description": maybe(text(), 0.3)})
                  for k in range(rng.randint(0, 2))]
        extra = {"arkitekt": rng.choice(self.PEOPLE)} if local_roles and rng.random() < 0.5 else {}
        return _clean({
            "id": prid, "title": text(), "programme": programme, "purpose": maybe(text()),
            "deliverables": delivs or maybe([], 0.2), "success_criteria": maybe([text() for _ in range(rng.randint(0, 2))]),
            "start": maybe("2026-01-15"), "end": maybe("2027-12-31"),
            "roles": maybe({"projektleder": rng.choice(self.PEOPLE), "styregruppe": self.people(), **extra}),
            "status": maybe({"phase": "execution", "rag": rng.choice(["green", "red"]), "reported": "2026-10-01"})})

    def benefit(self, bid: str, enablers: list[str]) -> dict[str, Any]:
        rng, text, maybe = self.rng, self.text, self.maybe
        indicators = [_clean({
            "id": f"I-{bid[2:]}-{n}", "kind": rng.choice(["early", "success", "effect"]), "title": text(),
            "unit": maybe(rng.choice(["%", "timer", "kr.", ""])),
            "baseline": maybe({"value": rng.randint(-50, 100), "date": "2026-01-01"}),
            "target": maybe({"value": round(rng.uniform(0, 1000), 1), "date": "2027-12-31"}),
            "measurements": maybe([_clean({"date": f"2026-{m:02d}-15", "value": rng.choice([35, 2.5, -1, 0]),
                                           "note": maybe(text(), 0.3)}) for m in range(1, rng.randint(1, 4))])})
            for n in range(rng.randint(0, 2))]
        return _clean({
            "id": bid, "title": text(), "kind": rng.choice(["economic", "efficiency", "quality", "strategic"]),
            "description": maybe(text(), 0.3),
            "enabled_by": maybe(rng.sample(enablers, rng.randint(0, min(2, len(enablers))))),
            "goals": maybe(rng.sample(self.GOALS, rng.randint(0, 2))),
            "roles": maybe({"gevinstansvarlig": self.people(), "gevinstcontroller": rng.choice(self.PEOPLE)}),
            "indicators": maybe(indicators)})


def generate_varied(out: Path, rng: random.Random, programmes: int = 2, projects: int = 2, benefits: int = 2,
                    texts: list[str] | None = None) -> dict[str, int]:
    """A varied, valid municipality (see the module docstring); ``texts`` add to HOSTILE."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    varied = _Varied(rng, texts or [])
    head = varied.head()
    _dump(out / "kommune.yaml", head)
    counts = {"programmes": programmes, "projects": 0, "benefits": 0}
    for p in range(1, programmes + 2):  # the last file: stand-alone projects and ad hoc efforts
        standalone = p == programmes + 1
        pid = None if standalone else f"P-{p}"
        data: dict[str, Any] = {"programmes": [varied.programme(pid)] if pid else [], "projects": [],
                                "adhoc": [], "benefits": []}
        enablers: list[str] = []
        for j in range(1, projects + 1):
            project = varied.project(f"PR-{p}-{j}", pid, "roles" in head)
            data["projects"].append(project)
            enablers += [project["id"], *(d["id"] for d in project.get("deliverables", []))]
        if rng.random() < 0.6:
            data["adhoc"].append(_clean({"id": f"AH-{p}", "title": varied.text(), "programme": pid,
                                         "description": varied.maybe(varied.text(), 0.4),
                                         "roles": varied.maybe({"ansvarlig": rng.choice(_Varied.PEOPLE)})}))
            enablers.append(f"AH-{p}")
        data["benefits"] = [varied.benefit(f"B-{p}-{k}", enablers) for k in range(1, benefits + 1)]
        counts["projects"] += projects
        counts["benefits"] += benefits
        _dump(out / ("selvstaendige.yaml" if standalone else f"p-{p:03d}.yaml"), {k: v for k, v in data.items() if v})
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--programmes", type=int, default=50)
    ap.add_argument("--projects-per-programme", type=int, default=20)
    ap.add_argument("--benefits-per-project", type=int, default=3)
    ap.add_argument("--seed", type=int, default=None, help="a varied municipality (see generate_varied)")
    args = ap.parse_args()
    if args.seed is not None:
        counts = generate_varied(args.out, random.Random(args.seed), args.programmes, args.projects_per_programme,
                                 args.benefits_per_project)
    else:
        counts = generate(args.out, args.programmes, args.projects_per_programme, args.benefits_per_project)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
