"""Peak memory and time of `auditor check` on the issue-19 sizes, against the bound.

The test suite (tests/test_hostile.py) runs the hostile corpus at CI sizes; this
script runs the sizes the issue measured — 20 MB of pipe lines, a 30 MB HTML
table, an .xlsx of 1,048,576 rows, the bombs — one `auditor check` each, and
prints the peak RSS (resource.getrusage(RUSAGE_CHILDREN)) beside the bound of
20 × the file's size + 100 MB.  Minutes, not seconds:

    python benchmarks/hostile_memory.py [--small]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile_corpus  # noqa: E402


def _measure(path: Path) -> tuple:
    code = ("import resource, subprocess, sys; t = __import__('time').time(); "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, __import__('time').time() - t)")
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "auditor", "check", str(path), "--fail-on", "never",
                          "--timeout", "600"], stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    return int(out[0]) * 1024, float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a tenth of the issue's sizes")
    scale = 10 if parser.parse_args().small else 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = {
            "pipes.md": lambda p: p.write_text(hostile_corpus._big_pipe_table(200_000 // scale), encoding="utf-8"),
            "table.html": lambda p: p.write_text(hostile_corpus._big_html(300_000 // scale), encoding="utf-8"),
            "rows.xlsx": lambda p: hostile_corpus._big_xlsx(p, 1_048_575 // scale),
            "bomb.xlsx": lambda p: hostile_corpus._zip_bomb(p, members=33, member_bytes=6 * 2**20),
            "bomb.pdf": lambda p: hostile_corpus._pdf_bomb(p, inflated=2**30 // scale),
            "quadratic.html": lambda p: p.write_bytes(b"<a " * 120_000),
        }
        print(f"{'file':<16} {'size':>9} {'peak RSS':>9} {'bound':>9} {'seconds':>8}")
        for name, make in cases.items():
            path = folder / name
            make(path)
            size = os.path.getsize(path)
            rss, seconds = _measure(path)
            bound = 20 * size + 100 * 2**20
            flag = "" if rss <= bound else "  OVER"
            print(f"{name:<16} {size / 2**20:>7.1f}MB {rss / 2**20:>7.0f}MB {bound / 2**20:>7.0f}MB {seconds:>8.1f}{flag}")
            path.unlink()


if __name__ == "__main__":
    main()
