"""The workbook's layout: which sheets, which columns, and how each column maps to the data.

One table serves both directions (``rows.py`` turns data into rows and rows back into
data; ``export.py`` writes the rows; ``read.py`` finds the columns again), so the export
and the import cannot drift apart. A column's ``key`` is its place in the data contract
(dotted for a nested mapping: ``status.phase``); it is written into the sheet's hidden
first row, so the import finds columns by key whatever their order or label. Keys that
start with ``_`` are not data: ``_file`` (the YAML file holding a row) and read-only
information columns.

Lists that a cell cannot hold with a dropdown (a programme's goals, what enables a
benefit, role assignments) are sheets of their own, one row per link: the relational
form every spreadsheet user knows, and one where every reference gets a dropdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..views.labels import BENEFIT_KIND, INDICATOR_KIND, LEVEL, PHASE, RAG, UNIT_KIND


class Kind(str, Enum):
    """How a column's cells are written and read."""

    ID = "id"            # an entity id (text, trimmed)
    TEXT = "text"        # Danish text, kept exactly
    REF = "ref"          # the id of something on another sheet (dropdown)
    ENUM = "enum"        # one of ``choices`` (Danish labels in a dropdown, tokens in the data)
    LINES = "lines"      # a list of texts, one per line in the cell
    DATE = "date"
    INT = "int"
    NUMBER = "number"
    BOOL = "bool"        # Ja/Nej
    FILE = "file"        # the YAML file a row lives in
    INFO = "info"        # read-only information, never imported


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind
    help: str = ""
    choices: dict[str, str] | None = None  # data token -> Danish label, for ENUM and LINES
    target: str | None = None  # for REF: the sheet whose id column the dropdown draws from
    width: int | None = None  # a fixed width; else fitted to the content

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


class Source(str, Enum):
    """Where a sheet's rows live in the data."""

    LIST = "list"        # a top-level list: one row per item (units, programmes, ...)
    SINGLE = "single"    # a top-level mapping: one row (municipality, portfolio, maturity)
    CHILD = "child"      # items of a list inside another sheet's items (a project's deliverables)
    VALUES = "values"    # one row per value of a list inside another sheet's items
    ROLES = "roles"      # one row per (entity, role, person) of every ``roles:`` mapping
    RULES = "rules"      # one row per method rule: ``municipality.rules``


@dataclass(frozen=True)
class Sheet:
    name: str  # Danish, at most 31 characters (Excel's limit)
    source: Source
    columns: tuple[Column, ...]
    about: str  # one Danish sentence for the Om sheet
    data_key: str = ""  # LIST/SINGLE: the top-level key; CHILD/VALUES: the key inside the parent
    parent: str = ""  # CHILD/VALUES: the parent sheet; the first column refers to it
    required: bool = False  # SINGLE: the data must have exactly one

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def id_column(self) -> Column | None:
        return next((c for c in self.columns if c.kind is Kind.ID), None)

    @property
    def data_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind is not Kind.INFO)


YES_NO = {"true": "Ja", "false": "Nej"}
HOLDERS = {"one": "Én person", "many": "Flere personer"}
SEVERITY_SETTING = {"default": "Standard", "error": "Fejl", "warning": "Advarsel", "info": "Info",
                    "off": "Slået fra"}

FILE = Column("_file", "Fil", Kind.FILE, "Den YAML-fil i datamappen, rækken står i. Lad den stå; "
              "en ny række uden fil kommer i den fil, der allerede har den slags data.", width=24)


def _status(what: str) -> tuple[Column, ...]:
    return (
        Column("status.phase", "Fase", Kind.ENUM, f"{what}s fase ved seneste statusrapport.", PHASE),
        Column("status.rag", "Trafiklys", Kind.ENUM, "Grøn, gul eller rød ved seneste statusrapport.", RAG),
        Column("status.reported", "Statusdato", Kind.DATE, "Datoen for seneste statusrapport."),
        Column("status.note", "Statusnote", Kind.TEXT, "Kort kommentar til status."),
    )


_ID = "Entydigt id i hele kommunen: a-z, A-Z, tal, bindestreg og understregning."
_RELATIONS = {"reports_to": "Rapporterer til", "appointed_by": "Udpeges af", "member_of": "Medlem af",
              "leads": "Leder", "advises": "Rådgiver"}
