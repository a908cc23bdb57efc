"""Small Word files and zips built to make an import slow or greedy (issue 14, item 7), for the
fault tests (``tests/faults/test_import_bounds.py``) and ``benchmarks/import_bench.py --hostile``.

Each is a .docx of a few kilobytes to a few megabytes, written with ``zipfile`` directly (no
Word or python-docx could write most of them), whose XML is what a resolution's is except for
one thing pushed to an extreme: a paragraph of a million runs, runs nested two hundred elements
deep, tables nested in tables, a list level whose number is in the billions, a style inherited
through thousands of others, a footnote cited a hundred thousand times, XML that unpacks to
hundreds of megabytes, entities that expand to gigabytes, a zip that understates its sizes.
Every one carries a resolution's intro line, so a reader that gets through it in time imports
it (or refuses it as too complex); none may take more than seconds or hundreds of megabytes.

``tools/`` is not a package: tests import ``tools.hostile_files`` from the repository root.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

__all__ = ["HOSTILE", "measure_import", "word_document", "word_package", "word_part",
           "write_hostile"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footnotes+xml"/></Types>')
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')
_DOCUMENT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/footnotes" Target="footnotes.xml"/>'
    '</Relationships>')

#: What every hostile file says, so that it reads as a resolution if it is read at all.
_RESOLUTION = ('<w:p><w:r><w:t>Resolution 2178 (2014)</w:t></w:r></w:p>'
               '<w:p><w:r><w:t>The Security Council,</w:t></w:r></w:p>'
               '<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Recalling</w:t></w:r>'
               '<w:r><w:t> its resolutions,</w:t></w:r></w:p>'
               '<w:p><w:r><w:t>1. </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Decides</w:t>'
               '</w:r><w:r><w:t> to remain seized of the matter.</w:t></w:r></w:p>')


def word_document(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}"><w:body>'
            f'{_RESOLUTION}{body}</w:body></w:document>').encode()


def word_part(root: str, inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W}">{inner}</w:{root}>' \
        .encode()


def word_package(document: bytes, *, styles: bytes = b"", numbering: bytes = b"",
             footnotes: bytes = b"") -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", styles or word_part("styles", ""))
        package.writestr("word/numbering.xml", numbering or word_part("numbering", ""))
        package.writestr("word/footnotes.xml", footnotes or word_part("footnotes", ""))
    return buffer.getvalue()


# --- The files ---------------------------------------------------------------------------------


def many_runs() -> bytes:
    """One paragraph of a million one-letter runs, all alike (each glued to the last)."""
    return word_package(word_document("<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 1_000_000 + "</w:p>"))


def long_runs() -> bytes:
    """One paragraph of 130,000 runs of thirty letters, all alike: a text of nearly four million
    letters that grows a run at a time."""
    run = "<w:r><w:t>" + "abcdefghij" * 3 + "</w:t></w:r>"
    return word_package(word_document("<w:p>" + run * 130_000 + "</w:p>"))


def many_paragraphs() -> bytes:
    """300,000 numbered paragraphs: a "resolution" far past any real one."""
    return word_package(word_document("".join(
        f"<w:p><w:r><w:t>{n}. Decides to act.</w:t></w:r></w:p>" for n in range(2, 300_002))))


def deep_runs() -> bytes:
    """Runs inside 250 nested hyperlinks (libxml2's depth limit is 256): 100,000 of them."""
    depth = 250
    inner = "<w:r><w:t>x </w:t></w:r>" * 100_000
    return word_package(word_document("<w:p>" + "<w:hyperlink>" * depth + inner
                              + "</w:hyperlink>" * depth + "</w:p>"))


def nested_tables() -> bytes:
    """Tables nested 80 deep, the innermost with 58,000 cells (empty but for one)."""
    depth = 80
    cells = "<w:tc><w:p/></w:tc>" * 58_000 + "<w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc>"
    return word_package(word_document("<w:tbl><w:tr><w:tc>" * depth + "<w:tbl><w:tr>" + cells
                              + "</w:tr></w:tbl>" + "<w:p/></w:tc></w:tr></w:tbl>" * depth))


def _numbered_body(count: int, level: int = 0, num_id: int = 1) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            '</w:numPr></w:pPr><w:r><w:t>Decides to act.</w:t></w:r></w:p>') * count


