"""Short roles for hand-written MyST pages: {rolle}`programejer`, {regel}`G05`.

Each creates a reference in the ``handbook`` domain; without an explicit text it shows
the role's Danish name or the rule's title, e.g. {rolle}`gevinstcontroller` →
"Gevinstcontroller".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole


class HandbookRef(SphinxRole):
    def __init__(self, reftype: str) -> None:
        super().__init__()
        self.reftype = reftype

    def run(self) -> tuple[list[nodes.Node], list[Any]]:
        text = self.text.strip()
        explicit = text.endswith(">") and "<" in text
        title, target = (text[: text.rindex("<")].strip(), text[text.rindex("<") + 1 : -1].strip()) \
            if explicit else (text, text)
        node = addnodes.pending_xref(self.rawtext, refdomain="handbook", reftype=self.reftype,
                                     reftarget=target, refexplicit=explicit, refwarn=True,
                                     refdoc=self.env.docname)
        node += nodes.inline(title, title, classes=["xref", f"handbook-{self.reftype}"])
        self.set_source_info(node)
        return [node], []