_SCORES = {"styring": "Styring", "roller": "Roller", "kompetencer": "Kompetencer",
           "interessenter": "Interessenter", "gevinstfokus": "Gevinstfokus"}

SHEETS: tuple[Sheet, ...] = (
    Sheet("Programmer", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Programmets navn."),
        Column("purpose", "Formål", Kind.TEXT, "Hvorfor programmet findes.", width=50),
        Column("business_case.investment", "Investering (kr.)", Kind.INT, "Samlet investering i hele kroner."),
        Column("business_case.annual_benefit", "Årlig gevinst (kr.)", Kind.INT, "Forventet årlig gevinst i hele kroner."),
        Column("business_case.payback_year", "Tilbagebetalt år", Kind.INT, "Året, investeringen er tjent hjem."),
        *_status("Programmet"), FILE,
    ), "Et program pr. række: formål, business case og seneste status.", data_key="programmes"),
    Sheet("Programmål", Source.VALUES, (
        Column("programme", "Program", Kind.REF, "Programmets id.", target="Programmer"),
        Column("goal", "Strategisk mål", Kind.REF, "Id på et strategisk mål, programmet understøtter.", target="Mål"),
    ), "Hvilke strategiske mål hvert program understøtter: en række pr. mål.",
        data_key="goals", parent="Programmer"),
    Sheet("Projekter", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Projektets navn."),
        Column("programme", "Program", Kind.REF, "Programmets id; tom for et selvstændigt projekt.",
               target="Programmer"),
        Column("purpose", "Formål", Kind.TEXT, "Projektets formål.", width=50),
        Column("start", "Start", Kind.DATE, "Projektets startdato."),
        Column("end", "Slut", Kind.DATE, "Projektets slutdato."),
        *_status("Projektet"), FILE,
    ), "Et projekt pr. række, i et program eller selvstændigt.", data_key="projects"),
    Sheet("Leverancer", Source.CHILD, (
        Column("project", "Projekt", Kind.REF, "Id på projektet, der leverer den.", target="Projekter"),
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Leverancen."),
        Column("description", "Beskrivelse", Kind.TEXT, "Uddybning.", width=50),
    ), "Projekternes leverancer: en række pr. leverance.", data_key="deliverables", parent="Projekter"),
    Sheet("Succeskriterier", Source.VALUES, (
        Column("project", "Projekt", Kind.REF, "Projektets id.", target="Projekter"),
        Column("criterion", "Succeskriterium", Kind.TEXT, "Et succeskriterium for projektet.", width=60),
    ), "Projekternes succeskriterier: en række pr. kriterium.", data_key="success_criteria", parent="Projekter"),
    Sheet("Ad hoc-indsatser", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Indsatsen."),
        Column("programme", "Program", Kind.REF, "Programmets id.", target="Programmer"),
        Column("description", "Beskrivelse", Kind.TEXT, "Uddybning.", width=50),
        FILE,
    ), "Forandringer i driften uden egen projektorganisation.", data_key="adhoc"),
    Sheet("Gevinster", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Gevinsten."),
        Column("kind", "Type", Kind.ENUM, "Økonomisk, effektivitet, kvalitet eller strategisk.", BENEFIT_KIND),
        Column("description", "Beskrivelse", Kind.TEXT, "Uddybning.", width=50),
        FILE,
    ), "En gevinst pr. række.", data_key="benefits"),
    Sheet("Muliggørere", Source.VALUES, (
        Column("benefit", "Gevinst", Kind.REF, "Gevinstens id.", target="Gevinster"),
        Column("deliverable", "Leverance", Kind.REF, "En leverance, der muliggør gevinsten.", target="Leverancer"),
        Column("project", "Projekt", Kind.REF, "Eller et projekt, der muliggør den.", target="Projekter"),
        Column("adhoc", "Ad hoc-indsats", Kind.REF, "Eller en ad hoc-indsats, der muliggør den.",
               target="Ad hoc-indsatser"),
    ), "Hvad der muliggør hver gevinst: en række pr. leverance, projekt eller ad hoc-indsats.",
        data_key="enabled_by", parent="Gevinster"),
    Sheet("Gevinstmål", Source.VALUES, (
        Column("benefit", "Gevinst", Kind.REF, "Gevinstens id.", target="Gevinster"),
        Column("goal", "Strategisk mål", Kind.REF, "Id på et strategisk mål, gevinsten understøtter.", target="Mål"),
    ), "Hvilke strategiske mål hver gevinst understøtter: en række pr. mål.", data_key="goals", parent="Gevinster"),
    Sheet("Indikatorer", Source.CHILD, (
        Column("benefit", "Gevinst", Kind.REF, "Id på gevinsten, indikatoren måler.", target="Gevinster"),
        Column("id", "Id", Kind.ID, _ID),
        Column("kind", "Type", Kind.ENUM, "Tidlig indikator, succeskriterium eller effekt.", INDICATOR_KIND),
        Column("title", "Titel", Kind.TEXT, "Hvad der måles."),
        Column("unit", "Enhed", Kind.TEXT, "Fx %, timer eller kr."),
        Column("baseline.value", "Udgangspunkt", Kind.NUMBER, "Værdien ved start."),
        Column("baseline.date", "Udgangspunkt dato", Kind.DATE, "Hvornår udgangspunktet er målt."),
        Column("target.value", "Mål", Kind.NUMBER, "Den værdi, der skal nås."),
        Column("target.date", "Måldato", Kind.DATE, "Hvornår målet skal være nået."),
    ), "Gevinsternes indikatorer med udgangspunkt og mål.", data_key="indicators", parent="Gevinster"),
    Sheet("Målinger", Source.CHILD, (
        Column("indicator", "Indikator", Kind.REF, "Indikatorens id.", target="Indikatorer"),
        Column("date", "Dato", Kind.DATE, "Hvornår der er målt."),
        Column("value", "Værdi", Kind.NUMBER, "Den målte værdi."),
        Column("note", "Note", Kind.TEXT, "Kommentar til målingen.", width=40),
    ), "Målinger af indikatorerne: en række pr. måling.", data_key="measurements", parent="Indikatorer"),
    Sheet("Mål", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Det strategiske mål."),
        Column("description", "Beskrivelse", Kind.TEXT, "Uddybning.", width=50),
        FILE,
    ), "Kommunens strategiske mål.", data_key="goals"),
    Sheet("Personer", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("name", "Navn", Kind.TEXT, "Fulde navn."),
        Column("title", "Stilling", Kind.TEXT, "Stillingsbetegnelse."),
        Column("unit", "Enhed", Kind.REF, "Id på personens enhed.", target="Enheder"),
        FILE,
    ), "Personer med en rolle i porteføljen.", data_key="people"),
    Sheet("Enheder", Source.LIST, (
        Column("id", "Id", Kind.ID, _ID),
        Column("name", "Navn", Kind.TEXT, "Enhedens navn."),
        Column("kind", "Niveau", Kind.ENUM, "Direktion, forvaltning, center eller afdeling.", UNIT_KIND),
        Column("parent", "Overordnet enhed", Kind.REF, "Id på enheden over denne.", target="Enheder"),
        FILE,
    ), "Organisationens enheder.", data_key="units"),
    Sheet("Rolletildelinger", Source.ROLES, (
        Column("holder", "Hvor", Kind.REF, "Id på porteføljen, et program, et projekt, en ad hoc-indsats "
               "eller en gevinst.", target="_holders"),
        Column("role", "Rolle", Kind.REF, "Rollens id fra rollekataloget, fx projektleder.", target="_roles"),
        Column("person", "Person", Kind.REF, "Personens id.", target="Personer"),
    ), "Hvem har hvilken rolle hvor: en række pr. person pr. rolle."),
    Sheet("Portefølje", Source.SINGLE, (
        Column("id", "Id", Kind.ID, _ID),
        Column("title", "Titel", Kind.TEXT, "Porteføljens navn."),
        Column("description", "Beskrivelse", Kind.TEXT, "Uddybning.", width=50),
        Column("governance_unit", "Forankret i", Kind.REF, "Enheden, porteføljestyringen er forankret i.",
               target="Enheder"),
        FILE,
    ), "Porteføljen: præcis én række.", data_key="portfolio", required=True),
    Sheet("Kommune", Source.SINGLE, (
        Column("id", "Id", Kind.ID, "Kort navn med små bogstaver, fx nordby."),
        Column("name", "Navn", Kind.TEXT, "Kommunens navn."),
        Column("publish_names", "Vis navne", Kind.BOOL, "Nej: håndbogen viser kun stillinger, ikke navne. "
               "Tom betyder Ja.", YES_NO),
        Column("reporting_interval_days", "Statusinterval (dage)", Kind.INT,
               "Hvor mange dage der højst må gå mellem statusrapporter. Tom betyder 90."),
        FILE,
    ), "Kommunen: præcis én række.", data_key="municipality", required=True),
    Sheet("Regler", Source.RULES, (
        Column("rule", "Regel", Kind.ID, "Metodens regel."),
        Column("_title", "Titel", Kind.INFO, "Hvad reglen tjekker (kan ikke ændres her)."),
        Column("_default", "Standard", Kind.INFO, "Reglens alvor, når intet er valgt."),
        Column("severity", "Indstilling", Kind.ENUM, "Standard, en anden alvor, eller slået fra.",
               SEVERITY_SETTING),
        Column("max", "Højst", Kind.INT, "Reglens grænse, hvor den har en (G09, G13)."),
    ), "Kommunens tilpasning af metodens regler."),
    Sheet("Modenhed", Source.SINGLE, (
        Column("assessed", "Vurderet", Kind.DATE, "Datoen for modenhedsvurderingen."),
        *(Column(f"scores.{k}", label, Kind.INT, "1-5.") for k, label in _SCORES.items()),
        Column("note", "Note", Kind.TEXT, "Kommentar til vurderingen.", width=40),
        FILE,
    ), "Modenhedsvurderingen: én række, eller ingen.", data_key="maturity"),
    Sheet("Lokale roller", Source.LIST, (
        Column("id", "Id", Kind.ID, "Rollens id (små bogstaver); samme id som i rollekataloget tilpasser den."),
        Column("name", "Navn", Kind.TEXT, "Rollens danske navn."),
        Column("name_en", "Engelsk navn", Kind.TEXT, "Rollens engelske navn."),
        Column("aliases", "Andre navne", Kind.LINES, "Ét navn pr. linje."),
        Column("levels", "Niveauer", Kind.LINES, "Hvor rollen kan tildeles, ét pr. linje.", LEVEL),
        Column("holders", "Antal", Kind.ENUM, "Én person eller flere.", HOLDERS),
        Column("summary", "Kort", Kind.TEXT, "Rollen i én sætning.", width=40),
        Column("responsibility", "Ansvar", Kind.TEXT, "Rollens ansvar.", width=40),
        Column("tasks", "Opgaver", Kind.LINES, "Én opgave pr. linje.", width=40),
        Column("benefits_role", "Rolle i gevinstrealisering", Kind.TEXT, "", width=40),
        Column("typical_holders", "Typisk", Kind.TEXT, "Hvem der typisk har rollen.", width=30),
        *(Column(f"relations.{k}", label, Kind.LINES, "Rolle-id'er, ét pr. linje.") for k, label in _RELATIONS.items()),
        Column("msp", "MSP", Kind.TEXT, "Tilsvarende rolle i MSP."),
        Column("state_model", "Statens model", Kind.TEXT, "Tilsvarende rolle i statens projektmodel."),
        FILE,
    ), "Kommunens egne roller og tilpasninger af rollekataloget (for konsulenten).", data_key="roles"),
)

BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
FINDINGS_SHEET, ABOUT_SHEET, LISTS_SHEET = "Fund", "Om", "Lister"
# Hidden helper lists for dropdowns that draw from more than one sheet.
HELPER_LISTS = {"_holders": ("A", "Hvor (id)"), "_roles": ("B", "Rolle (id)")}
HOLDER_SHEETS = ("Portefølje", "Programmer", "Projekter", "Ad hoc-indsatser", "Gevinster")
KEY_ROW, LABEL_ROW, FIRST_DATA_ROW = 1, 2, 3  # 1-based, as users see them
