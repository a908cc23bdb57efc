"""The PDF-text reader: page furniture goes wherever it falls, footnotes come out as footnotes.

The texts reproduce the layouts of official PDFs' text layers (as PyMuPDF and PDFium give
them): each operative number alone on its line, blank lines of one space between paragraphs,
footnotes under a rule at the foot of a page, then the next page's header.
"""

from __future__ import annotations

from corpus.parsing.pdf_form import read_pdf_text

LETTERHEAD = """United Nations \nA/RES/80/4
 \n \nGeneral Assembly \nDistr.: General \n31 October 2025 \n \n25-17552 (E) \n*2517552* \n \n \n\
Eightieth session \nAgenda item 38 \nNecessity of ending the economic, commercial and \n\
financial embargo imposed by the United States of America \n \n \n \n\
 Resolution adopted by the General Assembly \non 29 October 2025 \n \n\
[without reference to a Main Committee (A/80/L.6)] \n \n \n\
80/4. Necessity of ending the economic, commercial and financial \n\
embargo imposed by the United States of America against Cuba \n \n \n\
The General Assembly, \n \n"""

BODY = LETTERHEAD + """\
Determined to encourage strict compliance with the purposes and principles \n\
enshrined in the Charter of the United Nations,1 \n \n\
Recalling its resolutions 47/19 of 24 November 1992, 48/16 of 3 November \n\
1993, 49/9 of 26 October 1994, 50/10 of 2 November 1995, 51/17 of 12 November
__________________ \n \n\
1 See resolution 169 (II). \n \n\
2 Official Records of the General Assembly, Eightieth Session, Supplement No. 11 \n\
(A/80/11), chap. V. \n

A/RES/80/4 \n\
Necessity of ending the economic, commercial and financial \n\
embargo imposed by the United States of America against Cuba
 \n25-17552
2/3 \n \n\
1996, 52/10 of 5 November 1997, 53/4 of 14 October 1998, 54/21 of 9 November \n\
1999 and 55/20 of 9 November 2000,2 \n \n\
1. \nTakes note of the report of the Secretary-General;3 \n

Necessity of ending the economic, commercial and financial \n\
embargo imposed by the United States of America against Cuba \n\
A/RES/80/4
 \n3/3
25-17552 \n \n\
2. \nDecides to remain seized of the matter. \n \n\
22nd plenary meeting \n29 October 2025 \n \n__________________ \n \n3 A/80/83."""


def _lines(text: str) -> list[str]:
    return [block.text.text for block in read_pdf_text(text) if block.footnote is None]


def _footnotes(text: str) -> list[tuple[str, str]]:
    return [(b.footnote, b.text.text) for b in read_pdf_text(text) if b.footnote is not None]


def test_furniture_goes_wherever_it_falls():
    assert _lines(BODY) == [
        "Resolution adopted by the General Assembly", "on 29 October 2025",
        "[without reference to a Main Committee (A/80/L.6)]",
        "80/4. Necessity of ending the economic, commercial and financial",
        "embargo imposed by the United States of America against Cuba",
        "The General Assembly,",
        "Determined to encourage strict compliance with the purposes and principles",
        "enshrined in the Charter of the United Nations,1",
        "Recalling its resolutions 47/19 of 24 November 1992, 48/16 of 3 November",
        "1993, 49/9 of 26 October 1994, 50/10 of 2 November 1995, 51/17 of 12 November",
        # the running header (symbol and title), the footnotes and the page number stood here
        "1996, 52/10 of 5 November 1997, 53/4 of 14 October 1998, 54/21 of 9 November",
        "1999 and 55/20 of 9 November 2000,2",
        "1.", "Takes note of the report of the Secretary-General;3",
        "2.", "Decides to remain seized of the matter.",
        "22nd plenary meeting", "29 October 2025",
    ]


def test_footnotes_are_one_block_each_without_their_number():
    assert _footnotes(BODY) == [
        ("1", "See resolution 169 (II)."),
        ("2", "Official Records of the General Assembly, Eightieth Session, Supplement No. 11 "
              "(A/80/11), chap. V."),
        ("3", "A/80/83."),
    ]


def test_a_page_break_says_nothing_of_paragraphs():
    """The blank lines around a page's furniture are not a paragraph's end: the line after it
    has no gap; a blank line inside the page still counts."""
    blocks = {b.text.text: b for b in read_pdf_text(BODY)}
    assert not blocks["1996, 52/10 of 5 November 1997, 53/4 of 14 October 1998, 54/21 of "
                      "9 November"].gap
    assert blocks["Recalling its resolutions 47/19 of 24 November 1992, 48/16 of 3 November"].gap
    assert blocks["1."].gap


