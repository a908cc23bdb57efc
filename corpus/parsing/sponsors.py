"""The sponsors of a draft, read from its title line ("Albania, … and Uruguay: draft …")."""

from __future__ import annotations

import re

# Member States whose names contain "and": the list is split on "and" everywhere else.
_NAMES_WITH_AND = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
)
_DRAFT_LINE = re.compile(r"^(?P<sponsors>.+?)\s*:\s*(?:revised )?draft resolution\s*$", re.S)
_GUARD = "\u0000"


def parse_sponsors(title_line: str) -> list[str] | None:
    """The sponsoring States named in a draft's title line, or None if it is not one."""
    match = _DRAFT_LINE.match(title_line.strip())
    if not match:
        return None
    text = re.sub(r"\s+", " ", match.group("sponsors"))
    for name in _NAMES_WITH_AND:
        text = text.replace(name, name.replace(" and ", f" {_GUARD} "))
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", text)
    return [name.replace(_GUARD, "and").strip() for name in names if name.strip()]
