"""A highlight in its sentence: where UN texts end a sentence, and what an export quotes.

In the tables a highlight is written in square brackets, and what an export quotes is written
with the highlighted words between ** **, as the Markdown export marks them.
"""

from __future__ import annotations

import pytest

from annotations.context import SHORT_PARAGRAPH_CHARS, Context, context_of, sentence_spans
from annotations.model import Annotation
from annotations.sections import describe, in_sentence
from corpus.model import Block, BlockKind, Document, DocumentKind

#: A sentence long enough that any paragraph holding it is quoted by sentence, not whole.
LONG = ("Recalling its resolutions on threats to international peace and security caused by "
        "terrorist acts, and reaffirming that terrorism in all forms and manifestations "
        "constitutes one of the most serious threats to international peace and security, "
        "and that any acts of terrorism are criminal and unjustifiable regardless of their "
        "motivations, whenever, wherever and by whomsoever committed. ")
assert len(LONG) > SHORT_PARAGRAPH_CHARS


def _sentences(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in sentence_spans(text)]


@pytest.mark.parametrize(("text", "sentences"), [
    # UN drafting: one sentence, its clauses closed by semicolons, its end a full stop
    ("Decides that Member States shall develop watch lists; urges them to share them; and "
     "requests the Secretary-General to report.",
     ["Decides that Member States shall develop watch lists; urges them to share them; and "
      "requests the Secretary-General to report."]),
    ("Recalls para. 12 of its resolution. Decides to remain seized.",
     ["Recalls para. 12 of its resolution.", "Decides to remain seized."]),
    ("Recalls Para. 12 and paras. 3 to 5. Decides.",
     ["Recalls Para. 12 and paras. 3 to 5.", "Decides."]),
    ("See No. S/2017/1051 and Art. Twenty-five of the Charter. It decides.",
     ["See No. S/2017/1051 and Art. Twenty-five of the Charter.", "It decides."]),
    ("The U.N. Security Council acts. It decides.",
     ["The U.N. Security Council acts.", "It decides."]),
    ("Entities, e.g. Member States, and others, i.e. States parties. Others follow.",
     ["Entities, e.g. Member States, and others, i.e. States parties.", "Others follow."]),
    ("Recalls S/RES/2396 (2017) and A/72/L.62 of the Assembly. Decides to act.",
     ["Recalls S/RES/2396 (2017) and A/72/L.62 of the Assembly.", "Decides to act."]),
    ("As decided in resolution 2178 (2014). States shall act.",
     ["As decided in resolution 2178 (2014).", "States shall act."]),
    ("Pays tribute to Dr. Ralph J. Bunche, Acting Mediator. It decides.",
     ["Pays tribute to Dr. Ralph J. Bunche, Acting Mediator.", "It decides."]),
    ("Mr. Guterres spoke at 3 p.m. Nobody replied.",  # "p.m." cannot end it either
     ["Mr. Guterres spoke at 3 p.m. Nobody replied."]),
    ("It called them “soft targets.” Then it acted. (It did so twice.) Again?  Yes!",
     ["It called them “soft targets.”", "Then it acted.", "(It did so twice.)", "Again?",
      "Yes!"]),
    ("Noted in 2017. 2018 followed, e.g. in the annex. and so on.",  # no capital, no end
     ["Noted in 2017. 2018 followed, e.g. in the annex. and so on."]),
    ("Requests a report by 1 Jan. Next year it will decide; and decides: Member States shall…",
     ["Requests a report by 1 Jan. Next year it will decide; and decides: Member States "
      "shall…"]),
    ("", [""]),
])
def test_where_a_sentence_ends(text, sentences):
    assert _sentences(text) == sentences
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)  # they cover the whole text
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))


def _marked(text: str) -> str:
    """The highlight written [so] in ``text``, marked in its context **so**."""
    start, end = text.index("["), text.index("]") - 1
    plain = text.replace("[", "").replace("]", "")
    context = context_of(plain, start, end)
    assert context.text in plain
    return f"{context.before}**{context.words}**{context.after}"


