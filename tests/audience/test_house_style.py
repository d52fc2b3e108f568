"""house-style.yaml: found in the templates folder, inherited by every audience, overridden
by an audience's style, its errors located; its logo checked as untrusted input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from briefgen.audience.house_style import BUILTIN_HOUSE, house_for
from briefgen.audience.logo import OUTPUT_SIDE, clean_logo
from briefgen.audience.profiles import resolve, search_path
from briefgen.errors import InputError
from conftest import REPO

BUILTINS = ("donor", "executive", "negotiator", "public")


def _png(size: tuple[int, int] = (60, 30), **info: object) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGBA", size, (200, 30, 30, 255))
    image.info.update(info)
    image.save(out, "PNG")
    return out.getvalue()


def _house(folder: Path, text: str, logo: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if logo is not None:
        (folder / "logo.png").write_bytes(logo)
    (folder / "house-style.yaml").write_text(text, encoding="utf-8")
    return folder


def test_builtin_audiences_share_the_builtin_house_palette_and_typefaces(tmp_path: Path) -> None:
    path = search_path(tmp_path)  # a templates folder without a house style
    styles = [resolve(name, path).config.style for name in BUILTINS]
    assert len({(s.colours, s.body_font, s.heading_font) for s in styles}) == 1
    assert not styles[0].letterhead.shown
    assert resolve("public", path).config.memo.sender is None
    assert house_for(path).files == (str(BUILTIN_HOUSE),)


def test_every_audience_inherits_the_templates_house_style() -> None:
    path = search_path(REPO / "templates")
    audiences = [resolve(name, path) for name in (*BUILTINS, "legislative")]
    for audience in audiences:
        style = audience.config.style
        assert style.letterhead.organisation == "briefgen · example briefs"
        assert style.letterhead.logo == str(REPO / "templates" / "logo.png")
        assert audience.config.memo.sender == "Policy analysis unit"
        assert style.body_font == "sans" and style.colours.muted == "#505866"
        assert audience.style_origin("colours.muted")[:2] == (
            str(REPO / "templates" / "house-style.yaml"),
            12,
        )


def test_an_audience_overrides_a_house_field_and_keeps_the_rest(tmp_path: Path) -> None:
    _house(tmp_path, 'palette: {primary: "#203040"}\nsender: Unit A\ntypefaces: {body: serif}\n')
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "audience.yaml").write_text(
        "name: own\nextends: donor\nmemo: {to: X, from: Desk B}\n"
        'style:\n  colours: {primary: "#102030"}\n',
        encoding="utf-8",
    )
    own = resolve("own", search_path(tmp_path))
    assert own.config.style.colours.primary == "#102030"  # audience > house
    assert own.config.style.colours.accent == "#9C4A1A"  # the built-in house's
    assert own.config.memo.sender == "Desk B"
    assert own.style_origin("colours.primary") == (str(tmp_path / "own" / "audience.yaml"), 5, 22)
    donor = resolve("donor", search_path(tmp_path))
    assert donor.config.style.colours.primary == "#203040"  # house > built-in
    assert donor.config.memo.sender == "Unit A" and donor.config.style.body_font == "serif"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("palette: {primary: blue}\n", "house-style.yaml:1:20: palette.primary: "),
        ("typefaces:\n  body: comic\n", "house-style.yaml:2:9: typefaces.body: "),
        ("letterhead:\n  lines: [a, b, c, d]\n", "house-style.yaml:2:10: letterhead.lines: "),
        ("colour: {}\n", "house-style.yaml:1:1: colour: unknown field 'colour'"),
        ("logo: ../outside.png\n", "house-style.yaml:1:7: logo: ../outside.png: the logo must"),
        ("logo: missing.png\n", "house-style.yaml:1:7: logo: missing.png: "),
        ("- a list\n", "house-style.yaml:1:1: a house style is a mapping"),
        ("letterhead:\n  logo: x.png\n", "2:9: letterhead.logo: value error, the logo is the"),
    ],
)
def test_house_style_errors_are_located(tmp_path: Path, text: str, expected: str) -> None:
    _house(tmp_path / "t", text)
    with pytest.raises(InputError) as info:
        resolve("donor", search_path(tmp_path / "t"))
    line = info.value.lines()[0]
    assert line.startswith(str(tmp_path / "t")) and expected in line, line


def test_a_logo_is_re_encoded_without_metadata_and_deterministically(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    source.write_bytes(_png((1200, 600), comment="secret", dpi=(300, 300)))
    cleaned = clean_logo(source)
    assert cleaned == clean_logo(source)
    assert b"secret" not in cleaned and b"tEXt" not in cleaned and b"pHYs" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "PNG" and image.size == (OUTPUT_SIDE, OUTPUT_SIDE // 2)
        assert not {k for k in image.info if k not in ("transparency",)}
    jpeg = tmp_path / "logo.jpg"
    Image.new("RGB", (40, 40), "navy").save(jpeg, "JPEG", comment=b"camera")
    assert clean_logo(jpeg).startswith(b"\x89PNG") and b"camera" not in clean_logo(jpeg)


def test_the_example_logo_is_what_the_script_draws(tmp_path: Path) -> None:
    import runpy

    script = runpy.run_path(str(REPO / "scripts" / "make_logo.py"))
    script["main"]([str(tmp_path / "logo.png")])
    assert (tmp_path / "logo.png").read_bytes() == (REPO / "templates" / "logo.png").read_bytes()


def test_an_audience_cannot_point_the_logo_anywhere(tmp_path: Path) -> None:
    (tmp_path / "sly").mkdir()
    (tmp_path / "sly" / "audience.yaml").write_text(
        "name: sly\nextends: donor\nstyle:\n  letterhead:\n    logo: /etc/passwd\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        resolve("sly", search_path(tmp_path))
    assert info.value.lines() == [
        f"{tmp_path / 'sly' / 'audience.yaml'}:5:5: style.letterhead.logo: the logo is set in "
        "the house style (house-style.yaml `logo`), not by an audience"
    ]
