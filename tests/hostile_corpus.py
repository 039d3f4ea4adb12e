"""Build the hostile corpus: every input the issue-19 trial broke, made on the fly.

Nothing here is committed as a binary: bombs are built from zeros, names from
bytes, links and pipes with os calls.  ``build(folder)`` returns what each case
is, so a test can require every file to come back as a finding or a problem.
Sizes are kept small enough for CI (the whole corpus audits in seconds) but
large enough that a reader which inflates or copies without bound is caught by
the memory check (20 × the largest file + 100 MB).
"""
from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from pathlib import Path
from typing import Dict

from auditor.testing import perf_table

#: a valid performance table (PLAN001 fires on it): the payload of named cases
TABLE = perf_table(plan=("10", "40", "70", "170"), budget="170.00")


def _zip_bomb(path: Path, members: int = 12, member_bytes: int = 6 * 2**20) -> None:
    """An .xlsx-shaped archive of many members just under any size floor, each ~1000:1."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        zeros = b" " * member_bytes
        for i in range(members):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", zeros)


def _pdf_bomb(path: Path, inflated: int = 160 * 2**20) -> None:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * 2**20
    body = b"".join(comp.compress(chunk) for _ in range(inflated // len(chunk))) + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


def _big_xlsx(path: Path, rows: int = 3_000) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    for r in range(rows):
        sheet.append([f"项目{r}", r, r * 1.5, "≥95%"])
    book.save(path)


def _big_pipe_table(rows: int = 6_000) -> str:
    """One table with thousands of indicator rows (more than the cell budget of its size)."""
    lines = [TABLE.rstrip("\n")]
    lines += [f"| 产出指标 | 数量指标 | 活动场次{r} | 活动场次{r} | ≥{r + 1}场 | 计划标准 |  |" for r in range(rows)]
    return "\n".join(lines) + "\n"


def _big_html(rows: int = 3_000) -> str:
    cells = "".join(f"<tr><td>项目{r}</td><td>{r}</td><td>≥{r}场</td></tr>\n" for r in range(rows))
    return f"<html><head><meta charset='utf-8'></head><body><table>{cells}</table></body></html>"


def build(root: Path) -> Dict[str, str]:
    """Write the corpus below ``root``; return {relative path (str, as os.walk spells it): case}."""
    root.mkdir(parents=True, exist_ok=True)
    cases: Dict[str, str] = {}

    def put(name: str, data: bytes, case: str) -> None:
        (root / name).write_bytes(data)
        cases[name] = case

    put("plain.txt", TABLE.encode("utf-8"), "a valid document")
    # a name that is not UTF-8 (os.fsdecode gives a surrogate escape)
    bad = os.path.join(os.fsencode(str(root)), b"bad\xff\xfename.txt")
    with open(bad, "wb") as fh:
        fh.write(TABLE.encode("utf-8"))
    cases[os.fsdecode(b"bad\xff\xfename.txt")] = "non-UTF-8 file name"
    put("rtl\u202egpj.txt", TABLE.encode("utf-8"), "bidi override in the name")
    put("tab\tname.txt", TABLE.encode("utf-8"), "control character in the name")
    put("--help.txt", TABLE.encode("utf-8"), "a name that looks like an option")
    # text with lone surrogates: an HTML page declaring an odd codec, a JSON document
    put("odd-codec.html", b"<html><head><meta charset='unicode_escape'></head><body><p>\xff \\ud800 \\udfff text</p></body></html>",
        "HTML whose declared codec yields lone surrogates")
    put("surrogate.json", json.dumps({"kind": "unknown", "issues": [{"rule": "PARSE002", "line": 1, "message": "\ud800 lone"}]}).encode("ascii"), "JSON with a lone surrogate")
    put("huge-line.json", json.dumps({"kind": "unknown", "issues": [{"rule": "PARSE002", "line": 2**64, "message": "x"}]}).encode(),
        "JSON with a line number above 2^63")
    put("wrong-types.json", b'{"tables": "not a list", "year": {"a": 1}}', "JSON with wrong types")
    put("empty.txt", b"", "empty")
    put("junk.docx", os.urandom(2048), "random bytes named .docx")
    # bombs
    _zip_bomb(root / "bomb.xlsx")
    cases["bomb.xlsx"] = "xlsx of small members expanding ~1000:1"
    _pdf_bomb(root / "bomb.pdf")
    cases["bomb.pdf"] = "PDF whose stream inflates far past its size"
    put("quadratic.html", b"<html><body>" + b"<a " * 120_000 + b"</body></html>", "HTML that makes html.parser quadratic")
    # big but honest inputs (memory)
    put("big-pipes.md", _big_pipe_table().encode("utf-8"), "many pipe-table rows")
    put("big.html", _big_html().encode("utf-8"), "a large HTML table")
    _big_xlsx(root / "big.xlsx")
    cases["big.xlsx"] = "a workbook with many rows"
    # links, loops, special files, unreadable folders
    os.symlink("loop.txt", root / "loop.txt")
    cases["loop.txt"] = "symlink loop"
    os.symlink("nowhere.txt", root / "dangling.txt")
    cases["dangling.txt"] = "dangling symlink"
    os.mkfifo(root / "pipe.txt")
    cases["pipe.txt"] = "FIFO"
    sub = root / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text(TABLE, encoding="utf-8")
    cases[os.path.join("sub", "inner.txt")] = "a document in a sub-folder"
    os.symlink("..", sub / "up")  # a folder link back to an ancestor: a cycle
    cases[os.path.join("sub", "up")] = "folder link back to an ancestor"
    locked = root / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text(TABLE, encoding="utf-8")
    os.chmod(locked, 0)
    cases["locked"] = "folder without read permission"
    return cases


def unlock(root: Path) -> None:
    """Give the locked folder its permissions back, so it can be deleted."""
    locked = root / "locked"
    if locked.exists():
        os.chmod(locked, 0o755)
