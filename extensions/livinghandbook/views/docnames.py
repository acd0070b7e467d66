"""The handbook's documents that the code refers to by name.

Overview pages are hand-written MyST in ``handbook/`` holding one directive each; entity
pages are generated stubs in the four folders (``sphinxext/pages.py``).
"""

from __future__ import annotations

ROLE_DIR, PROGRAMME_DIR, PROJECT_DIR, PERSON_DIR = "rolle", "program", "projekt", "person"
PORTFOLIO_DOC, STANDALONE_DOC, GOALS_DOC = "portefolje", "selvstaendige", "maal"
ORGANISATION_DOC, PEOPLE_DOC, TRACE_DOC = "organisation", "personer", "sporbarhed"
FINDINGS_DOC, RULES_DOC, ROLES_DOC = "fund", "regler", "roller"


def role_doc(role_id: str) -> str:
    return f"{ROLE_DIR}/{role_id}"


def person_doc(person_id: str) -> str:
    """A person's own page ("Mine roller"); only made when names are published."""
    return f"{PERSON_DIR}/{person_id}"