def numbering_levels() -> bytes:
    """A list definition of 10,000 levels and 30,000 paragraphs numbered by it, each at a
    different level (the deepest counters all kept)."""
    levels = "".join(f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                     f'<w:lvlText w:val="%1."/></w:lvl>' for n in range(10_000))
    numbering = word_part("numbering", f'<w:abstractNum w:abstractNumId="1">{levels}'
                      '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{n % 10_000}"/><w:numId w:val="1"/></w:numPr>'
        '</w:pPr><w:r><w:t>Decides to act.</w:t></w:r></w:p>' for n in range(30_000))
    return word_package(word_document(body), numbering=numbering)


def numbering_huge_numbers() -> bytes:
    """A level starting at 999,999,999, written as letters and roman numerals nine times
    ("%1%1…"): every label would be hundreds of megabytes."""
    levels = ('<w:lvl w:ilvl="0"><w:start w:val="999999999"/><w:numFmt w:val="lowerLetter"/>'
              '<w:lvlText w:val="%1%1%1%1%1%1%1%1%1."/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start w:val="999999999"/><w:numFmt w:val="upperRoman"/>'
              '<w:lvlText w:val="%2%2%2%2%2%2%2%2%2."/></w:lvl>')
    numbering = word_part("numbering", f'<w:abstractNum w:abstractNumId="1">{levels}'
                      '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    return word_package(word_document(_numbered_body(200) + _numbered_body(200, level=1)),
                    numbering=numbering)


def style_chain() -> bytes:
    """5,000 styles each based on the next, the last based on the first (a loop); 10,000
    paragraphs of 3 runs in the first, so italics and numbering climb the whole chain."""
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{n}"><w:basedOn '
                     f'w:val="s{(n + 1) % 5_000}"/></w:style>' for n in range(5_000))
    body = ('<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr>'
            + '<w:r><w:rPr><w:rStyle w:val="s0"/></w:rPr><w:t>x</w:t></w:r>' * 3
            + '</w:p>') * 10_000
    return word_package(word_document(body), styles=word_part("styles", styles))


def footnote_citations() -> bytes:
    """30,000 footnote references, each numbered by counting the ones before it, to a note the
    file lacks (so the text gets their markers, not 30,000 notes)."""
    body = ("<w:p><w:r><w:t>Recalling</w:t></w:r>"
            + '<w:r><w:footnoteReference w:id="7"/></w:r>' * 30_000 + "</w:p>")
    return word_package(word_document(body))


def footnote_storm() -> bytes:
    """A footnote of 20,000 characters cited 100,000 times, and 50,000 other notes."""
    note = ('<w:footnote w:id="1"><w:p><w:r><w:t>' + "Recalling its resolutions. " * 750
            + '</w:t></w:r></w:p></w:footnote>')
    others = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:t>Note {n}.</w:t></w:r></w:p>'
                     '</w:footnote>' for n in range(2, 50_002))
    body = ("<w:p><w:r><w:t>Recalling</w:t></w:r>"
            + '<w:r><w:footnoteReference w:id="1"/></w:r>' * 100_000 + "</w:p>")
    return word_package(word_document(body), footnotes=word_part("footnotes", note + others))


def inflated_xml() -> bytes:
    """XML that unpacks to 190 MB (under the declared-size limit) of one comment."""
    return word_package(word_document("<!--" + " " * 190_000_000 + "-->"))


def inflated_text() -> bytes:
    """190 MB of text in 20,000 runs of 9.5 MB each (just under libxml2's text-node limit)."""
    run = "<w:r><w:t>" + "a" * 9_500_000 + "</w:t></w:r>"
    return word_package(word_document("<w:p>" + run * 20 + "</w:p>"))


def billion_laughs() -> bytes:
    """The entity bomb: ten levels of ten references each, a billion "lol"s if expanded."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    prolog = f'<!DOCTYPE w:document [{"".join(entities)}]>'
    return word_package(word_document("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog))


def entity_blowup() -> bytes:
    """One entity of 100,000 characters referred to 100,000 times: 10 GB if expanded."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY big "{"lol " * 25_000}">]>'
    return word_package(word_document("<w:p><w:r><w:t>" + "&big;" * 100_000 + "</w:t></w:r></w:p>",
                              prolog))


