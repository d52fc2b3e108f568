"""End to end: `briefgen build` of the Arabic and Russian example briefs with the example
house style prints its letterhead and From line in the memo's language, in every format."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.cli import main
from conftest import REPO

WORDS = {
    "ar": ("briefgen · موجزات نموذجية", "وحدة تحليل السياسات"),
    "ru": ("briefgen · примеры записок", "Отдел анализа политики"),
}
ENGLISH = ("briefgen · example briefs", "Policy analysis unit")


@pytest.mark.parametrize("language", sorted(WORDS))
def test_a_non_english_memo_prints_the_house_style_in_its_language(
    language: str, tmp_path: Path
) -> None:
    name = f"hormuz-shipping-{language}"
    args = ["build", str(REPO / "briefs" / f"{name}.yaml"), "-a", "executive", "-j", "1"]
    args += ["-f", "docx,pdf,html,md", "--templates", str(REPO / "templates")]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    memo = tmp_path / name / "executive"
    organisation, sender = WORDS[language]
    markdown = memo.with_suffix(".md").read_text(encoding="utf-8")
    html = memo.with_suffix(".html").read_text(encoding="utf-8")
    with zipfile.ZipFile(memo.with_suffix(".docx")) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert f":** {sender}" in markdown  # the From line (Markdown has no letterhead)
    # (the Latin name is isolated left to right in an Arabic memo: <span dir="ltr">)
    shown = re.sub(r"</?span[^>]*>", "", html)
    assert f'<p class="organisation">{organisation}</p>' in shown and f"<dd>{sender}</dd>" in shown
    # (the DOCX sets each script's run apart: the Latin name, then the Arabic or Cyrillic words)
    assert all(part in xml for part in organisation.split(" · ")) and sender in xml
    for text in (markdown, html, xml):
        assert not any(english in text for english in ENGLISH)
    if language == "ru":  # (an Arabic PDF's extracted text is in visual order)
        first_page = PdfReader(memo.with_suffix(".pdf")).pages[0].extract_text()
        assert organisation in first_page and sender in first_page
        assert ENGLISH[0] not in first_page
