"""The fonts ship inside the package, with their licences, and need nothing else."""

from __future__ import annotations

from importlib.metadata import requires

from briefgen.fonts.bundled import ALL_FAMILY_KEYS, FACES, face_of, family, font_dir


def test_every_face_of_every_family_is_a_file_in_the_package() -> None:
    for key in ALL_FAMILY_KEYS:
        for face in FACES:
            assert family(key).files[face_of(key, face)].is_file()
    licences = {path.name for path in font_dir().glob("LICENSE*")}
    assert licences == {"LICENSE-DejaVu.txt", "LICENSE-Noto-OFL.txt"}


def test_the_package_requires_no_matplotlib() -> None:
    needed = " ".join(requires("briefgen") or []).lower()
    assert "matplotlib" not in needed and "numpy" not in needed
    assert "uharfbuzz" in needed and "python-bidi" in needed and "babel" in needed
