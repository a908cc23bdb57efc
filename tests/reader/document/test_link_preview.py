"""What a citation shows when the pointer rests on it (Qt-free: no display needed)."""

from __future__ import annotations

from reader.document.link_preview import PREVIEW_WIDTH, preview_html, preview_text
from reader.document.links import LinkTarget, make_link


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_a_citation_asks_for_the_paragraph_it_leads_to():
    asked: list[LinkTarget] = []

    def preview(link: LinkTarget) -> str:
        asked.append(link)
        return "S/RES/2178 (2014), para. 6: Decides"

    href = make_link(target="S/RES/2178 (2014)", paragraph="6")

    assert preview_text(href, preview) == "S/RES/2178 (2014), para. 6: Decides"
    assert asked == [LinkTarget("S/RES/2178 (2014)", paragraph="6")]


def test_no_citation_under_the_pointer_shows_nothing():
    asked: list[LinkTarget] = []

    def preview(link: LinkTarget) -> str:
        asked.append(link)
        return "x"

    for href in ("", "#fn3", "https://undocs.org/S/RES/2178(2014)", "plenary:open?para=6"):
        assert preview_text(href, preview) is None, href
    assert asked == []


def test_a_citation_the_library_cannot_preview_shows_nothing():
    href = make_link(target="S/RES/9999 (2030)")
    assert preview_text(href, lambda link: None) is None


def test_preview_is_wrapped_escaped_and_cut():
    text = "S/RES/1 (2000), para. 1: " + "<b>word</b> & " * 200

    tip = preview_html(text)

    lines = tip.removeprefix("<qt>").removesuffix("</qt>").split("<br/>")
    assert all(len(unescape(line)) <= PREVIEW_WIDTH for line in lines)
    assert "<b>" not in tip and tip.endswith(" …</qt>")
    assert len(unescape(tip)) < 800


def test_a_previews_own_paragraphs_stay_apart():
    tip = preview_html("A/RES/1, para. 2: first line\n\nafter a blank")

    assert tip == "<qt>A/RES/1, para. 2: first line<br/><br/>after a blank</qt>"


def test_a_record_preview_is_the_records_facts_escaped() -> None:
    from corpus.record import RecordEntry
    from reader.document.link_preview import record_preview

    entry = RecordEntry("S/RES/9 (1946)", "resolution", "1946-01-01", "S/PV.1",
                        "<b>Iran</b> & more", "11-0-0")
    text = record_preview(entry)
    assert text.splitlines() == [
        "S/RES/9 (1946) is not in your library. From the Security Council's record:",
        "Date: 1 January 1946", "Meeting: S/PV.1", "Topic: <b>Iran</b> & more", "Vote: 11-0-0"]
    shown = preview_html(text)
    assert "<b>Iran</b>" not in shown and "&lt;b&gt;Iran&lt;/b&gt; &amp; more" in shown
