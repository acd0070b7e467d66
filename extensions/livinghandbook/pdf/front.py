"""The print handbook's page template and its front matter: cover, imprint, contents.

The template is Jinja with autoescaping on (every value from the data is escaped by
default; only the body and contents, which the HTML writer escaped already, are passed
as ``Markup``), sandboxed, and looked up first in the project's ``templates_path`` so a
municipality can restyle its print page without touching the package.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..method.credit import credit_text
from ..model.entities import Municipality
from ..views.labels import date_da

TEMPLATE = "handbog-print.html"
PACKAGE_DIR = Path(__file__).parent
STYLESHEET = PACKAGE_DIR / "static" / "handbog-print.css"
TITLE = "Projektmodel-håndbog"

TOO_LARGE = ("Diagrammet er for stort til at kunne læses på en trykt side. Det kan ses i "
             "HTML-udgaven; her står det, diagrammet viser:")
TOO_LARGE_COMPACT = ("Diagrammet er for stort til at kunne læses på en trykt side. Det kan ses i "
                     "HTML-udgaven; de samme oplysninger står i tabellerne her.")


def tiled_caption(count: int) -> str:
    """Said after the caption of a diagram printed in pieces."""
    return f" (trykt i {count} dele, der overlapper lidt)"


def tile_alt(number: int, count: int) -> str:
    """The text alternative of the second and later pieces of a diagram cut into tiles."""
    return f"Diagrammets del {number} af {count}; diagrammet er beskrevet ved del 1."


def imprint_credit(model: Municipality) -> str:
    """The credit to KL's guide on the imprint page: the same text as the start page's
    (``method/credit.py``)."""
    return credit_text(model.name)


def data_date(folder: Path) -> dt.date | None:
    from ..validation_cache import data_date as when

    return when(folder.resolve())


def logo_file(model: Municipality, folder: Path) -> Path | None:
    """The municipality's logo from ``municipality.branding.logo`` (a file in its data
    folder), if the model carries branding; read defensively, as branding is optional."""
    branding = getattr(model, "branding", None)
    logo = getattr(branding, "logo", None) if branding is not None else None
    if not logo:
        return None
    path = (folder / str(logo)).resolve()
    if not path.is_file() or path.suffix.lower() not in {".svg", ".png", ".jpg", ".jpeg", ".webp"}:
        return None
    return path


def context(model: Municipality, folder: Path, outdir: Path, language: str) -> dict[str, Any]:
    """What the print template shows besides the body; copies the logo next to the HTML
    (the data folder is never written to)."""
    logo = logo_file(model, folder)
    logo_src = None
    if logo is not None:
        target = outdir / "_static" / f"logo{logo.suffix.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(logo, target)
        logo_src = f"_static/{target.name}"
    return {
        "language": language,
        "title": f"{model.name}: {TITLE.lower()}",
        "municipality": model.name,
        "handbook_title": TITLE,
        "data_date": date_da(data_date(folder)),
        "logo": logo_src,
        "logo_alt": f"{model.name}s logo",
        "credit": imprint_credit(model),
        "stylesheet": STYLESHEET.as_uri(),
    }


def render_page(template_dirs: list[Path], values: dict[str, Any]) -> str:
    env = SandboxedEnvironment(loader=FileSystemLoader([*map(str, template_dirs), str(PACKAGE_DIR / "templates")]),
                               autoescape=select_autoescape(default=True, default_for_string=True))
    values = {**values, "body": Markup(values["body"]), "contents": Markup(values["contents"])}
    return env.get_template(TEMPLATE).render(**values)
