"""The published JSON Schemas: findings (OUTPUT.md), document, config, rule-pack."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Dict

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = {
    "findings": "findings.schema.json",
    "document": "document.schema.json",
    "config": "config.schema.json",
    "rule-pack": "rule-pack.schema.json",
}


@lru_cache(maxsize=None)
def load_schema(name: str) -> Dict[str, Any]:
    with open(os.path.join(HERE, FILES[name]), encoding="utf-8") as fh:
        return json.load(fh)


def generated_schema(name: str) -> Dict[str, Any]:
    """The schema as the models define it now (tests compare it with the shipped file)."""
    if name == "document":
        from ..models import Document

        schema = Document.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = "https://auditor.example/schemas/document.schema.json"
        return schema
    if name == "config":
        from ..config import Config

        schema = Config.model_json_schema(by_alias=True)
        schema["properties"].pop("source", None)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        return schema
    raise KeyError(name)
