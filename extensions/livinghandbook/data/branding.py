"""A municipality's branding: its logo and accent colour (``municipality.branding``).

Checked when a folder is validated (``validate.validate_folder``), with Danish findings
at the value's line:

* the logo is a relative path to a file inside the data folder: no ``..``, no absolute
  path, no link that leads out of the folder (E004 when it names nothing there); an
  image of a type browsers and the PDF show (svg, png, jpg, webp) whose content is what
  its name says, at most 2 MB (E002);
* the colour is ``#rrggbb`` with at least 4.5:1 contrast against white (E002): it
  colours links and the header's navigation bar (white text on it), so it must pass
  WCAG 2.1 AA for normal text both ways.

The HTML theme copies the logo into the site (``theme/branding.py``); the PDF's cover
reads ``Municipality.branding`` too. Nothing here writes anywhere.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..findings import Finding, Location, Severity
from .yaml_positions import YamlMapping, location_of

IMAGE_SUFFIXES = {".svg": "svg", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}
MAX_LOGO_BYTES = 2 * 1024 * 1024
MIN_CONTRAST = 4.5
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Branding:
    """What the handbook shows of the municipality's identity; None where not given."""

    logo: Path | None = None  # absolute path of the logo file (inside the data folder)
    color: str | None = None  # '#rrggbb', lower case; passes 4.5:1 against white


# -- colour -----------------------------------------------------------------------------
def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of '#rrggbb'."""
    channels = []
    for index in (1, 3, 5):
        c = int(color[index:index + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two '#rrggbb' colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _ratio_text(ratio: float) -> str:
    return f"{int(ratio * 100) / 100:.2f}".replace(".", ",")  # truncated: 4,49 must not read as 4,5


# -- images -----------------------------------------------------------------------------
def sniff_image(data: bytes) -> str | None:
    """The image type of a file's first bytes: 'png', 'jpeg', 'webp', 'svg' or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in head:
        return "svg"
    return None


def image_size(data: bytes) -> tuple[float, float] | None:
    """(width, height) from an image's header, or None when it does not say (only the
    aspect ratio is used: the theme sizes the logo by its height)."""
    kind = sniff_image(data)
    if kind == "png" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return float(width), float(height)
    if kind == "jpeg":
        return _jpeg_size(data)
    if kind == "webp":
        return _webp_size(data)
    if kind == "svg":
        return _svg_size(data[:4096].decode("utf-8", "replace"))
    return None


def _jpeg_size(data: bytes) -> tuple[float, float] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return float(width), float(height)
        index += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[float, float] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return float(width & 0x3FFF), float(height & 0x3FFF)
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return float((bits & 0x3FFF) + 1), float(((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(data) >= 30:
        return float(int.from_bytes(data[24:27], "little") + 1), float(int.from_bytes(data[27:30], "little") + 1)
    return None


def _svg_size(text: str) -> tuple[float, float] | None:
    tag = re.search(r"<svg\b[^>]*>", text, re.IGNORECASE | re.DOTALL)
    if tag is None:
        return None
    box = re.search(r'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', tag.group(0))
    if box is not None:
        width, height = float(box.group(1)), float(box.group(2))
    else:
        sizes = [re.search(rf'\b{name}\s*=\s*["\']\s*([\d.]+)', tag.group(0)) for name in ("width", "height")]
        if sizes[0] is None or sizes[1] is None:
            return None
        width, height = float(sizes[0].group(1)), float(sizes[1].group(1))
    return (width, height) if width > 0 and height > 0 else None


# -- the check ------------------------------------------------------------------------------
def check_branding(head: YamlMapping, folder: Path) -> tuple[Branding, list[Finding]]:
    """The branding of ``municipality`` (schema-checked) and the findings about it.
    ``folder`` is the data folder the logo must be inside."""
    branding = head.get("branding")
    if not isinstance(branding, YamlMapping):
        return Branding(), []
    findings: list[Finding] = []
    logo = _check_logo(branding, folder, findings) if "logo" in branding else None
    color = _check_color(branding, findings) if "color" in branding else None
    return Branding(logo, color), findings


def _at(branding: YamlMapping, key: str) -> Location:
    return location_of(branding, key) or branding.location


def _check_color(branding: YamlMapping, findings: list[Finding]) -> str | None:
    value = str(branding["color"])
    where = _at(branding, "color")
    if not COLOR.match(value):
        findings.append(Finding("E002", Severity.ERROR, f"farven '{value}' i branding.color skal skrives "
                                "#rrggbb med seks hex-cifre, fx '#1f5f8b'", where))
        return None
    ratio = contrast_ratio(value)
    if ratio < MIN_CONTRAST:
        findings.append(Finding("E002", Severity.ERROR, f"farven '{value}' i branding.color har kun kontrasten "
                                f"{_ratio_text(ratio)}:1 mod hvid; den skal være mindst 4,5:1, så links og "
                                "menulinjen kan læses (WCAG 2.1 AA). Vælg en mørkere nuance", where))
        return None
    return value.lower()


def _check_logo(branding: YamlMapping, folder: Path, findings: list[Finding]) -> Path | None:
    value = str(branding["logo"])
    where = _at(branding, "logo")

    def fail(rule: str, text: str) -> None:
        findings.append(Finding(rule, Severity.ERROR, f"logoet '{value}' i branding.logo {text}", where))

    relative = PurePosixPath(value.replace("\\", "/"))
    suffix = relative.suffix.lower()
    if not value.strip() or relative.is_absolute() or re.match(r"^[A-Za-z]:", value) or ".." in relative.parts:
        fail("E004", "skal være en fil i datamappen, skrevet i forhold til mappen (fx logo.svg), uden '..'")
        return None
    base = folder.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        fail("E004", "peger uden for datamappen (via en genvej); læg selve filen i datamappen")
        return None
    if not path.is_file():
        fail("E004", "findes ikke i datamappen")
        return None
    if suffix not in IMAGE_SUFFIXES:
        fail("E002", "skal være et billede af typen svg, png, jpg eller webp")
        return None
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        fail("E002", f"fylder {size / 1024 / 1024:.1f} MB; højst 2 MB".replace(".", ",", 1))
        return None
    with path.open("rb") as handle:
        kind = sniff_image(handle.read(4096))
    if kind != IMAGE_SUFFIXES[suffix]:
        fail("E002", f"er ikke et {suffix[1:]}-billede (filens indhold passer ikke til navnet)")
        return None
    return path
