"""Throw 150+ bad inputs at ``handbook validate`` and ``handbook build --format json``.

    .venv/bin/python tests/faults/bad_inputs.py [--only TEXT] [--validate-only] [--out FILE]

For each case of ``bad_input_cases.py`` (a copy of the clean fixture, changed) both
commands run in a fresh process, with a time limit and a memory limit, and the outcome
of each is classed as:

* ``clear``: exit 1, at least one ``path:line:col: error: E…`` line, no traceback;
* ``passed``: exit 0;
* ``traceback``: a Python traceback, a signal, a crash or an exit code other than 0/1;
* ``timeout`` / ``unclear`` (exit 1 without a located E-finding).

Besides: was anything written into the data folder (a hash of names, modes, link targets
and contents before and after), was output published although the build failed (a hash
of ``_build/*/{json,html,pdf}``), did text from outside the folder leak into the output,
did any validate output line break the one-finding-one-line format (or carry raw control
characters), did data run code.
Prints a markdown table and one summary line. Cases marked ``unprivileged`` need root
(the commands run without root's right to bypass file permissions).
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bad_input_cases import Case, cases  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CLEAN = REPO / "tests" / "fixtures" / "clean"
TODAY = "2026-11-28"
FINDING = re.compile(r"^.+:\d+:\d+: (error|warning|info): [EG]\d{2,3}: .+$")  # G01, E001
# English parser or OS fragments inside the (Danish) message part of a finding line.
ENGLISH = re.compile(r": [EG]\d{2,3}: .*\b(the|is|are|not allowed|found|expected|could not|did not|denied|while|"
                     r"such|cannot|invalid|Exceeds)\b")
# Raw control characters (escape sequences, bidi overrides) in a finding line: the line
# is no longer what it seems in a terminal or CI log.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ERROR_LINE = re.compile(r"^.+:\d+:\d+: error: (E\d{3}): ", re.MULTILINE)
TIMEOUT = 180
MEMORY_LIMIT = 3 << 30  # address space per command: a bomb ends in MemoryError, not in swap
FILE_LIMIT = 512 << 20  # largest file a command may write


@dataclass
class Run:
    code: int | None
    out: str
    err: str
    seconds: float
    peak_mb: float

    @property
    def text(self) -> str:
        return self.out + self.err

    @property
    def outcome(self) -> str:
        if self.code is None:
            return "timeout"
        if "Traceback (most recent call last)" in self.text or self.code not in (0, 1):
            return "traceback"
        if self.code == 0:
            return "passed"
        return "clear" if ERROR_LINE.search(self.text) else "unclear"

    @property
    def codes(self) -> set[str]:
        return set(ERROR_LINE.findall(self.text))


@dataclass
class Result:
    case: Case
    validate: Run
    build: Run | None
    wrote_data: bool
    published_on_error: bool
    leaked: bool
    broken_lines: int
    code_ran: bool
    english: bool
    wrong_message: bool
    missing_rules: list[str] = field(default_factory=list)
    unwanted_rules: list[str] = field(default_factory=list)

    def runs(self) -> list[Run]:
        return [self.validate] + ([self.build] if self.build else [])

    def as_expected(self, run: Run) -> bool:
        good = {"error": {"clear"}, "ok": {"passed"}, "any": {"clear", "passed"}}[self.case.expect]
        return run.outcome in good


def drop_file_capabilities() -> None:
    """Make root subject to file permissions in the command about to be executed: drop
    CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2) from the bounding set, so the exec'd
    program does not get them (prctl PR_CAPBSET_DROP = 24)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _limits(unprivileged: bool) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    os.setsid()
    if unprivileged:
        drop_file_capabilities()


