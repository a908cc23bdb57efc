"""The plenary: link scheme: what a citation link says, and which paragraph it names."""

from __future__ import annotations

import pytest

from corpus.model import Block, BlockKind, Document, DocumentKind, Ref
from reader.document.links import LinkTarget, block_for_paragraph, link_for, make_link, parse_link


def ref(text: str = "x", **kw) -> Ref:
    return Ref(0, len(text), text, **kw)


@pytest.mark.parametrize(("citation", "link"), [
    (ref(target="S/RES/2178 (2014)", paragraph="6"),
     "plenary:open?target=S%2FRES%2F2178%20(2014)&para=6"),
    (ref(target="A/RES/60/288"), "plenary:open?target=A%2FRES%2F60%2F288"),
    (ref(target=None, partial="S/RES/2388", paragraph="29"),
     "plenary:open?partial=S%2FRES%2F2388&para=29"),
    (ref(target="S/RES/1373 (2001)", paragraph="1(d)"),
     "plenary:open?target=S%2FRES%2F1373%20(2001)&para=1(d)"),
])
def test_link_for_a_citation(citation, link):
    assert link_for(citation, "A/RES/72/284") == link


def test_a_ref_naming_nothing_links_to_its_own_document():
    link = link_for(ref(target=None, paragraph="84"), "A/RES/72/284")

    assert parse_link(link) == LinkTarget("A/RES/72/284", paragraph="84")


@pytest.mark.parametrize("target", [
    LinkTarget("S/RES/2178 (2014)", paragraph="6"),
    LinkTarget("A/RES/72/284", paragraph="84"),
    LinkTarget(None, partial="S/RES/2388", paragraph="29"),
    LinkTarget("S/RES/1373 (2001)", paragraph="1 (d)"),
    LinkTarget("S/RES/2396 (2017)", block="op9.a"),
    LinkTarget("A/HRC/37/52"),
    LinkTarget("odd & symbol?=#+%"),
])
def test_links_round_trip(target):
    link = make_link(target=target.target, partial=target.partial,
                     paragraph=target.paragraph, block=target.block)

    assert parse_link(link) == target


def test_parse_link_accepts_what_qurl_hands_back_decoded():
    assert parse_link("plenary:open?target=S/RES/2178 (2014)&para=6") == LinkTarget(
        "S/RES/2178 (2014)", paragraph="6")


@pytest.mark.parametrize("url", [
    "https://undocs.org/S/RES/2178(2014)", "file:///etc/passwd", "#op12", "", "plenary:open",
    "plenary:open?para=6", "plenary:delete?target=x", "plenary:open?target=a&partial=b",
    "javascript:alert(1)",
])
def test_other_urls_are_not_links(url):
    assert parse_link(url) is None


def test_make_link_names_exactly_one_document():
    with pytest.raises(ValueError):
        make_link(paragraph="6")
    with pytest.raises(ValueError):
        make_link(target="a", partial="b")


def _doc(*ids: str) -> Document:
    kinds = {True: BlockKind.SUBPARAGRAPH, False: BlockKind.OPERATIVE}
    blocks = [Block(i, kinds["." in i] if i.startswith("op") else BlockKind.PREAMBULAR, "t")
              for i in ids]
    return Document("S/RES/1 (2000)", "Security Council", "2000-01-01", "", DocumentKind.RESOLUTION,
                    blocks)


@pytest.mark.parametrize(("paragraph", "block"), [
    ("47", "op47"), ("1(d)", "op1.d"), ("1 (d)", "op1.d"), ("1(D)", "op1.d"),
    ("2(a)", "op2"),  # the document does not split paragraph 2 out: the paragraph itself
    ("3", None), ("3(a)", None), ("x", None), ("", None), ("047", "op47"),
])
def test_block_for_paragraph(paragraph, block):
    assert block_for_paragraph(_doc("pp1", "op1", "op1.d", "op2", "op47"), paragraph) == block


def test_internal_citation_in_the_library_leads_to_its_paragraph(library):
    doc = library.get("A/RES/72/284")
    (cited,) = [r for r in doc.block("op85").refs if r.paragraph]

    target = parse_link(link_for(cited, doc.symbol))

    assert target == LinkTarget("A/RES/72/284", paragraph="84")
    assert block_for_paragraph(doc, target.paragraph) == "op84"


def test_citation_of_a_paragraph_of_an_absent_document(library):
    doc = library.get("S/RES/2396 (2017)")
    (cited,) = [r for r in doc.block("op18").refs if "2178" in r.text]

    target = parse_link(link_for(cited, doc.symbol))

    assert target == LinkTarget("S/RES/2178 (2014)", paragraph="6")
    assert library.get(target.target) is None


def test_the_cards_import_link_names_the_document_and_is_no_place() -> None:
    from reader.document.links import IMPORT, make_import_link

    link = make_import_link("S/RES/1267 (1999)")
    assert link == "plenary:import?target=S%2FRES%2F1267%20(1999)"
    assert parse_link(link) == LinkTarget("S/RES/1267 (1999)", action=IMPORT)
    assert parse_link("plenary:import?partial=S%2FRES%2F1") is None
    assert parse_link(make_link(target="S/RES/1267 (1999)")).action == "open"
