"""The opening phrase of a paragraph: what the official document sets in italics.

Operative paragraphs open with a verb phrase ("Decides", "Further calls upon", "Reiterates its
strong and unequivocal condemnation"); preambular ones with a participle or adjective phrase
("Recalling also", "Deeply concerned", "Acting under Chapter VII of the Charter of the United
Nations"). The Markdown exports italicise operative verbs, so their italics are taken as they
are; PDF text has no italics, so the phrase is read with the grammar of UN drafting below. The
verb is what readers filter by ("binding language first"), so both routes must agree on the
same paragraph: "Further calls upon" from a draft's PDF and from the adopted Markdown.
"""

from __future__ import annotations

import re

#: The line that opens a resolution: "The Security Council,", "The Economic and Social
#: Council,", "The Conference of the Parties,"; the organ's name is group 1. Without its comma
#: (a resolution with no preamble: "The Security Council" / "1. Calls upon …"; one adopting a
#: declaration: "The General Assembly" / "Adopts …"; an OCR'd full stop) the line must name an
#: organ, so that a title line such as "The Question of Palestine" is not taken for it.
_ORGAN_WORDS = r"[A-Z][A-Za-z-]+(?: (?:[A-Z][A-Za-z-]+|and|of|the|for|on))*"
_ORGAN_NOUN = r"(?:Council|Assembly|Conference|Parties|Commission|Board|Committee|Meeting)"
INTRO = re.compile(
    rf"^The (?:({_ORGAN_WORDS}) ?,|({_ORGAN_WORDS} {_ORGAN_NOUN}|{_ORGAN_NOUN}) ?[.;:]?)$")

#: The line that names a resolution at its head, for one that has no intro line (the oldest
#: open "By Article 47 of the Charter …" or "Whereas …"): "Resolution 462 (1980)",
#: "RESOLUTION 781 (1992)", "84 (1950). Resolution of 7 July 1950", "Resolution adopted by the
#: General Assembly on …", "80/4. Title", "United Nations S/RES/1445 (2002)".
RESOLUTION_HEADING = re.compile(
    r"^(?:RESOLUTION|Resolution)\s+\d{1,4}\s*\(\d{4}\)"
    r"|^\d{1,4}\s*\(\d{4}\)\.?\s*(?:Resolution|RESOLUTION)\b"
    r"|^Resolution adopted by the\b"
    r"|^\d{1,3}/\d{1,4}\.\s"
    r"|^United Nations\s+[ASE]/(?:[A-Z]+/)?RES/")


def intro_organ(line: str) -> str | None:
    """The organ named by an intro line ("Security Council"), or None if it is not one."""
    match = INTRO.match(line)
    return (match.group(1) or match.group(2)).strip() if match else None

_ADVERBS = r"(?:Also|Further|Again|Once again|Strongly|Deeply|Firmly|Gravely|Seriously|" \
    r"Particularly|Profoundly|Fully|Expressly|Further strongly|Also strongly|Hereby)"

# Complements that belong to the verb, so "Calls upon" is one phrase, not "Calls" + "upon".
_OPERATIVE_COMPLEMENTS = {
    "calls": r"(?:upon|on|for)",
    "takes": r"(?:note|note with appreciation|note with concern)",
    "expresses": r"(?:grave concern|deep concern|serious concern|concern|appreciation)",
    "notes": r"(?:with appreciation|with concern|with satisfaction|with deep concern)",
}
_OPERATIVE = re.compile(rf"^(?=[A-Z])(?:{_ADVERBS}\s+)?(?P<verb>[A-Za-z][a-z]+s)\b")
_TRAILING_ADVERB = re.compile(r"^\s+(?:also|further|again)\b")

