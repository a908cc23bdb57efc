"""The hand-off between a raw form's reader and the shared structure pass."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.parsing.styled import Styled


@dataclass(frozen=True)
class RawBlock:
    """A piece of running text as a raw form delivers it: a Markdown paragraph, a PDF line.

    It may be a whole paragraph, half of one cut by a page break, or one wrapped line: deciding
    which is the structure pass's job, the same for every form. Paragraph numbers stay in the
    text ("12. *Decides* …", "(a) …") so that pass reads them the same way everywhere.
    """

    text: Styled
    line: int  # 1-based line in the source file
    #: A blank line stood before it. Where a text separates paragraphs by blank lines (and does
    #: not put one after every line) this is evidence of a new paragraph, never proof.
    gap: bool = False
    #: The raw form knows this is the text of footnote ``footnote`` (a Markdown ``[^3]: …``
    #: definition, a line under the separator at the foot of a PDF page).
    footnote: str | None = None
