"""Suggested fixes: what a finding proposes to write instead, and `auditor fix`.

A fix is a plain dict (so it travels through JSON, SARIF, pickling and the
sweep database unchanged)::

    {"description": "…", "applicability": "safe" | "unsafe" | "display-only",
     "edits": [{"line", "column", "end_column", "location", "source", "old", "new"}]}

- :mod:`.model` builds fixes and edits (rules call it);
- :mod:`.render` turns them into text, HTML and SARIF for the reporters;
- :mod:`.apply` picks the fixes to apply in one file and resolves conflicts;
- :mod:`.text_file`, :mod:`.docx_file`, :mod:`.xlsx_file` write them;
- :mod:`.cli` is the ``auditor fix`` command.
"""
