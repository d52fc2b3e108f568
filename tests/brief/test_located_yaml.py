"""The located YAML reader: safe subset, YAML 1.2 scalars, every problem with its place."""

from __future__ import annotations

import pytest

from briefgen.brief.located_yaml import MAX_BYTES, format_path, read_yaml


def problems(text: str | bytes) -> list[str]:
    raw = text.encode() if isinstance(text, str) else text
    return [str(p) for p in read_yaml(raw, "f.yaml").problems]


def test_plain_scalars_follow_yaml_1_2_and_keep_1_1_words_as_text() -> None:
    doc = read_yaml(b"a: no\nb: on\nc: 2024-05-01\nd: true\ne: 12\nf: 1.5\ng: ~\nh: '010'\n", "f")
    assert doc.problems == []
    assert doc.data == {
        "a": "no", "b": "on", "c": "2024-05-01", "d": True, "e": 12, "f": 1.5, "g": None,
        "h": "010",
    }  # fmt: skip


@pytest.mark.parametrize("number", ["010", "0x1F", "1_000", "0o17"])
def test_numbers_that_yaml_1_1_reads_differently_are_errors(number: str) -> None:
    assert problems(f"a: {number}\n") == [
        f"f.yaml:1:4: a: ambiguous number {number!r}: YAML 1.1 and 1.2 read it differently; "
        "write it without leading zeros or underscores, or quote it if it is text"
    ]


def test_duplicate_keys_at_any_depth_are_located() -> None:
    text = "a: 1\nb:\n  - c: 1\n    c: 2\na: 3\n"
    assert problems(text) == [
        "f.yaml:4:5: b[0].c: duplicate key 'c' (first on line 3)",
        "f.yaml:5:1: a: duplicate key 'a' (first on line 1)",
    ]
    assert read_yaml(text.encode(), "f").data == {"a": 1, "b": [{"c": 1}]}


def test_anchors_aliases_and_tags_are_refused() -> None:
    assert problems("a: &x [1]\nb: *x\nc: !!python/object:os.system x\n") == [
        "f.yaml:1:4: a: anchors (&x) are not allowed in a brief",
        "f.yaml:2:4: b: aliases (*x) are not allowed in a brief",
        "f.yaml:3:4: c: tags (tag:yaml.org,2002:python/object:os.system) are not allowed "
        "in a brief: write plain values",
    ]


def test_syntax_errors_encoding_and_control_characters_are_located() -> None:
    assert problems("a: [1, 2\n")[0].startswith("f.yaml:2:1: YAML syntax error:")
    assert problems(b"a: \xff\n") == ["f.yaml:1:4: not valid UTF-8: byte 0xFF at offset 3"]
    assert problems(b'a: "\x01"\n') == ["f.yaml:1:5: character U+0001 is not allowed in YAML"]


def test_byte_order_mark_is_accepted() -> None:
    doc = read_yaml("\ufeffa: ə\n".encode(), "f")
    assert doc.problems == [] and doc.data == {"a": "ə"}


def test_deep_nesting_and_huge_files_are_refused_without_parsing() -> None:
    assert "nested deeper than" in problems("[" * 5000)[0]
    assert problems(b"#" * (MAX_BYTES + 1)) == [
        f"f.yaml: file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}"
    ]


def test_several_documents_are_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "f.yaml:2:1: (document): a brief file holds one YAML document, not several"
    ]


def test_locations_are_recorded_for_values_and_keys() -> None:
    doc = read_yaml(b"top:\n  list:\n    - x: 1\n", "f")
    assert doc.value_at[("top", "list", 0, "x")] == (3, 10)
    assert doc.key_at[("top", "list")] == (2, 3)
    assert doc.locate(("top", "list", 0, "missing")) == (3, 7)


def test_format_path() -> None:
    assert (
        format_path(("recommendations", 3, "addressed_to", 0))
        == "recommendations[3].addressed_to[0]"
    )
    assert format_path(()) == "(document)"


def test_libyaml_nesting_limit_is_reported_like_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml (in PyYAML's wheels) stops at 1000 levels while reading ahead, before our
    builder sees depth 64; the report must be the same either way."""
    import yaml

    text = "a: 1\nbottom_line: " + "[" * 2000 + "\n"
    ours = problems(text)
    real_parse = yaml.parse

    def parse_like_libyaml(stream: str, Loader: object) -> object:
        for event in real_parse(stream, Loader=Loader):
            if isinstance(event, yaml.SequenceStartEvent):
                raise yaml.MarkedYAMLError(
                    problem="exceeded maximum nesting depth", problem_mark=event.start_mark
                )
            yield event

    monkeypatch.setattr("briefgen.brief.located_yaml.yaml.parse", parse_like_libyaml)
    assert problems(text) == ours == ["f.yaml:2:77: bottom_line: nested deeper than 64 levels"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("meta:\n\tid: x\n", "2:1"),  # libyaml: "cannot start any token"
        ("meta:\n  id: x\n\ttitle: y\n", "3:1"),
        ("meta:\n  id: x\n  \ttitle: y\n", "3:3"),
        ("a:\n  - x\n\t- y\n", "3:1"),
        ("a: |\n  x\n\ty\n", "3:1"),
    ],
)
def test_a_tab_in_indentation_is_named_and_located_at_the_tab(text: str, where: str) -> None:
    assert problems(text) == [
        f"f.yaml:{where}: a tab in indentation: YAML needs spaces to indent; replace the tab"
    ]


def test_tabs_where_yaml_allows_them_are_not_blamed() -> None:
    assert problems("a: [1,\n\t2]\nb: 'x\n\ty'\n") == []
    assert problems("a: [1,\n\t2\n") == [
        "f.yaml:3:1: YAML syntax error: while parsing a flow sequence: "
        "did not find expected ',' or ']'"
    ]
