"""Python's cyclic garbage collector, paused while one handbook is validated and built.

Why: a large municipality is hundreds of thousands of small objects (positioned YAML
nodes, the model, docutils nodes, sphinx-needs' needs) that live for the whole build.
Each automatic full collection walks all of them, and there were many: at 1,000
projects, collection was 3 s of a 17.5 s build and 2.9 s of a 6.9 s rebuild
(bench/RESULTS.md). Reference counting still frees almost everything; the few cycles
wait until the collector runs again after the build (``build-all`` collects between
municipalities). Peak memory at 1,000 projects stays well under the 1 GiB budget.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
