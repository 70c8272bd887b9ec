"""The JSON Schema is generated from the records and the registry; broken exports are refused."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsledger import contract, link
from newsledger.contract import export_lists, export_schema, field_descriptions, fields_markdown
from newsledger.export import EXPORT_SCHEMA_VERSION, LISTS, build_export, load_schema, validate_export
from newsledger.layers import REGISTRY, Column, LayerSpec, TimelineSQL
from newsledger.link import Ledger
from newsledger.records import Quote, Span, article_ref, described, evidence_span, record_id
from tests.test_store_data import make_document

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = "regenerate it: python scripts/build_export_schema.py"


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    with Ledger.open(":memory:") as ledger:
        ledger.add([make_document()], then=link.update)
        return build_export(ledger)


def test_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / "src" / "newsledger" / "resources" / "export.schema.json").read_text(
        encoding="utf-8")
    assert committed == contract.schema_text(), f"resources/export.schema.json is stale; {REGENERATE}"
    assert load_schema() == export_schema()


def test_docs_field_tables_are_the_generated_ones() -> None:
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert fields_markdown() in docs, f"the field tables of docs/schema.md are stale; {REGENERATE}"


def test_schema_is_valid_draft_2020_12() -> None:
    schema = export_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_contract_lists_are_the_export_lists() -> None:
    assert contract.SCHEMA_VERSION == EXPORT_SCHEMA_VERSION
    assert [(name, record, singular) for name, singular, record in export_lists()] == [
        (name, record, singular) for name, (record, singular) in LISTS.items()]


@pytest.mark.parametrize(("name", "singular", "record"), export_lists())
def test_every_field_is_required_and_described(name: str, singular: str, record: type) -> None:
    schema = export_schema()
    assert schema["properties"][name]["items"] == {"$ref": f"#/$defs/{singular}"}
    spec = schema["$defs"][singular]
    assert spec["required"] == [f.name for f in fields(record)]
    assert spec["additionalProperties"] is False
    assert {k: v["description"] for k, v in spec["properties"].items()} == field_descriptions(record)
    assert name in schema["required"]


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        (Quote, "kind", {"type": "string", "enum": ["direct", "mixed", "indirect"]}),
        (Quote, "speaker", {"type": ["string", "null"]}),
        (Quote, "span", {"$ref": "#/$defs/span"}),
        (Quote, "speaker_span", {"anyOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]}),
        (Quote, "id", {"type": "string", "minLength": 1}),
    ],
)
def test_field_types_from_annotations(record: type, field: str, expected: dict[str, Any]) -> None:
    spec = dict(export_schema()["$defs"]["quote"]["properties"][field])
    del spec["description"]
    assert spec == expected


# A toy layer: one record class (with a nested record) and one registry entry.
@dataclass(frozen=True, slots=True)
class Source:
    """Where a rumour comes from."""

    name: str = described("Who spread it.")
    weight: float | None = described("How much it counts.", None)


@dataclass(frozen=True, slots=True)
class Rumour:
    """Something said to be true, unconfirmed."""

    id: str = record_id()
    article_id: str = article_ref()
    claim: str = described("What is said to be true.")
    span: Span = evidence_span()
    grade: str = described("How unconfirmed.", enum=("unconfirmed", "denied"))
    sources: tuple[Source, ...] = described("Who spread it.", ())
    confirmed: bool = described("Whether it turned out true.", False)


RUMOURS = LayerSpec(
    name="rumours", record=Rumour, singular="rumour", title="Rumours",
    label=lambda r: f"rumour: {r.claim}", holder=None,
    columns=(Column("claim", lambda r: r.claim),),
    timeline=TimelineSQL(kind="r.grade", who="NULL", what="r.claim", evidence="r.claim"),
)


def test_a_new_layer_is_one_record_and_one_registry_entry(export: dict) -> None:
    schema = export_schema(registry=(*REGISTRY, RUMOURS))
    assert list(schema["properties"])[-2:] == ["rumours", "stories"]
    assert "rumours" in schema["required"]
    rumour = schema["$defs"]["rumour"]
    assert (rumour["title"], rumour["description"]) == ("Rumour", "Something said to be true, unconfirmed.")
    assert rumour["required"] == [f.name for f in fields(Rumour)]
    assert rumour["properties"]["sources"]["items"] == {"$ref": "#/$defs/source"}
    assert rumour["properties"]["confirmed"]["type"] == "boolean"
    assert schema["$defs"]["source"]["properties"]["weight"]["type"] == ["number", "null"]
    row = {"id": "r-1", "article_id": "a-1", "claim": "x", "span": [0, 1], "grade": "denied",
           "sources": [{"name": "a neighbour", "weight": None}], "confirmed": False}
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(export | {"rumours": [row]})
    assert not validator.is_valid(export | {"rumours": [row | {"grade": "likely"}]})
    assert not validator.is_valid(export)  # the new list is required
    assert '### `rumours` (Rumour; JSONL `record_type: "rumour"`)' in fields_markdown((*REGISTRY, RUMOURS))
    assert "### `source` (inside `rumours[].sources`)" in fields_markdown((*REGISTRY, RUMOURS))


def test_an_undescribed_field_is_refused() -> None:
    @dataclass(frozen=True)
    class Bare:
        """No descriptions."""

        id: str

    spec = LayerSpec("bares", Bare, "bare", "Bares", str, None, (), RUMOURS.timeline)
    with pytest.raises(ValueError, match=r"Bare\.id has no description"):
        export_schema(registry=(spec,))


def test_an_unknown_type_is_refused() -> None:
    @dataclass(frozen=True)
    class Odd:
        """A field the schema cannot describe."""

        when: dict = described("A mapping.")  # type: ignore[type-arg]

    spec = LayerSpec("odds", Odd, "odd", "Odds", str, None, (), RUMOURS.timeline)
    with pytest.raises(TypeError, match=r"Odd\.when: no JSON Schema"):
        export_schema(registry=(spec,))


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
        (("quotes", 0, "id"), ""),
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
    validate_export(export | {"rumours": []})


@pytest.mark.parametrize("published", ["2025-08-19", "2025-08-19T10:00:00+01:00", None])
def test_published_forms(export: dict, published: str | None) -> None:
    validate_export(_with(export, ("articles", 0, "published"), published))
