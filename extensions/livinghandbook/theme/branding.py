"""The municipality's branding in the HTML site: its logo and accent colour.

Both reach the pages through one stylesheet with a fixed name, ``_static/handbook-brand.css``,
which every page links: the accent as a CSS custom property, the logo as the background of
the header's logo box, sized by the image's own aspect ratio. So no page's HTML depends on
the branding, and a new logo or colour needs no page written again (an incremental build
still equals a clean one). The logo file is copied into ``_static/`` under a name made of
its content hash (a browser never shows a cached old logo); logos no longer used are
removed. Nothing is written into the data folder.

The colour was checked when the data was validated (``data/branding.py``: ``#rrggbb``,
4.5:1 against white); it is checked again here before it is written into CSS, so no data
text can ever end up in the stylesheet unescaped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from ..data.branding import COLOR, Branding, image_size
from ..fileio import write_bytes_atomic, write_text_if_changed
from ..sphinxext import state

BRAND_CSS = "handbook-brand.css"
LOGO_PREFIX = "handbook-logo-"
DEFAULT_ACCENT = "#1f5f8b"  # 6.8:1 against white


def brand_css(branding: Branding, logo_name: str | None, ratio: float | None) -> str:
    """The stylesheet for a municipality's branding (``logo_name``: the copied file's name)."""
    accent = branding.color if branding.color and COLOR.match(branding.color) else DEFAULT_ACCENT
    lines = ["/* Written by the build from municipality.branding (theme/branding.py). */",
             f":root {{ --hb-accent: {accent}; }}"]
    if logo_name is not None:
        assert all(c.isalnum() or c in "-." for c in logo_name)  # our own name: hash and suffix
        lines.append(f'.hb-logo {{ display: block; background-image: url("{logo_name}"); '
                     f"aspect-ratio: {ratio or 1:.4f}; }}")
    return "\n".join(lines) + "\n"


def write_assets(app: Sphinx) -> None:
    """``builder-inited`` (after the build's state is made): the brand stylesheet and logo."""
    if app.builder.format != "html":
        return
    model = state.of(app.env).validation.model
    branding = model.branding if model is not None else Branding()
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    logo_name, ratio = None, None
    if branding.logo is not None:
        data = branding.logo.read_bytes()
        logo_name = f"{LOGO_PREFIX}{hashlib.sha256(data).hexdigest()[:16]}{branding.logo.suffix.lower()}"
        if not (static / logo_name).is_file():
            write_bytes_atomic(static / logo_name, data)
        size = image_size(data)
        ratio = size[0] / size[1] if size else None
    for old in static.glob(f"{LOGO_PREFIX}*"):
        if old.name != logo_name:
            old.unlink()
    write_text_if_changed(static / BRAND_CSS, brand_css(branding, logo_name, ratio))
