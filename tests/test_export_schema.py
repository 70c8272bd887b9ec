"""The JSON Schema and the record dataclasses cannot drift; broken exports are refused."""

from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any

import jsonschema
import pytest

from newsledger.export import LISTS, build_export, load_schema, validate_export
from newsledger.link import Ledger
from newsledger.records import Quantity
from newsledger import link
from tests.test_store_data import make_document


def definition(name: str) -> dict[str, Any]:
    """The ``$defs`` entry that the top-level list ``name`` holds."""
    schema = load_schema()
    ref = schema["properties"][name]["items"]["$ref"]
    return schema["$defs"][ref.rsplit("/", 1)[1]]


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    with Ledger.open(":memory:") as ledger:
        ledger.add([make_document()], then=link.update)
        return build_export(ledger)


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", list(LISTS))
def test_schema_properties_are_exactly_the_dataclass_fields(name: str) -> None:
    record = LISTS[name][0]
    spec = definition(name)
    names = [f.name for f in fields(record)]
    fix = (f"{record.__name__} and $defs of {name!r} in resources/export.schema.json differ: "
           "add or remove the field there (with a description) and in docs/schema.md")
    assert sorted(spec["properties"]) == sorted(names), fix
    assert sorted(spec["required"]) == sorted(names), fix
    assert spec["additionalProperties"] is False


def test_quantity_definition_matches_dataclass() -> None:
    spec = load_schema()["$defs"]["quantity"]
    assert sorted(spec["properties"]) == sorted(f.name for f in fields(Quantity))


def test_top_level_requires_every_list() -> None:
    required = load_schema()["required"]
    assert set(required) == {"schema_version", "generator", *LISTS}


def _without(data: dict, path: tuple) -> dict:
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return broken


def _with(data: dict, path: tuple, value: Any) -> dict:
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return broken


@pytest.mark.parametrize(
    "path",
    [("quotes",), ("schema_version",), ("quotes", 0, "speaker"), ("articles", 0, "text"),
     ("events", 0, "quantities", 0, "value"), ("times", 0, "span"), ("entities", 0, "aliases")],
)
def test_missing_field_fails(export: dict, path: tuple) -> None:
    validate_export(export)
    with pytest.raises(jsonschema.ValidationError):
        validate_export(_without(export, path))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("quotes", 0, "span"), [3]),
        (("quotes", 0, "span"), [3, 4, 5]),
        (("quotes", 0, "span"), ["3", "4"]),
        (("quotes", 0, "span"), [-1, 4]),
        (("quotes", 0, "speaker_span"), "0-8"),
        (("quotes", 0, "kind"), "rumour"),
        (("quotes", 0, "speaker"), 7),
        (("times", 0, "type"), "date"),
        (("times", 0, "start"), "Monday"),
        (("events", 0, "participants"), "Trump"),
        (("events", 0, "quantities", 0, "value"), "270"),
        (("commitments", 0, "due"), "next week"),
        (("articles", 0, "published"), "19/08/2025"),
        (("articles", 0, "headings"), [1]),
        (("stances", 0, "extra"), "not in the dataclass"),
        (("schema_version",), 2),
        (("entities",), {}),
    ],
)
def test_wrong_type_fails(export: dict, path: tuple, value: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate_export(_with(export, path, value))


def test_later_lists_are_allowed(export: dict) -> None:
    validate_export(export | {"stories": []})


@pytest.mark.parametrize("published", ["2025-08-19", "2025-08-19T10:00:00+01:00", None])
def test_published_forms(export: dict, published: str | None) -> None:
    validate_export(_with(export, ("articles", 0, "published"), published))
