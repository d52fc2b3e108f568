"""The strict markup parser: allowlisted HTML subset -> Document blocks."""

from __future__ import annotations

import pytest

from briefgen.document import tree as d
from briefgen.document.markup_parser import MarkupError, parse


def dump(markup: str) -> str:
    blocks, footnotes = parse(markup, "t.html.j2")
    lines = d.dump(d.Document(d.Metadata("T"), blocks, footnotes)).splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("META "))


def test_blocks_inlines_and_whitespace() -> None:
    markup = """
    <h1 id="x">Head  <em>ing</em></h1>
    <p class="lead">  One
       two <strong>three</strong> <a href="https://e.org/a?b=1&amp;c=2">link</a>  </p>
    loose <b>text</b>
    <ol start="3"><li>a</li><li><p>b</p><ul><li>c</li></ul></li></ol>
    """
    assert dump(markup) == (
        "H1 Head _ing_\n"
        "P (lead) One two **three** [link]<https://e.org/a?b=1&c=2>\n"
        "P loose **text**\n"
        "3.\n    P a\n4.\n    P b\n    -\n        P c\n"
    )


def test_entities_are_text_and_footnotes_are_numbered_in_order() -> None:
    markup = "<p>&lt;script&gt; &amp; {{ x }}<footnote>One</footnote> b<footnote>Two</footnote></p>"
    assert dump(markup) == "P <script> & {{ x }}[^1] b[^2]\nFN 1: One\nFN 2: Two\n"


def test_tables_callouts_fields_figures() -> None:
    markup = """
    <table data-widths="1,2"><caption>Cap</caption>
      <thead><tr><th>A</th><th>B</th></tr></thead>
      <tbody><tr><td>1</td><td>2<br>3</td></tr></tbody></table>
    <aside class="editorial" title="Note">x</aside>
    <dl class="fields"><dt>To</dt><dd>Team</dd></dl>
    <dl class="figures"><dt>7</dt><dd>drafts</dd></dl>
    <blockquote><p>q</p></blockquote><hr>
    """
    assert dump(markup) == (
        "TABLE widths=[1.0, 2.0]\n  caption: Cap\n  TH\n    |\n      P A\n    |\n      P B\n"
        "  TD\n    |\n      P 1\n    |\n      P 2\\n3\n"
        "CALLOUT[editorial] Note\n  P x\n"
        "FIELDS\n  To: Team\n"
        "FIGURES\n  7 = drafts\n"
        "QUOTE\n  P q\n"
        "RULE\n"
    )


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<script>x</script>", "t.html.j2:1:1: unknown element <script> in the template's output"),
        ('<p onclick="x">a</p>', "t.html.j2:1:1: attribute 'onclick' is not allowed on <p>"),
        (
            '<p><a href="javascript:alert(1)">x</a></p>',
            "t.html.j2:1:4: link target 'javascript:alert(1)' is not an http(s) or mailto URL",
        ),
        ('<p><a href="file:///etc/passwd">x</a></p>', "is not an http(s) or mailto URL"),
        ("<p>a", "t.html.j2:1:1: <p> is never closed"),
        ("<p>a</h1></p>", "t.html.j2:1:5: </h1> does not close <p>"),
        ('<p class="shout">a</p>', "class must be one of"),
        ("<ul>text</ul>", "text directly inside <ul> must be in an element"),
        ("<p><h1>x</h1></p>", "<h1> is a block element and cannot appear inside text"),
        ('<table data-widths="1"><tr><td>a</td><td>b</td></tr></table>', "different number"),
    ],
)
def test_refuses_what_is_not_allowlisted(markup: str, message: str) -> None:
    with pytest.raises(MarkupError) as info:
        parse(markup, "t.html.j2")
    assert any(message in line for line in info.value.lines()), info.value.lines()


def test_timeline_figure() -> None:
    markup = """
    <figure class="timeline"><figcaption>Dates <em>given</em></figcaption>
      <ol><li data-date="1994">First  war</li>
          <li data-date="2020-11-10">Ceasefire &amp; after</li></ol>
    </figure>
    """
    assert dump(markup) == (
        "TIMELINE\n  caption: Dates _given_\n  1994 = First war\n  2020-11-10 = Ceasefire & after\n"
    )
    assert dump('<figure class="timeline"><ol></ol></figure>') == ""


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ('<figure class="chart"><ol><li data-date="1994">a</li></ol></figure>', "class must be"),
        ('<figure class="timeline"><ol><li data-date="94">a</li></ol></figure>', "is not a date"),
        ('<figure class="timeline"><ol><li data-date="2020-13">a</li></ol></figure>', "not a date"),
        ('<figure class="timeline"><ol><li>a</li></ol></figure>', "data-date=''"),
        ('<figure class="timeline"><ol><li data-date="1994"> </li></ol></figure>', "needs a label"),
        (
            '<figure class="timeline"><ol><li data-date="1994"><em>a</em></li></ol></figure>',
            "label must be plain text",
        ),
        ('<figure class="timeline">loose<ol></ol></figure>', "text directly inside <figure>"),
        ('<figure class="timeline"><p>a</p></figure>', "<p> is not allowed inside <figure>"),
        ('<ol><li data-date="1994">a</li></ol>', "data-date belongs on the <li> of a <figure"),
        ("<figcaption>a</figcaption>", "<figcaption> is not allowed here"),
        ('<p><figure class="timeline"></figure></p>', "<figure> is a block element"),
    ],
)
def test_timeline_figure_is_strict(markup: str, message: str) -> None:
    with pytest.raises(MarkupError) as info:
        parse(markup, "t.html.j2")
    assert any(message in line for line in info.value.lines()), info.value.lines()
