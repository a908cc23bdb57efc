"""Which paragraphs of a resolution carry binding language, and why: the reader's "binding" mark.

Readers look for binding language first (DOMAIN.md), so the mark must mean one thing: the
paragraph imposes a legal obligation, as opposed to recommending, urging or arranging the
Council's own business. It is decided by the structure of the text, the way a legal adviser
reads it first, and each rule is one the sources below support:

1. **Who adopted it.** Under Article 25 of the Charter the Members "agree to accept and carry out
   the decisions of the Security Council"; the General Assembly recommends (Articles 10-14), its
   decisions binding Members only where the Charter says so: the apportionment of the
   Organization's expenses (Article 17(2); ICJ, *Certain Expenses*, 1962). A draft binds nobody;
   nor does any other body's resolution.
2. **What the Council decided.** Article 25 reaches decisions, and the Council marks the
   decisions that impose an obligation by their grammar: "*Decides* that all States shall …",
   "*Decides* that Iraq shall …", "*Decides* to prohibit …", "*Requires* Iraq to …",
   "*Orders* the Governments concerned … to …". The obligation is the clause's modal: "shall",
   "shall not", "must", "is/are to", "are required/obliged/bound to" (not "should", "may" or
   "will", which recommend, permit or predict). The ICJ asks that "the language of a resolution
   … be carefully analysed before a conclusion can be made as to its binding effect" (*Namibia*
   advisory opinion, 1971, para. 114); this is that analysis, confined to the text.
3. **On whom.** The clause's subject must be someone the Council binds: States ("all States",
   "Member States", "no State", "each State neighbouring …"), Governments, authorities, parties,
   a named State ("Iraq", "the Federal Republic of Yugoslavia"), or the measures States apply
   ("the measures imposed by paragraph 3 shall remain in force"). A decision about the
   Council's own machinery is procedural and binds no State: "*Decides* to remain seized",
   "to extend/renew the mandate", "to hold", "to consider", "to include", "to establish a
   committee" (the committee's work falls on the Council and the Secretariat; what States owe
   it comes in its own "shall" paragraphs), "that the Committee/Mission/Force shall …", "that an
   election shall take place". Every "*Decides* to …" is procedural except "to prohibit", which
   forbids States' trade (S/RES/820 (1993) para. 22). Lifting or exempting measures ("shall not
   apply to", "shall cease", "shall have no further force") removes an obligation.
4. **Demands.** "*Demands*" is marked only when the Council acts under Chapter VII: a demand
   under Articles 39 and 40 (Iraq to withdraw from Kuwait, S/RES/660 (1990); the cease-fire of
   S/RES/598 (1987)) is read as binding on those it addresses, while outside Chapter VII whether
   a demand binds is disputed (the Members' statements on S/RES/2728 (2024)). "*Calls upon*",
   "*Urges*", "*Requests*" are recommendations and never marked, although the ICJ once read a
   "calls upon" as a decision (*Namibia*, paras. 115-116, on S/RES/276 (1970)): the
   discussions and circumstances it weighed are not in the text.
5. **Chapter VII strengthens, it is not required.** Article 25 "is not confined to decisions in
   regard to enforcement action" (*Namibia*, para. 113), so a Council decision imposing an
   obligation is marked with or without it; "Acting under Chapter VII of the Charter" (or under
   Articles 39-42) in the preamble or the paragraph itself is recorded in the reason.
6. **Sub-paragraphs** inherit their lead-in: "*Decides* that all States shall prevent: (a) …
   (b) …" binds in every item. Under an open lead-in ("*Decides* that:", "*Decides also* …, the
   following:") each item is read as the clause itself ("(a) Iraq shall submit …").

A paragraph that recalls an earlier decision ("*Recalls* its decision in resolution 1373 (2001)
that all Member States shall …") is not marked: the obligation is the earlier resolution's.

Qt-free: the view (reader/document/render.py) draws the mark, ``main.py corpus --json`` gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from corpus.model import Block, BlockKind, Document, DocumentKind
from corpus.parsing.phrases import words

#: What the mark means, for the view's tooltip, before the paragraph's own reason.
MEANING = "Binding language: this paragraph imposes a legal obligation, not a recommendation."


@dataclass(frozen=True)
class Binding:
    """Why a paragraph binds, and which words carry it.

    ``reason`` is the sentence a tooltip shows. ``obligation`` are the words that carry it
    ("shall", "shall not", "Requires", "prohibit"), at ``[start, end)`` in the text of block
    ``paragraph``: the block itself, or for a sub-paragraph the lead-in it inherits from.
    """

    reason: str
    obligation: str
    paragraph: str
    start: int
    end: int


# Verb clauses that can impose an obligation: at the paragraph's start, or joined later ("…, and
# demands that Iraq adhere …", S/RES/687 (1991) para. 17).
_ADVERB = r"(?:also|further|furthermore|moreover|hereby|therefore|accordingly|again|strongly)"
_CLAUSE = re.compile(
    rf"(?:^|(?<=; )|(?<=, )|(?<=\band ))(?:{_ADVERB}\s+)?"
    rf"(?P<verb>decides|resolves|requires|orders|demands)\b(?:\s+{_ADVERB}\b)?", re.IGNORECASE)
# After a decision verb, what follows: "that" (the decision's clause), "to …" (an act of the
# Council), or an open lead-in ("Decides:", "the following:"). After a parenthetical opened by a
# comma ("Decides, under Chapter VII of the Charter, that …") only a comma ends it.
_AFTER_COMMA = re.compile(r",\s*(?P<what>that\b(?!\s+is\b)|(?:not\s+)?to\s+(?P<act>[a-z]+)"
                          r"|the following\b)")
_AFTER = re.compile(r"(?P<what>\bthat\b(?!\s+is\b)|\b(?:not\s+)?to\s+(?!(?:the|this|that|its|"
                    r"their|an?|all|any|such|resolution|paragraph)\b)(?P<act>[a-z]+)"
                    r"|\bthe following\b|:)")
#: A second clause of the same decision ("Decides that petroleum … shall be immune …, and that
#: all States shall take any steps …", S/RES/712 (1991) para. 5).
_AND_THAT = re.compile(r",?\s+and\s+that\b")
_MODAL = re.compile(r"\b(?:shall(?:\s+not)?|must(?:\s+not)?|(?:is|are)\s+(?:not\s+)?"
                    r"(?:required|obliged|bound)\s+to|(?:is|are)\s+to)\b")
_LIFTED = re.compile(r"\s*(?:no\s+longer|have\s+no\s+(?:further\s+)?(?:force|effect)|cease|"
                     r"terminate|expire|end|be\s+(?:terminated|lifted|suspended|waived))\b")
# A comma segment that is not the subject: a preposition, conjunction or participle phrase
# ("in furtherance of …", "including Iraq", "if, at any time …") or an enumeration ("(a) of …").
_NOT_SUBJECT = re.compile(
    r"^(?:\(|\d|[a-z]+(?:ing|ly)\b|(?:in|if|upon|on|at|after|before|pending|notwithstanding|"
    r"subject|with|within|without|as|for|from|by|through|under|pursuant|consistent|except|inter|"
    r"while|whether|which|who|whose|where|when|whenever|unless|until|once|since|because|during|"
    r"between|among|against|to|so|effective|irrespective|namely|i\.e|e\.g|together|that)\b)")
_HEAD_END = re.compile(r"\s+(?:of|in|on|to|for|by|with|from|under|established|set|imposed|"
                       r"referred|mentioned|which|who|that|subject|concerned|including|"
                       r"neighbouring|pursuant|as)\b|[,(]")
_DETERMINER = re.compile(r"^(?:the|all|each|every|no|any|both)\s+", re.IGNORECASE)
_BOUND = re.compile(r"\b(?:States?|Members|Governments?|authorities|[Pp]arties|Party|forces)\b")
_NOUN_PHRASE = re.compile(r"[A-Z]|(?:the|a|an|all|each|every|no|any|both|either|neither)\b")
_MEASURES = re.compile(r"\b(?:measures|prohibitions?|embargo|sanctions|restrictions|provisions)\b")
_ORGAN = re.compile(
    r"\b(?:Council|Committee|Commission|Mission|Force|Group|Tribunal|Court|Secretary-General|"
    r"Secretariat|Office|Panel|Team|Mediator|Representative|Operation|Observers?|Conference|"
    r"Assembly|Organization|Fund|Programme|Directorate|Ombudsperson|Coordinator|Envoy|"
    r"Authority|Administration|Agency|Board|Unit|Mechanism|United Nations)\b"
    r"|\b(?:mandate|elections?|vacanc(?:y|ies)|period|meeting|session|report|sum|account|date|"
    r"work|tasks?|modalities|arrangements|deployment|withdrawal|negotiations|percentage|"
    r"commission|committee|tribunal|mission|force|group|team|panel|operation)\b")
_NOT_NAMES = words("Nothing None This These Those It They Such To Paragraph Paragraphs Resolution "
                   "Article Annex Part Section")
_ACRONYM = re.compile(r"[A-Z]{2,}\b")
# A later clause of the paragraph that its sub-paragraphs belong to instead ("…, and requests
# the Committee: (a) …").
_LATER_CLAUSE = re.compile(r"(?:\band|;)\s+(?:also\s+|further\s+)?(?:requests|calls\s+(?:upon|on)|"
                           r"urges|invites|encourages|directs|instructs|authorizes|recommends)\b")
#: "Acting under Chapter VII of the Charter", "Acting in accordance with Articles 39 and 41",
#: "Acting, therefore, under …", and as the OCR has it, "Acting wider Chapter VII".
_ACTING = re.compile(r"\b[Aa]cting\b[\s,]*(?:therefore|also|further)?[\s,]*(?:under|wider|in "
                     r"accordance with)\s+(?:Chapter\s+VII\b|Articles?\s+(?:39|40|41|42)\b)")
#: A preambular paragraph about an earlier act ("Recalling that, acting under Chapter VII, it
#: decided …"): it says nothing of how the Council acts now.
_RECALLING = re.compile(r"(?:\w+\s+)?(?:Recall|Reaffirm|Not|Tak|Bear|Welcom|Having|Recogni[sz])")
_UNDER_VII = re.compile(r"\b(?:under|in accordance with)\s+(?:Chapter\s+VII\b|"
                        r"Articles?\s+(?:39|40|41|42)\b)")
_APPORTION = re.compile(r"\bapportion(?:s|ed|ment)?\b")

_ARTICLE_25 = ("Under Article 25 of the Charter, the Members of the United Nations agree to "
               "accept and carry out the decisions of the Security Council.")
_CHAPTER_VII = "The Council acts under Chapter VII of the Charter."
_NO_CHAPTER_VII = ("The resolution does not say it acts under Chapter VII; Article 25 is not "
                   "confined to Chapter VII decisions (ICJ, Namibia advisory opinion, 1971, "
                   "para. 113).")


@dataclass(frozen=True)
class _Reading:
    """What one paragraph says on its own: a binding clause, or an open lead-in whose
    sub-paragraphs each carry their own clause ("*Decides* that:")."""

    binding: Binding | None = None
    opens: bool = False


def binding(doc: Document, block: Block) -> Binding | None:
    """Whether ``block`` of ``doc`` carries binding language, and why; None if it does not."""
    return binding_paragraphs(doc).get(block.id)


def binding_paragraphs(doc: Document) -> dict[str, Binding]:
    """Every paragraph of ``doc`` that carries binding language, by block id, in one pass
    (a sub-paragraph needs its lead-in's reading, and the lead-in comes first)."""
    body = _body(doc)
    if doc.kind != DocumentKind.RESOLUTION or body is None:
        return {}
    chapter_vii = acts_under_chapter_vii(doc)
    readings: dict[str, _Reading] = {}
    for block in doc.blocks:
        if block.kind == BlockKind.OPERATIVE:
            readings[block.id] = _read(block, body, chapter_vii)
        elif block.kind == BlockKind.SUBPARAGRAPH and block.parent in readings:
            readings[block.id] = _read_item(block, readings[block.parent], doc, body, chapter_vii)
    return {key: reading.binding for key, reading in readings.items() if reading.binding}


def acts_under_chapter_vii(doc: Document) -> bool:
    """Whether the Council says, before its operative part, that it acts under Chapter VII
    (or Articles 39-42) of the Charter; an operative "Acting under Chapter VII …:" lead-in
    counts too."""
    return any(_ACTING.search(block.text) for block in doc.blocks
               if (block.kind == BlockKind.PREAMBULAR and not _RECALLING.match(block.text))
               or (block.kind == BlockKind.OPERATIVE and block.text.startswith("Acting")))


def with_binding(doc: Document, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (corpus.serialize.document_to_dict of ``doc``) with ``"binding": true|false``
    on every block: what ``main.py corpus --json`` prints."""
    marked = binding_paragraphs(doc)
    for block in data["blocks"]:
        block["binding"] = block["id"] in marked
    return data


def _body(doc: Document) -> str | None:
    if "Security Council" in doc.body:
        return "Security Council"
    return "General Assembly" if "General Assembly" in doc.body else None


def _read(block: Block, body: str, chapter_vii: bool) -> _Reading:
    """An operative paragraph's reading: its first clause that binds, else whether it opens
    items that carry their own clauses."""
    opens = False
    for clause in _CLAUSE.finditer(block.text):
        verb = clause.group("verb").lower()
        if body == "General Assembly":
            found = _apportionment(block, clause) if verb in ("decides", "resolves") else None
        elif verb in ("decides", "resolves"):
            found, open_here = _decision(block, clause, chapter_vii)
            opens = opens or open_here
        elif verb == "demands":
            found = _demand(block, clause, chapter_vii)
        else:
            found = _command(block, clause, chapter_vii)
        if found:
            return _Reading(found)
    return _Reading(opens=opens)


def _read_item(block: Block, lead: _Reading, doc: Document, body: str,
               chapter_vii: bool) -> _Reading:
    """A sub-paragraph: the obligation of its lead-in, or under an open lead-in its own clause."""
    if lead.binding:
        if lead.binding.paragraph != block.parent:
            return lead  # the lead-in inherited it: its reason says whose words bind
        holder = doc.block(lead.binding.paragraph)
        if holder is None or _LATER_CLAUSE.search(holder.text, lead.binding.end):
            return _Reading()  # the items belong to a later, non-binding clause
        return _Reading(_inherited(lead.binding, holder))
    if lead.opens and body == "Security Council":
        text = re.sub(r"^[Tt]hat\s+", "", block.text)
        if re.match(r"(?:[Nn]ot\s+)?[Tt]o\b", text):
            return _Reading()  # "(b) To renew the mandate …": the Council's own act
        return _Reading(_obligation(block, len(block.text) - len(text), "", chapter_vii))
    return _Reading()


def _inherited(lead: Binding, holder: Block) -> Binding:
    if holder.kind == BlockKind.OPERATIVE and holder.number:
        where = f"paragraph {holder.number}"
    else:
        where = f"item ({holder.number})" if holder.number else "its lead-in"
    reason = f"Part of {where}, whose opening words bind every item: {lead.reason}"
    return Binding(reason, lead.obligation, lead.paragraph, lead.start, lead.end)


def _decision(block: Block, clause: re.Match[str], chapter_vii: bool
              ) -> tuple[Binding | None, bool]:
    """A "Decides"/"Resolves" clause: (its binding, whether it opens items with own clauses)."""
    text, end = block.text, clause.end()
    pattern = _AFTER_COMMA if text[end:].lstrip().startswith(",") else _AFTER
    after = pattern.search(text, end)
    if after is None:
        return None, False
    what = after.group("what")
    if what == ":" or what == "the following":
        return None, True
    if after.group("act"):
        if after.group("act") != "prohibit" or what.startswith("not"):
            return None, False  # the Council's own act: procedural
        start = after.start("act")
        quote = f"{_opening(text, clause)} to prohibit …"
        reason = (f"“{quote}”: a decision of the Security Council prohibiting conduct, which "
                  f"every State must enforce. {_ARTICLE_25} {_chapter(text, start, chapter_vii)}")
        return Binding(reason, "prohibit", block.id, start, start + len("prohibit")), False
    rest = text[after.end():]
    if not rest.strip(" ,") or rest.lstrip().startswith(":"):
        return None, True  # "Decides that:" / "Decides, …, that:"
    opening = _opening(text, clause)
    for start in (after.end(), *(m.end() for m in _AND_THAT.finditer(text, after.end()))):
        found = _obligation(block, start, opening, chapter_vii)
        if found:
            return found, False
    return None, False


def _obligation(block: Block, clause_start: int, opening: str, chapter_vii: bool
                ) -> Binding | None:
    """The obligation of a decision's clause (the text from ``clause_start``): its first
    binding modal, if its subject is someone the Council binds."""
    text = block.text
    stop = text.find(";", clause_start)
    modal = _MODAL.search(text, clause_start, stop if stop >= 0 else len(text))
    if modal is None:
        return None
    subject = _subject(text[clause_start:modal.start()])
    whom = _on_whom(subject)
    if whom is None or (whom == "measures" and _lifts(modal, text)):
        return None
    on = "setting the measures States must apply" if whom == "measures" else f"on {whom}"
    lead = f"{opening} that " if opening else ""
    gap = "" if text[clause_start:].lstrip(" ,").startswith(subject) else "… "
    said = f"{lead}{gap}{_short(subject)} {modal.group()} …"
    reason = (f"“{_capital(said)}”: a decision of the Security Council imposing an obligation "
              f"{on}. {_ARTICLE_25} {_chapter(text, modal.start(), chapter_vii)}")
    return Binding(reason, modal.group(), block.id, modal.start(), modal.end())


def _demand(block: Block, clause: re.Match[str], chapter_vii: bool) -> Binding | None:
    """A demand binds when the Council acts under Chapter VII (rule 4)."""
    text, verb = block.text, clause.span("verb")
    if not (chapter_vii or _UNDER_VII.search(text, 0, verb[0])):
        return None
    if _addressee(text, verb[1]) is None:
        return None
    reason = (f"“{_quote(text, verb[0])}”: a demand of the Security Council "
              "acting under Chapter VII of the Charter, read as binding on those it addresses, "
              "as was its demand that Iraq withdraw from Kuwait (resolution 660 (1990)). "
              f"{_ARTICLE_25}")
    return Binding(reason, text[verb[0]:verb[1]], block.id, *verb)


def _command(block: Block, clause: re.Match[str], chapter_vii: bool) -> Binding | None:
    """"Requires Iraq to …", "Orders the Governments concerned … to …": a command in terms."""
    text, verb = block.text, clause.span("verb")
    if clause.group("verb").lower() == "orders" and verb[0] > 0:
        return None  # "decisions and orders of the Tribunal": a noun
    if _addressee(text, verb[1]) is None:
        return None
    reason = (f"“{_quote(text, verb[0])}”: the Security Council "
              f"commands it in terms. {_ARTICLE_25} {_chapter(text, verb[0], chapter_vii)}")
    return Binding(reason, text[verb[0]:verb[1]], block.id, *verb)


def _apportionment(block: Block, clause: re.Match[str]) -> Binding | None:
    """The one General Assembly decision that binds Members: apportioning expenses."""
    found = _APPORTION.search(block.text, clause.end())
    if found is None:
        return None
    reason = (f"“{_capital(_opening(block.text, clause))} … {found.group()} …”: a decision of "
              "the General Assembly apportioning the Organization's expenses; under Article "
              "17(2) of the Charter the Members bear them as the Assembly apportions them "
              "(ICJ, Certain Expenses advisory opinion, 1962).")
    return Binding(reason, found.group(), block.id, *found.span())


def _addressee(text: str, verb_end: int) -> str | None:
    """Whom a demand or command addresses ("that Iraq …", "Iraq to …", "the immediate
    withdrawal of …"); None when it addresses the Council's own organs."""
    rest = re.sub(r"^[\s,]*(?:that\s+)?(?:,[^,]*,\s*)?", "", text[verb_end:])
    head = _head(rest)
    return None if not head or _ORGAN.search(head) or _ACRONYM.match(_strip(head)) else head


def _subject(before_modal: str) -> str:
    """The subject of a clause: its last comma segment that is not a parenthetical phrase
    ("in furtherance of …, Member States" → "Member States"; "all States, including Iraq," →
    "all States"), one that opens like a noun phrase ("States", "the …", "all …") first, so
    the items of a list ("…, industrial or public utility undertakings, …") are passed over."""
    segments = [re.sub(r"^(?:(?:and|or|but|that)\s+)+", "", segment.strip())
                for segment in before_modal.split(",")]
    candidates = [s for s in segments if s and not _NOT_SUBJECT.match(s)]
    strong = [s for s in candidates if _NOUN_PHRASE.match(s)]
    return (strong or candidates or [""])[-1]


def _on_whom(subject: str) -> str | None:
    """Whom the clause binds, as the tooltip names them ("all States", "Iraq"), "measures" for
    the measures States apply, None for the Council's own machinery or nobody."""
    head = _head(subject)
    if not head or _ORGAN.search(head) or _ACRONYM.match(_strip(head)):
        return None
    if _BOUND.search(head):
        return _short(subject)
    if _MEASURES.search(head):
        return "measures"
    first = _strip(head).split()[0]
    return _short(subject) if first[0].isupper() and first not in _NOT_NAMES else None


def _lifts(modal: re.Match[str], text: str) -> bool:
    """Whether measures are lifted or exempted ("shall not apply to", "shall cease")."""
    after = text[modal.end():]
    if "not" in modal.group() and re.match(r"\s*apply\b", after):
        return True
    return bool(_LIFTED.match(after))


def _head(phrase: str) -> str:
    end = _HEAD_END.search(phrase)
    return (phrase[:end.start()] if end else phrase).strip()


def _strip(head: str) -> str:
    return _DETERMINER.sub("", head).strip() or head


def _short(phrase: str, most: int = 8) -> str:
    """At most ``most`` words of ``phrase``, "…" marking a cut."""
    split = phrase.split()
    return " ".join(split[:most]) + (" …" if len(split) > most else "")


def _opening(text: str, clause: re.Match[str]) -> str:
    """The clause's verb as written, with "…," for a parenthetical between it and its object
    ("Decides, …, that")."""
    verb = text[clause.start():clause.end()]
    return f"{verb}, …," if text[clause.end():].lstrip().startswith(",") else verb


def _quote(text: str, start: int) -> str:
    """The first words of a clause, for a tooltip: "Requires Iraq to inform the …"."""
    return _capital(_short(text[start:].rstrip(";.:,"), 5))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _chapter(text: str, before: int, chapter_vii: bool) -> str:
    if chapter_vii or _UNDER_VII.search(text, 0, before):
        return _CHAPTER_VII
    return _NO_CHAPTER_VII