def run_command(args: list[str], env: dict[str, str], cwd: Path, unprivileged: bool) -> Run:
    """Run one command; the peak RSS comes from wait4's rusage of that very child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                                preexec_fn=lambda: _limits(unprivileged))
        timer = threading.Timer(TIMEOUT, lambda: os.killpg(proc.pid, 9))
        timer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        timed_out = not timer.is_alive()
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text_out = out.read().decode("utf-8", "replace")
        text_err = err.read().decode("utf-8", "replace")
    return Run(None if timed_out else proc.returncode, text_out, text_err, seconds, usage.ru_maxrss / 1024)


def tree_hash(root: Path) -> str:
    """Names, types, modes, link targets and contents of everything under ``root``."""
    digest = hashlib.sha256()
    if not os.path.lexists(root):
        return "absent"
    for base, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(dirs + names):
            path = os.path.join(base, name)
            info = os.lstat(path)
            digest.update(os.fsencode(os.path.relpath(path, root)) + b"\0" + str(info.st_mode).encode())
            if stat.S_ISLNK(info.st_mode):
                digest.update(os.fsencode(os.readlink(path)))
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
    if os.path.islink(root):
        digest.update(os.fsencode(os.readlink(root)))
    return digest.hexdigest()


def published_hash(build_dir: Path) -> str:
    digest = hashlib.sha256()
    for out in sorted(build_dir.glob("*/*")):
        if out.name in ("json", "html", "pdf"):
            digest.update(str(out).encode() + tree_hash(out).encode())
    return digest.hexdigest()


def base_build(work: Path, handbook: Path) -> Path:
    """One build of the clean fixture, copied into every case: published output exists, so
    a failed build that touches it anyway shows up."""
    base = work / "base-build"
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(base))
    proc = subprocess.run([str(handbook), "build", str(CLEAN), "--format", "json", "--today", TODAY],
                          env=env, capture_output=True, text=True, cwd=work)
    if proc.returncode != 0:
        sys.exit(f"the clean fixture does not build:\n{proc.stdout}{proc.stderr}")
    return base


def prepare(case: Case, scratch: Path, base: Path) -> tuple[Path, dict[str, str]]:
    folder = scratch / "data"
    shutil.copytree(CLEAN, folder)
    shutil.copytree(base, scratch / "build", symlinks=True)
    (scratch / "cwd").mkdir()
    env = dict(os.environ, HANDBOOK_BUILD_DIR=str(scratch / "build"))
    env.pop("HANDBOOK_ROOT", None)
    if case.own_root:
        shutil.copytree(REPO / "handbook", scratch / "root" / "handbook")
        env["HANDBOOK_ROOT"] = str(scratch / "root")
    case.setup(folder, scratch)
    return folder, env


def run_case(case: Case, scratch: Path, base: Path, handbook: Path, with_build: bool) -> Result:
    folder, env = prepare(case, scratch, base)
    before_data = tree_hash(folder)
    before_out = published_hash(scratch / "build")
    cwd = scratch / "cwd"
    validate = run_command([str(handbook), "validate", str(folder), "--today", TODAY], env, cwd, case.unprivileged)
    build = None
    if with_build:
        build = run_command([str(handbook), "build", str(folder), "--format", "json", "--today", TODAY],
                            env, cwd, case.unprivileged)
    result = Result(
        case, validate, build,
        wrote_data=tree_hash(folder) != before_data,
        published_on_error=bool(build and build.code != 0 and published_hash(scratch / "build") != before_out),
        leaked=bool(case.secret) and any(case.secret in run.text for run in [validate] + ([build] if build else [])),
        broken_lines=sum(1 for line in validate.out.splitlines()
                         if line and (not FINDING.match(line) or RAW_CONTROL.search(line))),
        code_ran=(scratch / "PWNED").exists() or (cwd / "PWNED").exists(),
        english=any(ENGLISH.search(line) for line in validate.text.splitlines()),
        wrong_message=bool(case.wrong) and case.wrong in validate.text,
    )
    result.missing_rules = sorted(set(case.rules) - validate.codes)
    result.unwanted_rules = sorted(set(case.absent) & validate.codes)
    return result


def _cell(run: Run | None) -> str:
    if run is None:
        return "–"
    return f"{run.outcome} ({run.code}, {run.seconds:.1f} s, {run.peak_mb:.0f} MB)"


_SCRATCH = re.compile(r"\S*/bad-inputs-[^/]+/case-\d+/")


def _first_error(result: Result) -> str:
    """The first finding (or traceback line) validate printed, without the scratch path."""
    lines = [_SCRATCH.sub("", line) for line in result.validate.text.splitlines()]
    chosen = next((line for line in lines if FINDING.match(line) or "Traceback" in line or "Error" in line),
                  lines[-1] if lines else "")
    return chosen[:110].replace("|", "\\|").replace("`", "'")


def report(results: list[Result]) -> str:
    lines = ["| # | group | case | expect | validate | build --format json | codes | notes | first line |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for index, r in enumerate(results, 1):
        notes = [text for flag, text in [
            (not all(r.as_expected(run) for run in r.runs()), "NOT AS EXPECTED"),
            (r.wrote_data, "WROTE DATA"), (r.published_on_error, "PUBLISHED ON ERROR"),
            (r.leaked, "LEAKED"), (r.code_ran, "CODE RAN"),
            (r.broken_lines > 0, f"{r.broken_lines} broken or raw-control lines"),
            (r.english, "English in message"), (r.wrong_message, "wrong message"),
            (bool(r.missing_rules), f"missing {'/'.join(r.missing_rules)}"),
            (bool(r.unwanted_rules), f"unwanted {'/'.join(r.unwanted_rules)}"),
        ] if flag]
        lines.append(f"| {index} | {r.case.group} | {r.case.name} | {r.case.expect} | {_cell(r.validate)} | "
                     f"{_cell(r.build)} | {' '.join(sorted(r.validate.codes))} | {'; '.join(notes)} | "
                     f"`{_first_error(r)}` |")
    return "\n".join(lines)


def summary(results: list[Result]) -> str:
    runs = [run for r in results for run in r.runs()]

    def count(outcome: str) -> int:
        return sum(1 for run in runs if run.outcome == outcome)

    expected_errors = [run for r in results if r.case.expect == "error" for run in r.runs()]
    expected_ok = [run for r in results if r.case.expect == "ok" for run in r.runs()]
    table = [
        ("inputs", len(results)), ("command runs", len(runs)),
        ("clear errors", count("clear")), ("passed (exit 0)", count("passed")),
        ("tracebacks / crashes", count("traceback")), ("timeouts", count("timeout")),
        ("unclear errors (exit 1, no located E-line)", count("unclear")),
        ("bad inputs let through (expected an error, exit 0)", sum(1 for run in expected_errors
                                                                  if run.outcome == "passed")),
        ("good inputs refused (expected exit 0)", sum(1 for run in expected_ok if run.outcome != "passed")),
        ("runs as expected", sum(1 for r in results for run in r.runs() if r.as_expected(run))),
        ("inputs that wrote into the data folder", sum(r.wrote_data for r in results)),
        ("builds that published despite failing", sum(r.published_on_error for r in results)),
        ("inputs whose outside text leaked into messages", sum(r.leaked for r in results)),
        ("inputs where data ran code", sum(r.code_ran for r in results)),
        ("inputs with a finding split over lines or raw control characters",
         sum(r.broken_lines > 0 for r in results)),
        ("inputs with English fragments in a message", sum(r.english for r in results)),
        ("inputs with a misleading message", sum(r.wrong_message for r in results)),
        ("inputs missing an expected code in one run", sum(bool(r.missing_rules) for r in results)),
        ("inputs with a false code", sum(bool(r.unwanted_rules) for r in results)),
        ("peak RSS of any run (MB)", round(max(run.peak_mb for run in runs))),
    ]
    return "\n".join(["| measure | count |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in table)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="run only cases whose name or group contains this text")
    ap.add_argument("--validate-only", action="store_true", help="skip the builds (quicker)")
    ap.add_argument("--out", type=Path, help="also write the report to this markdown file")
    ap.add_argument("--code", type=Path, help="run the handbook code of this checkout instead (e.g. an "
                                              "export of an earlier commit, for before/after numbers)")
    args = ap.parse_args()
    if args.code:
        os.environ["PYTHONPATH"] = str(args.code.resolve() / "extensions")
    handbook = Path(sys.executable).parent / "handbook"
    selected = [c for c in cases() if args.only.lower() in (c.name + " " + c.group).lower()]
    if os.geteuid() != 0:
        skipped = [c.name for c in selected if c.unprivileged]
        selected = [c for c in selected if not c.unprivileged]
        print(f"not root: skipped {skipped} (file permissions do not stop root either way)", file=sys.stderr)
    results = []
    with tempfile.TemporaryDirectory(prefix="bad-inputs-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o755)
        base = base_build(work, handbook) if not args.validate_only else work / "no-build"
        base.mkdir(exist_ok=True)
        for index, case in enumerate(selected, 1):
            scratch = work / f"case-{index:03d}"
            scratch.mkdir()
            result = run_case(case, scratch, base, handbook, not args.validate_only)
            results.append(result)
            print(f"[{index}/{len(selected)}] {case.name}: validate {result.validate.outcome}"
                  + (f", build {result.build.outcome}" if result.build else ""), file=sys.stderr, flush=True)
            _make_removable(scratch)
            shutil.rmtree(scratch, ignore_errors=True)
    text = f"{report(results)}\n\n{summary(results)}\n"
    print(text)
    runs = [run for r in results for run in r.runs()]
    line = (f"{len(results)} inputs ({len(runs)} runs): "
            f"{sum(run.outcome == 'clear' for run in runs)} clear errors, "
            f"{sum(run.outcome == 'traceback' for run in runs)} tracebacks, "
            f"{sum(r.wrote_data for r in results)} wrote data, "
            f"{sum(r.published_on_error for r in results)} published despite errors, "
            f"{sum(1 for r in results for run in r.runs() if not r.as_expected(run))} runs not as expected")
    print(line)
    if args.out:
        args.out.write_text(text + "\n" + line + "\n", encoding="utf-8")


def _make_removable(scratch: Path) -> None:
    try:
        os.chmod(scratch / "data", 0o755)
    except OSError:
        pass
    for base_dir, dirs, _names in os.walk(scratch):
        for name in dirs:
            try:
                os.chmod(os.path.join(base_dir, name), 0o755, follow_symlinks=False)
            except (OSError, NotImplementedError):
                pass


if __name__ == "__main__":
    main()
