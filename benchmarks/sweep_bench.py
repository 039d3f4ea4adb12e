#!/usr/bin/env python
"""Sweep benchmark: generate realistic documents, sweep them, print the figures.

Documents follow the three seed layouts (one cell a line like seed 001,
markdown pipe tables like seed 002, a 政府购买服务信息公开表 like seed 000)
with varied project names, budgets, spend plans and indicator values, and
planted anomalies (plans given as amounts, rates given as counts, bare
fractions, zero targets, costs above the budget, contracts above the budget).

Some projects come back the next year with the same name and unit (and the
code's year digits changed), a new budget and some targets moved, so the
corpus phase (checks across documents, XDOC) has real matches to make; its
time is measured again on the last sweep's history and shown as a share of
the sweep.

Each configuration runs in a fresh child process (this script with
``--child``) so its peak memory is its own: ``ru_maxrss`` of the sweep's main
process and of its largest worker.

    python benchmarks/sweep_bench.py                    # default size, jobs 1 and 2
    python benchmarks/sweep_bench.py --docs 5           # tiny (the test uses this)
    python benchmarks/sweep_bench.py --big              # 100,000 tables: the memory target
    python benchmarks/sweep_bench.py --cold-only        # just the cold start of `auditor check`

Besides the sweeps it measures, in the same run, the *floor*: a fresh Python
process that only walks the folder, reads, decodes and splits every file into
lines (what any auditor must do), and prints each sweep's time as a multiple
of it; and the cold start of `auditor check` on one 16-table file beside a
bare `python -c pass`.

Targets (issue 16): >= 5,000 tables/s with two jobs (within 7x the floor),
>= 2,600 with one; peak memory under 150 MB per process at 100,000 tables;
cold `auditor check` of one 16-table file within 2x `python -c pass`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

UNITS = [("502001", "青岛市工业和信息化局"), ("503001", "青岛市商务局"), ("504001", "青岛市民政局"), ("505001", "青岛市文化和旅游局"),
         ("506001", "青岛市农业农村局"), ("507001", "青岛市教育局"), ("508001", "青岛市卫生健康委员会"), ("509001", "青岛市交通运输局")]
TOPICS = ["企业搬迁改造", "食盐储备", "商务流通", "菜篮子工程", "境外工商中心运维", "社区养老服务", "乡村振兴示范", "智慧校园建设",
          "公共卫生应急", "道路养护", "文化惠民演出", "数字政府平台", "招商推介活动", "安全生产督查", "网络安全服务", "会展服务"]
SUFFIXES = ["工作经费", "专项资金", "运维项目", "补助资金", "服务项目", "建设资金"]
COUNT_NAMES = [("服务企业数量", "家"), ("举办活动场次", "场"), ("培训人次", "人次"), ("检查覆盖单位数", "个"), ("出具评估报告数量", "份")]
RATE_NAMES = ["资金使用合规率", "任务按时完成率", "验收合格率", "服务覆盖率", "问题整改率"]
EFFECTS = ["社会效益指标", "经济效益指标", "可持续影响指标"]


#: projects already generated, by (unit, year): some come back the next year
_EARLIER: Dict[Tuple[str, int], List[Dict[str, object]]] = {}


def _next_year(rng: random.Random, p: Dict[str, object], year: int) -> Dict[str, object]:
    """Last year's project again: code year digits changed, budget moved, some ≥ targets lowered."""
    code = str(p["code"])
    indicators = []
    for level1, level2, level3, value in p["indicators"]:  # type: ignore[union-attr]
        m = re.match(r"^≥(\d+)(\D*)$", value)
        if m and rng.random() < 0.3:
            value = f"≥{max(1, int(int(m.group(1)) * rng.uniform(0.7, 0.95)))}{m.group(2)}"
        indicators.append((level1, level2, level3, value))
    budget = round(float(str(p["budget"])) * rng.uniform(0.9, 1.4), 2)
    return {**p, "code": code[:6] + f"{year % 100:02d}" + code[8:], "budget": f"{budget:.2f}", "indicators": indicators}


