"""What a reference DOCX may carry into a memo, and nothing more.

A reference is a zip of anything Word can hold: fields that run commands or read files
(DDEAUTO, INCLUDETEXT, INCLUDEPICTURE), pictures and links that load from the network,
embedded OLE objects, ActiveX controls, custom XML. A memo takes from it only its styles,
numbering, fonts, theme, settings (as :mod:`.reference` filters them), page setup, and headers
and footers made of text, pictures stored in the file, and PAGE, NUMPAGES and DATE fields.
:func:`filter_reference` removes everything else from the opened package and names each kind
it removed, so the build can warn about it (the reference's body is dropped by design and not
reported).
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

ALLOWED_FIELDS = frozenset({"PAGE", "NUMPAGES", "DATE"})
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

# The document part's relationships a memo keeps (headers and footers only where the last
# section uses them); customXml, glossary (building blocks), printer settings and the rest go.
_DOCUMENT_PARTS = {
    RT.STYLES: "", RT.NUMBERING: "", RT.SETTINGS: "", RT.FONT_TABLE: "", RT.THEME: "",
    RT.WEB_SETTINGS: "", RT.FOOTNOTES: "", RT.ENDNOTES: "", RT.HEADER: "", RT.FOOTER: "",
}  # fmt: skip
# Elements of a header, footer or note that carry active or outside content: removed whole.
_REMOVED = {
    "w:pict": "VML drawing (w:pict)",
    "w:object": "embedded object (OLE, w:object)",
    "w:altChunk": "imported content (w:altChunk)",
    "w:subDoc": "subdocument (w:subDoc)",
    "w:control": "ActiveX control (w:control)",
    "w:dataBinding": "data binding to custom XML (w:dataBinding)",
    "w:fldData": "field data (w:fldData)",
}


class _Kinds:
    """Kinds of content removed, each named once, in the order first met."""

    def __init__(self) -> None:
        self.names: dict[str, None] = {}

    def add(self, name: str) -> None:
        self.names.setdefault(name)


def filter_reference(out: DocxDocument) -> list[str]:
    """Remove from ``out`` (a reference whose body is already emptied) what a reference may
    not carry; return the kinds removed, one line each."""
    kinds = _Kinds()
    part = out.part
    used = _used_ids(part.element)
    for r_id, rel in list(part.rels.items()):
        if rel.is_external or rel.reltype not in _DOCUMENT_PARTS:
            if rel.is_external or not _empty_bibliography(rel.target_part):
                kinds.add(_rel_kind(rel.reltype, rel.is_external))
            part.rels.pop(r_id)
        elif rel.reltype in (RT.HEADER, RT.FOOTER) and r_id not in used:
            part.rels.pop(r_id)  # a header of a section of the dropped body
    for element in _elements_with_ids(part.element):
        if not _ids(element) <= set(part.rels):
            element.getparent().remove(element)  # w:printerSettings and the like
    for rel in part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES):
            _filter_story(rel.target_part, kinds)
    for package_part in list(out.part.package.iter_parts()):
        _drop_external(package_part, kinds)
    package_rels = out.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            kinds.add("custom document properties (docProps/custom.xml)")
            package_rels.pop(r_id)
    return list(kinds.names)


def _filter_story(part: Part, kinds: _Kinds) -> None:
    """Reduce a header, footer or notes part to text, pictures stored in the file and the
    allowed fields."""
    root = getattr(part, "element", None)
    if root is None:
        return  # not parsed as XML: python-docx keeps it as bytes; nothing refers into it
    for tag, kind in _REMOVED.items():
        for element in list(root.iter(qn(tag))):
            kinds.add(kind)
            if element.getparent() is not None:
                element.getparent().remove(element)
    for element in list(root.iter(f"{{{_MC}}}AlternateContent")):
        kinds.add("drawing with alternate content (mc:AlternateContent)")
        element.getparent().remove(element)
    for link in list(root.iter(qn("w:hyperlink"))):
        kinds.add("hyperlink")
        _unwrap(link)
    for link in list(root.iter(f"{{{_A}}}hlinkClick", f"{{{_A}}}hlinkHover")):
        kinds.add("hyperlink")
        link.getparent().remove(link)
    _filter_drawings(root, part, kinds)
    _filter_fields(root, kinds)
    images = {r_id for r_id, rel in part.rels.items()
              if rel.reltype == RT.IMAGE and not rel.is_external}  # fmt: skip
    for element in list(_elements_with_ids(root)):  # anything else pointing out of the part
        if not _ids(element) <= images and element.getparent() is not None:
            kinds.add(f"element <{etree.QName(element).localname}> with a relationship")
            element.getparent().remove(element)
    used = _used_ids(root)
    for r_id in [r_id for r_id in part.rels if r_id not in used or r_id not in images]:
        part.rels.pop(r_id)


def _filter_drawings(root: etree._Element, part: Part, kinds: _Kinds) -> None:
    """Keep a DrawingML drawing only when it is a picture stored in the file."""
    for drawing in list(root.iter(qn("w:drawing"))):
        data = drawing.find(f".//{{{_A}}}graphicData")
        if data is None or data.get("uri") != _PICTURE:
            kinds.add("drawing that is not a picture (chart, shape, diagram)")
        elif any(key == f"{{{_R}}}link" for node in drawing.iter() for key in node.attrib):
            kinds.add("picture linked from outside the file")
        elif not all(
            r_id in part.rels
            and part.rels[r_id].reltype == RT.IMAGE
            and not part.rels[r_id].is_external
            for r_id in _used_ids(drawing)
        ):
            kinds.add("picture whose relationship is not an image in the file")
        else:
            continue
        drawing.getparent().remove(drawing)


def _filter_fields(root: etree._Element, kinds: _Kinds) -> None:
    """Remove every field (simple or complex, with its result) but PAGE, NUMPAGES, DATE."""
    for simple in list(root.iter(qn("w:fldSimple"))):
        name = _field_name(simple.get(qn("w:instr"), ""))
        if name not in ALLOWED_FIELDS:
            kinds.add(f"field {name or '(empty)'}")
            simple.getparent().remove(simple)
    open_fields: list[tuple[list[str], list[etree._Element]]] = []  # (code, runs)
    doomed: list[etree._Element] = []
    for run in list(root.iter(qn("w:r"))):
        for _code, runs in open_fields:
            runs.append(run)
        for node in run:
            kind = node.get(qn("w:fldCharType")) if node.tag == qn("w:fldChar") else None
            if kind == "begin":
                open_fields.append(([], [run]))
            elif kind == "separate" and open_fields:
                open_fields[-1][0].append("\0")  # the code ends here
            elif kind == "end" and open_fields:
                code, runs = open_fields.pop()
                name = _field_name("".join(code).split("\0", 1)[0])
                if name not in ALLOWED_FIELDS:
                    kinds.add(f"field {name or '(empty)'}")
                    doomed.extend(runs)
            elif node.tag in (qn("w:instrText"), qn("w:delInstrText")) and open_fields:
                open_fields[-1][0].append(node.text or "")
    if open_fields:
        kinds.add("unterminated field")
        doomed.extend(run for _code, runs in open_fields for run in runs)
    for run in dict.fromkeys(doomed):
        if run.getparent() is not None:
            run.getparent().remove(run)


def _field_name(code: str) -> str:
    """The field's name: the first word of its code, upper-cased (``page`` is PAGE)."""
    words = code.split()
    return words[0].upper() if words else ""


