#!/usr/bin/env python3
"""The batch kernels next to polars and numpy, on one machine, in one run.

    python3 benches/compare.py              # cargo bench, then polars and numpy
    python3 benches/compare.py --no-cargo   # reuse the last criterion figures
    python3 benches/compare.py --only grouped   # the grouped paths alone
    python3 benches/compare.py --only sql       # GROUP BY in DataFusion and polars

The SQL table (`--only sql`) builds and runs the release example
`groupby_bench` of `cxkpi-datafusion`: cxkpi's `nps(score)` and
`service_level(..)` GROUP BY against the same figures by `SUM(CASE …)` on the
same engine, on 10^7 rows with 96 and with 10^5 groups, on 1 and 2 target
partitions. The example writes its rows once as Arrow IPC files under
`target/groupby-bench`; polars loads those very rows into memory in a child
process (POLARS_MAX_THREADS=1, then 2) and times `group_by("g").agg(...)` of
the same figures. Group 0's value and count must agree on every side, or the
script stops.

The grouped table (`cargo bench --bench grouped --features rayon`) sets the
columnar and per-row paths next to polars `group_by(...).agg(...)` of the same
counts, timed in child processes on one thread (POLARS_MAX_THREADS=1) and on
polars' default pool, and next to the read bandwidth of the same criterion run.

Runs `cargo bench --bench kernels --features rayon`, reads criterion's
estimates from `target/criterion`, times the same computations in polars (on
one thread: POLARS_MAX_THREADS=1) and numpy on inputs of the same sizes and
distributions, and prints one Markdown table: GB/s (10^9 bytes of input per
second), the share of the streaming read bandwidth measured by the same
criterion run, and the ratios to polars and numpy. Times are medians of
several passes; compare figures of one run only.

numpy and polars are installed into a virtual environment under
`target/compare-venv` on first use. Not part of CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "compare-venv"
PACKAGES = ["numpy", "polars"]

BIG = 100_000_000  # scores and waits
ROWS = 10_000_000  # AHT rows, median


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> None:
    """Re-runs this script inside the virtual environment, creating it first."""
    if in_venv():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} with {', '.join(PACKAGES)}", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *PACKAGES], check=True
        )
    env = dict(os.environ, POLARS_MAX_THREADS="1")
    # These pin an old OpenBLAS kernel on some machines; none of the timed
    # numpy calls uses BLAS, but keep them out of the comparison anyway.
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    os.execve(str(python), [str(python), __file__, *sys.argv[1:]], env)


def run_cargo(bench: str = "kernels") -> None:
    subprocess.run(
        ["cargo", "bench", "--bench", bench, "--features", "rayon"],
        cwd=ROOT,
        check=True,
    )


def criterion_rates(bench: str) -> dict[str, float]:
    """Elements (or bytes) per second of every `bench/*` benchmark of the last run."""
    out = {}
    for path in (ROOT / "target" / "criterion").glob(f"{bench}/**/new/benchmark.json"):
        meta = json.loads(path.read_text())
        estimates = json.loads((path.parent / "estimates.json").read_text())
        nanos = estimates["median"]["point_estimate"]
        (amount,) = meta["throughput"].values()
        out[meta["full_id"]] = amount / nanos * 1e9
    return out


def criterion_figures() -> dict[str, float]:
    """GB/s of every `kernels/*` benchmark of the last criterion run."""
    out = {}
    for bench in (ROOT / "target" / "criterion").glob("kernels/**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        nanos = estimates["median"]["point_estimate"]
        nbytes = meta["throughput"]["Bytes"]
        out[meta["full_id"]] = nbytes / nanos  # bytes per ns = GB/s
    return out


def timed(f, passes: int = 5) -> float:
    """The median seconds of `passes` calls of `f`, after one warm-up call."""
    f()
    samples = []
    for _ in range(passes):
        start = time.perf_counter()
        f()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def inputs():
    """Inputs with the distributions of `benches/kernels.rs`."""
    import numpy as np

    rng = np.random.default_rng(0x9E3779B9)

    def scores(lo, hi):
        return rng.integers(lo, hi + 1, size=BIG, dtype=np.uint8)

    def waits(n):
        x = rng.integers(0, 2**63, size=n, dtype=np.uint64)
        return ((x >> 8) % 600 * ((x >> 61) + 1)).astype(np.uint32)

    return {
        "nps": scores(0, 10),
        "csat": scores(1, 5),
        "ces": scores(1, 7),
        "waits": waits(BIG),
        "talk": waits(ROWS),
        "hold": waits(ROWS) // 8,
        "wrap": waits(ROWS) // 4,
        "median": waits(ROWS),
    }


def polars_and_numpy(data) -> dict[str, tuple[float, float, float, int]]:
    """Seconds in polars (validated and not) and numpy, and the bytes read.

    "Validated" does what the cxkpi kernel does: the counts or sums, and the
    check that every score lies on its scale (min and max). Waits in u32
    need no check.
    """
    import numpy as np
    import polars as pl

    out = {}
    answered, abandoned = data["waits"][: BIG // 10 * 9], data["waits"][BIG // 10 * 9 :]

    c = pl.col("s")
    df, a = pl.DataFrame({"s": data["nps"]}), data["nps"]
    out["nps"] = (
        timed(lambda: df.select(c.ge(9).sum().alias("p"), c.le(6).sum().alias("d"), c.max().alias("max"))),
        timed(lambda: df.select(c.ge(9).sum().alias("p"), c.le(6).sum().alias("d"))),
        timed(lambda: (np.count_nonzero(a >= 9), np.count_nonzero(a <= 6), a.max())),
        BIG,
    )
    df, a = pl.DataFrame({"s": data["csat"]}), data["csat"]
    out["csat"] = (
        timed(lambda: df.select(c.ge(4).sum().alias("sat"), c.min().alias("min"), c.max().alias("max"))),
        timed(lambda: df.select(c.ge(4).sum())),
        timed(lambda: (np.count_nonzero(a >= 4), a.min(), a.max())),
        BIG,
    )
    df, a = pl.DataFrame({"s": data["ces"]}), data["ces"]
    out["ces"] = (
        timed(lambda: df.select(c.mean().alias("mean"), c.min().alias("min"), c.max().alias("max"))),
        timed(lambda: df.select(c.mean())),
        timed(lambda: (a.mean(), a.min(), a.max())),
        BIG,
    )
    del df
    ans = pl.DataFrame({"w": answered})
    ab = pl.DataFrame({"w": abandoned})
    w = pl.col("w")

    def sl_polars():
        return ans.select(w.le(20).sum()), ab.select(w.le(20).sum().alias("within"), w.le(4).sum().alias("short"))

    def sl_numpy():
        return (
            np.count_nonzero(answered <= 20),
            np.count_nonzero(abandoned <= 20),
            np.count_nonzero(abandoned <= 4),
        )

    t = timed(sl_polars)
    out["service_level"] = (t, t, timed(sl_numpy), 4 * BIG)
    df = pl.DataFrame({"talk": data["talk"], "hold": data["hold"], "wrap": data["wrap"]})
    cols = [data["talk"], data["hold"], data["wrap"]]
    t = timed(lambda: df.select(pl.col("talk").mean(), pl.col("hold").mean(), pl.col("wrap").mean()))
    out["aht"] = (t, t, timed(lambda: [c.mean() for c in cols]), 3 * 4 * ROWS)
    df, a = pl.DataFrame({"m": data["median"]}), data["median"]
    t = timed(lambda: df.select(pl.col("m").median()))
    out["median"] = (t, t, timed(lambda: np.median(a)), 4 * ROWS)
    return out


def machine() -> str:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    fields = dict(
        line.split(":", 1) for line in lscpu.splitlines() if ":" in line
    )
    get = lambda k: fields.get(k, "?").strip()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    import numpy as np
    import polars as pl

    return (
        f"{get('Model name')}, {get('CPU(s)')} cores ({get('Hypervisor vendor') or 'bare metal'} guest), "
        f"L3 {get('L3 cache')}, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        f"{platform.system()} {platform.release()}; {rustc}, default target (x86-64 baseline, no target-cpu=native); "
        f"Python {platform.python_version()}, polars {pl.__version__} (POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS')}), numpy {np.__version__}"
    )


GROUPED_ROWS = 10_000_000


def grouped_inputs():
    """Inputs with the distributions of `benches/grouped.rs`."""
    import numpy as np

    rng = np.random.default_rng(0x9E3779B9)
    n = GROUPED_ROWS
    ints = lambda m, dtype: rng.integers(0, m, size=n).astype(dtype)
    channel, hour = ints(4, np.uint8), ints(24, np.uint8)
    agent, day = ints(1000, np.uint32), ints(100, np.uint32)
    return {
        "g96": channel * np.uint8(24) + hour,
        "nps": ints(11, np.uint8),
        "waits": ints(120, np.uint32),
        "g100k": agent * np.uint32(100) + day,
        "talk": ints(900, np.uint32),
        "hold": ints(120, np.uint32),
        "wrap": ints(240, np.uint32),
        "dict": ints(1000, np.uint16),
        "csat": (ints(5, np.uint8) + np.uint8(1)),
    }


def polars_grouped_child() -> None:
    """Times polars on the grouped workloads; prints seconds as JSON."""
    import numpy as np
    import polars as pl

    data = grouped_inputs()
    s, w = pl.col("s"), pl.col("w")
    out = {}
    df = pl.DataFrame({"g": data["g96"], "s": data["nps"]})
    out["nps"] = timed(lambda: df.group_by("g").agg(
        s.ge(9).sum().alias("p"), s.le(6).sum().alias("d"), pl.len().alias("n"), s.max().alias("max")))
    df = pl.DataFrame({"g": data["g96"], "w": data["waits"]})
    out["service_level"] = timed(lambda: df.group_by("g").agg(
        w.le(20).sum().alias("within"), pl.len().alias("n")))
    df = pl.DataFrame({"g": data["g100k"], "talk": data["talk"], "hold": data["hold"], "wrap": data["wrap"]})
    out["aht"] = timed(lambda: df.group_by("g").agg(
        pl.len().alias("n"), pl.col("talk").sum(), pl.col("hold").sum(), pl.col("wrap").sum()))
    labels = np.array([f"queue-{i:04}" for i in range(1000)])
    keys = pl.Series("k", labels[data["dict"]]).cast(pl.Categorical)
    df = pl.DataFrame({"k": keys, "s": data["csat"]})
    out["csat"] = timed(lambda: df.group_by("k").agg(
        s.ge(4).sum().alias("sat"), pl.len().alias("n"), s.min().alias("min"), s.max().alias("max")))
    out["threads"] = pl.thread_pool_size()
    print(json.dumps(out))


def polars_grouped(threads: str | None) -> dict:
    """`polars_grouped_child` in a child process, on `threads` polars threads (None: default)."""
    env = dict(os.environ)
    env.pop("POLARS_MAX_THREADS", None)
    if threads is not None:
        env["POLARS_MAX_THREADS"] = threads
    child = subprocess.run(
        [sys.executable, __file__, "--polars-grouped-child"],
        env=env, check=True, capture_output=True, text=True,
    )
    return json.loads(child.stdout)


def grouped_table(run: bool) -> None:
    load_before = os.getloadavg()
    if run:
        run_cargo("grouped")
    rust = criterion_rates("grouped")
    print("timing polars group_by, 1 thread and default…", file=sys.stderr)
    one = polars_grouped("1")
    default = polars_grouped(None)
    load_after = os.getloadavg()
    print()
    print(f"Machine: {machine()}.")
    print(
        f"Load average (1, 5, 15 min) before: {load_before[0]:.2f}, {load_before[1]:.2f}, {load_before[2]:.2f}; "
        f"after: {load_after[0]:.2f}, {load_after[1]:.2f}, {load_after[2]:.2f}."
    )
    bw = rust.get("grouped/bandwidth", 0) / 1e9
    print(f"Streaming read, same run: {bw:.1f} GB/s (one stream, 10⁸ bytes).")
    print()
    print(
        f"| 10⁷ rows | cxkpi columnar, M rows/s (GB/s, share of read) | cxkpi per row | "
        f"polars 1 thread | polars {default['threads']} threads | columnar × polars 1 | per row × polars 1 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    m = lambda rate: f"{rate / 1e6:.0f}"
    rows = [
        # label, polars key, columnar bench, per-row bench, bytes per row
        ("NPS by (channel, hour), 96 groups", "nps", "nps_codes", "nps_rows", 2),
        ("service level at 20 s by (channel, hour), 96 groups", "service_level", "service_level_codes", "service_level_rows", 5),
        ("AHT by (agent, day), 10⁵ groups", "aht", "aht_codes", "aht_rows", 16),
        ("CSAT by a dictionary of 1 000 labels", "csat", "csat_dict", "csat_rows", 3),
    ]
    for label, key, columnar, per_row, row_bytes in rows:
        ours, mine = rust.get(f"grouped/{columnar}"), rust.get(f"grouped/{per_row}")
        if ours is None:
            continue
        p1, pd = GROUPED_ROWS / one[key], GROUPED_ROWS / default[key]
        gbps = ours * row_bytes / 1e9
        share = f"{100 * gbps / bw:.0f} %" if bw else "–"
        per = f"{m(mine)}" if mine else "–"
        per_ratio = f"{mine / p1:.1f}" if mine else "–"
        print(
            f"| {label} | {m(ours)} ({gbps:.1f}, {share}) | {per} | {m(p1)} | {m(pd)} | "
            f"{ours / p1:.1f} | {per_ratio} |"
        )
    print()
    btree = rust.get("grouped/nps_btree")
    if btree:
        print(f"- NPS per row into a `BTreeMap` (the former map): {m(btree)} M rows/s")
    for name in ("nps_codes_par", "aht_codes_par"):
        r1, r2 = rust.get(f"grouped/{name}/1"), rust.get(f"grouped/{name}/2")
        if r1 and r2:
            print(f"- `{name}`: {m(r1)} M rows/s on 1 thread, {m(r2)} on 2: {r2 / r1:.2f}×")


SQL_ROWS = 10_000_000
SQL_GROUPS = (96, 100_000)
SQL_PARTITIONS = (1, 2)
SQL_DIR = ROOT / "target" / "groupby-bench"
# Bytes each query reads per row: the Int64 key and the Int64 score; the key,
# the Float64 wait and one bit of the Boolean answered.
SQL_ROW_BYTES = {"nps": 16.0, "sl": 16.125}


def sql_cxkpi(run: bool, runs: int) -> dict:
    """Timings and group 0's figures of the release example (rerun unless `run` is false)."""
    out = SQL_DIR / "cxkpi.json"
    if run:
        subprocess.run(
            ["cargo", "build", "--release", "-p", "cxkpi-datafusion", "--example", "groupby_bench"],
            cwd=ROOT,
            check=True,
        )
        SQL_DIR.mkdir(parents=True, exist_ok=True)
        exe = ROOT / "target" / "release" / "examples" / "groupby_bench"
        subprocess.run(
            [
                str(exe), str(SQL_ROWS), *map(str, SQL_GROUPS),
                "--partitions", ",".join(map(str, SQL_PARTITIONS)),
                "--runs", str(runs), "--ipc", str(SQL_DIR), "--json", str(out),
            ],
            cwd=ROOT,
            check=True,
        )
    return json.loads(out.read_text())


