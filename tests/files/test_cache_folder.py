"""briefgen's cache folder, and the two kinds of work kept in it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from briefgen.check import syllables
from briefgen.files import cache_folder as cache
from briefgen.render import jinja_sandbox as templating
from briefgen.render.jinja_sandbox import make_environment


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    cache.folder.cache_clear()
    yield tmp_path / "cache"
    cache.folder.cache_clear()


def test_entries_are_written_whole_in_a_private_folder_and_read_back(folder: Path) -> None:
    cache.write("entry", b"data")
    assert cache.read("entry") == b"data"
    where = cache.folder()
    assert where is not None and where.parent == folder
    assert (where.stat().st_mode & 0o777) == 0o700
    assert sorted(p.name for p in where.iterdir()) == ["entry"]  # no temporary file left
    assert cache.read("missing") is None


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", "")
    cache.folder.cache_clear()
    try:
        assert cache.folder() is None
        cache.write("entry", b"data")  # nothing, and no error
        assert cache.read("entry") is None
    finally:
        cache.folder.cache_clear()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_folder_others_may_write_to_or_a_link_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    for root in (shared, link):
        monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(root))
        cache.folder.cache_clear()
        assert cache.folder() is None, root
    cache.folder.cache_clear()


def one_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one template, and an empty in-memory store (as in a new process)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "memo.html.j2").write_text("<p>{{ word }}</p>\n", encoding="utf-8")
    monkeypatch.setattr(templating, "_COMPILED", templating._SharedCompiled())
    return templates


def test_compiled_templates_are_kept_and_found_again_without_compiling(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = one_template(tmp_path, monkeypatch)
    first = make_environment((("mine", templates),), templates).get_template("memo.html.j2")
    assert first.render(word="one") == "<p>one</p>"
    assert any(p.name.startswith("template-") for p in (cache.folder() or folder).iterdir())

    # A new process: nothing in memory, the template found in the folder, not compiled.
    monkeypatch.setattr(templating, "_COMPILED", templating._SharedCompiled())

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    with monkeypatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", refuse)
        again = make_environment((("mine", templates),), templates).get_template("memo.html.j2")
        assert again.render(word="two") == "<p>two</p>"

    # An edited template is compiled afresh, whatever the folder holds.
    (templates / "memo.html.j2").write_text("<p>{{ word }}!</p>\n", encoding="utf-8")
    monkeypatch.setattr(templating, "_COMPILED", templating._SharedCompiled())
    edited = make_environment((("mine", templates),), templates).get_template("memo.html.j2")
    assert edited.render(word="three") == "<p>three!</p>"


def test_a_damaged_entry_is_compiled_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = one_template(tmp_path, monkeypatch)
    make_environment((("mine", templates),), templates).get_template("memo.html.j2")
    where = cache.folder()
    assert where is not None
    for entry in where.iterdir():
        entry.write_bytes(entry.read_bytes()[:20])  # cut short mid-way
    monkeypatch.setattr(templating, "_COMPILED", templating._SharedCompiled())
    template = make_environment((("mine", templates),), templates).get_template("memo.html.j2")
    assert template.render(word="fine") == "<p>fine</p>"


WORDS = ["reconciliation", "sovereignty", "delimitation", "Azerbaijan", "the", "negotiation"]


def test_kept_hyphenation_patterns_count_syllables_as_pyphen_does(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen

    fresh = pyphen.Pyphen(lang="en_US", cache=False)
    expected = [len(fresh.positions(word)) for word in WORDS]
    monkeypatch.setattr(pyphen, "hdcache", {})
    syllables._load_kept_patterns(pyphen)  # parses and keeps
    where = cache.folder()
    assert where is not None and any(p.name.startswith("hyphenation-") for p in where.iterdir())
    monkeypatch.setattr(pyphen, "hdcache", {})

    def refuse(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", refuse)  # kept patterns need no parsing
    syllables._load_kept_patterns(pyphen)
    kept = pyphen.Pyphen(lang="en_US")
    assert [len(kept.positions(word)) for word in WORDS] == expected