_PREAMBULAR_HEADS = (
    r"(?!during|nothing|something|everything|anything|king\b|beijing)[a-z][a-z]+ing|"
    r"Concerned|Alarmed|Convinced|Mindful|Aware|Conscious|Determined|Guided|Cognizant|Desirous|"
    r"Encouraged|Gratified|Disturbed|Appalled|Shocked|Outraged|Pleased|Satisfied|Resolved"
)
_PREAMBULAR_MODIFIERS = (
    r"with (?:grave |deep |serious |great )?(?:concern|appreciation|satisfaction)|"
    r"(?:grave|deep|continued|serious|further) concern|concern|note|in mind|regard to|"
    r"upon|into account|also|further|again"
)
_PREAMBULAR = re.compile(
    rf"^(?=[A-Z])(?:(?:Deeply|Gravely|Seriously|Particularly|Strongly|Further|Also|Profoundly|Firmly)\s+)?"
    rf"(?i:{_PREAMBULAR_HEADS})"
    rf"(?:\s+(?:{_PREAMBULAR_MODIFIERS}))*"
    rf"(?=[\s,;:]|$)"
)
_CHAPTER = re.compile(r"^Acting under Chapter [IVX]+ of the Charter of the United Nations")


def words(text: str) -> frozenset[str]:
    """A word list written as text, one or more words a line."""
    return frozenset(text.split())


def operative_verb(text: str, leading_italic: str | None = None) -> str | None:
    """The verb phrase an operative paragraph opens with.

    ``leading_italic`` is the italic run at the start of the paragraph when the source has one;
    it is the publisher's own marking of the phrase and wins, minus a stray "that" ("*Decides
    that*" in one export).
    """
    if leading_italic:
        phrase = re.sub(r"\s+that$", "", leading_italic.strip(" ,;:"))
        return phrase or None
    match = _OPERATIVE.match(text)
    if not match:
        return None
    end = match.end("verb")
    complement = _OPERATIVE_COMPLEMENTS.get(match.group("verb").lower())
    rest = text[end:]
    if complement:
        extra = re.match(rf"\s+{complement}\b", rest)
        if extra:
            end += extra.end()
            rest = text[end:]
    trailing = _TRAILING_ADVERB.match(rest)
    if trailing:
        end += trailing.end()
    return text[:end]


def preambular_phrase(text: str) -> str | None:
    """The opening phrase of a preambular paragraph, or None if it does not open like one."""
    chapter = _CHAPTER.match(text)
    if chapter:
        return chapter.group()
    match = _PREAMBULAR.match(text)
    return match.group() if match else None


#: Capitalised words ending in "s" that open sentences without being verbs.
_NOT_VERBS = words("""
whereas this thus has was is as its his hers yes nations states members parties governments
resolutions articles regulations provisions forces troops countries peoples negotiations
discussions elections operations measures sanctions arrangements agreements reports
consultations talks others various numerous previous serious continuous ethnic
""")
_DECISION = re.compile(
    r"^(?:It is (?:hereby )?(?:resolved|decided)\b"
    r"|(?:Now,? )?(?:[Tt]herefore,? )?(?:the|The) (?:Security Council|General Assembly)\b"
    r"[^.;:]{0,200}?\b(?:hereby )?(?:resolves|decides|requests|recommends|calls upon|approves"
    r"|adopts)\b)")


def unnumbered_operative(text: str) -> bool:
    """Whether a paragraph opens like an operative paragraph that carries no number: "Resolves
    that …", "Adopts the … Declaration", "Hereby resolves …", "Now, therefore, the Security
    Council … hereby resolves …" (the oldest resolutions and those adopting a text)."""
    match = _OPERATIVE.match(text)
    if match and match.group("verb").lower() not in _NOT_VERBS and not re.match(
            r"^[A-Z][a-z]+s\s+(?:of|and|or|have|are|were|which|who)\b", text):
        return True
    return bool(_DECISION.match(text))


#: The verbs most operative paragraphs open with: enough, after a paragraph that closed, to
#: start one where the layout gives no sign ("… United Nations, 18" / "Recommends to …").
_COMMON_VERBS = words("""
acknowledges adopts affirms agrees appeals approves appoints authorizes calls censures commends
condemns considers declares decides demands deplores determines directs emphasizes encourages
endorses establishes expresses extends finds insists instructs invites notes reaffirms
recognizes recommends regrets reiterates requests requires resolves stresses supports takes
underlines urges welcomes
""")


def common_operative_verb(text: str) -> bool:
    match = _OPERATIVE.match(text)
    return bool(match) and match.group("verb").lower() in _COMMON_VERBS and (
        match.start("verb") == 0 or text[:match.start("verb")].strip() in ("Also", "Further"))
