"""``auditor.testing``: the rule-author test helpers (see :mod:`auditor.plugins.testing`)."""
from .plugins.testing import assert_findings, audit_text, line_of, parse_text, perf_table, run_rule  # noqa: F401

__all__ = ["assert_findings", "audit_text", "line_of", "parse_text", "perf_table", "run_rule"]
