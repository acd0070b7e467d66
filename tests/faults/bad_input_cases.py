"""The catalogue of bad inputs that ``bad_inputs.py`` throws at ``handbook``.

Each case starts from a copy of ``tests/fixtures/clean`` (a valid municipality) in
``scratch/data`` and changes it: usually one extra file ``zz.yaml``, sometimes an edited,
removed, linked or unreadable file. ``expect`` is what the product owes the editor:

* ``error``: exit 1 with at least one ``path:line:col: error: E…`` line, no traceback;
* ``ok``: the input is fine (hidden files, ``.yml``, hostile but valid text): exit 0;
* ``any``: either of the two, as long as nothing crashes, hangs or writes data.

``rules`` are codes the editor must see in the same run (issue 11, item 7); ``absent``
codes must not appear (a false E004 for an entity that only failed its schema);
``secret`` is text from outside the data folder that must never be echoed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bad_input_kit import (  # noqa: E402
    PASSWD_LINE, SECRET, Case, alias_bomb, benefit_with, chain, chmod, edit, exec_title, fifo, files, link,
    many_files, neighbour, project, remove, replace_folder, roles_file, title, zz,
)


def _syntax() -> list[Case]:
    g = "syntax"
    return [
        Case("bad indentation", g, zz("projects:\n  - id: PR-X\n    title: Ok\n   bad: indentation\n")),
        Case("unclosed double quote", g, zz('goals:\n  - {id: G-X, title: "ikke lukket}\n')),
        Case("unclosed single quote", g, zz("goals:\n  - id: G-X\n    title: 'ikke lukket\n")),
        Case("unclosed flow sequence", g, zz("goals: [ {id: G-X, title: T}\n")),
        Case("unclosed flow mapping", g, zz("goals:\n  - {id: G-X, title: T\n")),
        Case("tab indentation", g, zz("goals:\n\t- {id: G-X, title: T}\n")),
        Case("colon inside a plain value", g, zz("goals:\n  - id: G-X\n    title: Mål: flere ting\n")),
        Case("missing colon", g, zz("goals:\n  - id: G-X\n    title T\n    description: D\n")),
        Case("list item inside a mapping", g, zz("goals:\n  - id: G-X\n    title: T\n    - id: G-Y\n")),
        Case("two documents", g, zz("goals: []\n---\ngoals: []\n")),
        Case("unknown escape", g, zz('goals:\n  - {id: G-X, title: "a\\qb"}\n')),
        Case("raw control character", g, zz("goals:\n  - {id: G-X, title: a\x07b}\n")),
        Case("NUL byte", g, zz(b"goals:\n  - {id: G-X, title: a\x00b}\n")),
        Case("stray closing bracket", g, zz("goals: ]\n")),
        Case("undefined alias", g, zz("goals: *nope\n")),
        Case("duplicate anchor", g, zz("goals:\n  - &x {id: G-X, title: T}\n  - &x {id: G-Y, title: U}\n"),
             expect="any"),
        Case("recursive alias", g, zz("goals: &g\n  - *g\n")),
        Case("merge key", g, zz("goals:\n  - &b {id: G-X, title: T}\n  - <<: *b\n    id: G-Y\n")),
        Case("complex key", g, zz("goals:\n  - ? [a, b]\n    : x\n")),
        Case("python tag", g, zz("goals:\n  - !!python/object/apply:os.system ['echo pwned']\n")),
        Case("custom tag", g, zz("goals:\n  - !foo {id: G-X, title: T}\n")),
        Case("binary tag", g, zz("goals:\n  - {id: G-X, title: !!binary aGVq}\n")),
        Case("set tag", g, zz("goals: !!set {a, b}\n")),
        Case("YAML 2.0 directive", g, zz("%YAML 2.0\n---\ngoals: []\n")),
        Case("garbage after document end", g, zz("goals: []\n...\ngarbage: [\n")),
        Case("block scalar indented too little", g, zz("goals:\n  - id: G-X\n    title: |\n  dårligt\n")),
        Case("scalar document", g, zz("bare en tekst\n"), rules=("E002",)),
        Case("list document", g, zz("- a\n- b\n"), rules=("E002",)),
        Case("UTF-16 file", g, zz("goals:\n  - {id: G-X, title: Å}\n".encode("utf-16"))),
        Case("Latin-1 file", g, zz("goals:\n  - {id: G-X, title: Å}\n".encode("latin-1"))),
        Case("invalid UTF-8 mid-file", g, zz(b"goals:\n  - {id: G-X, title: \xff\xfe}\n")),
        Case("BOM before valid data", g, zz("\ufeffgoals:\n  - {id: G-X, title: Med BOM}\n"), expect="ok"),
        Case("empty file", g, zz(""), expect="ok"),
        Case("whitespace-only file", g, zz("   \n\n  \n"), expect="ok"),
        Case("whitespace and a tab only", g, zz("   \n\n\t\n"), expect="any"),
        Case("comments-only file", g, zz("# kun en kommentar\n"), expect="ok"),
        Case("CRLF line endings", g, zz("goals:\r\n  - {id: G-X, title: T}\r\n"), expect="ok"),
        Case("deep flow nesting", g, zz("goals: " + "[" * 5000 + "]" * 5000 + "\n")),
        Case("deep block nesting", g, zz("goals:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)))),
        Case("billion laughs", g, zz("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9)))),
        Case("alias bomb 220 KB (20 KB anchor, 50,000 aliases)", g, zz(alias_bomb(50_000))),
        Case("alias bomb 500 KB", g, zz(alias_bomb(120_000))),
        Case("alias bomb of lists", g, zz(
            "goals:\n  - id: G-X\n    title: T\n    description: &d '" + "ord " * 250 + "'\n"
            "projects:\n  - id: PR-X\n    title: T\n    success_criteria: &l [" + ", ".join(["*d"] * 200) + "]\n"
            + "".join(f"  - {{id: PR-X{i}, title: T, success_criteria: *l}}\n" for i in range(2000)))),
    ]


def _schema() -> list[Case]:
    g = "schema"
    e2 = ("E002",)
    return [
        Case("unknown top-level key", g, zz("projcts:\n  - {id: PR-X, title: T}\n"), rules=e2),
        Case("unknown nested key", g, zz("projects:\n  - id: PR-X\n    title: Ok\n    purpsoe: S\n"), rules=e2),
        Case("title is a number", g, zz(title("5")), rules=e2),
        Case("title is a list", g, zz(title("[a]")), rules=e2),
        Case("roles is a list", g, zz(project("roles: [prl]")), rules=e2),
        Case("indicators is a mapping", g, zz(
            "benefits:\n  - {id: B-X, title: T, kind: quality, indicators: {a: 1}}\n"), rules=e2),
        Case("missing id", g, zz("goals:\n  - {title: Uden id}\n"), rules=e2),
        Case("missing title", g, zz("goals:\n  - {id: G-X}\n"), rules=e2),
        Case("bad benefit kind", g, zz("benefits:\n  - {id: B-X, title: T, kind: wonderful}\n"), rules=e2),
        Case("bad phase", g, zz(project("status: {phase: done, rag: green, reported: 2026-01-01}")), rules=e2),
        Case("bad rag", g, zz(project("status: {phase: idea, rag: blue, reported: 2026-01-01}")), rules=e2),
        Case("id with a space", g, zz("goals:\n  - {id: G X, title: T}\n"), rules=e2),
        Case("id with æøå", g, zz("goals:\n  - {id: G-Æble, title: T}\n"), rules=e2),
        Case("id of 65 characters", g, zz("goals:\n  - {id: G" + "x" * 64 + ", title: T}\n"), rules=e2),
        Case("id is a number", g, zz("goals:\n  - {id: 2026, title: T}\n"), rules=e2),
        Case("id is the boolean no", g, zz("goals:\n  - {id: no, title: T}\n"), rules=e2),
        Case("municipality id with capitals", g, edit("kommune.yaml", "id: testby", "id: TestBy"), rules=e2),
        Case("municipality id with underscore", g, edit("kommune.yaml", "id: testby", "id: test_by"), rules=e2),
    ]


def _values() -> list[Case]:
    g = "dates and numbers"
    e2 = ("E002",)
    return [
        Case("date 2026-02-30", g, zz(project("start: 2026-02-30")), rules=e2),
        Case("date in year 0000 (project start)", g, zz(project("start: 0000-01-01")), rules=e2),
        Case("date in year 0000 (status)", g, zz(project("status: {phase: idea, rag: red, reported: 0000-12-31}")),
             rules=e2),
        Case("date in year 0000 (baseline)", g, zz(benefit_with(
            "{id: I-X, kind: early, title: T, baseline: {value: 1, date: 0000-01-01}}")), rules=e2),
        Case("date in year 0000 (measurement)", g, zz(benefit_with(
            "{id: I-X, kind: early, title: T, measurements: [{date: 0000-06-30, value: 3}]}")), rules=e2),
        Case("date in year 0000 (maturity)", g, edit("portefolje.yaml", "assessed: 2026-05-01",
                                                     "assessed: 0000-05-01"), rules=e2),
        Case("date in year 0001", g, zz(project("start: 0001-01-01")), rules=e2),
        Case("date in year 9999", g, zz(project("end: 9999-12-31")), expect="any"),
        Case("date month 13", g, zz(project("start: 2026-13-01")), rules=e2),
        Case("date with a time", g, zz(project("start: 2026-01-01T10:00:00")), rules=e2),
        Case("date written 31-12-2026", g, zz(project("start: 31-12-2026")), rules=e2),
        Case("end before start", g, zz(project("start: 2026-12-31, end: 2026-01-01")), rules=e2),
        Case("title of only spaces", g, zz(title("'   '")), rules=e2),
        Case("name of only a tab", g, zz('people:\n  - {id: px, name: "\\t"}\n'), rules=e2),
        Case("empty title", g, zz(title("''")), rules=e2),
        Case("investment 10^32", g, zz(
            "programmes:\n  - {id: P-X, title: T, business_case: {investment: 1" + "0" * 32 +
            ", annual_benefit: 1}}\n"), rules=e2),
        Case("negative investment", g, zz(
            "programmes:\n  - {id: P-X, title: T, business_case: {investment: -5, annual_benefit: 1}}\n"), rules=e2),
        Case("investment with decimals", g, zz(
            "programmes:\n  - {id: P-X, title: T, business_case: {investment: 1.5, annual_benefit: 1}}\n"), rules=e2),
        Case("value .nan", g, zz(benefit_with("{id: I-X, kind: early, title: T, baseline: {value: .nan, "
                                              "date: 2026-01-01}}")), rules=e2),
        Case("value .inf", g, zz(benefit_with("{id: I-X, kind: early, title: T, target: {value: .inf, "
                                              "date: 2026-01-01}}")), rules=e2),
        Case("value -.inf", g, zz(benefit_with("{id: I-X, kind: early, title: T, measurements: "
                                               "[{value: -.inf, date: 2026-01-01}]}")), rules=e2),
        Case("value 1e400 (overflows)", g, zz(benefit_with("{id: I-X, kind: early, title: T, baseline: "
                                                           "{value: 1.0e+400, date: 2026-01-01}}"))),
        Case("value 1e300", g, zz(benefit_with("{id: I-X, kind: early, title: T, baseline: "
                                               "{value: 1.0e+300, date: 2026-01-01}}")), rules=e2),
        Case("value with 5,000 digits", g, zz(benefit_with("{id: I-X, kind: early, title: T, baseline: "
                                                           "{value: 1" + "0" * 5000 + ", date: 2026-01-01}}"))),
    ]


def _sections() -> list[Case]:
    g = "schema"
    e2 = ("E002",)
    return [
        Case("maturity score 6", g, edit("portefolje.yaml", "styring: 3", "styring: 6"), rules=e2),
        Case("rule max 0", g, edit("kommune.yaml", "reporting_interval_days: 90",
                                   "reporting_interval_days: 90\n  rules: {G09: {max: 0}}"), rules=e2),
        Case("unknown rule", g, edit("kommune.yaml", "reporting_interval_days: 90",
                                     "reporting_interval_days: 90\n  rules: {G99: off}"), rules=e2),
        Case("reporting interval 0", g, edit("kommune.yaml", "reporting_interval_days: 90",
                                             "reporting_interval_days: 0"), rules=e2),
        Case("publish_names as text", g, edit("kommune.yaml", "reporting_interval_days: 90",
                                              "reporting_interval_days: 90\n  publish_names: ja"), rules=e2),
        Case("portfolio twice", g, zz("portfolio: {id: PF2, title: Igen}\n"), rules=e2),
        Case("municipality twice", g, zz("municipality: {id: igen, name: Igen}\n"), rules=e2),
        Case("municipality missing", g, edit("kommune.yaml", "municipality:\n  id: testby\n  name: Testby Kommune\n"
                                             "  reporting_interval_days: 90\n", ""), rules=e2),
        Case("portfolio missing", g, remove("portefolje.yaml"), rules=e2),
        Case("deliverables not a list", g, zz(project("deliverables: D-1")), rules=e2),
        Case("status without rag", g, zz(project("status: {phase: idea, reported: 2026-01-01}")), rules=e2),
        Case("baseline without date", g, zz(benefit_with("{id: I-X, kind: early, title: T, baseline: {value: 1}}")),
             rules=e2),
        Case("top-level key with no value", g, zz("projects:\n"), rules=e2),
        Case("payback year 1800", g, zz(
            "programmes:\n  - {id: P-X, title: T, business_case: {investment: 1, annual_benefit: 1, "
            "payback_year: 1800}}\n"), rules=e2),
        Case("text of 200,000 characters", g, zz(title("'" + "å" * 200_000 + "'")), expect="any"),
    ]


def _structure() -> list[Case]:
    g = "structure"
    return [
        Case("duplicate id, same kind", g, zz(title("Igen").replace("G-X", "G-1")), rules=("E003",)),
        Case("duplicate id, other kind", g, zz(title("Som et program").replace("G-X", "P-1")), rules=("E003",)),
        Case("duplicate id in another file", g, zz("people:\n  - {id: dir, name: Igen}\n"), rules=("E003",)),
        Case("ids differing only in case (g-1)", g, zz(title("Lille g").replace("G-X", "g-1")), rules=("E003",)),
        Case("ids differing only in case (DIR)", g, zz("people:\n  - {id: DIR, name: Stor}\n"), rules=("E003",)),
        Case("dangling programme", g, zz(project("programme: P-404")), rules=("E004",)),
        Case("dangling enabled_by", g, zz("benefits:\n  - {id: B-X, title: T, kind: quality, enabled_by: [D-9]}\n"),
             rules=("E004",)),
        Case("reference to the wrong kind", g, zz(project("programme: G-1")), rules=("E004",)),
        Case("unknown role", g, zz(project("roles: {projektleeder: prl}")), rules=("E004",)),
        Case("role at the wrong level", g, zz(project("roles: {programejer: dir}")), rules=("E004",)),
        Case("person reference to a unit", g, zz(project("roles: {projektleder: so}")), rules=("E004",)),
        Case("unit cycle of three", g, zz("units:\n  - {id: a, name: A, kind: center, parent: b}\n"
                                          "  - {id: b, name: B, kind: center, parent: c}\n"
                                          "  - {id: c, name: C, kind: center, parent: a}\n"), rules=("E005",)),
        Case("unit its own parent", g, zz("units:\n  - {id: a, name: A, kind: center, parent: a}\n"),
             rules=("E005",)),
        Case("incomplete local role", g, zz("roles:\n  - {id: nyrolle, name: Ny}\n"), rules=("E002",)),
        Case("local role relation to nothing", g, zz(
            "roles:\n  - {id: projektleder, relations: {reports_to: [ingen]}}\n"), rules=("E004",)),
        Case("local role twice", g, zz("roles:\n  - {id: projektleder, msp: a}\n  - {id: projektleder, msp: b}\n"),
             rules=("E003",)),
    ]


def _several() -> list[Case]:
    g = "all at once"
    return [
        Case("E002 and E003 in one file", g, zz("goals:\n  - {id: G-X}\n  - {id: G-2, title: Dublet}\n"),
             rules=("E002", "E003")),
        Case("E002 in one file, E004 in another", g, files({
            "za.yaml": "goals:\n  - {id: G-X, title: T, farve: rød}\n",
            "zb.yaml": project("programme: P-404")}), rules=("E002", "E004")),
        Case("E002, E003, E004 and E005", g, zz(
            "goals:\n  - {id: G-X, title: 5}\n  - {id: G-1, title: Dublet}\n"
            "units:\n  - {id: a, name: A, kind: center, parent: a}\n"
            + project("programme: P-404")), rules=("E002", "E003", "E004", "E005")),
        Case("E001 in one file, E003 in another", g, files({
            "za.yaml": "goals: [\n", "zb.yaml": "people:\n  - {id: dir, name: Igen}\n"}), rules=("E001", "E003")),
        Case("no false E004 for an entity that failed its schema", g, zz(
            "projects:\n  - {id: PR-X, title: T, farve: rød}\n"
            "benefits:\n  - {id: B-X, title: T, kind: quality, enabled_by: [PR-X]}\n"),
            rules=("E002",), absent=("E004",)),
        Case("dates 0000 and a duplicate", g, zz(project("start: 0000-01-01") + "people:\n  - {id: dir, name: X}\n"),
             rules=("E002", "E003")),
    ]


def _hostile() -> list[Case]:
    g = "hostile text"
    return [
        Case("sphinx-needs dynamic function runs a command", g, exec_title, expect="ok"),
        Case("[[1]] in a title", g, zz(title("'Fase [[1]]'")), expect="ok"),
        Case("Jinja braces", g, zz(title("'{{ 7*7 }} {% if x %}ja{% endif %}'")), expect="ok"),
        Case("MyST role and directive", g, zz(title("'{ref}`x` og ```{raw} html'")), expect="ok"),
        Case("substitutions", g, zz(title("'|today| |version| %(navn)s'")), expect="ok"),
        Case("script tag", g, zz(title("'<script>alert(1)</script>'")), expect="ok"),
        Case("newline in a title", g, zz(title('"linje 1\\nlinje 2"')), expect="ok"),
        Case("ANSI escape in a title", g, zz(title('"\\e[31mrød\\e[0m"')), expect="ok"),
        Case("bidi override in a title", g, zz(title('"abc\\u202Edef"')), expect="ok"),
        Case("emoji and zero-width space", g, zz(title('"🎉 mål\\u200B"')), expect="ok"),
        Case("newline in an unknown key", g, zz('goals:\n  - {id: G-X, title: T, "ny\\nnøgle": 1}\n'),
             rules=("E002",)),
        Case("newline in an enum value", g, zz('benefits:\n  - {id: B-X, title: T, kind: "qual\\nity"}\n'),
             rules=("E002",)),
        Case("escape sequence in a reference", g, zz(project('programme: "P-\\e[2J"')), rules=("E002",)),
        Case("backslashes, quotes, percent", g, zz(title("'C:\\\\mappe \"citat\" 100 % & <b>'")), expect="ok"),
    ]


def _files() -> list[Case]:
    g = "files"
    other_ok = "people:\n  - {id: nabo, name: " + SECRET + "}\n"
    other_bad = "people:\n  - {id: nabo, name: " + SECRET + "\n   forkert: [\n"
    return [
        Case("link to /etc/shadow", g, link("x.yaml", "/etc/shadow"), secret="root:"),
        Case("link to /etc/passwd", g, link("x.yaml", "/etc/passwd"), secret=PASSWD_LINE),
        Case("link to another municipality's file", g, link("x.yaml", neighbour(other_ok)), secret=SECRET),
        Case("link to another municipality's broken file", g, link("x.yaml", neighbour(other_bad)), secret=SECRET),
        Case("link to a file inside the folder", g, link("x.yaml", "kommune.yaml"), expect="any"),
        Case("dangling link", g, link("x.yaml", "findes-ikke.yaml")),
        Case("link loop", g, chain(link("a.yaml", "b.yaml"), link("b.yaml", "a.yaml"))),
        Case("link to a directory", g, link("x.yaml", "/tmp"), expect="any"),
        Case("link to /dev/zero", g, link("x.yaml", "/dev/zero")),
        Case("named pipe x.yaml", g, fifo("x.yaml"), expect="any"),
        Case("directory named x.yaml", g, lambda folder, _s: (folder / "x.yaml").mkdir(), expect="any"),
        Case("AppleDouble ._kommune.yaml", g, zz(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X", "._kommune.yaml"),
             expect="ok"),
        Case("hidden .udkast.yaml", g, zz("ugyldig: [\n", ".udkast.yaml"), expect="ok"),
        Case("editor lock .#kommune.yaml (dangling link)", g, link(".#kommune.yaml", "root@host.123:456"),
             expect="ok"),
        Case("*.yml file is read (with an error)", g, zz("goals: [\n", "ekstra.yml"), rules=("E001",)),
        Case("*.yml file is read (portfolio in it)", g, lambda folder, _s: (folder / "portefolje.yaml").rename(
            folder / "portefolje.yml"), expect="ok"),
        Case("backup file kommune.yaml~", g, zz("ugyldig: [\n", "kommune.yaml~"), expect="ok"),
        Case("vim swap file", g, zz(b"b0VIM 9.0\x00\x00", ".kommune.yaml.swp"), expect="ok"),
        Case("upper-case X.YAML", g, zz("goals: [\n", "X.YAML"), expect="any"),
        Case("unreadable file", g, chain(zz(title("T")), chmod("zz.yaml", 0)), unprivileged=True),
        Case("unreadable folder", g, chmod("", 0), unprivileged=True, wrong="ingen *.yaml"),
        Case("folder without search permission", g, chmod("", 0o644), unprivileged=True, wrong="ingen *.yaml"),
        Case("folder is a file", g, replace_folder("file")),
        Case("folder missing", g, replace_folder("missing")),
        Case("folder empty", g, replace_folder("empty")),
        Case("YAML only in a subfolder", g, replace_folder("subfolder")),
        Case("folder is a link", g, replace_folder("symlink"), expect="ok"),
        Case("file name with a newline", g, files({"ny\nlinje.yaml": "goals: [\n"}), rules=("E001",)),
        Case("file name with an escape sequence", g, files({"\x1b[2Jx.yaml": "goals: [\n"}), rules=("E001",)),
        Case("file name not UTF-8", g, files({b"\xff\xfe.yaml": "goals: [\n"}), rules=("E001",)),
        Case("file name with æøå and spaces", g, files({"Æble mål.yaml": title("T")}), expect="ok"),
        Case("500 files", g, many_files(500), expect="ok"),
        Case("role catalogue: link out of the folder", g, roles_file("zz.yaml", target="/etc/passwd"),
             secret=PASSWD_LINE, own_root=True),
        Case("role catalogue: dangling link", g, roles_file("zz.yaml", target="/nowhere.yaml"), own_root=True),
        Case("role catalogue: syntax error", g, roles_file("zz.yaml", "id: [\n"), own_root=True),
        Case("role catalogue: hidden file", g, roles_file(".zz.yaml", "id: [\n"), expect="ok", own_root=True),
    ]


def cases() -> list[Case]:
    return [*_syntax(), *_schema(), *_values(), *_sections(), *_structure(), *_several(), *_hostile(), *_files()]