def polars_sql_child(runs: int) -> None:
    """Times polars on the example's rows; prints milliseconds and group 0's figures as JSON."""
    import polars as pl

    out = {"threads": pl.thread_pool_size(), "runs": []}
    s, w, a = pl.col("score"), pl.col("wait"), pl.col("answered")
    for g in SQL_GROUPS:
        df = pl.read_ipc(SQL_DIR / f"groupby-{SQL_ROWS}-{g}.arrow").rechunk()

        def nps():
            return df.group_by("g").agg(
                s.ge(9).sum().alias("p"), s.le(6).sum().alias("d"), pl.len().alias("n")
            ).with_columns(
                value=100.0 * (pl.col("p").cast(pl.Int64) - pl.col("d").cast(pl.Int64)) / pl.col("n")
            )

        def sl():
            return df.group_by("g").agg(
                (a & w.le(20)).sum().alias("within"), pl.len().alias("n")
            ).with_columns(value=100.0 * pl.col("within").cast(pl.Int64) / pl.col("n"))

        for key, f in (("nps", nps), ("sl", sl)):
            secs = timed(f, runs)
            row = f().filter(pl.col("g") == 0).row(0, named=True)
            out["runs"].append(
                {"groups": g, "query": key, "median_ms": secs * 1e3, "value": row["value"], "n": row["n"]}
            )
        del df
    print(json.dumps(out))


