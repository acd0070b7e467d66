"""Reading a data folder's versions from git, through the git command line.

Why the git CLI and not a library: reading the 101 versions of the benchmark's history
(every ``*.yaml`` file of every version, 33 MB) took 38 ms with one ``git log`` and one
``git cat-file --batch`` process, 53 ms with dulwich 1.2 and 106 ms with pygit2 1.21
(``bench/history_bench.py --git-backends``, bench/RESULTS.md); git is on every machine
that has the repository, so it is no new dependency either.

Only two long-lived processes per history: ``git log`` (the versions) and
``git cat-file --batch`` (trees and files). Nothing here writes to the repository
(``GIT_OPTIONAL_LOCKS=0``), and no text from the data is ever passed to a shell.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO


class GitUnavailable(Exception):
    """History cannot be read; the message is a Danish note for readers and editors."""


@dataclass(frozen=True)
class Repo:
    root: Path  # the work tree's top level
    prefix: str  # the data folder relative to the root, '/'-separated, '' at the root
    detached: bool
    shallow: bool
    id_width: int = 20  # bytes of an object id: 20 (SHA-1) or 32 (SHA-256)


@dataclass(frozen=True)
class Commit:
    id: str
    timestamp: int  # committer time, seconds since the epoch
    iso: str  # committer date in the committer's own time zone (the date readers see)
    author: str
    subject: str


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_OPTIONAL_LOCKS="0", LC_ALL="C.UTF-8", GIT_TERMINAL_PROMPT="0")
    return env


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run one git command and return its output (UTF-8); GitUnavailable on failure."""
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, env=_env(),
                                capture_output=True, timeout=120, check=False)
    except FileNotFoundError as exc:
        raise GitUnavailable("programmet git findes ikke på maskinen, der bygger håndbogen") from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitUnavailable(f"git kunne ikke køres ({exc})") from exc
    if check and result.returncode != 0:
        first = result.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise GitUnavailable(f"git svarede: {first[0] if first else 'fejl ' + str(result.returncode)}")
    return result.stdout.decode("utf-8", "replace")


def locate(folder: Path) -> Repo:
    """The repository holding ``folder``; GitUnavailable when there is none."""
    if not folder.is_dir():
        raise GitUnavailable("datamappen findes ikke")
    try:
        out = git(folder, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository",
                  "--show-object-format")
    except GitUnavailable as exc:
        if "not a git repository" not in str(exc).lower():
            raise  # git missing, or a repository git refuses to read (e.g. another owner's)
        raise GitUnavailable("datamappen ligger ikke i et git-repository") from exc
    lines = out.split("\n")
    if len(lines) < 4:
        raise GitUnavailable("git gav et uventet svar")
    detached = subprocess_ok(folder, "symbolic-ref", "-q", "HEAD") is False
    return Repo(root=Path(lines[0]), prefix=lines[1].rstrip("/"), detached=detached,
                shallow=lines[2].strip() == "true", id_width=32 if lines[3].strip() == "sha256" else 20)


