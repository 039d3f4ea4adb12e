"""One ``[[suppress]]`` entry, validated, and the line it starts on."""
from __future__ import annotations

import re
from datetime import date
from typing import List, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Suppression(BaseModel):
    """Findings accepted for a reason: by fingerprint, or by rule + file pattern + field."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    fingerprint: Optional[str] = Field(default=None, description="the finding's fingerprint (exact)")
    rule: Optional[str] = Field(default=None, description="a rule ID or prefix (PLAN001, PLAN)")
    file: Optional[str] = Field(default=None, description="a glob matched against the path relative to the configuration's folder, the path as given, or the base name")
    field: Optional[str] = Field(default=None, description="what the finding is about: an indicator name, plan, budget … (exact)")
    reason: str = Field(description="why the finding is accepted (required)")
    until: Optional[date] = Field(default=None, description="the last day the suppression holds (YYYY-MM-DD)")

    @field_validator("reason")
    @classmethod
    def _reason(cls, v: str) -> str:
        if not v or not v.strip():
            raise ValueError("a suppression needs a reason")
        return v.strip()

    @field_validator("rule")
    @classmethod
    def _rule(cls, v: Optional[str]) -> Optional[str]:
        return v.strip().upper() if v else v

    @model_validator(mode="after")
    def _what(self) -> "Suppression":
        if not self.fingerprint and not self.rule:
            raise ValueError("a suppression names a fingerprint or a rule")
        return self

    def expired(self, today: date) -> bool:
        return self.until is not None and today > self.until

    def describe(self) -> str:
        parts = [f"fingerprint {self.fingerprint}" if self.fingerprint else "",
                 f"rule {self.rule}" if self.rule else "", f"file {self.file}" if self.file else "",
                 f"field {self.field}" if self.field else ""]
        return ", ".join(p for p in parts if p)


_HEADER = re.compile(r"^\s*\[\[\s*(?:tool\s*\.\s*auditor\s*\.\s*|auditor\s*\.\s*)?suppress\s*\]\]")
_INLINE = re.compile(r"^\s*suppress\s*=")


def entry_lines(text: str, count: int) -> List[int]:
    """The 1-based line of each of ``count`` entries (``[[suppress]]`` headers, else the ``suppress =`` line)."""
    lines = text.splitlines()
    headers = [i for i, line in enumerate(lines, start=1) if _HEADER.match(line)]
    if len(headers) >= count:
        return headers[:count]
    inline = next((i for i, line in enumerate(lines, start=1) if _INLINE.match(line)), 1)
    return headers + [inline] * (count - len(headers))


def config_lines(source: Optional[str], count: int) -> List[int]:
    """:func:`entry_lines` of a configuration file; line 1 for each entry if it cannot be read."""
    if not source:
        return [1] * count
    try:
        with open(source, encoding="utf-8") as fh:
            return entry_lines(fh.read(), count)
    except (OSError, UnicodeDecodeError):
        return [1] * count
