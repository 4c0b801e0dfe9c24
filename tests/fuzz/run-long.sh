#!/bin/sh
# run-long.sh [SECONDS] [TARGET...] — the fuzzing run on demand: builds the
# harnesses with clang (ASan + UBSan, in build-fuzz/) and runs each target
# for SECONDS (default 3600, an hour), on all cores, one target after the
# other. Findings are left as crash-*, leak-*, timeout-* files in
# build-fuzz/findings/TARGET; the lines to record in the README's
# "Fuzzing" section are printed at the end.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-3600}
[ $# -gt 0 ] && shift
targets=${*:-xml-piano xml-monitoraggio xml-contesto xml-allegato1 xml-allegato2 mustache pdf json}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DRELAZIONE_SANITIZE=ON \
    -DRELAZIONE_FUZZ=ON > /dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_xml fuzz_mustache fuzz_pdf fuzz_json > /dev/null
summary=$(mktemp)
for t in $targets; do
    dir=build-fuzz/findings/$t
    mkdir -p "$dir"
    log=$(cd "$dir" && ../../../tests/fuzz/run.sh "$t" "../../tests/fuzz_${t%%-*}" "$seconds" "$(nproc)" 2>&1) && rc=0 || rc=$?
    execs=$(printf '%s\n' "$log" | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{ s += $1 } END { print s + 0 }')
    cov=$(printf '%s\n' "$log" | grep -o 'cov: [0-9]*' | awk '{ if ($2 > m) m = $2 } END { print m + 0 }')
    found=$(ls "$dir" | grep -cE '^(crash|leak|timeout|oom)-' || true)
    printf '| %s | %s s | %s | %s | %s |\n' "$t" "$seconds" "$execs" "$cov" "$found" >> "$summary"
    [ "$rc" -eq 0 ] || echo "$t: the fuzzer stopped on a finding (see $dir)" >&2
done
echo "| target | time | executions | coverage (edges) | findings |"
echo "|---|---|---|---|---|"
cat "$summary"
rm -f "$summary"