@pytest.mark.parametrize(("paragraph", "quoted"), [
    # a short paragraph is quoted whole, whatever its sentences
    ("Decides to remain seized. [Requests] a report.",
     "Decides to remain seized. **Requests** a report."),
    # a long one, by the sentence the highlight sits in
    (LONG + "Decides that [Member States] shall act. Requests a report in para. 5.",
     "Decides that **Member States** shall act."),
    (LONG + "Decides that Member States shall act. Requests a [report] in para. 5.",
     "Requests a **report** in para. 5."),
    ("[Recalling] its" + LONG[len("Recalling its"):] + "It decides.",
     "**Recalling**" + LONG[len("Recalling"):].rstrip()),
    # a highlight over two sentences takes both
    (LONG + "Decides that Member States shall [act. Requests] a report. Remains seized.",
     "Decides that Member States shall **act. Requests** a report."),
    # abbreviations do not cut the sentence
    (LONG + "Recalls para. 12 of resolution No. 2396 (2017), [e.g. the U.N. standard], "
     "and Art. 25. Decides to act.",
     "Recalls para. 12 of resolution No. 2396 (2017), **e.g. the U.N. standard**, and Art. "
     "25."),
    # a long paragraph that is one sentence (semicolons are not ends) is quoted whole
    (LONG.replace(". ", "; ") + "decides to [remain seized] of the matter.",
     LONG.replace(". ", "; ") + "decides to **remain seized** of the matter."),
    # spaces at the ends of a highlight stay outside the mark
    ("Calls upon[ Member States ]to act.", "Calls upon **Member States** to act."),
])
def test_what_an_export_quotes(paragraph, quoted):
    assert _marked(paragraph) == quoted


def test_offsets_outside_the_text_are_held_within_it():
    assert context_of("Acts.", 3, 99) == Context("Act", "s.", "")
    assert context_of("Acts.", -4, 2) == Context("", "Ac", "ts.")


def _block(text: str) -> Block:
    return Block(id="op1", kind=BlockKind.OPERATIVE, text=text)


def test_a_highlight_whose_offsets_no_longer_fit_is_found_by_its_words():
    paragraph = LONG + "Decides that Member States shall act. Requests a report."
    moved = Annotation(symbol="S/RES/1 (2000)", block="op1", start=3, end=10, quote="a report")
    assert in_sentence(moved, _block(paragraph)) == Context("Requests ", "a report", ".")
    lost = Annotation(symbol="S/RES/1 (2000)", block="op1", start=3, end=10, quote="gone words")
    assert in_sentence(lost, _block(paragraph)) == Context("", "gone words", "")
    assert in_sentence(moved, None) == Context("", "a report", "")  # no paragraph at hand


def _document(title: str, subject: str | None, text: str = "") -> Document:
    return Document(symbol="S/RES/1 (2000)", body="Security Council", date="2000-01-01",
                    title=title, kind=DocumentKind.RESOLUTION, blocks=[_block(text)],
                    subject=subject)


@pytest.mark.parametrize(("title", "subject", "text", "described"), [
    ("Threats to international peace and security caused by terrorist acts",
     "Returning and relocating foreign terrorist fighters",
     "foreign terrorist fighters returning to their countries",
     "Threats to international peace and security caused by terrorist acts: returning and "
     "relocating foreign terrorist fighters"),
    # a first word the text never writes in lower case is a name: it keeps its capital
    ("The situation concerning Iraq", "Iraq and Kuwait", "Iraq shall comply",
     "The situation concerning Iraq: Iraq and Kuwait"),
    ("The situation in Somalia", "UNSOM mandate", "renews the mandate",
     "The situation in Somalia: UNSOM mandate"),
    ("The question of Palestine", None, "", "The question of Palestine"),
    ("", "Sanctions against ISIL", "", "Sanctions against ISIL"),
    ("Non-proliferation", "Non-proliferation", "", "Non-proliferation"),
])
def test_a_document_is_described_by_title_and_subject(title, subject, text, described):
    assert describe(_document(title, subject, text)) == described
