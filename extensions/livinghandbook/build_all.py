"""``handbook build-all``: every municipality in ``municipality_data/``, each its own
handbook in ``_build/<id>/``, plus ``_build/index.html`` linking them.

One broken municipality does not stop the others; it makes the exit code 1 and is
listed on the index page as failed.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import sys

from . import paths
from .build import build
from .gcpause import collector_paused
from .validation_cache import cached_validation
from .fileio import write_text_if_changed

PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Projektmodel-håndbøger</title>
<style>
body {{ font-family: Georgia, serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #222; }}
a {{ color: #1a4f8a; }}
li {{ margin: 0.4em 0; }}
.fejl {{ color: #8a1c1c; }}
</style>
</head>
<body>
<main>
<h1>Projektmodel-håndbøger</h1>
<p>Én håndbog pr. kommune, bygget fra kommunens data.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def build_all(fmt: str = "html", today: dt.date | None = None, strict: bool = False, jobs: str = "1") -> int:
    folders = paths.municipality_folders()
    if not folders:
        print(f"Ingen kommuner i {paths.data_root()}", file=sys.stderr)
        return 1
    items, status = [], 0
    built_by_id: dict[str, str] = {}
    for index, folder in enumerate(folders):
        if index:
            gc.collect()  # builds run with the collector paused (gcpause.py): free the last one's cycles
        print(f"== {folder.name}", flush=True)
        with collector_paused():
            validation = cached_validation(str(folder), today.isoformat() if today else "", str(paths.roles_dir()))
        model = validation.model
        if model is not None and model.id in built_by_id:
            # Output goes to _build/<municipality id>/: a second folder with the same id would
            # silently replace the first one's handbook.
            print(f"{folder}: kommunen har samme id ('{model.id}') som {built_by_id[model.id]}; "
                  "den bygges ikke (ret municipality.id i en af dem).", file=sys.stderr)
            items.append(f'<li><span class="fejl">{html.escape(model.name)}: samme id som en anden kommune '
                         '(ikke bygget)</span></li>')
            status = 1
            continue
        if model is not None:
            built_by_id[model.id] = str(folder)
        code = build(folder, fmt=fmt, today=today, strict=strict, jobs=jobs, validation=validation)
        status = max(status, code)
        name = html.escape(model.name if model else folder.name)
        if code == 0 and model is not None and fmt == "html":
            items.append(f'<li><a href="{html.escape(model.id)}/html/index.html">{name}</a></li>')
        else:
            items.append(f'<li><span class="fejl">{name}: bygningen fejlede (se loggen)</span></li>')
    if fmt == "html":
        write_text_if_changed(paths.build_root() / "index.html", PAGE.format(items="\n".join(items)))
    print("Alle kommuner er bygget." if status == 0 else "Mindst én kommune fejlede.", file=sys.stderr)
    return status

