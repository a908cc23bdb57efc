"""PDFs laid out as the UN's official resolutions are, written in pure Python for the tests and
the PDF benchmark (no LibreOffice, no reportlab: CI has neither).

What they reproduce, each a thing the import must undo: the letterhead of the first page (two
columns on one baseline: "United Nations" … symbol, "General Assembly" … "Distr.: General"),
the job number and barcode at its foot; on later pages the running header (the symbol and the
resolution's title) and the footer (page number and job number); footnote markers set raised
and smaller after their word; footnotes under a separator of underscores at the foot of a page;
justified lines set glyph by glyph as word processors do (one position per glyph in a ``TJ``
array: pypdf's layout mode reads such a line letter-spaced); a page of a scan (an image and no
text). The fonts are the standard Times faces, so no font file is embedded and the files are a
few kilobytes.

``tools/`` is not a package: tests import ``tools.pdf_fixtures`` from the repository root.
"""

from __future__ import annotations

import textwrap
import zlib
from dataclasses import dataclass, field

__all__ = ["Footnote", "Paragraph", "Resolution", "resolution_pdf", "scanned_pdf",
           "sample_resolution"]

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4
LEFT, RIGHT = 72.0, 523.0
BODY_SIZE, NOTE_SIZE, MARK_SIZE = 10.0, 8.0, 6.5
LEADING, NOTE_LEADING = 12.0, 10.0
TOP, BOTTOM = 760.0, 90.0  # body text between these baselines
WRAP = 88  # characters of a body line (Times at 10 pt over the text width, roughly)
FONTS = {"R": "Times-Roman", "I": "Times-Italic", "B": "Times-Bold"}


@dataclass
class Footnote:
    number: str
    text: str


@dataclass
class Paragraph:
    """A paragraph; ``marks`` are footnote markers to set raised after the word that ends with
    the given text (its first occurrence), ``justified`` sets each line glyph by glyph."""

    text: str
    italic_words: int = 0  # the opening phrase in italics ("Recalling also")
    number: str = ""  # an operative number, set before the text ("1.")
    marks: dict[str, str] = field(default_factory=dict)  # word ending → footnote number
    justified: bool = False


@dataclass
class Resolution:
    symbol: str
    title: str  # "80/4. Necessity of ending …": the running header repeats it without "80/4."
    job: str  # "25-17552"
    date: str
    adopted: str  # "Resolution adopted by the General Assembly on 29 October 2025"
    paragraphs: list[Paragraph]
    footnotes: list[Footnote]
    session: str = "Eightieth session"
    agenda: tuple[str, ...] = ("Agenda item 38", "Necessity of ending the economic, commercial",
                               "and financial embargo")
    closing: tuple[str, ...] = ("22nd plenary meeting", "29 October 2025")


# --- Layout ----------------------------------------------------------------------------------


@dataclass
class _Text:
    """One line of text: its pieces set one after the other in one text object, each in its
    font and size, a footnote marker raised (``rise``)."""

    x: float
    y: float
    text: str
    font: str = "R"
    size: float = BODY_SIZE
    justified: bool = False  # set glyph by glyph with room between them, as justified
    pieces: list[tuple[str, str, float, float]] = field(default_factory=list)  # text, font,
    # size, rise

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [(self.text, self.font, self.size, 0.0)]


@dataclass
class _Page:
    items: list[_Text] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)


def resolution_pdf(resolution: Resolution) -> bytes:
    """The resolution as the UN's document system publishes it."""
    pages = _lay_out(resolution)
    return _write([_content(page, number, len(pages), resolution)
                   for number, page in enumerate(pages, start=1)])


def _lay_out(res: Resolution) -> list[_Page]:
    pages = [_Page()]
    y = TOP - 150  # under the letterhead
    for line in (*res.agenda, "", res.adopted, "", res.title, ""):
        if line:
            font = "B" if line is res.title else "R"
            pages[0].items.append(_Text(LEFT, y, line, font))
        y -= LEADING
    notes = {note.number: note for note in res.footnotes}
    lines = [("The General Assembly,", 0, "", {}, False, True)]
    for paragraph in res.paragraphs:
        wrapped = textwrap.wrap(paragraph.text, WRAP - (8 if paragraph.number else 0))
        for index, line in enumerate(wrapped):
            lines.append((line, paragraph.italic_words if index == 0 else 0,
                          paragraph.number if index == 0 else "", paragraph.marks,
                          paragraph.justified and index < len(wrapped) - 1, index == 0))
    lines += [("", 0, "", {}, False, True), *((line, 0, "", {}, False, False)
                                              for line in res.closing)]
    for text, italic, number, marks, justified, first in lines:
        page = pages[-1]
        room = BOTTOM + (len(page.notes) * 2 + 1) * NOTE_LEADING
        if first:
            y -= LEADING / 2
        if y < room:
            pages.append(_Page())
            page, y = pages[-1], TOP - 40
        if not text:
            continue
        x = LEFT + (36 if first and not number else 0)
        if number:
            page.items.append(_Text(x + 36, y, number))
            x += 72
        y = _set_line(page, x, y, text, italic, marks, justified, notes)
        y -= LEADING
    return pages


