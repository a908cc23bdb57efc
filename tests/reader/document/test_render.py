"""render_document: the official layout as HTML, every piece of document text escaped."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat, QTextDocument

from corpus.binding import MEANING, binding_paragraphs
from corpus.citing import format_date
from corpus.model import Block, BlockKind, Document, DocumentKind, NoteMark, Ref, Span
from reader.document.links import LinkTarget, link_for, parse_link
from reader.document.render import binding_tooltip, render_document

ROOT = Path(__file__).resolve().parents[3]
HOSTILE = "Recalling its resolution <script>alert(1)</script> & others,"
CHAPTER_VII = "Acting under Chapter VII of the Charter of the United Nations"
OP1 = "Decides that Member States shall act, inter alia, at once;"
ADVISORY = "Decides that Member States should act, inter alia, at once;"  # "should": not binding


def make_doc(*, chapter_vii: bool = True, kind: DocumentKind = DocumentKind.RESOLUTION,
             sponsors: list[str] | None = None, op1: str = OP1) -> Document:
    """A small resolution with one block of every kind; its op1 binds (op12, "Also decides
    to remain seized", does not)."""
    blocks = [
        Block("t1", BlockKind.TITLE, "Resolution 9999 (2030)"),
        Block("intro", BlockKind.INTRO, "The Security Council,"),
        Block("pp1", BlockKind.PREAMBULAR, HOSTILE, verb="Recalling",
              notes=(NoteMark("1", HOSTILE.index(","), ),)),
        Block("pp2", BlockKind.PREAMBULAR, CHAPTER_VII, verb=CHAPTER_VII),
        Block("h1", BlockKind.HEADING, "Border Security & Information Sharing"),
        Block("op1", BlockKind.OPERATIVE, op1, number="1", verb="Decides", heading="h1",
              emphasis=(Span(op1.index("inter alia"), op1.index("inter alia") + 10),)),
        Block("op2", BlockKind.OPERATIVE, "Encourages all States to:", number="2",
              verb="Encourages", heading="h1"),
        Block("op2.a", BlockKind.SUBPARAGRAPH, "Cooperate closely;", number="a", parent="op2"),
        Block("op12", BlockKind.OPERATIVE, "Also decides to remain seized of the matter.",
              number="12", verb="Also decides", notes=(NoteMark("2", 44),)),
        Block("c1", BlockKind.CLOSING, "9999th meeting"),
        Block("fn1", BlockKind.FOOTNOTE, "A/72/840 & <b>annex</b>.", number="1"),
        Block("fn2", BlockKind.FOOTNOTE, "Treaty Series, vol. 1.", number="2",
              emphasis=(Span(0, 13),)),
    ]
    if not chapter_vii:
        blocks = [b for b in blocks if b.id != "pp2"]
    return Document(
        symbol="S/RES/9999 (2030)", body="Security Council", date="2030-01-02",
        title="Threats <to> peace", kind=kind, blocks=blocks, meeting="9999th meeting",
        subject="Testing & rendering", sponsors=sponsors or [],
    )


def shown(html: str) -> QTextDocument:
    """The document as QTextBrowser lays it out."""
    document = QTextDocument()
    document.setHtml(html)
    return document


def block_containing(document: QTextDocument, text: str):
    block = document.begin()
    while block.isValid():
        if text in block.text():
            return block
        block = block.next()
    raise AssertionError(f"no paragraph shows {text!r}")


def test_document_text_is_escaped():
    html = render_document(make_doc())

    assert "<script>" not in html
    assert "<b>annex</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; others" in html
    assert "A/72/840 &amp; &lt;b&gt;annex&lt;/b&gt;." in html
    assert "Threats &lt;to&gt; peace" in html
    assert "Testing &amp; rendering" in html


def test_reader_sees_the_text_literally(qapp):
    text = shown(render_document(make_doc())).toPlainText()

    assert "Recalling its resolution <script>alert(1)</script> & others" in text
    assert "A/72/840 & <b>annex</b>." in text


def test_preambular_opening_phrase_in_italics():
    html = render_document(make_doc())

    assert '<a name="pp1"></a><i>Recalling</i> its resolution' in html


def test_operative_paragraph_number_then_verb_in_italics():
    html = render_document(make_doc(op1=ADVISORY))

    assert re.search(r'<a name="op1"></a><span class="number">1\.</span>(&nbsp;)+'
                     r"<i>Decides</i> that", html)
    assert "<i>inter alia</i>, at once;" in html


def test_reader_sees_number_and_italic_verb(qapp):
    document = shown(render_document(make_doc(op1=ADVISORY)))  # blocks die with it
    block = block_containing(document, "Decides")

    assert block.text().startswith("1.")
    fragments = _fragments(block)
    assert ("Decides", True) in fragments
    assert (" that Member States should act, ", False) in fragments


def test_subparagraph_is_lettered_and_indented(qapp):
    html = render_document(make_doc())
    document = shown(html)

    assert '<a name="op2.a"></a><span class="number">(a)</span>' in html
    sub = block_containing(document, "Cooperate closely")
    parent = block_containing(document, "Encourages all States")
    assert sub.text().startswith("(a)")
    assert sub.blockFormat().leftMargin() > parent.blockFormat().leftMargin()


def test_every_block_has_an_anchor_named_after_its_id():
    doc = make_doc()
    html = render_document(doc)

    for block in doc.blocks:
        if block.kind != BlockKind.TITLE:
            assert f'<a name="{block.id}">' in html


def test_footnote_markers_and_footnotes_link_both_ways():
    html = render_document(make_doc())

    # The marker stands where the model puts it: after "others", before the comma.
    assert ('others<sup><a class="noteref" name="ref-fn1" href="#fn1">1</a></sup>,' in html)
    # A marker after the final full stop.
    assert 'the matter.<sup><a class="noteref" name="ref-fn2" href="#fn2">2</a></sup>' in html
    assert re.search(r'<a name="fn1"></a><sup><a class="backlink" href="#ref-fn1">1</a>', html)
    assert "<i>Treaty Series</i>, vol. 1." in html


def test_footnotes_come_last(qapp):
    text = shown(render_document(make_doc())).toPlainText()

    assert text.index("9999th meeting", text.index("seized")) < text.index("A/72/840")
    assert text.rstrip().endswith("Treaty Series, vol. 1.")


def test_binding_badge_only_on_a_decision_that_imposes_an_obligation():
    html = render_document(make_doc())

    assert html.count('class="binding"') == 1
    assert re.search(r'name="op1"></a><span class="number">1\.</span>&nbsp;&nbsp;'
                     r'<span class="binding" title="[^"]*"> binding </span>&nbsp;<i>Decides</i>',
                     html)
    # "Also decides to remain seized of the matter": procedural, binds no State.
    assert not re.search(r'name="op12"></a>[^\n]*?class="binding"', html)
    assert not re.search(r'name="op2"></a>[^\n]*?class="binding"', html)


def test_the_words_that_bind_are_marked():
    html = render_document(make_doc())

    assert '<i>Decides</i> that Member States <span class="obligation">shall</span> act' in html
    assert 'class="obligation"' not in render_document(make_doc(op1=ADVISORY))


def test_the_badge_says_what_it_means_and_why(qapp):
    doc = make_doc()
    mark = binding_paragraphs(doc)["op1"]
    title = re.search(r'<span class="binding" title="([^"]*)"', render_document(doc)).group(1)

    assert unescape(title) == binding_tooltip(mark)
    document = shown(render_document(doc))  # QTextBrowser's tooltip: the format's toolTip
    badge = [it.fragment().charFormat().toolTip()
             for it in block_containing(document, "Member States shall act")
             if it.fragment().text() == " binding "]
    assert badge == [binding_tooltip(mark)]
    tip = shown(unescape(title)).toPlainText()  # as Qt shows the tooltip: rich text
    assert tip.startswith(MEANING)
    assert "“Decides that Member States shall …”: a decision of the Security Council" in tip
    assert "The Council acts under Chapter VII of the Charter." in tip
    without = binding_paragraphs(make_doc(chapter_vii=False))["op1"]
    assert "does not say it acts under Chapter VII" in without.reason


def test_the_tooltip_escapes_what_it_quotes(qapp):
    hostile = "Decides that <b>all States</b> & others shall act, inter alia, now;"
    doc = make_doc(op1=hostile)
    html = render_document(doc)
    title = re.search(r'<span class="binding" title="([^"]*)"', html).group(1)

    assert "<b>" not in title and "<b>" not in unescape(title).replace("<br/>", "")
    assert "<b>all States</b>" in shown(unescape(title)).toPlainText()


def test_the_badge_is_shown_before_the_text(qapp):
    document = shown(render_document(make_doc()))
    block = block_containing(document, "Member States shall act")

    assert block.text().startswith("1.\u00a0\u00a0 binding \u00a0Decides")


def test_a_draft_binds_nobody():
    draft = make_doc(kind=DocumentKind.DRAFT)

    assert binding_paragraphs(draft) == {}
    assert 'class="binding"' not in render_document(draft)
    assert 'class="obligation"' not in render_document(draft)


def test_title_block():
    html = render_document(make_doc())

    for part in ("Security Council", "S/RES/9999 (2030)", "2 January 2030", "9999th meeting",
                 "Resolution 9999 (2030)", "The Security Council,"):
        assert part in html


def test_draft_title_block_lists_its_sponsors():
    draft = make_doc(kind=DocumentKind.DRAFT, sponsors=["Albania", "Peru", "Uruguay"])

    assert "Albania, Peru and Uruguay: draft resolution" in render_document(draft)


@pytest.mark.parametrize(("iso", "written"), [
    ("2017-12-21", "21 December 2017"), ("2018-06-26", "26 June 2018"), ("unknown", "unknown"),
])
def test_dates_as_un_documents_write_them(iso, written):
    assert format_date(iso) == written


def test_stylesheet_is_embedded():
    html = render_document(make_doc())

    assert "<style>" in html
    assert "p.operative" in html


def test_the_bundled_library_renders(library, qapp):
    for doc in library:
        html = render_document(doc)
        text = shown(html).toPlainText()
        for block in doc.blocks:
            if block.kind != BlockKind.TITLE:
                assert f'<a name="{block.id}">' in html, (doc.symbol, block.id)
        operative = doc.blocks_of(BlockKind.OPERATIVE)[-1]
        assert operative.text in text, doc.symbol


def test_2396_shows_the_badge_on_its_decisions_not_on_remain_seized(library, qapp):
    doc = library.get("S/RES/2396 (2017)")
    html = render_document(doc)
    badges = re.findall(r'<a name="([^"]+)"></a><span class="number">[^<]*</span>&nbsp;&nbsp;'
                        r'<span class="binding" title="([^"]*)">', html)

    assert [anchor for anchor, _ in badges] == ["op11", "op12", "op13", "op15"]
    tip = shown(unescape(dict(badges)["op11"])).toPlainText()
    assert tip.startswith(MEANING)
    assert "“Decides that … Member States shall …”" in tip
    assert "Article 25 of the Charter" in tip and "Chapter VII" in tip
    assert doc.block("op51").text == "Decides to remain seized of the matter."
    assert re.search(r'<a name="op51"></a><span class="number">51\.</span>&nbsp;&nbsp;'
                     r"<i>Decides</i> to remain seized", html)
    for symbol in ("S/2017/1051", "A/RES/72/284"):
        assert 'class="binding"' not in render_document(library.get(symbol)), symbol


def test_items_of_a_binding_lead_in_carry_the_badge():
    lead = "Decides that all States shall prevent:"
    doc = make_doc()
    doc.blocks[8:8] = [Block("op3", BlockKind.OPERATIVE, lead, number="3", verb="Decides"),
                       Block("op3.a", BlockKind.SUBPARAGRAPH, "The import of arms;",
                             number="a", parent="op3")]
    html = render_document(doc)

    assert re.search(r'name="op3.a"></a><span class="number">\(a\)</span>&nbsp;&nbsp;'
                     r'<span class="binding" title="[^"]*Part of paragraph 3', html)
    assert 'The import of arms;' in html  # no words of its own carry it


def test_importing_render_does_not_import_qt():
    code = "import sys, reader.document.render; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def _fragments(block) -> list[tuple[str, bool]]:
    """(text, italic) for each run of one format in the paragraph."""
    return [(it.fragment().text(), it.fragment().charFormat().fontItalic()) for it in block]


# --- citation links ---------------------------------------------------------------------------

NBSP = "\N{NO-BREAK SPACE}"
REFS = "Recalling <resolution> 2178 (2014) & paragraph 3 above, and resolution 2388,"


def linked_doc() -> Document:
    """Citations that meet italics, a footnote marker and hostile text."""
    absent = Ref(REFS.index("2178"), REFS.index("2178") + 11, "2178 (2014)", "S/RES/2178 (2014)",
                 paragraph="6")
    internal = Ref(REFS.index("paragraph 3"), REFS.index(" above"), "paragraph 3",
                   "S/RES/9999 (2030)", paragraph="3", in_library=True)
    partial = Ref(REFS.index("2388"), REFS.index("2388") + 4, "2388", None, partial="S/RES/2388")
    italic = Span(REFS.index("(2014)"), REFS.index(" & "))  # italics across a link's end
    doc = make_doc()
    doc.blocks[2] = Block("pp1", BlockKind.PREAMBULAR, REFS, verb="Recalling",
                          emphasis=(italic,), refs=[partial, absent, internal],
                          notes=(NoteMark("1", REFS.index(" (2014)")),))  # a marker inside one
    return doc


def anchors(document: QTextDocument) -> list[tuple[str, str]]:
    """(href, text) of every link as QTextBrowser shows it: adjacent runs of one href joined."""
    runs: list[tuple[str, str]] = []
    block = document.begin()
    while block.isValid():
        for it in block:
            fmt = it.fragment().charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            if runs and runs[-1][0] == href:
                runs[-1] = (href, runs[-1][1] + it.fragment().text())
            else:
                runs.append((href, it.fragment().text()))
        runs.append(("", "\n"))
        block = block.next()
    return [(href, text) for href, text in runs if href]


def test_citations_are_links_escaped_piece_by_piece():
    html = render_document(linked_doc())

    assert "<script>" not in html and "<resolution>" not in html
    assert "<i>Recalling</i> &lt;resolution&gt; " in html
    assert ('<a class="ref" href="plenary:open?target=S%2FRES%2F2178%20(2014)&amp;para=6">'
            '<span class="absent">2178</span></a><sup><a class="noteref"') in html
    assert ('<a class="ref" href="plenary:open?target=S%2FRES%2F9999%20(2030)&amp;para=3">'
            "paragraph 3</a> above") in html
    assert ('<a class="ref" href="plenary:open?partial=S%2FRES%2F2388">'
            '<span class="absent">2388</span></a>,') in html


def test_reader_sees_each_citation_as_one_link(qapp):
    document = shown(render_document(linked_doc()))
    links = [(parse_link(href), text) for href, text in anchors(document)
             if href.startswith("plenary:")]

    assert links == [
        (LinkTarget("S/RES/2178 (2014)", paragraph="6"), "2178"),  # cut by the footnote marker
        (LinkTarget("S/RES/2178 (2014)", paragraph="6"), " (2014)"),
        (LinkTarget("S/RES/9999 (2030)", paragraph="3"), "paragraph 3"),
        (LinkTarget(None, partial="S/RES/2388"), "2388"),
    ]
    text = document.toPlainText()
    assert "Recalling <resolution> 21781 (2014) & paragraph 3 above, and resolution 2388," in text


def test_absent_documents_look_different_from_present_ones(qapp):
    document = shown(render_document(linked_doc()))
    formats = {}
    block = block_containing(document, "paragraph 3")
    for it in block:
        formats[it.fragment().text()] = it.fragment().charFormat()

    present, absent = formats["paragraph 3"], formats["2388"]
    assert present.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert absent.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert present.foreground().color() != absent.foreground().color()


def test_every_citation_of_the_bundled_library_is_a_link(library):
    for doc in library:
        html = render_document(doc)
        hrefs = [unescape(h) for h in re.findall(r'<a class="ref" href="([^"]*)">', html)]
        expected = [link_for(ref, doc.symbol) for block in doc.blocks for ref in
                    sorted(block.refs, key=lambda r: r.start)]
        assert len(expected) > 0, doc.symbol
        # Each citation is one link (a footnote marker inside one would make two).
        assert sorted(hrefs) == sorted(expected), doc.symbol
        assert all(parse_link(h) is not None for h in hrefs)


def test_bundled_links_cover_exactly_the_cited_words(library, qapp):
    doc = library.get("S/RES/2396 (2017)")
    links = anchors(shown(render_document(doc)))
    shown_refs = [(parse_link(href), text) for href, text in links if href.startswith("plenary:")]
    expected = [(parse_link(link_for(ref, doc.symbol)), ref.text.replace(" (", NBSP + "("))
                for block in doc.blocks if block.kind not in (BlockKind.FOOTNOTE,)
                for ref in sorted(block.refs, key=lambda r: r.start)]

    assert shown_refs == expected


def test_a_citation_never_wraps_between_number_and_year(library, qapp):
    html = render_document(library.get("S/RES/2396 (2017)"))
    document = shown(html)

    assert ">2195&nbsp;(2014)<" in html and ">2195 (2014)<" not in html
    assert "2195 (2014)" in document.toPlainText()  # what a reader copies or finds
    assert not document.find("resolution 2178 (2014)").isNull()
