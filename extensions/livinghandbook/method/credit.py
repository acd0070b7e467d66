"""The handbook's credit to its source: KL's guide on roles and responsibilities.

One text, in one place: the start page shows it, and the PDF's imprint page must use the
same function, so the credit cannot differ between outputs. Plain text (callers escape it
for HTML or LaTeX as they escape any other text).
"""

from __future__ import annotations

GUIDE_TITLE = "Roller og ansvar i digitaliseringsprojekter"
GUIDE_PUBLISHER = "KL (Kommunernes Landsforening)"
GUIDE_PARTNER = "konsulenthuset Implement"  # wrote most of the guide's text with KL


def genitive(name: str) -> str:
    """Danish genitive of a name: 'Solbjerg Kommunes', 'Lilleå Kommunes', 'Vejles' but 'Aars''."""
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def credit_text(municipality: str) -> str:
    """The credit for a municipality's handbook (start page and PDF imprint page)."""
    return (f"Håndbogens metode bygger på vejledningen »{GUIDE_TITLE}« fra {GUIDE_PUBLISHER}, "
            f"udarbejdet i samarbejde med {GUIDE_PARTNER}. Teksten er {genitive(municipality)} egen "
            "gengivelse af vejledningen, skrevet med egne ord og koblet til kommunens egne data; "
            "vejledningen selv findes hos KL.")
