"""Time reading a generated municipality (50×20×3) with and without the YAML parse cache.

    .venv/bin/python bench/parse_cache_bench.py [--repeat 15] [--against EXPORT]

Reads the folder in this process (``read_folder``: parsing and the schema check, what the
cache saves) without a cache and with a warm cache (every entry loaded), and reports CPU
time (best and median). ``--against`` takes an export of another commit (``git archive
<commit> | tar -x -C DIR``): its package is imported beside this one under another name
and the two are timed alternately in the same process, so a shared, busy machine slows
both alike (separate runs differed by 30 % here while others were building).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def _load_other(export: Path, scratch: Path) -> tuple[ModuleType, ModuleType]:
    """The other commit's folder and parse_cache modules, as package ``livinghandbook_other``."""
    target = scratch / "other" / "livinghandbook_other"
    shutil.copytree(export / "extensions" / "livinghandbook", target)
    check = target / "data" / "schema_check.py"  # its schemas, not ours
    check.write_text(check.read_text(encoding="utf-8").replace(
        '"livinghandbook.data.schema"', '"livinghandbook_other.data.schema"'), encoding="utf-8")
    sys.path.insert(0, str(target.parent))
    return (importlib.import_module("livinghandbook_other.data.folder"),
            importlib.import_module("livinghandbook_other.data.parse_cache"))


def _cpu(action: Callable[[], object]) -> float:
    gc.collect()
    gc.disable()  # as handbook build does (gcpause.py)
    start = time.process_time()
    action()
    elapsed = time.process_time() - start
    gc.enable()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--against", type=Path, help="an export of another commit, timed alternately")
    args = ap.parse_args()
    import livinghandbook.data.folder as folder_mod
    import livinghandbook.data.parse_cache as cache_mod

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        data = scratch / "bench"
        generate(data, 50, 20, 3)
        versions = {"this": (folder_mod, cache_mod)}
        if args.against:
            versions["other"] = _load_other(args.against, scratch)
        actions: dict[str, Callable[[], object]] = {}
        for name, (folder, cache) in versions.items():
            root = scratch / f"cache-{name}"
            warm = cache.folder_cache(root, data)
            folder.read_folder(data, warm)
            warm.commit()
            size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
            suffixes = sorted({p.suffix for p in root.rglob("*") if p.is_file()})
            print(f"{name}: {Path(folder.__file__).parents[1]}; entries {size / 1e6:.1f} MB ({', '.join(suffixes)})")
            actions[f"{name}, no cache"] = lambda f=folder: f.read_folder(data)
            actions[f"{name}, warm cache"] = lambda f=folder, c=cache, r=root: f.read_folder(data, c.folder_cache(r, data))
        times: dict[str, list[float]] = {key: [] for key in actions}
        for round_ in range(args.repeat):
            order = list(actions) if round_ % 2 == 0 else list(reversed(actions))
            for key in order:
                times[key].append(_cpu(actions[key]))
    print("data: 50 programmes, 1,000 projects, 3,000 benefits (bench/generate.py)")
    for key, values in times.items():
        print(f"{key:24s} CPU best {min(values) * 1000:6.0f} ms, median {statistics.median(values) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