def subprocess_ok(cwd: Path, *args: str) -> bool:
    try:
        return subprocess.run(["git", *args], cwd=cwd, env=_env(), capture_output=True, timeout=60,
                              check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def pathspec(repo: Repo) -> str:
    """The folder's own ``*.yaml`` files (not its subfolders), as the validator reads them."""
    escaped = "".join("\\" + c if c in "*?[]\\" else c for c in repo.prefix)
    return f":(top,glob){escaped + '/' if escaped else ''}*.yaml"


def versions(repo: Repo, rev: str = "HEAD") -> Iterator[Commit]:
    """Commits that changed the folder's data files, newest first along the first-parent
    line (the mainline; a merged branch shows as its merge). Lazy: the caller stops reading
    when it has enough, and the process is ended then."""
    fmt = "%H%x1f%ct%x1f%cI%x1f%an%x1f%s"
    try:
        proc = subprocess.Popen(
            ["git", "-c", "core.quotepath=off", "log", "--first-parent", "-z", "--no-color",
             "--encoding=UTF-8", f"--format={fmt}", rev, "--", pathspec(repo)],
            cwd=repo.root, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise GitUnavailable(f"git kunne ikke køres ({exc})") from exc
    assert proc.stdout is not None
    try:
        for record in _split_nul(proc.stdout):
            parts = record.decode("utf-8", "replace").split("\x1f")
            if len(parts) == 5:
                yield Commit(parts[0], int(parts[1]), parts[2], parts[3], parts[4])
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait()


def _split_nul(stream: IO[bytes]) -> Iterator[bytes]:
    pending = b""
    while chunk := stream.read(65536):
        pending += chunk
        *records, pending = pending.split(b"\0")
        yield from (r.strip(b"\n") for r in records if r.strip(b"\n"))
    if pending.strip(b"\n"):
        yield pending.strip(b"\n")


def resolve_rev(repo: Repo, rev: str) -> str:
    """A revision as a full commit id; GitUnavailable with a Danish message if unknown."""
    if rev.startswith("-"):
        raise GitUnavailable(f"'{rev}' er ikke en version i git")
    out = git(repo.root, "rev-parse", "--verify", "-q", "--end-of-options", f"{rev}^{{commit}}", check=False).strip()
    if not out:
        raise GitUnavailable(f"versionen '{rev}' findes ikke i git")
    return out


class Objects:
    """Trees and files through one ``git cat-file --batch`` process."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        try:
            self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo.root, env=_env(),
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise GitUnavailable(f"git kunne ikke køres ({exc})") from exc
        self.files_cache: dict[str, dict[str, str]] = {}
        self.blobs: dict[str, bytes] = {}  # prefetched, not yet parsed

    def __enter__(self) -> Objects:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc.wait()

    def read(self, spec: str) -> tuple[str, bytes] | None:
        """(type, content) of an object, or None when it does not exist."""
        return self.read_many([spec])[0]

    def read_many(self, specs: list[str]) -> list[tuple[str, bytes] | None]:
        """Several objects with one round trip per 200 (a round trip to the process costs
        about as much as reading a 30 kB file)."""
        assert self.proc.stdin is not None
        out: list[tuple[str, bytes] | None] = []
        for start in range(0, len(specs), 200):  # requests stay far below a pipe's buffer
            batch = specs[start:start + 200]
            self.proc.stdin.write(b"".join(s.encode("utf-8") + b"\n" for s in batch))
            self.proc.stdin.flush()
            out.extend(self._answer() for _ in batch)
        return out

    def _answer(self) -> tuple[str, bytes] | None:
        assert self.proc.stdout is not None
        header = self.proc.stdout.readline().split()
        if len(header) != 3:
            if not header:
                raise GitUnavailable("git cat-file stoppede uventet")
            return None  # '<spec> missing' (or ambiguous)
        size = int(header[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)  # the newline after the content
        return header[1].decode(), data

    def files(self, commit: str) -> dict[str, str]:
        """The folder's ``*.yaml`` files at a commit: name → blob id (regular files only)."""
        if commit not in self.files_cache:
            self.prefetch([commit])
        return self.files_cache[commit]

    def prefetch(self, commits: list[str]) -> None:
        """Read the folder's tree at each commit, and every file not read yet, in batches."""
        wanted = [c for c in dict.fromkeys(commits) if c not in self.files_cache]
        specs = [f"{c}:{self.repo.prefix}" if self.repo.prefix else f"{c}^{{tree}}" for c in wanted]
        for commit, found in zip(wanted, self.read_many(specs)):
            self.files_cache[commit] = (_yaml_entries(found[1], self.repo.id_width)
                                        if found is not None and found[0] == "tree" else {})
        blobs = sorted({b for c in wanted for b in self.files_cache[c].values()} - set(self.blobs))
        for blob_id, found in zip(blobs, self.read_many(blobs)):
            if found is not None and found[0] == "blob":
                self.blobs[blob_id] = found[1]

    def blob(self, blob_id: str) -> bytes:
        if blob_id not in self.blobs:
            found = self.read(blob_id)
            if found is None or found[0] != "blob":
                raise GitUnavailable(f"git mangler filen {blob_id[:12]}")
            self.blobs[blob_id] = found[1]
        return self.blobs.pop(blob_id)  # each file is parsed once (the parse is memoised)


def _yaml_entries(tree: bytes, width: int) -> dict[str, str]:
    """Parse a raw tree object: entries ``<mode> <name>\\0<binary id>``."""
    entries: dict[str, str] = {}
    index = 0
    while index < len(tree):
        space = tree.index(b" ", index)
        nul = tree.index(b"\0", space)
        mode, name = tree[index:space], tree[space + 1:nul].decode("utf-8", "surrogateescape")
        object_id = tree[nul + 1:nul + 1 + width].hex()
        index = nul + 1 + width
        if mode in (b"100644", b"100755") and name.endswith(".yaml"):
            entries[name] = object_id
    return dict(sorted(entries.items()))