def _set_line(page: _Page, x: float, y: float, text: str, italic: int, marks: dict[str, str],
              justified: bool, notes: dict[str, Footnote]) -> float:
    """One body line: its italic opening words, its raised footnote markers."""
    pieces: list[tuple[str, str, float, float]] = []
    words = text.split(" ")
    if italic:
        pieces.append((" ".join(words[:italic]) + " ", "I", BODY_SIZE, 0.0))
        words = words[italic:]
    rest = " ".join(words)
    for ending, number in marks.items():
        at = rest.find(ending)
        if at < 0 or number not in notes:
            continue
        end = at + len(ending)
        pieces += [(rest[:end], "R", BODY_SIZE, 0.0), (number, "R", MARK_SIZE, 3.5)]
        if notes[number] not in page.notes:
            page.notes.append(notes[number])
        rest = rest[end:]
    pieces.append((rest, "R", BODY_SIZE, 0.0))
    page.items.append(_Text(x, y, text, justified=justified,
                            pieces=[piece for piece in pieces if piece[0]]))
    return y


def _width(text: str, size: float = BODY_SIZE) -> float:
    """A rough width in Times (0.45 em a glyph): enough to place pieces of a line one after
    the other, since PDF readers measure the glyphs themselves."""
    return len(text) * size * 0.45


def _content(page: _Page, number: int, count: int, res: Resolution) -> bytes:
    items = list(page.items)
    if number == 1:
        items += [
            _Text(LEFT, 800, "United Nations", "B", 14), _Text(430, 800, res.symbol, "B", 14),
            _Text(LEFT, 778, "General Assembly", "B", 16), _Text(430, 778, "Distr.: General"),
            _Text(430, 766, res.date), _Text(LEFT, 60, f"{res.job} (E)", "R", 8),
            _Text(LEFT, 48, f"*{res.job.replace('-', '')}*", "R", 12),
        ]
    else:
        header = res.title.split(". ", 1)[-1]
        items.append(_Text(LEFT if number % 2 == 0 else 400, 805, res.symbol, "R", 9))
        for index, line in enumerate(textwrap.wrap(header, 70)):
            items.append(_Text(LEFT if number % 2 == 0 else 250, 795 - 10 * index, line, "R",
                               8))
        footer = [f"{number}/{count}", res.job] if number % 2 == 0 else [res.job,
                                                                        f"{number}/{count}"]
        items += [_Text(LEFT, 50, footer[0], "B", 9), _Text(480, 50, footer[1], "R", 8)]
    if page.notes:
        y = BOTTOM + (len(page.notes) * 2) * NOTE_LEADING
        items.append(_Text(LEFT, y, "_" * 18))
        for note in page.notes:
            y -= NOTE_LEADING
            for index, line in enumerate(textwrap.wrap(note.text, 100)):
                pieces = [(line, "R", NOTE_SIZE, 0.0)]
                if index == 0:  # the number raised, then the text
                    pieces.insert(0, (f"{note.number} ", "R", MARK_SIZE, 3.0))
                items.append(_Text(LEFT + (8 if index == 0 else 18), y - index * NOTE_LEADING,
                                   line, pieces=pieces))
            y -= NOTE_LEADING * len(textwrap.wrap(note.text, 100))
    return b"\n".join(_show(item) for item in items)


def _show(item: _Text) -> bytes:
    parts = [f"BT 1 0 0 1 {item.x:.2f} {item.y:.2f} Tm"]
    for text, font, size, rise in item.pieces:
        parts.append(f"/F{font} {size:g} Tf {rise:g} Ts")
        if item.justified and rise == 0:
            # Glyph by glyph, each moved right a little and a space more: a justified line as
            # word processors write it (the numbers are thousandths of the font size).
            array = " ".join(f"({_escape(ch)}) {-180 if ch == ' ' else -25}" for ch in text)
            parts.append(f"[{array}] TJ")
        else:
            parts.append(f"({_escape(text)}) Tj")
    parts.append("ET")
    return " ".join(parts).encode("cp1252")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


# --- The file --------------------------------------------------------------------------------