def _project(rng: random.Random, n: int, year: int, unit: str = "") -> Dict[str, object]:
    """One 绩效目标表's values, with an anomaly planted in about half of them."""
    earlier = _EARLIER.get((unit, year - 1))
    if earlier and rng.random() < 0.3:
        p = _next_year(rng, rng.choice(earlier), year)
        _EARLIER.setdefault((unit, year), []).append(p)
        return {**p, "n": n}
    name = f"{rng.choice(TOPICS)}{rng.choice(SUFFIXES)}"
    budget = round(rng.uniform(5, 3000), 2)
    code = f"370200{year % 100:02d}P{rng.randrange(10**11, 10**12)}{rng.choice('ABCDEFGHJK')}"
    plan: List[str] = [f"{p:.2f}" for p in sorted(rng.sample(range(5, 95), 3))] + ["100.00"]
    anomaly = rng.choice(["none", "none", "none", "amounts", "decreasing", "rate-count", "fraction", "zero", "cost-above", "cost-floor",
                          "no-satisfaction", "code-year"])
    if anomaly == "code-year":
        code = code[:6] + f"{(year - 1) % 100:02d}" + code[8:]
    if anomaly == "amounts":
        plan = [f"{budget * f:.2f}" for f in (0.2, 0.5, 0.8, 1.0)]
    elif anomaly == "decreasing":
        plan = ["60.00", "40.00", "80.00", "100.00"]
    indicators: List[Tuple[str, str, str, str]] = []
    for label, unit in rng.sample(COUNT_NAMES, rng.randint(2, 4)):
        indicators.append(("产出指标", "数量指标", label, f"≥{rng.randint(2, 500)}{unit}"))
    rate = rng.choice(RATE_NAMES)
    value = {"rate-count": f"≥{rng.randint(1, 9)}家", "fraction": "≥0.95"}.get(anomaly, f"≥{rng.choice([90, 95, 98])}%")
    indicators.append(("产出指标", "质量指标", rate, value))
    indicators.append(("产出指标", "时效指标", "完成时间", f"{year}年12月底前"))
    cost = {"cost-above": f"≤{budget * 3:.0f}万元", "cost-floor": f"≥{budget:.0f}万元"}.get(anomaly, f"≤{budget:g}万元")
    indicators.append(("成本指标", "经济成本指标", "项目成本控制数", cost))
    effect_value = "≥0元" if anomaly == "zero" else rng.choice(["明显提升", "≥80%", "有效改善"])
    indicators.append(("效益指标", rng.choice(EFFECTS), "服务对象受益情况", effect_value))
    if anomaly != "no-satisfaction":
        indicators.append(("满意度指标", "服务对象满意度指标", "服务对象满意度", f"≥{rng.choice([85, 90, 95])}%"))
    p = {"n": n, "name": name, "budget": f"{budget:.2f}", "code": code, "plan": plan, "indicators": indicators,
         "purpose": f"用于保障{name}的实施，推进年度重点任务。"}
    _EARLIER.setdefault((unit, year), []).append(p)
    return p


def _cells_doc(rng: random.Random, tables: int) -> str:
    """The one-cell-a-line layout of seed 001 (a .docx export)."""
    unit_code, unit = rng.choice(UNITS)
    year = rng.choice([2022, 2023, 2024])
    out: List[str] = []
    for n in range(1, tables + 1):
        p = _project(rng, n, year, unit_code)
        rows: List[List[str]] = [
            ["项目编码", str(p["code"]), "项目名称", str(p["name"])],
            ["预算规模及资金用途", "预算数", str(p["budget"]), "其中：财政    资金", str(p["budget"]), "其他资金", ""],
            ["", str(p["purpose"])],
            ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
            [""] + list(p["plan"]),  # type: ignore[arg-type]
            ["绩效目标", f"1.目标内容1 完成{p['name']}年度任务，提升服务质量。"],
            ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
        ]
        last = ""
        for level1, level2, level3, value in p["indicators"]:  # type: ignore[misc]
            rows.append([level1 if level1 != last else "", level2, level3, level3, value, "计划标准"])
            last = level1
        out.append(f"[bookmark: _Toc_4_4_{n:010d}]{n}.{p['name']}绩效目标表")
        out.append(f"\t{unit_code}{unit}本级")
        out.append("\t单位：万元")
        out.append("")
        for row in rows:
            out.extend("\t" + cell for cell in row)
            out.append("")
        out.append("\n\n")
    return "\n".join(out)


