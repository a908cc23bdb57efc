"""The JSON export, the lossless one: every field of every annotation under a format tag and a
version, and Plenary's reading of it back.

Apart from the other formats because it is also read: ``read_json`` checks every field strictly,
since the file comes from outside (another machine, another version, a hand edit) and a
half-read import would be worse than none.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import datetime
from pathlib import Path

from annotations.model import Annotation, now
from annotations.sections import Section

JSON_FORMAT = "plenary-annotations"
JSON_VERSION = 1


class AnnotationFormatError(ValueError):
    """A file that is not a readable Plenary annotations export; the message says why."""


_FIELDS = tuple(f.name for f in fields(Annotation))
_REQUIRED_TEXT = ("symbol", "block", "id", "created", "updated")
_OPTIONAL_TEXT = ("quote", "prefix", "suffix", "color", "note")
_INFORMATION = ("citation",)  # written for readers of the file, not read back


def annotations_to_json(annotations: Iterable[Annotation]) -> dict:
    """Every field of every annotation, in the given order, under a format tag and version."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported": now(),
        "annotations": [{name: list(a.tags) if name == "tags" else getattr(a, name)
                         for name in _FIELDS} for a in annotations],
    }


def annotations_json(sections: list[Section], title: str = "Annotations") -> str:
    """The export file: ``annotations_to_json`` with each annotation's citation first, for
    a person reading the file (an import ignores it and cites from its own library)."""
    items = [item for section in sections for item in section.items]
    data = annotations_to_json(item.annotation for item in items)
    data["annotations"] = [{"citation": item.citation, **entry}
                           for item, entry in zip(items, data["annotations"], strict=True)]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_json(path: Path) -> list[Annotation]:
    """The annotations of a JSON export, all or none: AnnotationFormatError says what is
    wrong with the file."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise AnnotationFormatError(f"Cannot read {name}: {error.strerror or error}.") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnnotationFormatError(f"{name} is not a Plenary annotations file: it is not "
                                    "UTF-8 text.") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnnotationFormatError(f"{name} is not a Plenary annotations file: it is not "
                                    f"valid JSON ({error.msg} at line {error.lineno}, column "
                                    f"{error.colno}).") from error
    except RecursionError as error:
        raise AnnotationFormatError(f"{name} is not a Plenary annotations file: it is "
                                    "nested too deeply.") from error
    try:
        return annotations_from_json(data)
    except AnnotationFormatError as error:
        raise AnnotationFormatError(f"{name} cannot be imported: {error}") from error


def annotations_from_json(data: object) -> list[Annotation]:
    """The annotations ``annotations_to_json`` described, checked field by field."""
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise AnnotationFormatError("it is not a Plenary annotations export (no "
                                    f'"format": "{JSON_FORMAT}").')
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise AnnotationFormatError(f'its "version" ({version!r}) is not a format version.')
    if version > JSON_VERSION:
        raise AnnotationFormatError(f"it was written by a newer version of Plenary (format "
                                    f"version {version}; this one reads version "
                                    f"{JSON_VERSION}). Update Plenary to import it.")
    items = data.get("annotations")
    if not isinstance(items, list):
        raise AnnotationFormatError('its "annotations" is not a list.')
    result: list[Annotation] = []
    first: dict[str, int] = {}
    for n, item in enumerate(items, 1):
        annotation = _annotation(item, lambda problem, n=n: f"item {n}: {problem}.")
        if annotation.id in first:
            raise AnnotationFormatError(f"item {n}: its id {annotation.id} is already the id "
                                        f"of item {first[annotation.id]}.")
        first[annotation.id] = n
        result.append(annotation)
    return result


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


#: Largest offset accepted: no paragraph is anywhere near it, and SQLite's integers end at 2⁶³.
MAX_OFFSET = 10_000_000


def _annotation(item: object, where: Callable[[str], str]) -> Annotation:
    def fail(problem: str) -> AnnotationFormatError:
        return AnnotationFormatError(where(problem))

    if not isinstance(item, dict):
        raise fail("it is not an object of annotation fields")
    unknown = sorted(str(key) for key in item if key not in _FIELDS + _INFORMATION)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}")
    values: dict[str, object] = {}
    for name in _REQUIRED_TEXT:
        if name not in item:
            raise fail(f"{name!r} is missing")
        if not isinstance(item[name], str) or not item[name].strip():
            raise fail(f"{name!r} must be non-empty text")
        values[name] = item[name]
    for name in _OPTIONAL_TEXT + _INFORMATION:
        if name in item:
            if not isinstance(item[name], str):
                raise fail(f"{name!r} must be text")
            values[name] = item[name]
    start, end = item.get("start"), item.get("end")
    for name, value in (("start", start), ("end", end)):
        if value is not None and not _is_int(value):
            raise fail(f"{name!r} must be a whole number")
    if (start is None) != (end is None):
        raise fail("'start' and 'end' must both be numbers or both be null")
    if start is not None and not 0 <= start < end <= MAX_OFFSET:  # type: ignore[operator]
        raise fail(f"'start' and 'end' ({start}, {end}) must satisfy 0 <= start < end: a "
                   "highlight covers at least one character")
    values["start"], values["end"] = start, end
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise fail("'tags' must be a list of text")
    values["tags"] = tuple(tags)
    detached = item.get("detached", False)
    if not isinstance(detached, bool):
        raise fail("'detached' must be true or false")
    values["detached"] = detached
    try:
        canonical = str(uuid.UUID(values["id"]))  # type: ignore[arg-type]
    except ValueError:
        canonical = ""
    if canonical != values["id"]:
        raise fail(f"'id' {values['id']!r} is not a UUID in its usual lower-case form")
    for name in ("created", "updated"):
        try:
            datetime.fromisoformat(values[name])  # type: ignore[arg-type]
        except ValueError:
            raise fail(f"{name!r} {values[name]!r} is not an ISO 8601 date and time") from None
    for name, value in values.items():
        texts = value if name == "tags" else (value,)
        if not all(_encodable(text) for text in texts if isinstance(text, str)):
            raise fail(f"{name!r} holds characters that are not text (lone surrogates)")
    values.pop("citation", None)
    return Annotation(**values)  # type: ignore[arg-type]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
