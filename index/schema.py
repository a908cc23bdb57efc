"""The Whoosh schema: one index document per paragraph.

``SCHEMA_VERSION`` is stored with the index; bump it whenever a field or an analyzer changes,
and every existing index is rebuilt on next open instead of silently answering with stale terms.
"""

from __future__ import annotations

from whoosh import fields

from index.analysis import keyword_analyzer, stemming_analyzer, words_analyzer

SCHEMA_VERSION = 3


def build_schema() -> fields.Schema:
    stem = stemming_analyzer()
    keyword = keyword_analyzer()
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),  # "S/RES/2396 (2017)#op12"
        sym=fields.ID(stored=True, sortable=True),  # the exact symbol: grouping, sort, facets
        # Metadata a reader filters by. No positions: these values are a few words long, so a
        # quoted value is matched as all of its words (index.query), which is far cheaper.
        symbol=fields.TEXT(analyzer=keyword, phrase=False),  # symbol:2396, symbol:"S/RES/2396"
        body=fields.TEXT(analyzer=keyword, phrase=False),  # body:"security council"
        body_name=fields.ID(stored=True, sortable=True),
        year=fields.NUMERIC(int, stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        doctype=fields.ID(stored=True),  # resolution | draft
        block=fields.ID(stored=True),
        kind=fields.ID(stored=True, sortable=True),
        number=fields.ID(stored=True),
        order=fields.NUMERIC(int, stored=True, sortable=True),  # reading order in its document
        verb=fields.TEXT(analyzer=keyword, phrase=False, stored=True),
        verb_name=fields.ID(sortable=True),
        heading=fields.STORED(),
        # Snippets re-analyse only the stored text of the hits shown: term vectors would make
        # every build slower for the sake of twenty paragraphs per query.
        text=fields.TEXT(analyzer=stem, stored=True, phrase=False),
        words=fields.TEXT(analyzer=words_analyzer(), phrase=True),
    )
