"""The data rules, E001–E005: always errors, enforced while loading (not configurable).

They live here as metadata only, so the rule documentation lists them next to the
method rules; the checks themselves are in ``data/`` and ``model/resolve.py``.
"""

from __future__ import annotations

from ..findings import Severity
from .registry import Rule

DATA_RULES: list[Rule] = [
    Rule("E001", "YAML-syntaks", Severity.ERROR,
         "Hver fil er gyldig YAML i UTF-8 med ét dokument, uden gentagne nøgler, og kan læses: "
         "en almindelig fil i mappen (et symbolsk link må ikke føre ud af mappen) på højst 16 MB, "
         "hvis aliaser (*navn) ikke udfolder den til mere end dobbelt størrelse plus en million tegn.",
         "En fil, der ikke kan læses, kan ikke valideres eller vises; og data må aldrig hentes "
         "uden for kommunens egen mappe.",
         "Ret linjen, fejlen peger på: typisk et manglende kolon, forkert indrykning eller "
         "et anførselstegn, der ikke er lukket. Et link ud af mappen erstattes af en kopi af filen.",
         ""),
    Rule("E002", "Dataformat", Severity.ERROR,
         "Hver nøgle og værdi følger dataformatet (JSON-skemaet): ingen ukendte nøgler, rigtige "
         "typer, påkrævede felter til stede, datoer der findes (år 1900-2199), beløb og tal inden for "
         "rimelige grænser, tekster der ikke kun er mellemrum, og et projekts slutdato ikke før dets start.",
         "En stavefejl i en nøgle må aldrig passere i stilhed.",
         "Ret nøglen eller værdien; beskeden nævner de tilladte nøgler og værdier.", ""),
    Rule("E003", "Dublet-id", Severity.ERROR,
         "Hvert id er entydigt i hele kommunen, også når der ses bort fra store og små bogstaver.",
         "Alt kan henvise til alt via id; to ting med samme id gør henvisninger tvetydige.",
         "Giv den ene et nyt id (beskeden peger på begge steder). P-1 og p-1 giver samme filnavn "
         "på Windows og macOS og tæller derfor også som dubletter.", ""),
    Rule("E004", "Ukendt henvisning", Severity.ERROR,
         "Hver henvisning peger på noget, der findes, og af den rigtige slags; hver rolle findes "
         "i rollekataloget og må bruges på det niveau.",
         "En henvisning til intet giver huller i organisationsdiagrammer og sporbarhed.",
         "Ret id'et (beskeden foreslår det nærmeste), eller opret det, der henvises til.",
         ""),
    Rule("E005", "Løkke i organisationen", Severity.ERROR,
         "Enhedernes parent danner et træ uden løkker.",
         "En enhed kan ikke ligge under sig selv; så kan forvaltning og direktion ikke findes.",
         "Ret parent på en af enhederne i løkken.", ""),
]
