"""The municipality's branding (issue 14): a logo file inside the data folder and an accent
colour that reads on white. Every bad value is an error at its line naming the value;
a good one reaches the model as an absolute path and a lower-case colour."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from helpers import run
from livinghandbook.data.branding import MAX_LOGO_BYTES, contrast_ratio, image_size, sniff_image
from livinghandbook.theme.branding import brand_css

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40"><rect width="80" height="40" '
       'fill="#16605a"/></svg>\n')


def png(width: int = 3, height: int = 2) -> bytes:
    """A real (tiny) PNG: signature, IHDR, one IDAT, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def branded(folder: Path, branding: str) -> Path:
    """The fixture's kommune.yaml with a ``branding:`` block (from line 5; its first value on line 6)."""
    path = folder / "kommune.yaml"
    text = path.read_text(encoding="utf-8")
    head = "  name: Testby Kommune\n"
    assert head in text
    path.write_text(text.replace(head, head + "  branding:\n" + branding, 1), encoding="utf-8")
    return folder


def error(result, rule: str):
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, [f.format_line() for f in result.findings]
    assert result.model is None and result.exit_code() == 1
    return found[0]


def test_a_logo_and_colour_reach_the_model(folder_factory):
    folder = folder_factory(files={"logo.svg": SVG})
    (folder / "grafik").mkdir()
    (folder / "grafik" / "logo.png").write_bytes(png())
    result = run(branded(folder, "    logo: grafik/logo.png\n    color: '#16605A'\n"))
    assert result.exit_code() == 0, [f.format_line() for f in result.findings]
    assert result.model.branding.logo == (folder / "grafik" / "logo.png").resolve()
    assert result.model.branding.color == "#16605a"


def test_no_branding_is_no_logo_and_no_colour(folder_factory):
    branding = run(folder_factory()).model.branding
    assert branding.logo is None and branding.color is None


@pytest.mark.parametrize("value, words", [
    ("mangler.svg", "findes ikke i datamappen"),
    ("../uden-for.svg", "uden '..'"),
    ("/etc/passwd", "skal være en fil i datamappen"),
    ("grafik/../../uden-for.svg", "uden '..'"),
])
def test_a_logo_that_is_not_a_file_in_the_folder_is_e004_at_its_line(folder_factory, value, words):
    folder = folder_factory()
    (folder.parent / "uden-for.svg").write_text(SVG, encoding="utf-8")
    finding = error(run(branded(folder, f"    logo: '{value}'\n")), "E004")
    assert finding.location.path.endswith("kommune.yaml") and finding.location.line == 6
    assert f"'{value}'" in finding.message and words in finding.message


def test_a_logo_linked_from_outside_the_folder_is_refused(folder_factory):
    folder = folder_factory()
    outside = folder.parent / "hemmelig.svg"
    outside.write_text(SVG, encoding="utf-8")
    (folder / "logo.svg").symlink_to(outside)
    finding = error(run(branded(folder, "    logo: logo.svg\n")), "E004")
    assert "'logo.svg'" in finding.message and "uden for datamappen" in finding.message


@pytest.mark.parametrize("name, content, words", [
    ("logo.gif", b"GIF89a....", "svg, png, jpg eller webp"),
    ("logo.png", b"<html>not an image</html>", "er ikke et png-billede"),
    ("logo.svg", png(), "er ikke et svg-billede"),
])
def test_a_logo_of_the_wrong_type_is_e002(folder_factory, name, content, words):
    folder = folder_factory()
    (folder / name).write_bytes(content)
    finding = error(run(branded(folder, f"    logo: {name}\n")), "E002")
    assert finding.location.line == 6 and f"'{name}'" in finding.message and words in finding.message


def test_a_logo_over_2_mb_is_e002(folder_factory):
    folder = folder_factory()
    (folder / "logo.png").write_bytes(png() + b"\0" * MAX_LOGO_BYTES)
    finding = error(run(branded(folder, "    logo: logo.png\n")), "E002")
    assert "'logo.png'" in finding.message and "højst 2 MB" in finding.message


def test_a_colour_that_fails_4_5_to_1_on_white_is_e002_naming_value_and_ratio(folder_factory):
    finding = error(run(branded(folder_factory(), "    color: '#ffcc00'\n")), "E002")
    assert finding.location.line == 6
    assert "'#ffcc00'" in finding.message and "1,51:1" in finding.message and "4,5:1" in finding.message


