"""The data rules, E001–E005: always errors, enforced while loading (not configurable).

They live here as metadata only, so the rule documentation lists them next to the
method rules; the checks themselves are in ``data/`` and ``model/resolve.py``.
"""

from __future__ import annotations

from ..findings import Severity
from .registry import Rule

DATA_RULES: list[Rule] = [
    Rule("E001", "YAML-syntaks", Severity.ERROR,
         "Hver fil er gyldig YAML i UTF-8 med ét dokument, uden gentagne nøgler.",
         "En fil, der ikke kan læses, kan ikke valideres eller vises.",
         "Ret linjen, fejlen peger på: typisk et manglende kolon, forkert indrykning eller "
         "et anførselstegn, der ikke er lukket.", ""),
    Rule("E002", "Dataformat", Severity.ERROR,
         "Hver nøgle og værdi følger dataformatet (JSON-skemaet): ingen ukendte nøgler, rigtige "
         "typer, påkrævede felter til stede.",
         "En stavefejl i en nøgle må aldrig passere i stilhed.",
         "Ret nøglen eller værdien; beskeden nævner de tilladte nøgler og værdier.", ""),
    Rule("E003", "Dublet-id", Severity.ERROR,
         "Hvert id er entydigt i hele kommunen.",
         "Alt kan henvise til alt via id; to ting med samme id gør henvisninger tvetydige.",
         "Giv den ene et nyt id (beskeden peger på begge steder).", ""),
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
