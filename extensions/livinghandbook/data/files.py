"""Which files a data folder contributes, and reading them without trusting the folder.

A data folder is edited by many people and may come from anywhere (a pull request, a
CI checkout), so its entries are checked before anything is read:

* ``*.yaml`` and ``*.yml`` directly in the folder are data; hidden entries (``.x.yaml``,
  macOS's ``._x.yaml``, an editor's lock file ``.#x.yaml``) are not, and are ignored.
* A symbolic link is followed only when it stays inside the folder. A link leading out
  (``x.yaml -> /etc/shadow``, or to another municipality's file) is refused by its own
  name; nothing of its target is read, so nothing of it can be echoed in a message.
  A dangling link, a link loop or a named pipe is a finding, never a traceback or a hang.
* Files are opened with ``O_NOFOLLOW`` (a link swapped in after the listing is refused
  too) and must be regular files of at most :data:`MAX_FILE_BYTES`.
* Operating-system errors (permission denied, …) become Danish findings naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..findings import Finding, Location, Severity
from .yaml_positions import display_path

DATA_SUFFIXES = (".yaml", ".yml")
# Far above any real portfolio (1,000 projects and 3,000 benefits take ~2 MB), far below
# what would exhaust memory while parsing: a 15.7 MB file of 134,000 goals peaks at 620 MB
# (~40 bytes of Python objects per byte of YAML), so the cap keeps validation under 1 GiB.
MAX_FILE_BYTES = 16 * 1024 * 1024

_OS_ERRORS = {
    errno.EACCES: "ingen adgang (tjek rettighederne)",
    errno.EPERM: "ingen adgang (tjek rettighederne)",
    errno.ENOENT: "findes ikke",
    errno.ENOTDIR: "er ikke en mappe",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.ELOOP: "er et symbolsk link, der ikke må følges",
    errno.EIO: "læsefejl på disken",
    errno.ENAMETOOLONG: "navnet er for langt",
}


class FileRefused(Exception):
    """A data file that is not read; ``finding`` says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def os_error_text(exc: OSError) -> str:
    """An operating-system error in Danish (strerror is English, and locale-dependent)."""
    known = _OS_ERRORS.get(exc.errno or 0)
    if known:
        return known
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return f"styresystemet afviste det (fejlkode {code})"


def _refused(path: Path, message: str) -> Finding:
    return Finding("E001", Severity.ERROR, message, Location(display_path(path), 1, 1))


def is_data_name(name: str) -> bool:
    return not name.startswith(".") and name.endswith(DATA_SUFFIXES)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _check_link(path: Path, root: str) -> Finding | None:
    """None when the link may be read: it ends in a regular file inside the folder."""
    target = os.path.realpath(path)  # never opened when it lies outside
    if not _inside(target, root):
        return _refused(path, "filen er et symbolsk link, der fører uden for datamappen; kun filer i "
                              "mappen læses (linket er afvist, og intet fra målet er læst)")
    try:
        info = os.stat(target)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return _refused(path, "filen er et symbolsk link til en fil, der ikke findes (et dødt link); "
                                  "slet linket, eller ret det")
        if exc.errno == errno.ELOOP:
            return _refused(path, "filen er et symbolsk link i ring (linket peger i sidste ende på sig selv)")
        return _refused(path, f"filen kan ikke læses: {os_error_text(exc)}")
    if stat.S_ISDIR(info.st_mode):
        return _refused(path, "filen er et symbolsk link til en mappe, ikke til en fil")
    if not stat.S_ISREG(info.st_mode):
        return _refused(path, "filen er et symbolsk link til noget, der ikke er en almindelig fil")
    return None


def data_files(folder: Path) -> tuple[list[Path], list[Finding]]:
    """The files a folder contributes, sorted by name (merging is deterministic), and
    findings for the entries that look like data but may not be read."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry for entry in listing if is_data_name(entry.name)), key=lambda e: e.name)
    except OSError as exc:
        return [], [_refused(folder, f"mappen kan ikke læses: {os_error_text(exc)}")]
    root = os.path.realpath(folder)
    files: list[Path] = []
    findings: list[Finding] = []
    for entry in entries:
        path = folder / entry.name
        try:
            if entry.is_symlink():
                problem = _check_link(path, root)
                if problem is None:
                    files.append(path)
                else:
                    findings.append(problem)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
            elif not entry.is_dir(follow_symlinks=False):
                findings.append(_refused(path, "filen er ikke en almindelig fil (fx en pipe eller en enhed) "
                                               "og læses ikke"))
        except OSError as exc:
            findings.append(_refused(path, f"filen kan ikke læses: {os_error_text(exc)}"))
    return files, findings


def read_data_file(path: Path) -> bytes:
    """The bytes of one listed file; raises :class:`FileRefused` with a Danish finding.

    A permitted link is read through its resolved target, itself opened without
    following links, so a link changed after the listing cannot lead anywhere else."""
    real = os.path.realpath(path) if os.path.islink(path) else str(path)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(_refused(path, f"filen kan ikke læses: {os_error_text(exc)}")) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(_refused(path, "filen er ikke en almindelig fil og læses ikke"))
        if info.st_size > MAX_FILE_BYTES:
            raise FileRefused(_refused(
                path, f"filen er for stor ({info.st_size / 1024 / 1024:.0f} MB; højst "
                      f"{MAX_FILE_BYTES // 1024 // 1024} MB); del den op i flere filer"))
        try:
            return handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise FileRefused(_refused(path, f"filen kan ikke læses: {os_error_text(exc)}")) from exc


def file_stamp(path: Path) -> tuple[str, int, int, int]:
    """What identifies a file's current content for the in-process caches, without ever
    raising: (path, mtime, ctime, size) of the link's target (inside the folder: checked
    by data_files), or of the link itself when that cannot be read (a later validation
    reports why)."""
    try:
        info = os.stat(path)
    except OSError:
        try:
            info = os.lstat(path)
        except OSError:
            return (str(path), -1, -1, -1)
    return (str(path), info.st_mtime_ns, info.st_ctime_ns, info.st_size)


def folder_stamp(folder: Path) -> tuple[tuple[str, int, int, int], ...] | None:
    """The stamps of every data file and of the folder itself (a new, removed or refused
    entry changes the folder's mtime); None when the folder cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing if is_data_name(entry.name))
    except OSError:
        return None
    return (file_stamp(folder), *(file_stamp(folder / name) for name in names))
