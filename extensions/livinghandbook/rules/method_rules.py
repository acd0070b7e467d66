"""The method's rules, G01–G15: what KL's guidance asks of roles, programmes and projects.

Each rule is a generator over the model that yields :class:`Issue` objects; the engine
adds id, severity and location. A rule never stops a build: its findings are shown in
the handbook and as Sphinx warnings. Texts are Danish; they name the entity id.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model.entities import AdHoc, Benefit, Deliverable, Municipality, Person, Programme, Project
from ..views.labels import date_da, plural
from .registry import Issue, Rule, RuleContext

INDICATOR_KINDS = {"early": "tidlig indikator", "success": "succeskriterium", "effect": "effekt"}
STEERING_BODIES = {"programkomite": "programkomitéen", "styregruppe": "styregruppen",
                   "folgegruppe": "følgegruppen"}
ROLE_NAMES = {"programejer": "programejer", "programleder": "programleder",
              "gevinstansvarlig": "gevinstansvarlig", "gevinstcontroller": "gevinstcontroller",
              "projektleder": "projektleder"}


def g01_programme_core_roles(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.programmes:
        for role_id in ("programejer", "programleder", "gevinstansvarlig"):
            holders = p.holders(role_id)
            if not holders:
                yield Issue(p, f"programmet {p.id} har ingen {ROLE_NAMES[role_id]}",
                            p.roles_location or p.location)
            elif len(holders) > 1:
                second = [a for a in p.assignments if a.role.id == role_id][1]
                yield Issue(p, f"programmet {p.id} har {len(holders)} med rollen {ROLE_NAMES[role_id]} "
                               f"({', '.join(h.id for h in holders)}); der skal være præcis én",
                            second.location)


def g02_benefits_owner_in_committee(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.programmes:
        committee = p.holders("programkomite")
        for a in p.assignments:
            if a.role.id == "gevinstansvarlig" and a.person not in committee:
                yield Issue(p, f"programmets gevinstansvarlige ({a.person.id}) sidder ikke i "
                               f"programkomitéen for {p.id}", a.location)


def g03_benefit_owner_and_measurer(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for b in m.benefits:
        missing = [ROLE_NAMES[r] for r in ("gevinstansvarlig", "gevinstcontroller") if not b.holders(r)]
        if missing:
            yield Issue(b, f"gevinsten {b.id} har ingen {' og ingen '.join(missing)}",
                        b.roles_location or b.location)


def g04_project_basics(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.projects:
        missing = []
        if not p.purpose:
            missing.append("formål (purpose)")
        if not p.deliverables:
            missing.append("leverancer (deliverables)")
        if not p.success_criteria:
            missing.append("succeskriterier (success_criteria)")
        if not p.holders("projektleder"):
            missing.append("projektleder")
        if missing:
            yield Issue(p, f"projektet {p.id} mangler {', '.join(missing)}")


def g05_programme_without_benefits(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.programmes:
        if p.projects and not p.benefits:
            yield Issue(p, f"programmet {p.id} har {plural(len(p.projects), 'projekt', 'projekter')}, men ingen gevinster: "
                           "det er organiseret efter leverancer, ikke efter gevinster")


def g06_benefit_links(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for b in m.benefits:
        if not b.enablers:
            yield Issue(b, f"gevinsten {b.id} muliggøres ikke af nogen leverance, projekt eller "
                           "ad hoc-indsats (enabled_by)", b.enablers_location or b.location)
        if not b.goals:
            yield Issue(b, f"gevinsten {b.id} understøtter intet strategisk mål (goals)")


def g07_enabler_without_benefit(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    efforts: list[Project | AdHoc] = [*m.projects, *m.adhoc]
    for e in efforts:
        if not e.enabled_benefits():
            what = "projektet" if e.kind == "project" else "ad hoc-indsatsen"
            yield Issue(e, f"{what} {e.id} muliggør ingen gevinst; ingen gevinst nævner det "
                           "eller dets leverancer i enabled_by")


def g08_stale_status(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    interval = m.reporting_interval_days
    reporting: list[Programme | Project] = [*m.programmes, *m.projects]
    for e in reporting:
        what = "programmet" if isinstance(e, Programme) else "projektet"
        if e.status is None:
            yield Issue(e, f"{what} {e.id} har ingen statusrapport (status)")
            continue
        if e.status.phase == "closed":
            continue  # a closed project reports no more
        age = (ctx.today - e.status.reported).days
        if age > interval:
            yield Issue(e, f"statusrapporten for {what} {e.id} er fra {date_da(e.status.reported)}, "
                           f"{age} dage gammel; der skal rapporteres mindst hver {interval}. dag",
                        e.status.location)


def g09_steering_body_size(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    limit = ctx.params["max"]
    for h in m.holders:
        for role_id, body in STEERING_BODIES.items():
            members = h.holders(role_id)
            if len(members) > limit:
                yield Issue(h, f"{body} for {h.id} har {len(members)} medlemmer; højst {limit} "
                               "giver en beslutningsdygtig gruppe", h.assignment_location(role_id))


def g10_cross_cutting_owner(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.programmes:
        areas = {area.id
                 for b in p.benefits for person in b.holders("gevinstansvarlig")
                 if person.unit is not None and (area := person.unit.forvaltning()) is not None}
        owners = p.holders("gevinstansvarlig")
        if len(areas) < 2 or not owners:
            continue
        if not any(o.unit is not None and o.unit.unit_kind == "direktion" for o in owners):
            yield Issue(p, f"programmet {p.id} går på tværs af {len(areas)} forvaltninger "
                           f"({', '.join(sorted(areas))}), men dets gevinstansvarlige "
                           f"({', '.join(o.id for o in owners)}) er ikke på direktionsniveau",
                        p.assignment_location("gevinstansvarlig"))


def g11_portfolio_anchoring(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    pf = m.portfolio
    if pf is None:
        return
    unit = pf.governance_unit
    if unit is None:
        yield Issue(pf, f"porteføljen {pf.id} angiver ikke, hvor styringen er forankret (governance_unit)")
    elif unit.unit_kind != "direktion":
        yield Issue(pf, f"porteføljen {pf.id} er forankret i {unit.id} ({unit.unit_kind}), "
                        "ikke på direktionsniveau", pf.governance_location)


def g12_indicator_kinds(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.programmes:
        present = {i.indicator_kind for b in p.benefits for i in b.indicators}
        missing = [name for kind, name in INDICATOR_KINDS.items() if kind not in present]
        if missing:
            yield Issue(p, f"programmets gevinster mangler indikatorer af typen: {', '.join(missing)} "
                           f"({p.id})")


def g13_role_load(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    limit = ctx.params["max"]
    for person in m.people:
        if len(person.assignments) > limit:
            yield Issue(person, f"{person.id} har {len(person.assignments)} rolletildelinger (over {limit}); "
                                "overvej om ansvaret kan bæres i praksis")


def _efforts(b: Benefit) -> list[Project | AdHoc]:
    """The projects and ad hoc efforts that enable a benefit, directly or through a deliverable."""
    found: dict[str, Project | AdHoc] = {}
    for enabler in b.enablers:
        effort = enabler.project if isinstance(enabler, Deliverable) else enabler
        if isinstance(effort, (Project, AdHoc)):
            found.setdefault(effort.id, effort)
    return list(found.values())


def _not_steering(person: Person, effort: Project | AdHoc) -> str:
    """'' when the person sits in a body that steers the effort, else where they are missing."""
    what = "projektet" if isinstance(effort, Project) else "ad hoc-indsatsen"
    programme = effort.programme
    if person in effort.holders("styregruppe") or (programme and person in programme.holders("programkomite")):
        return ""
    if isinstance(effort, Project):
        if programme is None:
            return f"sidder ikke i styregruppen for {what} {effort.id}"
        return (f"sidder hverken i styregruppen for {what} {effort.id} eller i programkomitéen for "
                f"{programme.id}, som projektet hører til")
    if programme is None:  # an ad hoc effort has no styregruppe of its own
        return f"har ingen plads i styringen af {what} {effort.id}, for den hører ikke til et program"
    return f"sidder ikke i programkomitéen for {programme.id}, som styrer {what} {effort.id}"


def g14_owner_where_effort_is_steered(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for b in m.benefits:
        owners = [a for a in b.assignments if a.role.id == "gevinstansvarlig"]
        for effort in _efforts(b):
            for owner in owners:
                missing = _not_steering(owner.person, effort)
                if missing:
                    yield Issue(b, f"den gevinstansvarlige for gevinsten {b.id} ({owner.person.id}) {missing}",
                                owner.location)


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" og " if len(items) > 1 else "") + items[-1]


def g15_committee_composition(m: Municipality, ctx: RuleContext) -> Iterator[Issue]:
    for p in m.programmes:
        committee = p.holders("programkomite")
        central = p.holders("gevinstansvarlig")  # G02 reports the central benefits owner
        owners = p.holders("programejer")
        leads: dict[str, tuple[Person, list[str]]] = {person.id: (person, []) for person in owners}
        for pr in p.projects:
            for person in pr.holders("projektleder"):
                leads.setdefault(person.id, (person, []))[1].append(pr.id)
        missing = []
        for pid, (person, projects) in leads.items():
            if person in committee or person in central:
                continue
            why = (["programejer"] if person in owners else []) + ([f"projektleder for {_and(projects)}"]
                                                                  if projects else [])
            missing.append(f"{pid} ({', '.join(why)})")
        if not missing:
            continue
        if committee:
            yield Issue(p, f"programkomitéen for {p.id} mangler {_and(missing)}", p.assignment_location("programkomite"))
        else:
            yield Issue(p, f"programmet {p.id} har ingen programkomité; den skal mindst have {_and(missing)} "
                           "som medlemmer", p.roles_location or p.location)


METHOD_RULES: list[Rule] = [
    Rule("G01", "Programmets kerneroller", Severity.ERROR,
         "Et program har præcis én programejer, én programleder og én gevinstansvarlig.",
         "Ansvar, der deles eller ikke er placeret, bliver ikke båret. Metoden kræver en navngiven "
         "person i hver af de tre roller.",
         "Tilføj de manglende roller på programmet, eller fjern de ekstra personer (i data: programmets roles).",
         "roller", check=g01_programme_core_roles),
    Rule("G02", "Gevinstansvarlig i programkomitéen", Severity.WARNING,
         "Programmets gevinstansvarlige er medlem af programkomitéen.",
         "Den gevinstansvarlige skal være med i programmets styring fra start til slut.",
         "Gør den gevinstansvarlige til medlem af programkomitéen (i data: roles.programkomite på programmet).",
         "metode/organisering", check=g02_benefits_owner_in_committee),
    Rule("G03", "Gevinst med ejer og måler", Severity.WARNING,
         "Hver gevinst har en gevinstansvarlig og en gevinstcontroller (målermand).",
         "En gevinst uden ejer realiseres ikke; en gevinst uden måler kan ingen følge.",
         "Udpeg en gevinstansvarlig og en gevinstcontroller for gevinsten (i data: gevinstens roles).",
         "roller", check=g03_benefit_owner_and_measurer),
    Rule("G04", "Projektets grundkrav", Severity.WARNING,
         "Et projekt har formål, mindst én leverance, mindst ét succeskriterium og en projektleder.",
         "Et klart formål, klare leverancer og succeskriterier og en klar organisation er "
         "grundkravene til et godt projekt.",
         "Udfyld projektets formål, leverancer, succeskriterier og projektleder (i data: purpose, deliverables, "
         "success_criteria og roles.projektleder).",
         "metode/gode-projekter", check=g04_project_basics),
    Rule("G05", "Program organiseret efter gevinster", Severity.WARNING,
         "Et program med projekter har mindst én gevinst.",
         "Et program, der kun styrer leverancer, mister sin vigtigste styrke: overblikket over "
         "gevinsterne.",
         "Beskriv programmets gevinster, og knyt hver af dem til de leverancer eller projekter, der muliggør den "
         "(i data: benefits og enabled_by).",
         "metode/portefolje-program-projekt", check=g05_programme_without_benefits),
    Rule("G06", "Gevinst med årsag og mål", Severity.WARNING,
         "Hver gevinst muliggøres af mindst én leverance, ét projekt eller én ad hoc-indsats og "
         "understøtter mindst ét strategisk mål.",
         "Gevinster skal kunne føres tilbage til en indsats og frem til kommunens strategiske mål.",
         "Angiv, hvad der muliggør gevinsten, og hvilke strategiske mål den understøtter (i data: enabled_by "
         "og goals).",
         "metode/organisering", check=g06_benefit_links),
    Rule("G07", "Indsats uden gevinst", Severity.WARNING,
         "Hvert projekt og hver ad hoc-indsats muliggør mindst én gevinst.",
         "En indsats, der ikke bidrager til en gevinst, bør genovervejes eller knyttes til en.",
         "Knyt projektet, en af dets leverancer eller ad hoc-indsatsen til den gevinst, den muliggør (i data: "
         "gevinstens enabled_by).",
         "metode/portefolje-program-projekt", check=g07_enabler_without_benefit),
    Rule("G08", "Rettidig statusrapport", Severity.WARNING,
         "Programmer og projekter, der ikke er afsluttet, har en statusrapport, der ikke er ældre "
         "end kommunens rapporteringsinterval (standard 90 dage; i data: reporting_interval_days).",
         "Porteføljestyringen forudsætter rapportering med et fast interval.",
         "Giv en ny status med dagens dato, eller marker indsatsen som afsluttet (i data: status.reported, eller "
         "status.phase: closed).",
         "metode/bilag-portefoljestyring", check=g08_stale_status),
    Rule("G09", "Beslutningsdygtige styringsorganer", Severity.WARNING,
         "Programkomité, styregruppe og følgegruppe har ikke flere medlemmer end kommunens grænse "
         "(indstillingen max, standard 9).",
         "Metoden råder til beslutningsdygtighed og klare roller. Jo flere der sidder om bordet, jo "
         "sværere er det at se, hvem der kan beslutte hvad.",
         "Gør gruppen mindre, eller hæv kommunens grænse for reglen (i data: max for G09 under municipality.rules).",
         "metode/organisering", params={"max": 9}, check=g09_steering_body_size),
    Rule("G10", "Tværgående program ejes centralt", Severity.WARNING,
         "Når et programs gevinster ejes af gevinstansvarlige i to eller flere forvaltninger, er "
         "programmets egen gevinstansvarlige på direktionsniveau.",
         "En fagchef kan ikke naturligt eje gevinsterne på tværs af forvaltninger; ejerskabet må "
         "ligge centralt.",
         "Udpeg en gevinstansvarlig fra direktionen for programmet.",
         "metode/organisering", check=g10_cross_cutting_owner),
    Rule("G11", "Porteføljen forankret i direktionen", Severity.WARNING,
         "Porteføljen er forankret i en enhed af typen direktion (i data: portfolio.governance_unit).",
         "Prioriteringen af digitaliseringsprojekter skal besluttes på højeste niveau.",
         "Forankr porteføljen i direktionen (i data: portfolio.governance_unit med direktionens id).",
         "metode/organisering", check=g11_portfolio_anchoring),
    Rule("G12", "Tre slags indikatorer", Severity.WARNING,
         "Et programs gevinster har tilsammen mindst én tidlig indikator, ét succeskriterium og "
         "én effekt.",
         "Tidlige indikatorer, succeskriterier og effekter viser tilsammen, om programmet er på "
         "vej mod gevinsterne.",
         "Giv gevinsterne de slags indikatorer, der mangler (i data: gevinsternes indicators).",
         "metode/programopbygning", check=g12_indicator_kinds, superseded_by=("G05",),
         note="Har programmet projekter, men ingen gevinster, finder G05 det allerede; G12 melder så ikke "
              "også, at indikatorerne mangler."),
    Rule("G13", "Mange roller på én person", Severity.INFO,
         "En person har ikke flere rolletildelinger end kommunens grænse (indstillingen max, standard 6).",
         "Flere roller kan godt samles hos én person, men ansvaret skal kunne bæres i praksis.",
         "Fordel rollerne på flere personer, eller hæv kommunens grænse for reglen (i data: max for G13 under "
         "municipality.rules).",
         "roller", params={"max": 6}, check=g13_role_load),
    Rule("G14", "Gevinstansvarlig i styringen af indsatsen", Severity.WARNING,
         "For hver gevinst og hvert projekt eller hver ad hoc-indsats, der muliggør den (direkte eller "
         "gennem en leverance), er gevinstens gevinstansvarlige medlem af indsatsens styregruppe eller, "
         "når indsatsen hører til et program, af programmets programkomité. Én af de to er nok.",
         "Metoden lægger vægt på, at de gevinstansvarlige udpeges, når projektet eller programmet "
         "designes, og er med i dets styring hele vejen. Uden den gevinstansvarlige styres indsatsen "
         "efter sine leverancer og ikke efter de gevinster, driften skal hente bagefter.",
         "Gør den gevinstansvarlige til medlem af projektets styregruppe eller programmets programkomité "
         "(i data: roles.styregruppe på projektet eller roles.programkomite på programmet), eller gør en "
         "person, der allerede er med i styringen, til gevinstansvarlig.",
         "metode/organisering", check=g14_owner_where_effort_is_steered),
    Rule("G15", "Programkomitéen sammensat som i metoden", Severity.WARNING,
         "Et programs programkomité har programejeren og projektlederen for hvert af programmets "
         "projekter som medlemmer. Den centrale gevinstansvarlige tjekkes af G02 og nævnes ikke her.",
         "Metoden beskriver komitéen som programmets bestyrelse: programejeren, der leder dens arbejde, "
         "den centrale gevinstansvarlige, programmets projektledere og efter behov de decentrale "
         "gevinstansvarlige. Står en projektleder uden for, mister komitéen forbindelsen til projektet.",
         "Gør de manglende personer til medlemmer af programkomitéen (i data: roles.programkomite på programmet).",
         "rolle/programkomite", check=g15_committee_composition,
         note="Reglen trækker i den modsatte retning af G09, der holder antallet af medlemmer i "
              "styringsorganerne inden for kommunens grænse (standard 9): et program med mange "
              "projekter får en stor komité. Kommer komitéen over grænsen, så overvej at dele "
              "programmet i flere mindre programmer, frem for at holde projektlederne uden for komitéen."),
]
