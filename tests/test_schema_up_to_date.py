from pathlib import Path

from pipeline.schema import render_schema

ROOT = Path(__file__).resolve().parents[1]


def test_json_schema_is_up_to_date():
    committed = (ROOT / "schemas" / "letter.schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(), "schemas/letter.schema.json is stale: run `make schemas`"


def test_jsonl_records_match_the_schema_shape():
    import json

    schema = json.loads(render_schema())
    assert set(schema["required"]) >= {"id", "source", "text"}
    for key in ("schema_version", "id", "source", "text", "title", "doc_number", "category", "meeting", "proposal",
                "addressee", "subject", "sender", "date", "contact", "cc", "sections", "entities"):
        assert key in schema["properties"], key
