"""Danish messages for YAML syntax errors.

libyaml (and PyYAML's composer) report in English, as a ``problem`` ("could not find
expected ':'") and a ``context`` ("while scanning a simple key") with a position each.
Editors read Danish, so the known phrases are translated here; an unknown phrase gives a
Danish generic message with the position, never the English text. The phrases are
libyaml 0.2.5's and PyYAML 6's; a new upstream phrase only falls back to the generic
message (``tests/faults/test_data_faults.py`` checks that every message is Danish).
"""

from __future__ import annotations

from typing import Any

GENERIC = "filen er ikke gyldig YAML her; tjek indrykning, kolon og anførselstegn omkring dette sted"

# Matched with str.startswith, most specific first. Values are complete Danish sentences.
PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "et kolon (':') står, hvor det ikke må stå; sæt en tekst, der "
                                       "indeholder ': ', i anførselstegn"),
    ("could not find expected ':'", "der mangler et kolon (':') efter nøglen"),
    ("did not find expected key", "her skulle stå en nøgle (fx 'title:'); tjek indrykningen"),
    ("did not find expected '-' indicator", "her skulle stå et listepunkt ('- '); tjek indrykningen"),
    ("did not find expected node content", "her mangler en værdi"),
    ("did not find expected ',' or ']'", "listen i [ ] er ikke lukket rigtigt: der mangler ',' eller ']'"),
    ("did not find expected ',' or '}'", "mappingen i { } er ikke lukket rigtigt: der mangler ',' eller '}'"),
    ("found character that cannot start any token", "et tegn, der ikke kan stå her (fx et tabulatortegn, "
                                                    "'@' eller '`'); sæt teksten i anførselstegn, og ryk ind "
                                                    "med mellemrum"),
    ("found unexpected end of stream", "filen slutter, før et anførselstegn eller en parentes er lukket"),
    ("found unknown escape character", "ukendt tegn efter '\\' i en tekst i dobbelte anførselstegn; skriv "
                                       "'\\\\' for en omvendt skråstreg, eller brug enkelte anførselstegn"),
    ("found a tab character", "tabulatortegn i indrykningen; YAML kræver mellemrum"),
    ("block sequence entries are not allowed", "et listepunkt ('- ') står, hvor det ikke må stå; tjek "
                                               "indrykningen"),
    ("mapping keys are not allowed", "en nøgle står, hvor den ikke må stå; tjek indrykningen"),
    ("found unexpected ':'", "et kolon (':') står, hvor det ikke må stå"),
    ("found undefined alias", "aliasen (*navn) henviser til et anker (&navn), som ikke er defineret før"),
    ("second occurrence", "ankeret (&navn) er defineret to gange i filen"),
    ("but found another document", "filen indeholder mere end ét YAML-dokument ('---'); en datafil må kun "
                                   "have ét"),
    ("found unexpected document indicator", "'---' eller '...' står midt i en værdi"),
    ("did not find expected <document start>", "der står noget efter dokumentets slutning ('...')"),
    ("found incompatible YAML document", "filen beder om en YAML-version, som ikke understøttes"),
    ("found unknown directive name", "ukendt YAML-direktiv ('%...')"),
    ("found duplicate %", "YAML-direktivet ('%...') står to gange"),
    ("did not find expected alphabetic or numeric character", "et anker eller en alias (&navn, *navn) skal "
                                                              "have et navn af bogstaver og tal"),
    ("found an indentation indicator equal to 0", "ugyldig indrykning i en blok-tekst ('|' eller '>')"),
    ("did not find expected comment or line break", "her må kun stå en kommentar eller et linjeskift"),
    ("did not find expected whitespace", "her mangler et mellemrum eller et linjeskift"),
    ("found invalid Unicode character escape code", "ugyldig \\u- eller \\x-kode i en tekst"),
    ("did not find expected hexdecimal number", "ugyldig \\u- eller \\x-kode i en tekst"),
    ("did not find the expected '>'", "ugyldigt YAML-mærke ('!...')"),
    ("did not find expected tag URI", "ugyldigt YAML-mærke ('!...')"),
    ("did not find expected '!'", "ugyldigt YAML-mærke ('!...')"),
    ("found undefined tag handle", "ugyldigt YAML-mærke ('!...')"),
    ("exceeded maximum nesting depth", "data er indlejret for dybt (mere end 1.000 niveauer af lister og "
                                       "mappings i hinanden)"),
    ("control characters are not allowed", "filen indeholder et kontroltegn, som ikke må stå i YAML"),
)

CONTEXTS: tuple[tuple[str, str], ...] = (
    ("while parsing a block mapping", "i mappingen, der begynder i linje {line}"),
    ("while parsing a block collection", "i listen, der begynder i linje {line}"),
    ("while parsing a flow sequence", "i listen i [ ], der begynder i linje {line}"),
    ("while parsing a flow mapping", "i mappingen i {{ }}, der begynder i linje {line}"),
    ("while scanning a quoted scalar", "i teksten i anførselstegn, der begynder i linje {line}"),
    ("while parsing a quoted scalar", "i teksten i anførselstegn, der begynder i linje {line}"),
    ("while scanning a simple key", "i nøglen i linje {line}"),
    ("while scanning a plain scalar", "i teksten, der begynder i linje {line}"),
    ("while scanning a block scalar", "i blok-teksten, der begynder i linje {line}"),
    ("while parsing a block node", "i værdien, der begynder i linje {line}"),
    ("while parsing a flow node", "i værdien, der begynder i linje {line}"),
    ("while parsing a node", "i værdien, der begynder i linje {line}"),
    ("while scanning an alias", "i aliasen i linje {line}"),
    ("while scanning an anchor", "i ankeret i linje {line}"),
    ("found duplicate anchor", "første gang i linje {line}"),
    ("expected a single document", "første dokument begynder i linje {line}"),
)
# Contexts that say nothing an editor can use.
SILENT_CONTEXTS = ("while scanning for the next token", "while increasing", "while scanning a tag", "while parsing a tag",
                   "while scanning a directive", "while scanning a %", "while parsing a %")


def _lookup(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    return next((danish for english, danish in table if text.startswith(english)), None)


def syntax_message(problem: str | None, context: str | None, context_mark: Any, problem_mark: Any) -> str:
    """``YAML-syntaksfejl: <Danish problem> (<Danish context>)``; never English."""
    danish = _lookup(PROBLEMS, problem or "") if problem else None
    if danish is None:
        return f"YAML-syntaksfejl: {GENERIC}"
    where = ""
    if context and context_mark is not None and not context.startswith(SILENT_CONTEXTS):
        template = _lookup(CONTEXTS, context)
        same_line = problem_mark is not None and problem_mark.line == context_mark.line
        if template is not None and not (same_line and "{line}" in template and "første" not in template):
            where = f" ({template.format(line=context_mark.line + 1)})"
    return f"YAML-syntaksfejl: {danish}{where}"


def reader_message(character: Any) -> str:
    """A character libyaml refuses to read (control characters, a lone surrogate)."""
    code = character if isinstance(character, int) else ord(character) if isinstance(character, str) and \
        len(character) == 1 else None
    shown = f" (tegnkode U+{code:04X})" if code is not None else ""
    return (f"YAML-syntaksfejl: filen indeholder et kontroltegn{shown}, som ikke må stå i YAML; slet det, "
            "eller skriv det som \\x- eller \\u-kode i dobbelte anførselstegn")