@pytest.mark.parametrize("value", ["blue", "#16605", "#16605a; background: url(x)", "16605a"])
def test_a_colour_not_written_as_rrggbb_is_e002(folder_factory, value):
    finding = error(run(branded(folder_factory(), f"    color: '{value}'\n")), "E002")
    assert f"'{value}'" in finding.message and "#rrggbb" in finding.message


def test_an_unquoted_colour_is_a_yaml_comment_and_reported(folder_factory):
    """`color: #16605a` without quotes is an empty value in YAML (# starts a comment)."""
    result = run(branded(folder_factory(), "    color: #16605a\n"))
    assert any(f.rule == "E002" and f.location.line == 6 for f in result.findings), \
        [f.format_line() for f in result.findings]


def test_an_unknown_branding_key_is_e002(folder_factory):
    finding = error(run(branded(folder_factory(), "    colour: '#16605a'\n")), "E002")
    assert "'colour'" in finding.message


def test_wcag_contrast_ratios():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey passing AA
    assert contrast_ratio("#777777") < 4.5


def test_image_types_and_sizes_are_read_from_the_content():
    assert sniff_image(png()) == "png" and image_size(png(30, 10)) == (30.0, 10.0)
    assert sniff_image(SVG.encode()) == "svg" and image_size(SVG.encode()) == (80.0, 40.0)
    sized = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"></svg>'
    assert sniff_image(sized) == "svg" and image_size(sized) == (64.0, 32.0)
    jpeg = b"\xff\xd8\xff\xe0" + struct.pack(">H", 4) + b"JF" + b"\xff\xc0" + struct.pack(">HBHH", 11, 8, 20, 50) + b"\0" * 4
    assert sniff_image(jpeg) == "jpeg" and image_size(jpeg) == (50.0, 20.0)
    webp = b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8X" + b"\0" * 8 + (99).to_bytes(3, "little") + (49).to_bytes(3, "little")
    assert sniff_image(webp) == "webp" and image_size(webp) == (100.0, 50.0)
    assert sniff_image(b"<html><svg></svg></html>") is None


def test_the_brand_stylesheet_holds_only_checked_values():
    from livinghandbook.data.branding import Branding

    css = brand_css(Branding(None, "#16605a"), "handbook-logo-0123abcd.svg", 2.0)
    assert "--hb-accent: #16605a;" in css and 'url("handbook-logo-0123abcd.svg")' in css and "2.0000" in css
    # a colour that did not pass validation never reaches the stylesheet
    hostile = brand_css(Branding(None, "red; } body { display: none"), None, None)
    assert "display: none" not in hostile and "--hb-accent: #1f5f8b;" in hostile


@pytest.mark.slow
def test_the_build_copies_the_logo_into_the_site_and_writes_nothing_into_the_data(tmp_path):
    """The logo is copied under its content hash; a new logo replaces the old file; the data
    folder is left exactly as it was; developer leftovers are not published."""
    import shutil

    from helpers import FIXTURES, build_into

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "clean", data)
    (data / "logo.svg").write_text(SVG, encoding="utf-8")
    branded(data, "    logo: logo.svg\n    color: '#16605a'\n")
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*")}
    out = tmp_path / "_build"
    assert build_into(data, out) == 0
    static = out / "testby" / "html" / "_static"
    [logo] = static.glob("handbook-logo-*.svg")
    assert logo.read_text(encoding="utf-8") == SVG
    css = (static / "handbook-brand.css").read_text(encoding="utf-8")
    assert "--hb-accent: #16605a;" in css and logo.name in css and "aspect-ratio: 2.0000" in css
    assert not (out / "testby" / "html" / "permalink.html").exists()  # sphinx-needs' English page
    (data / "logo.svg").write_text(SVG.replace("#16605a", "#1f5f8b"), encoding="utf-8")
    assert build_into(data, out) == 0
    [new] = static.glob("handbook-logo-*.svg")
    assert new.name != logo.name and "#1f5f8b" in new.read_text(encoding="utf-8")
    assert new.name in (static / "handbook-brand.css").read_text(encoding="utf-8")
    del before[Path("logo.svg")]
    assert {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.name != "logo.svg"} == before
