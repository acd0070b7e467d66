"""Time reading a generated municipality (50×20×3) with and without the parse cache.

    .venv/bin/python bench/parse_cache_bench.py [--repeat 7]
    PYTHONPATH=<export of an earlier commit>/extensions .venv/bin/python bench/parse_cache_bench.py

Reads the folder in this process (``read_folder``: parse and schema check, what the cache
saves), three ways: no cache; a cold cache (parse, then write the entries); a warm cache
(every entry loaded). Reports the best and median of each and the size of the entries.
The second form runs the same measurement on other code (the pickle cache before issue
11), since the functions used exist in both.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

import livinghandbook  # noqa: E402
from livinghandbook.data.folder import read_folder  # noqa: E402
from livinghandbook.data.parse_cache import folder_cache  # noqa: E402


def _time(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # as handbook build does (gcpause.py)
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        gc.enable()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        generate(folder, 50, 20, 3)
        root = Path(tmp) / "cache"

        def cold() -> None:
            for entry in root.rglob("*"):
                if entry.is_file():
                    entry.unlink()
            cache = folder_cache(root, folder)
            read_folder(folder, cache)
            cache.commit()

        def warm() -> None:
            read_folder(folder, folder_cache(root, folder))

        plain = _time(lambda: read_folder(folder), args.repeat)
        written = _time(cold, args.repeat)
        loaded = _time(warm, args.repeat)
        entries = [p for p in root.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in entries)
    print(f"code: {Path(livinghandbook.__file__).parent}")
    print(f"data: 50 programmes, 1,000 projects, 3,000 benefits; entries: {len(entries)} files, "
          f"{size / 1024 / 1024:.1f} MB ({', '.join(sorted({p.suffix for p in entries}))})")
    for name, times in (("no cache", plain), ("cold cache (parse + write)", written), ("warm cache (load)", loaded)):
        print(f"{name:28s} best {min(times) * 1000:7.0f} ms, median {statistics.median(times) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
