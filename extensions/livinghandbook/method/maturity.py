"""The maturity assessment: five dimensions, one per piece of good advice, each with
level descriptions 1–5 (Danish; the method's facts in our own words)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    id: str  # the key under maturity.scores in the data
    short: str  # chart label
    title: str
    advice: str
    levels: tuple[str, str, str, str, str]


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("styring", "Styring", "Effektive projekter med styr på økonomi, mål, tid og ressourcer",
              "Indfør en enkel, fælles projektmodel og en fast rytme for statusrapporter.",
              ("Projekter startes uden beskrivelse og følges ikke op.",
               "Nogle projekter har en beskrivelse, men der er ingen fælles krav.",
               "Der er en fælles projektmodel, men den bruges ikke konsekvent.",
               "Alle projekter følger projektmodellen og rapporterer status med fast interval.",
               "Projektmodellen forbedres løbende ud fra erfaringer, og status bruges aktivt til at omprioritere.")),
    Dimension("roller", "Roller", "Beslutningsdygtighed og klare roller",
              "Udpeg en navngiven person til hver rolle, og hold styregrupperne små. Sæt "
              "programkomitéen sammen med programejer, central gevinstansvarlig og projektlederne "
              "(regel G15), og del hellere et program med mange projekter end at lade komitéen vokse (G09).",
              ("Det er uklart, hvem der må beslutte hvad.",
               "Projektlederen er kendt, men ansvaret over og under er uklart.",
               "Rollerne er beskrevet, men ikke altid besat eller kendt i organisationen.",
               "Alle roller er besat med navngivne personer, og de kender deres ansvar.",
               "Rollerne er en del af ledelsens faste styring, og ansvar følges op i lederaftaler.")),
    Dimension("kompetencer", "Kompetencer", "De faglige kompetencer er til stede",
              "Kortlæg, hvilke kompetencer (udbud, kontrakter, forandring, målinger) projekterne mangler, og skaf dem.",
              ("Projekterne mangler ofte afgørende faglig viden.",
               "Viden hentes ad hoc, når problemerne opstår.",
               "De vigtigste kompetencer findes, men er spredt og svære at trække på.",
               "Kompetencerne er kendt og stilles systematisk til rådighed for projekterne.",
               "Kommunen opbygger og deler kompetencer på tværs og lærer af hvert projekt.")),
    Dimension("interessenter", "Interessenter", "Interessenterne inddrages om det rigtige på det rigtige tidspunkt",
              "Sørg for, at de gevinstansvarlige og driften er med fra projektets start. Regel G14 "
              "viser de gevinster, hvis gevinstansvarlige ikke sidder i styringen af de indsatser, "
              "gevinsten kommer af.",
              ("Driften hører først om projektet, når løsningen skal tages i brug.",
               "Interessenter informeres, men inddrages ikke i beslutningerne.",
               "De vigtigste interessenter inddrages i de fleste projekter.",
               "De gevinstansvarlige sidder i styringen fra start til slut, og følgegrupper bruges målrettet.",
               "Inddragelsen planlægges ud fra gevinsterne og evalueres efter hvert projekt.")),
    Dimension("gevinstfokus", "Gevinstfokus", "Organiseret efter gevinster, ikke kun leverancer",
              "Beskriv gevinsterne med ejer, måler og indikatorer, før projekterne sættes i gang.",
              ("Projekter styres alene efter leverancer, tid og økonomi.",
               "Gevinster nævnes i business cases, men følges ikke op.",
               "Gevinsterne har ejere, men måles sjældent.",
               "Gevinsterne har ejer, måler og indikatorer, og der følges op efter projektets afslutning.",
               "Porteføljen prioriteres efter realiserede gevinster, og erfaringer bruges i nye business cases.")),
)
