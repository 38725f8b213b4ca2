"""JSON Schema of the record contract, generated from the pydantic models."""

from __future__ import annotations

import json

from . import SCHEMA_VERSION
from .models import ErrorRecord, LetterRecord


def render_schema() -> str:
    """The committed ``schemas/letter.schema.json``: records as serialized (amounts are numbers)."""
    schema = LetterRecord.model_json_schema(mode="serialization")
    schema["$id"] = f"https://govreply.invalid/schemas/letter-{SCHEMA_VERSION}.schema.json"
    schema["$defs"]["ErrorRecord"] = ErrorRecord.model_json_schema(mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