def polars_sql(threads: str, runs: int) -> dict:
    env = dict(os.environ, POLARS_MAX_THREADS=threads)
    child = subprocess.run(
        [sys.executable, __file__, "--polars-sql-child", "--runs", str(runs)],
        env=env, check=True, capture_output=True, text=True,
    )
    return json.loads(child.stdout)


def agree(label: str, figures: list[tuple[str, float, int]]) -> None:
    """Stops unless every side's group 0 figures (value, n) agree."""
    _, value, n = figures[0]
    for side, v, m in figures[1:]:
        if m != n or abs(v - value) > 1e-9 * max(1.0, abs(value)):
            sys.exit(f"{label}: group 0 differs: {figures[0][0]} gives {value} (n = {n}), {side} {v} (n = {m})")


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def sql_table(run: bool, runs: int) -> None:
    load_before, up_before = os.getloadavg(), uptime()
    ours = sql_cxkpi(run, runs)
    print("timing polars group_by on 1 and 2 threads…", file=sys.stderr)
    polars = {p: polars_sql(str(p), runs) for p in SQL_PARTITIONS}
    load_after, up_after = os.getloadavg(), uptime()
    rust = {(r["groups"], r["partitions"], r["query"]): r for r in ours["runs"]}
    pol = {(r["groups"], p, r["query"]): r for p, res in polars.items() for r in res["runs"]}
    print()
    print(f"Machine: {machine()}.")
    print(
        f"Load average (1, 5, 15 min) before: {load_before[0]:.2f}, {load_before[1]:.2f}, {load_before[2]:.2f}; "
        f"after: {load_after[0]:.2f}, {load_after[1]:.2f}, {load_after[2]:.2f}."
    )
    print(f"`uptime` before: `{up_before}`; after: `{up_after}`.")
    bw = ours["read_gbps"]
    print(f"Streaming read, one thread, same run: {bw:.1f} GB/s.")
    print()
    print(
        f"| {ours['rows']:.0e} rows | groups | partitions = polars threads | cxkpi ms (GB/s, share of read) "
        "| `SUM(CASE …)` ms | polars ms | `SUM(CASE …)` ÷ cxkpi | polars ÷ cxkpi |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    labels = {"nps": "`nps(score)`", "sl": "`service_level(wait, answered, 20, 'count_against')`"}
    checked = []
    for key in ("nps", "sl"):
        for g in SQL_GROUPS:
            for p in SQL_PARTITIONS:
                mine, case, other = rust.get((g, p, key)), rust.get((g, p, f"{key}_case")), pol.get((g, p, key))
                if mine is None or case is None or other is None:
                    continue
                agree(
                    f"{key}, {g} groups, {p} partitions",
                    [("cxkpi", mine["value"], mine["n"]), ("SUM(CASE …)", case["value"], case["n"]),
                     ("polars", other["value"], other["n"])],
                )
                checked.append((key, g, p, mine["value"], mine["n"]))
                t, tc, tp = mine["median_ms"], case["median_ms"], other["median_ms"]
                gbps = ours["rows"] * SQL_ROW_BYTES[key] / (t / 1e3) / 1e9
                print(
                    f"| {labels[key]} | {g} | {p} | {t:.0f} ({gbps:.2f}, {100 * gbps / bw:.0f} %) | "
                    f"{tc:.0f} | {tp:.0f} | {tc / t:.2f} | {tp / t:.2f} |"
                )
    print()
    print(
        "Ratios are the other side's time over cxkpi's: 1 or more means cxkpi is at least as fast. "
        f"Times are medians of {runs} runs after a warm-up; each side returns every group's figures. "
        f"Group 0's figures agree on all three sides in every row ({len(checked)} checks), e.g. "
        + "; ".join(f"{k} at {g} groups: {v:.6f} (n = {n})" for k, g, p, v, n in checked if p == 1)
        + "."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cargo", action="store_true", help="reuse the last criterion run")
    parser.add_argument("--only", choices=["kernels", "grouped", "sql"], help="one table only")
    parser.add_argument("--polars-grouped-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query of the SQL table")
    parser.add_argument("--polars-sql-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.polars_grouped_child:
        polars_grouped_child()
        return
    if args.polars_sql_child:
        polars_sql_child(args.runs)
        return
    ensure_venv()
    if args.only in (None, "kernels"):
        kernels_table(not args.no_cargo)
    if args.only in (None, "grouped"):
        grouped_table(not args.no_cargo)
    if args.only in (None, "sql"):
        sql_table(not args.no_cargo, args.runs)


def kernels_table(run: bool) -> None:
    load_before = os.getloadavg()
    if run:
        run_cargo()
    rust = criterion_figures()
    print("timing polars and numpy…", file=sys.stderr)
    data = inputs()
    others = polars_and_numpy(data)
    load_after = os.getloadavg()

    # (one stream, eight streams) at each input size.
    bw_100 = (rust.get("kernels/bandwidth", 0), rust.get("kernels/bandwidth_8", 0))
    bw_400 = (rust.get("kernels/bandwidth_400mb", 0), rust.get("kernels/bandwidth_400mb_8", 0))
    rows = [
        ("NPS, 10⁸ u8", "nps", bw_100),
        ("CSAT top-2-box, 10⁸ u8", "csat", bw_100),
        ("CES mean, 10⁸ u8", "ces", bw_100),
        ("service level, 10⁸ u32", "service_level", bw_400),
        ("AHT, 3 × 10⁷ u32", "aht", bw_100),
        ("exact median, 10⁷ u32", "median", bw_100),
    ]
    print()
    print(f"Machine: {machine()}.")
    print(
        f"Load average (1, 5, 15 min) before: {load_before[0]:.2f}, {load_before[1]:.2f}, {load_before[2]:.2f}; "
        f"after: {load_after[0]:.2f}, {load_after[1]:.2f}, {load_after[2]:.2f}."
    )
    print(
        f"Streaming read, same run: {rust.get('kernels/bandwidth', 0):.1f} GB/s one stream, "
        f"{rust.get('kernels/bandwidth_8', 0):.1f} GB/s eight streams (10⁸ bytes); "
        f"{rust.get('kernels/bandwidth_400mb', 0):.1f} and {rust.get('kernels/bandwidth_400mb_8', 0):.1f} GB/s (4 × 10⁸ bytes)."
    )
    print()
    print(
        "| kernel | cxkpi GB/s | share of 1-stream read | share of 8-stream read "
        "| polars GB/s (unchecked) | numpy GB/s | × polars | × numpy |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, key, bw in rows:
        ours = rust.get(f"kernels/{key}")
        if ours is None:
            continue
        polars_s, polars_unchecked_s, numpy_s, nbytes = others[key]
        gbps = lambda secs: nbytes / secs / 1e9
        share = lambda bandwidth: f"{100 * ours / bandwidth:.0f} %" if bandwidth else "–"
        unchecked = "" if polars_unchecked_s == polars_s else f" ({gbps(polars_unchecked_s):.1f})"
        print(
            f"| {label} | {ours:.1f} | {share(bw[0])} | {share(bw[1])} | "
            f"{gbps(polars_s):.1f}{unchecked} | "
            f"{gbps(numpy_s):.2f} | {ours / gbps(polars_s):.1f} | {ours / gbps(numpy_s):.1f} |"
        )
    extra = [
        ("plain `match` loop, NPS", "plain_loop_nps"),
        ("median over the whole u32 range", "median_wide"),
        ("NPS, rayon pool of 1 thread", "nps_par/1"),
        ("NPS, rayon pool of 2 threads", "nps_par/2"),
    ]
    print()
    for label, key in extra:
        if f"kernels/{key}" in rust:
            print(f"- {label}: {rust[f'kernels/{key}']:.1f} GB/s")
    one, two = rust.get("kernels/nps_par/1"), rust.get("kernels/nps_par/2")
    if one and two:
        print(f"- rayon speed-up, 1 → 2 threads: {two / one:.2f}×")


if __name__ == "__main__":
    main()
