"""Generate a synthetic municipality in data contract v1, at any size.

    python bench/generate.py OUT_DIR --programmes 50 --projects-per-programme 20 --benefits-per-project 3

Deterministic (no randomness): the same arguments give byte-identical files. One file
per programme, as a real municipality would split its data. The data is clean: every
rule passes, so a benchmark measures the normal path, not error reporting.
"""

from __future__ import annotations

import argparse
from pathlib import Path

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--programmes", type=int, default=50)
    ap.add_argument("--projects-per-programme", type=int, default=20)
    ap.add_argument("--benefits-per-project", type=int, default=3)
    args = ap.parse_args()
    counts = generate(args.out, args.programmes, args.projects_per_programme, args.benefits_per_project)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
