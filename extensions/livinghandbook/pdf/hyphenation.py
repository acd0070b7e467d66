"""Danish hyphenation for print that knows the method's own words.

WeasyPrint hyphenates with Pyphen's Danish patterns (LibreOffice's), which split the
words this handbook uses most at the wrong place: "gevin-stansvarlig",
"Gevin-stcontrolleren", "Projek-t-deltager". Here Pyphen's Danish dictionary is extended
with a few patterns (Liang's notation: an even digit forbids a break between two letters,
an odd one allows it, the highest digit wins) that keep "gevinst" and "projekt" whole
before a second word and break after them: "gevinst-ansvarlig", "projekt-deltager".

The extended dictionary is written once into the build's work folder and registered in
``pyphen.LANGUAGES`` (Pyphen's public table of dictionaries) for Danish, which is what
WeasyPrint asks Pyphen for. The original is never changed, and it is not copied into this
repository: it is read from the installed Pyphen each time.
"""

from __future__ import annotations

from pathlib import Path

# Second words that follow "gevinst"/"projekt" in compounds: a(nsvar), c(ontroller),
# r(ealisering), k(ort), o(versigt), m(ål), d(iagram/deltager), l(eder), g(ruppe), s(tyring),
# p(lan), b(udget), f(ase). "gevinster", "projekter" (plural endings) keep their syllables.
PATTERNS = (
    "gevin8st5a", "gevin8st5c", "gevin8st5r", "gevin8st5k", "gevin8st5o", "gevin8st5m", "gevin8st5d",
    "jek8t5d", "jek8t5l", "jek8t5g", "jek8t5s", "jek8t5m", "jek8t5p", "jek8t5o", "jek8t5a", "jek8t5b", "jek8t5f",
    "lje5sty", "lje5le", "jele8de",  # portefølje-styring, portefølje-ledelse (not "porteføljele-delse")
)
LANGUAGES = ("da", "da_DK")
_original: list[Path] = []  # Pyphen's own Danish dictionary, as found before the first install


def install(work: Path) -> bool:
    """Register the extended Danish dictionary (written into ``work``); False, and Pyphen
    as it was, if Pyphen has no Danish dictionary or its file cannot be read."""
    import pyphen

    if not _original:
        found = pyphen.LANGUAGES.get("da_DK") or pyphen.LANGUAGES.get("da")
        if found is None:
            return False
        _original.append(Path(found))
    original, target = _original[0], work / "hyph_da_handbook.dic"
    try:
        raw = Path(original).read_bytes()
        encoding = raw.split(b"\n", 1)[0].decode("ascii").strip()
        text = raw.decode(encoding)
        extended = text.rstrip("\n") + "\n" + "\n".join(PATTERNS) + "\n"
        if not target.is_file() or target.read_bytes() != extended.encode(encoding):
            target.write_bytes(extended.encode(encoding))
    except (OSError, UnicodeError, LookupError):
        return False
    for language in LANGUAGES:
        pyphen.LANGUAGES[language] = target
    return True
