"""What a reader types to go to a paragraph, and the paragraph it names.

Go to Paragraph (Ctrl+G) takes what a reader would write or say: "OP 12", "op12", "PP 3",
"12", "12(b)", "12 (b) (ii)", "para. 9", "annex 6", "annex B 6", "annex B, para. 6 (a)",
"paragraph 6 of annex B", "part B 1", "footnote 4", a block id as the app writes it
("op9.b.ii", "annexB.6"), or a whole citation of the document's own ("S/RES/2396 (2017),
para. 12", as Copy with Citation puts it on the clipboard). Reading is split from resolving: the
text is first read into what it asks for (``read_reference``: a kind, a number, sub-paragraph
labels, an annex or part), which tells "not understood" from "no such paragraph here", and only
then looked up in the document. A cited sub-paragraph the document does not split out leads to
the paragraph that holds its text, as a citation link does (reader/document/links.py).

Qt-free: the dialog in the reader only shows what these functions answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.citing import short_label
from corpus.model import BlockKind, Document

#: Words for "paragraph" before a number: "para.", "paragraph", "paras", "§", "no.".
_PARA = r"(?:para(?:graph)?s?\.?|§|no\.?)"
#: Sub-paragraph labels after a number: "(b)", "(b)(ii)", " (b) (ii)", ".b.ii", "b".
_LABELS = r"(?P<labels>(?:\s*\(\s*[a-z0-9]{1,6}\s*\)|\.[a-z0-9]{1,6}|\s*[a-z]{1,5}\b)*)"
_NUMBER = r"(?P<number>\d{1,4})\.?"
#: An annex's label: a letter, a Roman numeral or a number ("Annex B", "Annex II", "Annex 2").
_ANNEX_LABEL = r"(?P<annex>[a-z]|[ivxlc]{1,6}|\d{1,3})"

_FOOTNOTE = re.compile(r"(?:foot\s*note|fn|note|n)\s*\.?\s*(?P<number>\d{1,4})")
_PREAMBULAR = re.compile(r"(?:pp|preamb(?:ular|le)?(?:\s+" + _PARA + r")?)\s*\.?\s*"
                         r"(?P<number>\d{1,4})")
_PREAMBULAR_WORDS = re.compile(r"(?:the\s+)?(?P<ordinal>[a-z]+)\s+preambular(?:\s+paragraph)?")
_ANNEX = re.compile(r"annex(?:\s*" + _ANNEX_LABEL + r")?(?:\s*[,:]?\s*(?:" + _PARA + r"\s*)?"
                    + _NUMBER + _LABELS + r")?")
_OF_ANNEX = re.compile(r"(?:" + _PARA + r"\s*)?" + _NUMBER + _LABELS
                       + r"\s*,?\s*of\s+(?:the\s+)?annex(?:\s*" + _ANNEX_LABEL + r")?")
_PART = re.compile(r"(?:part\s*(?P<part>[a-z])|(?P<bare>[a-z])\s*[:.]|(?P<short>[a-z])\s+(?=op))"
                   r"(?:\s*[,:]?\s*(?:op|operative(?:\s+paragraph)?|" + _PARA + r")?\s*"
                   + _NUMBER + _LABELS + r")?")
_OPERATIVE = re.compile(r"(?:op|operative(?:\s+paragraph)?|" + _PARA + r")?\s*\.?\s*" + _NUMBER
                        + _LABELS)

_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
#: What the reader is told an unreadable entry should look like.
EXAMPLES = "OP 12, PP 3, 12 (b), annex B 6 or footnote 4"


@dataclass(frozen=True)
class Reference:
    """What a typed reference asks for, before any document is looked at.

    ``kind`` is "operative", "preambular", "footnote", "annex", "part" or "id" (a block id as
    typed); ``annex`` is an annex's label ("B", "II", "" for "annex" alone, None outside
    annexes); ``labels`` the sub-paragraph labels in order ("b", "ii").
    """

    kind: str
    number: int | None = None
    labels: tuple[str, ...] = ()
    annex: str | None = None
    part: str | None = None
    text: str = ""

    def describe(self) -> str:
        """"OP 12 (b)", "PP 3", "footnote 4", "annex B, paragraph 6": how the reader is told
        what was looked for."""
        labels = "".join(f" ({label})" for label in self.labels)
        if self.kind == "footnote":
            return f"footnote {self.number}"
        if self.kind == "preambular":
            return f"PP {self.number}"
        if self.kind == "annex":
            annex = f"annex {self.annex}".rstrip()
            return f"{annex}, paragraph {self.number}{labels}" if self.number else annex
        if self.kind == "part":
            return f"part {self.part}, OP {self.number}{labels}" if self.number else \
                f"part {self.part}"
        if self.kind == "id":
            return self.text
        return f"OP {self.number}{labels}"


def parse_paragraph_reference(text: str, doc: Document) -> str | None:
    """The block id of the paragraph ``text`` names in ``doc`` ("OP 12" -> "op12", "annex B
    6" -> "annexB.6", "12 (b) (ii)" -> "op12.b.ii"); None if it names none of its paragraphs
    (or cannot be read: ``read_reference`` tells the two apart)."""
    exact = _block_id(text.strip(), doc)
    if exact is not None:
        return exact
    reference = read_reference(text, doc.symbol)
    return None if reference is None else resolve_reference(reference, doc)


def reference_problem(text: str, doc: Document) -> str | None:
    """Why ``text`` leads nowhere in ``doc``, in a sentence for the reader; None if it
    leads to a paragraph."""
    if not text.strip():
        return f"Type a paragraph: {EXAMPLES}"
    if parse_paragraph_reference(text, doc) is not None:
        return None
    reference = read_reference(text, doc.symbol)
    if reference is None and "/" in text:
        return f"That names another document: type a paragraph of {doc.symbol}"
    if reference is None:
        return f"Not a paragraph reference: type {EXAMPLES}"
    return f"{doc.symbol} has no {reference.describe()}"


def read_reference(text: str, own_symbol: str | None = None) -> Reference | None:
    """What ``text`` asks for, or None if it is not a paragraph reference. A citation's
    symbol in front ("S/RES/2396 (2017), para. 12") is dropped when it is ``own_symbol``."""
    cleaned = _clean(text, own_symbol)
    if cleaned is None:
        return None
    if match := _FOOTNOTE.fullmatch(cleaned):
        return Reference("footnote", int(match["number"]), text=cleaned)
    if match := _PREAMBULAR.fullmatch(cleaned):
        return Reference("preambular", int(match["number"]), text=cleaned)
    if (match := _PREAMBULAR_WORDS.fullmatch(cleaned)) and match["ordinal"] in _ORDINALS:
        return Reference("preambular", _ORDINALS.index(match["ordinal"]) + 1, text=cleaned)
    for pattern in (_ANNEX, _OF_ANNEX):
        if match := pattern.fullmatch(cleaned):
            return Reference("annex", _number(match["number"]), _labels(match["labels"]),
                             annex=(match["annex"] or "").upper(), text=cleaned)
    if (match := _PART.fullmatch(cleaned)) and (match["number"] or match["part"]):
        part = (match["part"] or match["bare"] or match["short"]).upper()
        return Reference("part", _number(match["number"]), _labels(match["labels"]),
                         part=part, text=cleaned)
    if match := _OPERATIVE.fullmatch(cleaned):
        return Reference("operative", int(match["number"]), _labels(match["labels"]),
                         text=cleaned)
    return None


def resolve_reference(reference: Reference, doc: Document) -> str | None:
    """The block id ``reference`` names in ``doc``, None if the document lacks it."""
    if reference.kind == "footnote":
        return _first(doc, [f"fn{reference.number}"])
    if reference.kind == "preambular":
        return _first(doc, [f"pp{reference.number}"])
    if reference.kind == "annex":
        return _annex(reference, doc)
    if reference.kind == "part":
        if reference.number is None:
            return _first(doc, [f"part{reference.part}"])
        wanted = [f"{reference.part}.op{reference.number}", *reference.labels]
        found = deepest_block(doc, wanted)
        if found is not None:
            return found
        plain = deepest_block(doc, [f"op{reference.number}", *reference.labels])
        block = doc.block(plain) if plain else None
        return plain if block is not None and block.part == reference.part else None
    if reference.kind == "operative":
        found = deepest_block(doc, [f"op{reference.number}", *reference.labels])
        if found is not None:
            return found
        # A resolution in parts that number afresh has no "op1", only "A.op1", "B.op1"…
        for part in _parts(doc):
            found = deepest_block(doc, [f"{part}.op{reference.number}", *reference.labels])
            if found is not None:
                return found
    return None


def target_label(block_id: str) -> str:
    """How the dialog names where a reference leads: "OP 12 (b)", "Annex B 6"."""
    return short_label(block_id)


# --- reading ------------------------------------------------------------------------------------

def _clean(text: str, own_symbol: str | None) -> str | None:
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if own_symbol and cleaned.casefold().startswith(own_symbol.casefold()):
        cleaned = cleaned[len(own_symbol):].lstrip(" ,#:")
    elif "/" in cleaned:  # another document's citation: not a place in this one
        return None
    cleaned = cleaned.casefold().rstrip(" .;,")
    return cleaned or None


def _number(value: str | None) -> int | None:
    return int(value) if value else None


def _labels(value: str | None) -> tuple[str, ...]:
    """"(b) (ii)", ".b.ii", " b ii" -> ("b", "ii")."""
    return tuple(re.findall(r"[a-z0-9]+", value or ""))


# --- looking up ---------------------------------------------------------------------------------

def _block_id(text: str, doc: Document) -> str | None:
    """``text`` itself when it is one of the document's block ids ("op9.b.ii", "annexB.6"),
    in any case."""
    if not text or " " in text:
        return None
    if doc.block(text) is not None:
        return text
    lowered = text.casefold()
    return next((b.id for b in doc.blocks if b.id.casefold() == lowered), None)


def deepest_block(doc: Document, parts: list[str]) -> str | None:
    """The block of the whole path ("op12.b.ii"), else of the longest part of it the
    document has ("op12.b", "op12"): a sub-paragraph the text does not split out is in its
    paragraph. None when not even the first part is there."""
    parts = list(parts)
    while parts:
        if doc.block(".".join(parts)) is not None:
            return ".".join(parts)
        parts.pop()
    return None


def _first(doc: Document, ids: list[str]) -> str | None:
    return next((block_id for block_id in ids if doc.block(block_id) is not None), None)


def _parts(doc: Document) -> list[str]:
    return [b.number or b.id.removeprefix("part") for b in doc.blocks_of(BlockKind.PART)]


def _annexes(doc: Document) -> list[str]:
    """The labels of the document's annexes, in order ("" for a lone "Annex")."""
    return [b.annex for b in doc.blocks_of(BlockKind.ANNEX) if b.annex is not None]


def _annex(reference: Reference, doc: Document) -> str | None:
    annexes = _annexes(doc)
    label, number = reference.annex or "", reference.number
    if number is None and label.isdigit() and label not in annexes:
        label, number = "", int(label)  # "annex 6": paragraph 6, no annex being labelled 6
    if number is None:  # "annex", "annex B": the annex's opening line
        if not label:
            return f"annex{annexes[0]}" if annexes and doc.block(f"annex{annexes[0]}") else None
        return _first(doc, [f"annex{label}"])
    # "annex 6": the first annex that has a paragraph 6; "annex C 6": annex C's, if any.
    candidates = ([label] if label in annexes else []) if label else annexes
    for annex in candidates:
        found = deepest_block(doc, [f"annex{annex}.{number}", *reference.labels])
        if found is not None:
            return found
    return None