def test_page_furniture_forms():
    text = ("The Security Council,\nRecalling its resolutions,\nS/2017/1051\n17-23111 2/13\n"
            "*1723111*\n3/13 17-23111\n17-23111 (E) 221217\n25-15106\n2/2\n3/13\n"
            "https://undocs.org/S/RES/2178(2014)\nDistr.: General\nS/2017/1051\n"
            "1. Decides to remain seized of the matter.\n")
    assert _lines(text) == ["The Security Council,", "Recalling its resolutions,",
                            "1. Decides to remain seized of the matter."]


def test_numbers_that_are_text_stay():
    text = ("The General Assembly,\nRecalling its resolutions 72/4\nand 73/8 of 2018,\n"
            "12/3\n1. Decides to remain seized of the matter.\n")
    # "12/3" is no page number (page 12 of 3); a wrapped line ending in a symbol is text
    assert _lines(text) == ["The General Assembly,", "Recalling its resolutions 72/4",
                            "and 73/8 of 2018,", "12/3",
                            "1. Decides to remain seized of the matter."]


def test_footnotes_under_the_rule_of_a_pdfium_page():
    """PDFium gives no blank lines: the footnotes end at the page's footer; a footnote's
    second line may open with a number ("1 August 2012–31 July")."""
    text = ("The General Assembly,\nWelcoming the statement of 12 February 20139 in which\n"
            "__________________\n9 S/PRST/2013/2; see Resolutions and Decisions of the Security "
            "Council,\n1 August 2012–31 July 2013 (S/INF/68).\n10 A/73/335.\n18-18142 4/5\n"
            "A/RES/73/7\nthe Council reiterated its previous call,\n")
    assert _footnotes(text) == [
        ("9", "S/PRST/2013/2; see Resolutions and Decisions of the Security Council, "
              "1 August 2012–31 July 2013 (S/INF/68)."),
        ("10", "A/73/335."),
    ]
    assert _lines(text)[-1] == "the Council reiterated its previous call,"


def test_a_footnote_number_on_a_line_of_its_own():
    text = "The General Assembly,\nRecalling,\n__________\n1\nSee resolution 70/1.\n2/2 25-15106\n"
    assert _footnotes(text) == [("1", "See resolution 70/1.")]


def test_footnotes_in_a_text_without_page_furniture():
    """A plain copy of the text: the rule opens the footnotes, a blank line followed by a line
    that opens with no number closes them."""
    text = ("The General Assembly,\n\nRecalling the Charter,1\n\n__________________\n\n"
            "1 United Nations, Treaty Series,\nvol. 2187.\n\n2 A/73/334.\n\n"
            "1. Decides to remain seized of the matter.\n\nRecalling again,\n")
    assert _footnotes(text) == [("1", "United Nations, Treaty Series, vol. 2187."),
                                ("2", "A/73/334.")]
    assert _lines(text) == ["The General Assembly,", "Recalling the Charter,1",
                            "1. Decides to remain seized of the matter.", "Recalling again,"]


def test_a_rule_with_no_footnote_under_it_is_dropped():
    text = "The General Assembly,\n__________\nRecalling the Charter,\n"
    assert _lines(text) == ["The General Assembly,", "Recalling the Charter,"]
    assert _footnotes(text) == []


def test_the_letterhead_goes_and_the_title_stays_in_a_declaration():
    """An intro without its comma ("The General Assembly" adopting a declaration) still ends
    the letterhead: a date in the text after it stays."""
    text = ("United Nations \nA/RES/80/5\nGeneral Assembly \nDistr.: General \n4 November 2025 \n"
            "Eightieth session \nAgenda items 13 and 117 \nFollow-up to the outcome \n"
            "Resolution adopted by the General Assembly \non 4 November 2025 \n"
            "The General Assembly \nAdopts the Declaration annexed to the present resolution.\n"
            "28th plenary meeting \n4 November 2025 \n")
    assert _lines(text) == [
        "Resolution adopted by the General Assembly", "on 4 November 2025",
        "The General Assembly", "Adopts the Declaration annexed to the present resolution.",
        "28th plenary meeting", "4 November 2025"]


def test_a_line_beside_the_header_that_is_not_the_title_stays():
    text = ("80/1. Participation by the State of Palestine\nThe General Assembly,\n"
            "Recalling its resolutions,\nA/RES/80/1\nParticipation by the State of Palestine\n"
            "2/2\nfor the State of Palestine and the Holy See,\nA/RES/80/1\n")
    assert _lines(text) == ["80/1. Participation by the State of Palestine",
                            "The General Assembly,", "Recalling its resolutions,",
                            "for the State of Palestine and the Holy See,"]
