#!/usr/bin/env bash
# Fuzzes every target (or the ones named) for FUZZ_SECONDS each (30 by
# default, what CI spends), and prints each target's executions.
#
#   bash fuzz/run.sh                       # every target, 30 s each
#   FUZZ_SECONDS=180 bash fuzz/run.sh      # three minutes each
#   FUZZ_SECONDS=600 bash fuzz/run.sh states deserialize
#
# Seeds (valid payloads, regression inputs) are committed in
# fuzz/seeds/<target>; what a run finds goes to the ignored
# fuzz/corpus/<target>, which the next run starts from, so a longer campaign
# is several runs in a row. A crash leaves its input in fuzz/artifacts/<target>:
# reproduce it with `cargo +nightly fuzz run <target> <file>`, and commit it to
# the seeds with its fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
cargo +nightly fuzz build
for target in "${targets[@]}"; do
    echo "--- fuzz $target for ${seconds}s"
    mkdir -p "fuzz/corpus/$target"
    corpora=("fuzz/corpus/$target")
    if [ -d "fuzz/seeds/$target" ]; then
        corpora+=("fuzz/seeds/$target")
    fi
    log=$(mktemp)
    if ! cargo +nightly fuzz run "$target" "${corpora[@]}" -- -max_total_time="$seconds" 2>"$log"; then
        # The panic message and the crash's location, then libFuzzer's summary.
        grep -E -A4 "panicked at" "$log" >&2 || true
        tail -n 12 "$log" >&2
        rm -f "$log"
        exit 1
    fi
    # libFuzzer's closing lines: "#<executions> DONE ... exec/s: <rate>" and
    # "Done <executions> runs in <s> second(s)".
    grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' "$log" | sed "s/^/$target: /"
    rm -f "$log"
done
