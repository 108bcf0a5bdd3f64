"""Benchmark of Veil's tabular side on ARX's Adult data: `python bench/tabular.py`.

Runs each "what must be shown" item, prints times and results, writes
bench/out/tabular.json and prints a markdown table for BENCHMARKS.md.
Cold times run a fresh `python -c` (interpreter start, import, read, search).
Data: ../shared/data/arx (beside the checkout) or $VEIL_SHARED_DATA/arx.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("VEIL_SHARED_DATA", ROOT / "../shared/data")) / "arx"
COLS = [
    "sex",
    "age",
    "race",
    "marital-status",
    "education",
    "native-country",
    "workclass",
    "occupation",
    "salary-class",
]
ARX_0 = (0, 4, 1, 1, 3, 2, 2, 1, 0)
ARX_2 = (0, 3, 0, 2, 2, 1, 1, 2, 0)
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))

COLD = """
import json, sys
from veil.tabular.cli import read_table
from veil.tabular import Generalizer
D = {data!r}
cols = {cols!r}
t = read_table(D + "/adult.csv", ";")
g = Generalizer(cols, {{c: D + f"/adult_hierarchy_{{c}}.csv" for c in cols}}, k=5,
                suppression={supp}, algorithm={algo!r}).fit(t)
lv = None if g.levels_ is None else [g.levels_[c] for c in cols]
print(json.dumps({{"levels": lv, "suppressed": g.suppressed_, "classes": g.n_classes_,
                  "loss": g.loss_}}))
