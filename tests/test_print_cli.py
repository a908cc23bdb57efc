"""`main.py print SYMBOL -o FILE.pdf [--annotations]`: the PDF Save as PDF writes, from the
command line, in the test's process and in a child process with no display at all."""

from __future__ import annotations

import os
import subprocess
import sys

import pypdfium2 as pdfium

import main
from support import ROOT

ADOPTED = "S/RES/2396 (2017)"


def pdf_text(path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
    finally:
        pdf.close()


def test_print_writes_the_document_as_a_pdf(warm_data_dir, tmp_path, capsys, qapp):
    out = tmp_path / "2396.pdf"
    assert main.main(["--data-dir", str(warm_data_dir), "print", ADOPTED, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"{ADOPTED}: ") and f"pages written to {out}" in said
    text = pdf_text(out)
    assert "Decides that Member States shall" in text and "Page 1 of" in text


def test_print_with_annotations_draws_the_reader_s_notes(warm_data_dir, tmp_path, capsys,
                                                           qapp):
    data = str(warm_data_dir)
    assert main.main(["--data-dir", data, "annotations", "add", f"{ADOPTED}#op12",
                      "--quote", "Member States", "--note", "Raise with the delegation"]) == 0
    capsys.readouterr()
    out = tmp_path / "annotated.pdf"
    assert main.main(["--data-dir", data, "print", ADOPTED, "-o", str(out),
                      "--annotations"]) == 0
    assert "with 1 highlight and 1 note written to" in capsys.readouterr().out
    assert "Raise with the delegation" in pdf_text(out)

    plain = tmp_path / "plain.pdf"
    assert main.main(["--data-dir", data, "print", ADOPTED, "-o", str(plain)]) == 0
    assert "Raise with the delegation" not in pdf_text(plain)


def test_an_unknown_symbol_or_an_unwritable_file_is_a_clear_error(warm_data_dir, tmp_path,
                                                                  capsys, qapp):
    data = str(warm_data_dir)
    assert main.main(["--data-dir", data, "print", "S/RES/9999 (2099)", "-o",
                      str(tmp_path / "x.pdf")]) == 1
    assert "'S/RES/9999 (2099)' is not in the library" in capsys.readouterr().err
    missing = tmp_path / "no" / "such" / "folder" / "x.pdf"
    assert main.main(["--data-dir", data, "print", ADOPTED, "-o", str(missing)]) == 1
    assert f"cannot write {missing}" in capsys.readouterr().err


def test_print_needs_no_display(warm_data_dir, tmp_path):
    """A child process with neither DISPLAY nor a Qt platform chosen: the command picks the
    offscreen one itself, and opens no window."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "headless.pdf"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir",
                           str(warm_data_dir), "print", ADOPTED, "-o", str(out)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.is_file() and "Decides that Member States shall" in pdf_text(out)
