"""T001-T004: type sizes and contrast of each audience's style, located at the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, resolve_many, search_path
from briefgen.check.style_rules import contrast_ratio, style_findings, style_warnings
from conftest import REPO


def test_wcag_contrast_ratio() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("templates", [None, REPO / "templates"])
def test_builtin_and_example_styles_pass(tmp_path: Path, templates: Path | None) -> None:
    audiences = resolve_many("all", search_path(templates or tmp_path))
    assert style_findings(audiences) == []


def _folder(tmp_path: Path, house: str, style: str) -> tuple[Path, Path]:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "house-style.yaml").write_text(house, encoding="utf-8")
    (tmp_path / "mine").mkdir()
    audience = tmp_path / "mine" / "audience.yaml"
    audience.write_text(f"name: mine\nextends: donor\nstyle:\n{style}", encoding="utf-8")
    return tmp_path / "house-style.yaml", audience


def test_each_rule_fails_at_the_setting_that_breaks_it(tmp_path: Path) -> None:
    house, audience = _folder(
        tmp_path,
        'palette:\n  muted: "#A0A0A0"\n',
        "  font_size: 9\n  heading_sizes: [12, 10, 7.5]\n  reference_docx: r.docx\n",
    )
    (tmp_path / "mine" / "r.docx").write_bytes(
        (REPO / "templates" / "legislative" / "reference.docx").read_bytes()
    )
    findings = style_findings([resolve("mine", search_path(tmp_path))])
    lines = {str(f) for f in findings}
    assert (
        f"{audience}:4:14: T001 warning: body text 9 pt, at least 9.5 pt (audience mine)" in lines
    )
    assert (
        f"{audience}:5:18: T002 warning: heading 3 7.5 pt: nothing is set under 8 pt "
        "(audience mine)" in lines
    )
    assert (
        f"{house}:2:10: T003 warning: muted #A0A0A0 on callout #EEF2F7: contrast 2.33:1, at least "
        "4.5:1 (audience mine)"
    ) in lines
    assert sum(f.code == "T003" for f in findings) == 5  # white and the four fills
    assert any(f.code == "T004" and f.line == 6 for f in findings)
    assert all(f.severity == "warning" for f in findings)


def test_a_shared_setting_is_one_finding_naming_every_audience(tmp_path: Path) -> None:
    _folder(tmp_path, 'palette:\n  accent: "#E0A060"\n', "  font_size: 10\n")
    audiences = [resolve(n, search_path(tmp_path)) for n in ("donor", "mine")]
    findings = style_findings(audiences)
    assert findings and all(f.message.endswith("(audiences donor, mine)") for f in findings)


def test_a_passing_style_has_no_findings_and_the_build_warns_once(tmp_path: Path) -> None:
    _folder(tmp_path, 'palette:\n  accent: "#8A3A10"\n', "  font_size: 9.5\n")
    assert style_findings([resolve("mine", search_path(tmp_path))]) == []
    _folder(tmp_path / "b", 'palette:\n  text: "#999999"\n', "  font_size: 10\n")
    audiences = [resolve("mine", search_path(tmp_path / "b"))]
    first = style_warnings(audiences)
    assert first and all(line.startswith("style: ") and " T003 " in line for line in first)
    assert style_warnings(audiences) == []  # (a --watch rebuild does not repeat them)
