"""``auditor.testing``: the rule-author test helpers (see :mod:`auditor.plugins.testing`)."""
from .plugins.testing import (  # noqa: F401
    assert_findings,
    audit_text,
    clear_registry_cache,
    form_text,
    line_of,
    make_plugin_dist,
    parse_text,
    perf_table,
    run_rule,
)

__all__ = [
    "assert_findings", "audit_text", "clear_registry_cache", "form_text", "line_of", "make_plugin_dist",
    "parse_text", "perf_table", "run_rule",
]
