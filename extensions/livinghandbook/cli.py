"""``handbook``: validate municipality data, scaffold a new municipality, build the handbook,
import a workbook.

Exit codes: 0 no errors, 1 errors (or warnings with ``--strict``), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from pathlib import Path

from . import paths
from .gcpause import collector_paused
from .findings import Severity, one_line
from .validate import Validation, validate_folder
from .views.labels import health


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ugyldig dato '{text}'; skriv ÅÅÅÅ-MM-DD") from exc


def _summary(v: Validation) -> str:
    counts = {s: sum(1 for f in v.findings if f.severity is s) for s in Severity}
    name = v.model.name if v.model else str(v.folder)
    return f"{one_line(name)}: {health(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])}"


def cmd_validate(args: argparse.Namespace) -> int:
    results = []
    for arg in args.municipality:
        with collector_paused():
            results.append(validate_folder(paths.resolve_municipality(arg), today=args.today))
    if args.format == "json":
        payload = [{
            "folder": str(v.folder),
            "municipality": v.model.id if v.model else None,
            "exit_code": v.exit_code(args.strict),
            "findings": [f.as_json() for f in v.findings],
        } for v in results]
        text = json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=2) + "\n"
        # A file name that is not UTF-8 reaches us as lone surrogates: write them as JSON
        # escapes (\udcff) rather than fail on the encoding.
        sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    else:
        for v in results:
            for f in v.findings:
                print(f.format_line())
            print(_summary(v), file=sys.stderr)
    return max(v.exit_code(args.strict) for v in results)


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, scaffold

    try:
        folder = scaffold(args.slug, args.name, Path(args.dir) if args.dir else paths.data_root())
    except ScaffoldError as exc:
        print(f"handbook new: {exc}", file=sys.stderr)
        return 1
    print(f"Oprettet {folder}; ret navnene og kør: handbook validate {folder}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    gc.disable()  # for the rest of this process (gcpause.py); a last collection at exit is wasted time
    return build(paths.resolve_municipality(args.municipality), fmt=args.format,
                 today=args.today, strict=args.strict, jobs=args.jobs, print_detail=args.print_detail)


def cmd_build_all(args: argparse.Namespace) -> int:
    from .build_all import build_all

    gc.disable()  # as cmd_build; build_all collects between municipalities
    return build_all(fmt=args.format, today=args.today, strict=args.strict, jobs=args.jobs)


def cmd_import(args: argparse.Namespace) -> int:
    from .xlsx.importer import import_workbook

    workbook = Path(args.workbook)
    if not workbook.is_file():
        print(f"handbook import: filen {workbook} findes ikke", file=sys.stderr)
        return 2
    with collector_paused():
        return import_workbook(workbook, paths.resolve_municipality(args.folder), allow_delete=args.allow_delete,
                               dry_run=args.dry_run, today=args.today)


def cmd_diff(args: argparse.Namespace) -> int:
    from .history.diff import main as diff

    with collector_paused():
        return diff(paths.resolve_municipality(args.municipality), args.rev, args.rev2, args.format)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="handbook", description="Den levende projektmodel-håndbog.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="tjek en kommunes data mod dataformatet og metodens regler")
    v.add_argument("municipality", nargs="+", help="slug under municipality_data/ eller sti til en mappe")
    v.add_argument("--format", choices=["text", "json"], default="text")
    v.add_argument("--today", type=_date, default=None, help="dato for G08 (standard: i dag)")
    v.add_argument("--strict", action="store_true", help="advarsler giver også exit-kode 1")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser("new", help="opret en ny kommunemappe, der validerer uden fejl")
    n.add_argument("slug", help="kort navn med små bogstaver, fx nordby")
    n.add_argument("--name", default=None, help="kommunens navn, fx 'Nordby Kommune'")
    n.add_argument("--dir", default=None, help="hvor mappen oprettes (standard: municipality_data/)")
    n.set_defaults(func=cmd_new)

    b = sub.add_parser("build", help="byg håndbogen for én kommune")
    b.add_argument("municipality", help="slug under municipality_data/ eller sti til en mappe")
    b.add_argument("--format", choices=["html", "pdf", "json", "xlsx"], default="html",
                   help="html: håndbogen som website; pdf: til print; json: portfolio.json og needs.json; "
                        "xlsx: porteføljen som regneark")
    b.add_argument("--today", type=_date, default=None, help="dato for G08 (standard: i dag)")
    b.add_argument("--strict", action="store_true", help="advarsler giver også exit-kode 1")
    b.add_argument("-j", "--jobs", default="1", help="parallelle Sphinx-processer (tal eller auto)")
    b.add_argument("--print", dest="print_detail", choices=["auto", "full", "compact"], default="auto",
                   help="PDF: hele porteføljen (full), den kompakte udgave (compact), eller efter størrelse (auto)")
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("build-all", help="byg en håndbog for hver kommune i municipality_data/")
    a.add_argument("--format", choices=["html", "pdf", "json", "xlsx"], default="html")
    a.add_argument("--today", type=_date, default=None, help="dato for G08 (standard: i dag)")
    a.add_argument("--strict", action="store_true", help="advarsler giver også exit-kode 1")
    a.add_argument("-j", "--jobs", default="1", help="parallelle Sphinx-processer (tal eller auto)")
    a.set_defaults(func=cmd_build_all)

    i = sub.add_parser("import", help="læs et regneark (fra --format xlsx) ind i en datamappe")
    i.add_argument("workbook", help="regnearket, fx _build/solbjerg/xlsx/solbjerg.xlsx")
    i.add_argument("folder", help="datamappen (slug eller sti); findes den ikke, oprettes den")
    i.add_argument("--allow-delete", action="store_true",
                   help="slet poster, der står i datamappen, men ikke længere i regnearket")
    i.add_argument("--dry-run", action="store_true", help="vis hvad der ville blive skrevet, uden at skrive")
    i.add_argument("--today", type=_date, default=None, help="dato for G08 (standard: i dag)")
    i.set_defaults(func=cmd_import)

    d = sub.add_parser("diff", help="hvad er ændret i kommunens data mellem to versioner i git")
    d.add_argument("municipality", help="slug under municipality_data/ eller sti til en mappe")
    d.add_argument("rev", help="den ældre version: fx HEAD~5, et commit-id eller et tag")
    d.add_argument("rev2", nargs="?", default=None,
                   help="den nyere version (standard: arbejdskopien, dvs. filerne som de er nu)")
    d.add_argument("--format", choices=["text", "json"], default="text")
    d.set_defaults(func=cmd_diff)

    c = sub.add_parser("linkcheck", help="tjek at alle interne links i et bygget website virker")
    c.add_argument("site", help="fx _build/solbjerg/html")
    c.set_defaults(func=lambda args: __import__("livinghandbook.linkcheck", fromlist=["main"]).main([args.site]))
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
