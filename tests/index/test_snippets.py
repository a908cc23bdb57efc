"""Snippets and the words a search marks in the document it opens."""

from __future__ import annotations

import pytest

from index.snippets import snippet, term_matcher


@pytest.mark.parametrize(("query", "yes", "no"), [
    ("extradite", ["extradition", "Extradite"], ["prosecution"]),
    ('"soft targets" PNR', ["soft", "targets", "PNR"], ["hard"]),
    ("kind:operative verb:decides biometric", ["biometric"], ["operative", "decides"]),
    ("extradition OR prosecution NOT financing", ["extradition", "prosecution", "financing"],
     ["OR", "NOT"]),
    ("biomet* terorism~", [], ["biometric", "terrorism"]),
])
def test_term_matcher(query, yes, no):
    wanted = term_matcher(query)
    assert all(wanted(w) for w in yes)
    assert not any(wanted(w) for w in no)


def test_snippet_escapes_document_text_and_marks_matches():
    text = "States <script> & others shall extradite"
    html = snippet(text, [(text.index("extradite"), len(text))])
    assert "&lt;script&gt; &amp;" in html and html.endswith("<b>extradite</b>")
