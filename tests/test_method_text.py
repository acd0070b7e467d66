"""The method handbook's own text (issue 6): written in our own words, substantial,
and complete: every chapter, role page, rule section, the glossary and the maturity chart."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import FIXTURES, REPO, build_into
from livinghandbook.rules.engine import ALL_RULES

SEED = REPO.parent / "shared" / "seed"
WORD = re.compile(r"[0-9a-zæøåéü]+")
CHAPTERS = ["hvorfor", "raad-og-risici", "organisering", "portefolje-program-projekt", "gode-projekter",
            "programopbygning", "kom-i-gang", "modenhed", "bilag-projektmodel", "bilag-portefoljestyring"]


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def handbook_texts() -> dict[str, str]:
    files = [p for p in sorted((REPO / "handbook").rglob("*")) if p.suffix in (".md", ".yaml")]
    texts = {p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8") for p in files}
    # the maturity levels and rule texts are handbook text too, kept in code
    for module in ("method/maturity.py", "rules/method_rules.py", "rules/data_rules.py"):
        path = REPO / "extensions" / "livinghandbook" / module
        texts[path.relative_to(REPO).as_posix()] = path.read_text(encoding="utf-8")
    return texts


def test_no_run_of_twelve_words_from_the_seed_guide():
    seeds = sorted(SEED.glob("*.txt"))
    if not seeds:
        pytest.skip(f"the seed guide is not at {SEED}")
    guide = "\n".join(seeds[0].read_text(encoding="utf-8").splitlines()[:40])
    guide_words = words(guide)
    grams = {tuple(guide_words[i:i + 12]) for i in range(len(guide_words) - 11)}
    assert len(grams) > 3000  # the guide really was read
    for name, text in handbook_texts().items():
        ours = words(text)
        copied = [" ".join(ours[i:i + 12]) for i in range(len(ours) - 11) if tuple(ours[i:i + 12]) in grams]
        assert copied == [], (name, copied[:1])


def test_the_method_text_is_substantial():
    method = [REPO / "handbook" / "metode" / f"{c}.md" for c in CHAPTERS]
    total = sum(len(words(p.read_text(encoding="utf-8"))) for p in method)
    total += len(words((REPO / "handbook" / "ordliste.md").read_text(encoding="utf-8")))
    total += len(words((REPO / "handbook" / "roller.md").read_text(encoding="utf-8")))
    roles = sum(len(words(p.read_text(encoding="utf-8"))) for p in (REPO / "handbook" / "roles").glob("*.yaml"))
    assert total > 3000 and roles > 1000, (total, roles)
    for path in method:
        assert len(words(path.read_text(encoding="utf-8"))) > 100, path.name


@pytest.mark.slow
def test_built_handbook_has_every_chapter_role_rule_glossary_and_maturity(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    # strict: not a single Sphinx warning (nitpicky is on), so every reference resolves
    assert build_into(data, tmp_path / "_build", strict=True) == 0
    site = tmp_path / "_build" / "testby" / "html"
    for chapter in CHAPTERS:
        assert (site / "metode" / f"{chapter}.html").exists(), chapter
    for role in ("portefoljeledelse", "programkomite", "programejer", "programleder", "gevinstansvarlig",
                 "gevinstcontroller", "projektleder", "projektdeltager", "folgegruppe", "styregruppe"):
        page = (site / "rolle" / f"{role}.html").read_text(encoding="utf-8")
        for field in ("ansvar", "opgaver", "gevinster", "typisk"):
            assert f'id="{role}-{field}"' in page, (role, field)
    rules = (site / "regler.html").read_text(encoding="utf-8")
    for rule_id in ALL_RULES:
        assert f'id="{rule_id}"' in rules, rule_id
    assert 'href="metode/organisering.html"' in rules  # rules link to the method text they come from
    g15 = rules[rules.index('id="G15"'):]
    assert 'href="rolle/programkomite.html"' in g15 and "Bemærk" in g15 and "G09" in g15  # the tension
    glossary = (site / "ordliste.html").read_text(encoding="utf-8")
    assert 'id="term-Gevinstansvarlig"' in glossary and "Business Change Manager" in glossary
    maturity = (site / "metode" / "modenhed.html").read_text(encoding="utf-8")
    assert re.search(r'<img [^>]*alt="Modenhed: [^"]*Beslutningsdygtighed og klare roller: 2 af 5', maturity)
    assert "Hvor skal I begynde?" in maturity


def test_the_credit_names_kls_guide_in_correct_danish():
    from livinghandbook.method.credit import credit_text

    text = credit_text("Solbjerg Kommune")
    assert "»Roller og ansvar i digitaliseringsprojekter«" in text and "KL (Kommunernes Landsforening)" in text
    assert "Solbjerg Kommunes egen gengivelse" in text
    assert "Aars' egen gengivelse" in credit_text("Aars")  # a name ending in s takes an apostrophe