def _drop_external(part: Part, kinds: _Kinds) -> None:
    """Remove ``part``'s external relationships and the elements that use them."""
    external = {r_id for r_id, rel in part.rels.items() if rel.is_external}
    if not external:
        return
    for r_id in external:
        kinds.add(_rel_kind(part.rels[r_id].reltype, True))
        part.rels.pop(r_id)
    root = getattr(part, "element", None)
    if root is not None:
        for element in list(_elements_with_ids(root)):
            if _ids(element) & external and element.getparent() is not None:
                element.getparent().remove(element)


def _empty_bibliography(part: Part) -> bool:
    """True for the customXml part Word and python-docx add to every file: a bibliography
    store with no sources, which carries nothing (dropped without a warning)."""
    try:
        root = etree.fromstring(part.blob)
    except (etree.XMLSyntaxError, ValueError):
        return False
    return etree.QName(root).localname == "Sources" and len(root) == 0


def _rel_kind(reltype: str, external: bool) -> str:
    name = reltype.rsplit("/", 1)[-1]
    return f"external relationship ({name})" if external else f"{name} part"


def _unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its children (a hyperlink's runs stay as text)."""
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _ids(element: etree._Element) -> set[str]:
    return {value for key, value in element.attrib.items() if key.startswith(f"{{{_R}}}")}


def _elements_with_ids(root: etree._Element) -> Iterable[etree._Element]:
    return [node for node in root.iter() if isinstance(node.tag, str) and _ids(node)]


def _used_ids(root: etree._Element) -> set[str]:
    return {r_id for node in _elements_with_ids(root) for r_id in _ids(node)}
