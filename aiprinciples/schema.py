"""JSON Schema validation of one parsed file, reported as Problems with lines."""

from __future__ import annotations

import json
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
    problems = []
    for error in validator(schema_name).iter_errors(data):
        path = tuple(error.absolute_path)
        where = ".".join(str(p) for p in path) or "the file"
        message, fix, at = _explain(error, where, path)
        problems.append(Problem(rel, _line(lines, at), f"schema-{error.validator}", message, fix))
    return problems


def _explain(error: jsonschema.ValidationError, where: str, path: tuple) -> tuple[str, str, tuple]:
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        return f"{where} lacks the field {', '.join(map(repr, missing))}", "Add it (see the $schema named on the file's first line)", path
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        hint = f"allowed here: {', '.join(allowed)}" if allowed else "check the spelling"
        return f"{where} has an unknown field {', '.join(map(repr, extra))}", f"Remove it or correct its spelling ({hint})", path + (extra[0],)
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


def _line(lines: Lines, path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _json_type(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


# Constant data.
ARTICLE = {"string": "text", "object": "a mapping of fields", "array": "a list", "integer": "a whole number", "boolean": "true or false", "string or null": "text or null"}
TYPE_FIX = {
    "string": 'Write text, in double quotes: "…"',
    "string or null": 'Write text in double quotes, or null',
    "object": "Indent the fields below this key",
    "array": "Write a list, one '- ' item per line or [a, b]",
}