def bzip2_bomb() -> bytes:
    """word/document.xml compressed with bzip2 (which Word never uses), unpacking to 190 MB:
    zipfile unpacks such a member without a bound on what one read returns."""
    import io

    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(word_package(word_document(""))))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                package.writestr(info.filename, word_document("<!--" + " " * 190_000_000 + "-->"),
                                 compress_type=zipfile.ZIP_BZIP2)
            else:
                package.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


def lying_zip() -> bytes:
    """word/document.xml states 4 KB but unpacks to 2 GB (a 2 MB deflate stream): the sizes in
    both the local header and the central directory understate it."""
    head = word_document("")[:-len("</w:body></w:document>")]
    filler_size = 2 * 1024**3
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunks = [compressor.compress(head)]
    block = b" " * (16 * 1024 * 1024)
    for _ in range(filler_size // len(block)):
        chunks.append(compressor.compress(block))
    chunks.append(compressor.compress(b"</w:body></w:document>"))
    chunks.append(compressor.flush())
    deflated = b"".join(chunks)
    honest = word_package(word_document(""))
    # The honest package with its document.xml swapped for the lying member.
    import io

    source = zipfile.ZipFile(io.BytesIO(honest))
    out = io.BytesIO()
    entries = []
    for info in source.infolist():
        if info.filename == "word/document.xml":
            data, crc, size, method = deflated, 0, 4096, zipfile.ZIP_DEFLATED
        else:
            raw = source.read(info.filename)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = compressor.compress(raw) + compressor.flush()
            crc, size, method = zlib.crc32(raw), len(raw), zipfile.ZIP_DEFLATED
        name = info.filename.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc,
                              len(data), size, len(name), 0) + name + data)
        entries.append((name, crc, len(data), size, method, offset))
    directory = out.tell()
    for name, crc, csize, size, method, offset in entries:
        out.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc,
                              csize, size, len(name), 0, 0, 0, 0, 0, offset) + name)
    end = out.tell()
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                          end - directory, directory, 0))
    return out.getvalue()


def many_members() -> bytes:
    """A resolution packed with 200,000 empty members beside it."""
    import io

    buffer = io.BytesIO(word_package(word_document("")))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as package:
        for n in range(200_000):
            package.writestr(f"m/{n}", b"")
    return buffer.getvalue()


#: name → a function returning the file's bytes.
HOSTILE: dict[str, Callable[[], bytes]] = {
    function.__name__: function for function in (
        many_runs, long_runs, many_paragraphs, deep_runs, nested_tables, numbering_levels,
        numbering_huge_numbers, style_chain, footnote_citations, footnote_storm, inflated_xml,
        inflated_text, billion_laughs, entity_blowup, bzip2_bomb, lying_zip, many_members)}


def write_hostile(name: str, folder: Path) -> Path:
    """The hostile file ``name`` written into ``folder`` as NAME.docx."""
    path = Path(folder) / f"{name}.docx"
    path.write_bytes(HOSTILE[name]())
    return path


def measure_import(path: Path, data_dir: Path, *, timeout: float = 120.0) -> dict:
    """``main.py --data-dir DATA_DIR import PATH`` in a child process: its exit code, output,
    wall and CPU seconds and peak memory in MB, all its own (``os.wait4``: neither other
    children nor other work on the machine count), killed at ``timeout``.

    Measured from a small intermediate process: a child's peak memory includes what the
    process that started it had mapped when it forked (Linux keeps the high-water mark across
    exec), so a child of a test runner of 600 MB would report at least 600 MB.
    """
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "measure",
                             str(path), str(data_dir), str(timeout)],
                            capture_output=True, check=True, timeout=timeout + 60)
    return json.loads(result.stdout)


def _measure(path: str, data_dir: str, timeout: float) -> dict:
    import os
    import subprocess
    import sys
    import tempfile
    import time

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(root / "main.py"), "--data-dir",
                                  data_dir, "import", path],
                                 cwd=root, env=env, stdout=out, stderr=err)
        killed = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                child.kill()
                killed = True
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return {"returncode": child.returncode, "killed": killed, "wall_s": round(wall, 2),
                "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                "peak_mb": round(usage.ru_maxrss / 1024),
                "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace")}


if __name__ == "__main__":  # python tools/hostile_files.py measure PATH DATA_DIR TIMEOUT
    import json
    import sys

    if sys.argv[1:2] != ["measure"] or len(sys.argv) != 5:
        sys.exit(__doc__)
    print(json.dumps(_measure(sys.argv[2], sys.argv[3], float(sys.argv[4]))))