def _write(contents: list[bytes], extra: dict[int, bytes] | None = None,
           resources: str | None = None) -> bytes:
    """A PDF of pages with the given content streams (Flate-compressed)."""
    fonts = " ".join(f"/F{key} << /Type /Font /Subtype /Type1 /BaseFont /{name} "
                     "/Encoding /WinAnsiEncoding >>" for key, name in FONTS.items())
    resources = resources or f"<< /Font << {fonts} >> >>"
    objects: list[bytes] = []
    count = len(contents)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, content in enumerate(contents):
        stream = zlib.compress(content)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH:g} "
                       f"{PAGE_HEIGHT:g}] /Resources {resources} /Contents {4 + 2 * i} 0 R >>"
                       .encode())
        objects.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
                       + stream + b"\nendstream")
    for number, body in sorted((extra or {}).items()):
        while len(objects) < number - 1:
            objects.append(b"null")
        objects.append(body)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def scanned_pdf(pages: int = 10) -> bytes:
    """A scan: every page an image (grey noise, 400 × 560), no text layer."""
    import random

    rng = random.Random(7)
    width, height = 400, 560
    pixels = zlib.compress(bytes(rng.randrange(180, 256) for _ in range(width * height)))
    image = (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
             f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
             f"/Length {len(pixels)} >>\nstream\n").encode() + pixels + b"\nendstream"
    number = 3 + 2 * pages
    content = f"q {PAGE_WIDTH:g} 0 0 {PAGE_HEIGHT:g} 0 0 cm /Im0 Do Q".encode()
    return _write([content] * pages, {number: image},
                  f"<< /XObject << /Im0 {number} 0 R >> >>")


# --- A sample resolution ---------------------------------------------------------------------

_CITED = ", ".join(f"{n}/{m} of {d} November {1992 + i}" for i, (n, m, d) in enumerate([
    (47, 19, 24), (48, 16, 3), (49, 9, 26), (50, 10, 2), (51, 17, 12), (52, 10, 5), (53, 4, 14),
    (54, 21, 9), (55, 20, 9), (56, 9, 27), (57, 11, 12), (58, 7, 4), (59, 11, 28), (60, 12, 8),
    (61, 11, 8)]))


def sample_resolution(pages: int = 3) -> Resolution:
    """A General Assembly resolution of about ``pages`` pages, 3 footnotes, a justified
    paragraph and a long list of citations that a page break cuts (the running header then
    falls inside the paragraph)."""
    paragraphs = [
        Paragraph("Determined to encourage strict compliance with the purposes and principles "
                  "enshrined in the Charter of the United Nations,", 1,
                  marks={"United Nations,": "1"}),
        Paragraph("Reaffirming, among other principles, the sovereign equality of States, "
                  "non-intervention and non-interference in their internal affairs and freedom "
                  "of international trade and navigation, which are also enshrined in many "
                  "international legal instruments,", 1, justified=True),
        Paragraph(f"Recalling its resolutions {_CITED},", 1),
        Paragraph("Concerned about the continued promulgation and application by Member States "
                  "of laws and regulations whose extraterritorial effects affect the sovereignty "
                  "of other States and the freedom of trade and navigation,", 1,
                  marks={"navigation,": "2"}),
    ]
    operative = [
        ("Takes note of the report of the Secretary-General on the implementation of "
         "resolution 79/7;", {"79/7;": "3"}),
        ("Reiterates its call upon all States to refrain from promulgating and applying laws "
         "and measures of the kind referred to in the preamble to the present resolution, in "
         "conformity with their obligations under the Charter and international law;", {}),
        ("Urges States that have and continue to apply such laws and measures to take the "
         "steps necessary to repeal or invalidate them as soon as possible in accordance with "
         "their legal regime;", {}),
        ("Requests the Secretary-General, in consultation with the appropriate organs and "
         "agencies of the United Nations system, to prepare a report on the implementation of "
         "the present resolution in the light of the purposes and principles of the Charter "
         "and international law;", {}),
    ]
    filler = ("Encourages Member States to continue their cooperation in the framework of the "
              "space-based information platform and to share experience, good practice and "
              "lessons learned with the relevant United Nations entities and regional "
              "organizations, as appropriate;")
    count = max(len(operative), pages * 11 - 10)
    for index in range(count):
        text, marks = operative[index] if index < len(operative) else (filler, {})
        if index == count - 1:
            text = ("Decides to include in the provisional agenda of its eighty-first session "
                    "the item entitled “Necessity of ending the embargo”.")
        verb = 2 if text.startswith(("Takes note", "Decides to")) else 1
        paragraphs.append(Paragraph(text, verb, number=f"{index + 1}.", marks=marks,
                                    justified=index == 1))
    return Resolution(
        symbol="A/RES/80/4",
        title="80/4. Necessity of ending the economic, commercial and financial embargo "
              "imposed by the United States of America against Cuba",
        job="25-17552", date="31 October 2025",
        adopted="Resolution adopted by the General Assembly on 29 October 2025",
        paragraphs=paragraphs,
        footnotes=[Footnote("1", "See resolution 169 (II)."),
                   Footnote("2", "Official Records of the General Assembly, Eightieth Session, "
                            "Supplement No. 11 (A/80/11), chap. V, on the application of "
                            "the measures referred to above."),
                   Footnote("3", "A/80/83.")],
    )