def _pipe(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _pipe_doc(rng: random.Random, tables: int) -> str:
    """The markdown pipe-table layout of seed 002 (a PDF export)."""
    unit_code, unit = rng.choice(UNITS)
    year = rng.choice([2022, 2023, 2024])
    out = ["", f"{unit}", "", f"{year} 年部门预算绩效目标", ""]
    for n in range(1, tables + 1):
        p = _project(rng, n, year, unit_code)
        plan = list(p["plan"])  # type: ignore[arg-type]
        out += [f"{n}.{p['name']}绩效目标表", "", f"{unit_code} {unit}本级", "", "单位：万元", "",
                _pipe([""] * 7), _pipe(["---"] * 7),
                _pipe(["项目编码", str(p["code"]), "", "项目名称", str(p["name"]), "", ""]),
                _pipe(["预算规模及 资金用途", "预算数", str(p["budget"]), "其中：财政 资金", str(p["budget"]), "其他资金", ""]),
                _pipe(["", str(p["purpose"]), "", "", "", "", ""]),
                _pipe(["资金支出计 划（%）", "3月底", "6月底", "10月底", "12月底", "", ""]),
                _pipe([""] + plan + ["", ""]),
                _pipe(["绩效目标", f"完成{p['name']}年度任务。", "", "", "", "", ""]),
                _pipe(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", ""])]
        last = ""
        for level1, level2, level3, value in p["indicators"]:  # type: ignore[misc]
            out.append(_pipe([level1 if level1 != last else "", level2, level3, level3, value, "计划标准", ""]))
            last = level1
        out.append("")
    return "\n".join(out) + "\n"


def _disclosure_doc(rng: random.Random, rows: int) -> str:
    """A 政府购买服务信息公开表 like seed 000, one cell a line."""
    _, unit = rng.choice(UNITS)
    year = rng.choice([2019, 2020, 2021])
    projects = []
    names = rng.sample(TOPICS, min(rows, len(TOPICS)))
    for i in range(1, rows + 1):
        budget = rng.randint(3, 900)
        price = budget + rng.randint(1, 50) if rng.random() < 0.2 else round(budget * rng.uniform(0.6, 1.0), 2)
        final = price if rng.random() < 0.7 else round(price * rng.uniform(0.8, 1.0), 2)
        projects.append((i, f"{names[(i - 1) % len(names)]}服务{'' if i <= len(names) else i}", budget, price, final))
    out = ["附件1", "", f"{unit}{year}年政府购买服务信息公开表", "", f"一、{year}年度政府购买服务预算", ""]
    header = ["序号", "政府购买服务项目名称", "类别", "内容", "服务\n对象", "购买\n方式", "预算金额\n（万元）", "备注"]
    out += ["\t" + c for c in header] + [""]
    for i, name, budget, _, _ in projects:
        out += ["\t" + c for c in [str(i), name, "政府履职所需辅助性服务-其他", f"委托第三方开展{name}", "机关事业单位", "政府采购", str(budget), ""]] + [""]
    out += ["", f"二、{year}年度政府购买服务项目承接主体", ""]
    out += ["\t" + c for c in ["序号", "政府购买服务项目名称", "承接主体名称", "承接主体类别", "承接价格（万元）", "合同起始期限", "合同截止期限", "备注"]] + [""]
    for i, name, _, price, _ in projects:
        out += ["\t" + c for c in [str(i), name, f"青岛{rng.choice(['信达', '华通', '海盛', '正和'])}咨询有限公司", "企业", str(price),
                                   f"{year}年{rng.randint(1, 6)}月{rng.randint(1, 28)}日", f"{year}年12月31日", ""]] + [""]
    out += ["", f"三、{year}年度政府购买服务决算信息", ""]
    out += ["\t" + c for c in ["序号", "政府购买服务项目名称", "类别", "内容", "决算金额（万元）", "备注"]] + [""]
    for i, name, _, _, final in projects:
        out += ["\t" + c for c in [str(i), name, "政府履职所需辅助性服务-其他", f"委托第三方开展{name}", str(final), ""]] + [""]
    out += ["", f"四、{year}年度政府购买服务绩效评价信息", ""]
    out += ["\t" + c for c in ["序号", "政府购买服务项目名称", "预算绩效目标", "绩效评价结果", "备注"]] + [""]
    for i, name, _, _, _ in projects:
        out += ["\t" + c for c in [str(i), name, f"按期完成{name}", "经验收，达到合同要求", ""]] + [""]
    return "\n".join(out) + "\n"


def generate(folder: str, docs: int, tables_per_doc: int, seed: int = 7) -> Tuple[int, int]:
    """Write ``docs`` documents into ``folder``; returns (files, bytes)."""
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    total = 0
    for i in range(docs):
        kind = i % 5
        if kind in (0, 1):
            text, name = _cells_doc(rng, tables_per_doc), f"{i:06d}_cells.txt"
        elif kind in (2, 3):
            text, name = _pipe_doc(rng, tables_per_doc), f"{i:06d}_pipe.md"
        else:
            text, name = _disclosure_doc(rng, max(3, tables_per_doc)), f"{i:06d}_disclosure.txt"
        sub = os.path.join(folder, f"dept{i % 7}")
        os.makedirs(sub, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(sub, name), "wb") as fh:
            fh.write(data)
        total += len(data)
    return docs, total


def _auditor() -> List[str]:
    return [sys.executable, "-m", "auditor"]


def child(args: argparse.Namespace) -> None:
    """Run one sweep in this process (workers are its children) and print figures as JSON."""
    from auditor.cli import main

    argv = ["sweep", args.folder, "--jobs", str(args.jobs), "--db", args.db, "--format", "json", "--output", args.out, "--no-progress",
            "--fail-on", "never", "--timeout", "600"]
    started = time.perf_counter()
    try:
        main(argv, standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    elapsed = time.perf_counter() - started
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"elapsed": elapsed, "code": code, "rss_main_kb": me.ru_maxrss, "rss_worker_kb": kids.ru_maxrss,
                      "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}))


def run_config(folder: str, jobs: int, work: str) -> Dict[str, float]:
    out = os.path.join(work, f"out-{jobs}.json")
    db = os.path.join(work, f"bench-{jobs}.db")
    cmd = [sys.executable, os.path.abspath(__file__), "--child", "--folder", folder, "--jobs", str(jobs), "--db", db, "--out", out]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"sweep with --jobs {jobs} failed:\n{proc.stdout}\n{proc.stderr}")
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    with open(out, encoding="utf-8") as fh:
        summary = json.load(fh)["summary"]
    figures.update(files=summary["files"], tables=summary["tables"], findings=summary["findings"])
    return figures


def corpus_phase(db: str) -> Dict[str, float]:
    """The corpus phase again on the facts of the last run in ``db``: time, projects, findings."""
    from auditor.corpus.phase import corpus_chunks
    from auditor.engine import Settings, registry_for
    from auditor.sweep.history import History

    settings = Settings()
    reg = registry_for(settings)
    with History(db) as history:
        run = history.complete_runs(1)[-1]
        projects = sum(len(f.projects) for _, _, f in history.run_facts(run, heads=True))
        started = time.perf_counter()
        by_rule: Dict[str, int] = {}
        for chunk in corpus_chunks(history.run_facts(run, heads=True), settings, reg, loader=lambda seq: history.file_facts_data(run, seq)):
            by_rule[chunk.rule] = (0 if chunk.restart else by_rule.get(chunk.rule, 0)) + len(chunk.findings)  # as the sweep records them
        elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "projects": projects, "findings": sum(by_rule.values())}


FLOOR = r"""
import os, sys, time
t = time.perf_counter()
lines = 0
for root, dirs, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(root, name), "rb") as fh:
            lines += len(fh.read().decode("utf-8").splitlines())
print(time.perf_counter() - t, lines)
"""


def floor(folder: str, repeat: int = 3) -> float:
    """Seconds a fresh process needs to read, decode and split every file (best of ``repeat``)."""
    best = float("inf")
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-c", FLOOR, folder], capture_output=True, text=True, check=True)
        best = min(best, float(proc.stdout.split()[0]))
    return best


def _timed(cmd: Sequence[str], repeat: int, env: Optional[Dict[str, str]] = None) -> Tuple[List[float], List[float]]:
    """Wall and CPU (user + sys of the child and its workers) seconds of ``cmd``, ``repeat`` times."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


def bare_python(repeat: int = 5) -> Tuple[List[float], List[float]]:
    return _timed([sys.executable, "-c", "pass"], repeat)


def cold_check(path: str, repeat: int = 5, env: Optional[Dict[str, str]] = None) -> Tuple[List[float], List[float]]:
    """Wall and CPU time of `auditor check FILE` in a new interpreter each time."""
    exe = shutil.which("auditor", path=os.path.dirname(sys.executable)) or ""
    cmd = [exe, "check", path] if exe else _auditor() + ["check", path]
    return _timed(cmd, repeat, env)


def cold_start(work: str, seed: int, repeat: int = 5) -> None:
    """Print the cold start of `auditor check` on one 16-table file beside a bare `python -c pass`
    (medians; CPU time too, which other processes on the machine disturb less than wall time),
    with the modules' .pyc files written, as in an installation."""
    sample = os.path.join(work, "one-16-tables.txt")
    with open(sample, "w", encoding="utf-8") as fh:
        fh.write(_cells_doc(random.Random(seed), 16))
    # warm the file system cache and write the .pyc files an installation has (pip compiles them;
    # an editable install writes them on first use unless PYTHONDONTWRITEBYTECODE says not to)
    cold_check(sample, 1, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    bare, bare_cpu = (statistics.median(x) for x in bare_python(repeat))
    times, cpus = cold_check(sample, repeat)
    cold, cold_cpu = statistics.median(times), statistics.median(cpus)
    print(f"auditor check one 16-table file (cold start): median {cold:.3f} s (first {times[0]:.3f} s); "
          f"python -c pass {bare:.3f} s; ratio {cold / bare:.1f}x; "
          f"CPU {cold_cpu:.3f} s vs {bare_cpu:.3f} s ({cold_cpu / max(bare_cpu, 1e-9):.1f}x)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400, help="documents to generate (default 400)")
    ap.add_argument("--tables-per-doc", type=int, default=12, help="tables in each document (default 12)")
    ap.add_argument("--jobs-list", default="1,2", help="comma-separated --jobs values to compare (default 1,2)")
    ap.add_argument("--big", action="store_true", help="100,000 tables (6,173 documents) with the highest --jobs only")
    ap.add_argument("--keep", help="generate into this folder and keep it")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cold-only", action="store_true", help="measure only the cold start of `auditor check` on one 16-table file")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each cold start, median reported (default 5)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args)
        return 0
    if args.cold_only:
        work = tempfile.mkdtemp(prefix="auditor-bench-")
        try:
            cold_start(work, args.seed, args.repeat)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    jobs_list = [int(j) for j in args.jobs_list.split(",") if j.strip()]
    if args.big:  # four in five documents have 20 tables, the fifth is a disclosure (1 table)
        args.tables_per_doc = 20
        args.docs = -(-100_000 * 5 // (4 * 20 + 1))
        jobs_list = [max(jobs_list)]
    work = args.keep or tempfile.mkdtemp(prefix="auditor-bench-")
    folder = os.path.join(work, "docs")
    try:
        t = time.perf_counter()
        files, size = generate(folder, args.docs, args.tables_per_doc, args.seed)
        print(f"generated {files} documents, {size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s ({folder})")
        base = floor(folder)
        results: Dict[int, Dict[str, float]] = {}
        for jobs in jobs_list:
            r = run_config(folder, jobs, work)
            results[jobs] = r
            e = r["elapsed"]
            print(f"--jobs {jobs}: {r['files']} docs, {r['tables']} tables, {r['findings']} findings in {e:.2f} s: "
                  f"{r['files'] / e:.1f} docs/s, {r['tables'] / e:.0f} tables/s ({r['tables'] / e / jobs:.0f} per job), "
                  f"{size / 1e6 / e:.2f} MB/s; {r['tables'] / max(r['cpu'], 1e-9):.0f} tables per CPU-second; "
                  f"{e / base:.0f}x the floor; "
                  f"peak RSS main {r['rss_main_kb'] / 1024:.0f} MB, largest worker {r['rss_worker_kb'] / 1024:.0f} MB")
        any_tables = next(iter(results.values()))["tables"]
        print(f"floor (read + decode + split, one process): {base:.3f} s, {any_tables / base:,.0f} tables/s")
        last = max(results)
        corpus = corpus_phase(os.path.join(work, f"bench-{last}.db"))
        print(f"corpus phase (checks across documents): {corpus['projects']:.0f} projects, {corpus['findings']:.0f} findings "
              f"in {corpus['seconds']:.2f} s = {corpus['seconds'] / results[last]['elapsed']:.1%} of the --jobs {last} sweep")
        if len(results) > 1:
            lo, hi = min(results), max(results)
            print(f"speed-up --jobs {lo} -> --jobs {hi}: {results[lo]['elapsed'] / results[hi]['elapsed']:.2f}x")
        cold_start(work, args.seed, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
