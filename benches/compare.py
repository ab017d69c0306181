#!/usr/bin/env python3
"""The batch kernels next to polars and numpy, on one machine, in one run.

    python3 benches/compare.py              # cargo bench, then polars and numpy
    python3 benches/compare.py --no-cargo   # reuse the last criterion figures

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


def run_cargo() -> None:
    subprocess.run(
        ["cargo", "bench", "--bench", "kernels", "--features", "rayon"],
        cwd=ROOT,
        check=True,
    )


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cargo", action="store_true", help="reuse the last criterion run")
    args = parser.parse_args()
    ensure_venv()

    load_before = os.getloadavg()
    if not args.no_cargo:
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
