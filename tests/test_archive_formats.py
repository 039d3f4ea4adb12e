"""The other files an office archive holds: none skipped in a folder, each either read or refused with
a PARSE001 that names the format and the way out."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor.discovery import discover, reader_extensions
from auditor.engine import Settings, audit_file, registry_for

FORMATS = Path(__file__).parent / "data" / "formats"

REFUSED = {
    "wps_spreadsheet.et": ("WPS 表格", "另存为 .xlsx"),
    "wps_writer.wps": ("WPS 文字", "另存为 .docx"),
    "saved_as.rtf": ("RTF", "另存为 .docx"),
    "fixed_layout.ofd": ("OFD", "导出为 PDF"),
    "two_documents.zip": ("含 1 个 .docx", "解压"),
}


def test_a_folder_of_them_skips_none(tmp_path):
    for f in FORMATS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")  # not a document format: not picked up
    found = {Path(p).name for p in discover([str(tmp_path)], extensions=reader_extensions(registry_for(Settings(use_plugins=False))))}
    assert found == {f.name for f in FORMATS.iterdir()}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_unread_format_is_named_with_the_way_out(name):
    findings = audit_file(str(FORMATS / name), Settings(use_plugins=False)).findings
    assert [f.rule for f in findings] == ["PARSE001"]
    what, todo = REFUSED[name]
    assert what in findings[0].message and todo in findings[0].message, findings[0].message


def test_a_page_saved_as_a_web_archive_is_read():
    # .mht: a MIME message whose HTML part is quoted-printable gb2312
    findings = audit_file(str(FORMATS / "saved_page.mht"), Settings(use_plugins=False)).findings
    assert {"PLAN002", "VAL001"} <= {f.rule for f in findings}
    assert not [f for f in findings if f.rule.startswith("PARSE")]
    assert any(f.location and f.location.startswith("表1 第") for f in findings)