"""


def cold(supp: float, algo: str = "optimal", code: str | None = None) -> dict:
    code = code or COLD.format(data=str(DATA), cols=COLS, supp=supp, algo=algo)
    import resource

    times, cpus, res = [], [], None
    for _ in range(REPEAT):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
        res = json.loads(p.stdout) if p.stdout.strip() else {}
    return {
        "cold_min_s": min(times),
        "cold_median_s": statistics.median(times),
        "cold_cpu_median_s": statistics.median(cpus),
        **res,
    }


def cli_cold(metrics: bool) -> dict:
    """`veil tabular` end to end (start, import, read, search, write), as a user runs it."""
    import resource
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pol = Path(tmp) / "adult.yaml"
        hier = "".join(f"    {c}: {DATA / f'adult_hierarchy_{c}.csv'}\n" for c in COLS)
        pol.write_text(
            f"tabular:\n  quasi_identifiers: {json.dumps(COLS)}\n  hierarchies:\n{hier}"
            f"  k: 5\n  suppression: 0\n  profile: false\n  metrics: {str(metrics).lower()}\n"
        )
        veil = Path(sys.executable).with_name("veil")
        cmd = [str(veil), "tabular", str(DATA / "adult.csv"), "-o", f"{tmp}/out.csv"]
        times, cpus, res = [], [], None
        for _ in range(REPEAT):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            extra = [] if metrics else ["--no-report"]
            p = subprocess.run(
                [*cmd, "--policy", str(pol), *extra], capture_output=True, text=True, check=True
            )
            times.append(time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
            res = json.loads(p.stdout)
    return {
        "cold_min_s": min(times),
        "cold_median_s": statistics.median(times),
        "cold_cpu_median_s": statistics.median(cpus),
        "levels": [res["levels"][c] for c in COLS],
        "classes": res["classes"],
    }


def warm(fn, repeat: int = REPEAT):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), out


def main() -> None:
    if not (DATA / "adult.csv").is_file():
        sys.exit(f"no data at {DATA}")
    import numpy as np

    from veil.tabular import Generalizer
    from veil.tabular.cli import read_table
    from veil.tabular.metrics import check_anonymity, information_loss, ml_utility, risk_report

    hier = {c: DATA / f"adult_hierarchy_{c}.csv" for c in COLS}
    adult = read_table(DATA / "adult.csv", ";")
    results: dict[str, dict] = {"load": {"loadavg_start": os.getloadavg(), "cpus": os.cpu_count()}}

    # the floor in the same run: a fresh interpreter that only imports numpy
    floor = cold(0.0, code="import numpy")
    results["floor_python_import_numpy"] = floor
    print("floor_python_import_numpy", json.dumps(floor))

    # 1-2: optimal global recoding, ARX's optima
    for name, supp, want in (("k5_supp0", 0.0, ARX_0), ("k5_supp2", 0.02, ARX_2)):
        r = cold(supp)
        wmin, wmed, g = warm(lambda s=supp: Generalizer(COLS, hier, k=5, suppression=s).fit(adult))
        r.update(warm_min_s=wmin, warm_median_s=wmed, checks=g.checks_, lattice=g.lattice_size_)
        r["matches_arx"] = tuple(r["levels"]) == want
        results[name] = r
        print(name, json.dumps(r))

    # the same through the command line, with and without the reports
    for metrics in (False, True):
        r = cli_cold(metrics)
        r["matches_arx"] = tuple(r["levels"]) == ARX_0
        results[f"cli_k5_supp0{'_reports' if metrics else ''}"] = r
        print(f"cli_k5_supp0{'_reports' if metrics else ''}", json.dumps(r))

    # 3: Mondrian
    r = cold(0.0, "mondrian")
    wmin, wmed, g = warm(lambda: Generalizer(COLS, hier, k=5, algorithm="mondrian").fit(adult))
    r.update(warm_min_s=wmin, warm_median_s=wmed, ncp=g.loss_)
    results["mondrian_k5"] = r
    print("mondrian_k5", json.dumps(r))

    # 4: full check of k, l and t (sensitive: salary-class, QIs: the other 8 columns)
    qis8 = COLS[:-1]
    wmin, wmed, chk = warm(lambda: check_anonymity(adult, qis8, "salary-class"))
    results["check_k_l_t_30k"] = {"warm_min_s": wmin, "warm_median_s": wmed, **chk}
    print("check_k_l_t_30k", json.dumps(results["check_k_l_t_30k"]))
    # peer: pandas groupby computing class sizes and distinct sensitive values only
    import pandas as pd

    frame = pd.DataFrame(adult)
    pmin, pmed, _ = warm(
        lambda: frame.groupby(qis8, sort=False)["salary-class"].agg(["size", "nunique"])
    )
    results["check_k_l_t_30k"].update(
        pandas_groupby_k_l_min_s=pmin, pandas_groupby_k_l_median_s=pmed
    )

    # 5: scale, Adult replicated x40 with perturbation, 1.2M rows: age +-2 years,
    # and 5% of the cells of every other column resampled from that column

    rng = np.random.default_rng(0)
    df = pd.DataFrame(adult)
    big = pd.concat([df] * 40, ignore_index=True)
    age = big["age"].astype(int).to_numpy() + rng.integers(-2, 3, len(big))
    big["age"] = np.clip(age, 17, 90).astype(str)
    for c in COLS[:1] + COLS[2:]:
        col = big[c].to_numpy().copy()
        m = rng.random(len(big)) < 0.05
        col[m] = rng.choice(col, int(m.sum()))
        big[c] = col
    rows_distinct = len(big.drop_duplicates())
    for supp in (0.0, 0.02):
        times, cpus = [], []
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            g = Generalizer(COLS, hier, k=5, suppression=supp).fit(big)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        r = {
            "rows": len(big),
            "distinct_rows": rows_distinct,
            "fit_s": statistics.median(times),
            "fit_min_s": min(times),
            "fit_cpu_median_s": statistics.median(cpus),
            "levels": [g.levels_[c] for c in COLS],
            "suppressed": g.suppressed_,
            "classes": g.n_classes_,
            "checks": g.checks_,
        }
        results[f"scale_1.2M_supp{int(supp * 100)}"] = r
        print(f"scale_1.2M_supp{int(supp * 100)}", json.dumps(r))

    # extras: information loss, risk before/after, ML utility (target salary-class)
    g = Generalizer(qis8, {c: hier[c] for c in qis8}, k=5, suppression=0.02)
    anon = g.fit_transform(adult)
    il = information_loss(adult, anon, qis8, g.hierarchies_, k=5)
    rk = risk_report(adult, anon, qis8)
    ml = ml_utility(adult, anon, "salary-class")
    results["quality_k5_supp2_8qi"] = {
        "levels": g.levels_,
        "gil": il["gil"],
        "discernibility": il["discernibility"],
        "average_class_size": il["average_class_size"],
        "non_uniform_entropy": il["non_uniform_entropy"],
        "risk_before": {k: v for k, v in rk["before"].items() if k != "highest_risk_rows"},
        "risk_after": {k: v for k, v in rk["after"].items() if k != "highest_risk_rows"},
        "ml": ml,
    }
    print("quality_k5_supp2_8qi", json.dumps(results["quality_k5_supp2_8qi"], default=str))

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "tabular.json").write_text(json.dumps(results, indent=2, default=str))

    results["load"]["loadavg_end"] = os.getloadavg()
    r0, r2, rm = results["k5_supp0"], results["k5_supp2"], results["mondrian_k5"]
    rcli, rcli2 = results["cli_k5_supp0"], results["cli_k5_supp0_reports"]
    rc, rs = results["check_k_l_t_30k"], results["scale_1.2M_supp0"]
    rs2 = results["scale_1.2M_supp2"]
    q = results["quality_k5_supp2_8qi"]
    fl = results["floor_python_import_numpy"]["cold_median_s"]
    rows = [
        (
            "floor: `python -c 'import numpy'` (cold, same run)",
            "-",
            f"min {results['floor_python_import_numpy']['cold_min_s']:.3f} / med {fl:.3f} s "
            f"(CPU {results['floor_python_import_numpy']['cold_cpu_median_s']:.3f} s)",
            "1.0x",
        ),
        (
            "Adult k=5, 0% supp: ARX optimum (cold, incl. start+import)",
            "< 0.5 s",
            f"min {r0['cold_min_s']:.3f} / med {r0['cold_median_s']:.3f} s (CPU {r0['cold_cpu_median_s']:.3f} s; warm {r0['warm_median_s']:.3f} s)",
            f"{'match' if r0['matches_arx'] else 'MISMATCH'}, {r0['classes']} classes; "
            f"{r0['cold_median_s'] / fl:.1f}x floor",
        ),
        (
            "Adult k=5, 2% supp: ARX optimum (cold)",
            "< 1 s",
            f"min {r2['cold_min_s']:.3f} / med {r2['cold_median_s']:.3f} s (CPU {r2['cold_cpu_median_s']:.3f} s; warm {r2['warm_median_s']:.3f} s)",
            f"{'match' if r2['matches_arx'] else 'MISMATCH'}, {r2['suppressed']} suppressed; "
            f"{r2['cold_median_s'] / fl:.1f}x floor",
        ),
        (
            "same through `veil tabular --no-report` (cold, writes the CSV)",
            "-",
            f"min {rcli['cold_min_s']:.3f} / med {rcli['cold_median_s']:.3f} s "
            f"(CPU {rcli['cold_cpu_median_s']:.3f} s)",
            f"{'match' if rcli['matches_arx'] else 'MISMATCH'}, {rcli['classes']} classes",
        ),
        (
            "same, with loss + risk in the summary and report.json/html",
            "-",
            f"min {rcli2['cold_min_s']:.3f} / med {rcli2['cold_median_s']:.3f} s "
            f"(CPU {rcli2['cold_cpu_median_s']:.3f} s)",
            f"{'match' if rcli2['matches_arx'] else 'MISMATCH'}",
        ),
        (
            "Mondrian k=5 (cold)",
            "< 0.5 s, NCP <= 8%",
            f"min {rm['cold_min_s']:.3f} / med {rm['cold_median_s']:.3f} s (CPU {rm['cold_cpu_median_s']:.3f} s; warm {rm['warm_median_s']:.3f} s)",
            f"NCP {100 * rm['ncp']:.2f}%; {rm['cold_median_s'] / fl:.1f}x floor",
        ),
        (
            "Check k, l, t on 30k rows (warm)",
            "< 0.5 s",
            f"min {rc['warm_min_s']:.3f} / med {rc['warm_median_s']:.3f} s",
            f"k={rc['k']} l={rc['l']} t={rc['t']:.3f}; pandas groupby (k, l only) "
            f"{rc['pandas_groupby_k_l_median_s']:.3f} s",
        ),
        (
            "1.2M rows, k=5 optimal, 0% supp (fit, in memory)",
            "< 3 s",
            f"min {rs['fit_min_s']:.2f} / med {rs['fit_s']:.2f} s (CPU {rs['fit_cpu_median_s']:.2f} s)",
            f"levels {rs['levels']}",
        ),
        (
            "1.2M rows, k=5 optimal, 2% supp (fit, in memory)",
            "-",
            f"min {rs2['fit_min_s']:.2f} / med {rs2['fit_s']:.2f} s (CPU {rs2['fit_cpu_median_s']:.2f} s)",
            f"levels {rs2['levels']}",
        ),
        (
            "ML utility (HGB, salary-class; k=5, 2%, 8 QIs)",
            "-",
            f"acc {q['ml']['accuracy_original']:.3f} -> {q['ml']['accuracy_anonymized']:.3f}",
            f"AUC {q['ml']['auc_original']:.3f} -> {q['ml']['auc_anonymized']:.3f}",
        ),
    ]
    ld = results["load"]
    print(
        f"\nload average {ld['loadavg_start'][0]:.2f} -> {ld['loadavg_end'][0]:.2f} on {ld['cpus']} CPUs"
    )
    print("\n| item | target | Veil | result |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
