"""The JSON Schema of a brief, generated from the model (descriptions included)."""

from __future__ import annotations

import json

from briefgen.brief.model import Brief


def brief_schema() -> dict:
    """The brief's JSON Schema (draft 2020-12) as a dict."""
    schema = Brief.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as stable, indented JSON text with a final newline."""
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
