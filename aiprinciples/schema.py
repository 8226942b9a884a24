"""JSON Schema validation of one parsed file, reported as Problems with lines."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import jsonschema

from aiprinciples.problems import Problem
from aiprinciples.yamlsafe import Lines


def schema_dir() -> Traversable:
    """The JSON Schemas: installed with the tool as aiprinciples.schemas, else the checkout's schemas/.

    schemas/ is the single source; an installed tool (pip install .) carries a copy of it as
    package data, and an editable install or a plain checkout reads the folder itself.
    """
    try:
        return resources.files("aiprinciples.schemas")
    except ModuleNotFoundError:  # a checkout run as python -m aiprinciples, not installed
        return Path(__file__).resolve().parent.parent / "schemas"


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_dir().joinpath(name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_problems(data: object, lines: Lines, rel: str, schema_name: str) -> list[Problem]:
    errors = list(validator(schema_name).iter_errors(data))
    misplaced = _misplaced_fields(errors)
    problems = []
    kept = [e for e in errors if not _follows_from(e, tuple(e.absolute_path), misplaced)]
    for error in kept or errors:  # a file with a schema error must keep one: it is then not used
        path = tuple(error.absolute_path)
        where = ".".join(str(p) for p in path) or "the file"
        message, fix, at = _explain(error, where, path, rel)
        line = _line(lines, at) if at else 0  # a field missing from the file itself: the whole file
        problems.append(Problem(rel, line, f"schema-{error.validator}", message, fix))
    return problems


def _misplaced_fields(errors: list) -> set[str]:
    """Entry fields (text, en…) indented as if they were entries: `  text:` instead of `    text:`."""
    found = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if len(path) == 2 and path[0] == "entries" and path[1] in _entry_fields() and error.validator == "type":
            found.add(path[1])
    return found


@cache
def _entry_fields() -> frozenset[str]:
    """The fields of a translation entry (en, text…), as the schema names them."""
    entry = validator("translation.schema.json").schema["properties"]["entries"]["additionalProperties"]
    return frozenset(entry["properties"])


def _follows_from(error, path: tuple, misplaced: set[str]) -> bool:
    """A field is missing because it is misspelt or misplaced: one mistake, one message (the other one)."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    missing = {k for k in error.validator_value if k not in error.instance}
    unknown = {k: 0 for k in error.instance if k not in error.schema.get("properties", {})}
    if missing and all(_misspelling(name, unknown) for name in missing):
        return True
    return len(path) == 2 and path[0] == "entries" and bool(missing) and missing <= misplaced


def _misspelling(name: str, mapping: dict) -> str | None:
    """The key of `mapping` that looks like a misspelt `name` (txt for text), if any."""
    close = difflib.get_close_matches(name, [k for k in mapping if isinstance(k, str)], n=1, cutoff=0.6)
    return close[0] if close else None


def _explain(error: jsonschema.ValidationError, where: str, path: tuple, rel: str) -> tuple[str, str, tuple]:
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        fields = f"the field {missing[0]!r}" if len(missing) == 1 else f"the fields {', '.join(map(repr, missing[:-1]))} and {missing[-1]!r}"
        return f"{where} lacks {fields}", _restore(missing, path, rel), path
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        if rel.endswith("languages.yaml") and not path and all(LANGUAGE_CODE.match(k) for k in extra):
            return f"{extra[0]!r} is at the start of its line, so it is not one of the languages", f"Indent it by two spaces under `languages:`, like the other languages ({'  ' + extra[0]}: …)", (extra[0],)
        hint = f"allowed here: {', '.join(allowed)}" if allowed else "check the spelling"
        meant = [name for name in error.schema.get("required", []) if name not in value and _misspelling(name, {k: 0 for k in extra})]
        if meant:
            hint = f"did you mean `{meant[0]}`? {hint}"
        return f"{where} has an unknown field {', '.join(map(repr, extra))}", f"Remove it, correct its spelling or its indentation ({hint})", path + (extra[0],)
    if kind == "type" and len(path) == 2 and path[0] == "entries" and path[1] in _entry_fields():
        return f"`{path[1]}` is indented like an entry id, so it does not belong to the entry above it", f"Indent it by four spaces, like the other fields of the entry (    {path[1]}: …)", path
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return f"{where} must be {ARTICLE.get(wanted, wanted)}, not {_json_type(value)}", TYPE_FIX.get(wanted, f"Write {wanted}"), path
    if kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        return f"{where} is {value!r}", f"Use one of: {', '.join(map(str, options))}", path
    if kind == "pattern" and path[-1:] == ("qa_skip",):  # a key of qa_skip (JSON Schema reports propertyNames so)
        return f"{where} has the badly formed key {value!r}", "Name a translation-QA rule in lower case, such as termbase", path
    if kind == "pattern":
        return f"{where} {value!r} is not of the expected form", f"Write it in the form {error.validator_value}", path
    if kind == "propertyNames":
        return f"{where} has a badly formed key", "Keys are lower-case ids such as win-1-2", path
    if kind in ("minLength", "minItems", "minProperties"):
        return f"{where} is empty", "Fill it in", path
    if kind == "uniqueItems":
        return f"{where} lists the same value twice", "Remove the repetition", path
    return f"{where}: {error.message}", "Correct it to match the schema named on the file's first line", path


def _restore(missing: list[str], path: tuple, rel: str) -> str:
    """How to put back a missing field: the tools rewrite what they wrote, a person writes the rest."""
    parts = rel.split("/")
    if len(path) == 2 and path[0] == "entries" and len(parts) == 3 and parts[0] == "translations" and set(missing) & {"en", "fingerprint"}:
        lang, unit_id = parts[1], path[1]
        text = " (and `text: \"…\"` with the translation)" if "text" in missing else ""
        them = "it" if len(set(missing) & {"en", "fingerprint"}) == 1 else "them"
        return f"Check that `text` translates the current English, then run `aiprinciples refresh {lang} {unit_id} --force` to write {them} back{text}"
    if missing == ["text"] and path[:1] == ("entries",):
        return 'Add `text: "…"` with the translation, indented by four spaces like `en:`'
    fields = ", ".join(f"`{name}:`" for name in missing)
    where = "at the start of a line, like the other top-level fields" if not path else "indented like the fields beside it"
    return f"Add {fields} {where} (the $schema named on the file's first line says what each holds)"


def _line(lines: Lines, path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _json_type(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


# Constant data.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
ARTICLE = {"string": "text", "object": "a mapping of fields", "array": "a list", "integer": "a whole number", "boolean": "true or false", "string or null": "text or null"}
TYPE_FIX = {
    "string": 'Write text, in double quotes: "…"',
    "string or null": 'Write text in double quotes, or null',
    "object": "Write its fields on the lines below it, each indented two spaces more than this line",
    "array": "Write a list, one '- ' item per line or [a, b]",
}
