#!/usr/bin/env bash
# Benchmarks (not a test): prints medians of several runs after a warm-up,
# with the machine and the date. Run after `bash scripts/bootstrap.sh`.
#   bash bench/run.sh [--quick]     (--quick skips the 100 000-indicator plan)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./build/relazione
[ -x "$bin" ] || { echo "build first: bash scripts/bootstrap.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=5

# median_time CMD...: median wall time in seconds of $runs runs after one warm-up.
median_time() {
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$runs"); do
        s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] / 1e6 }'
}
# median_pair "CMD A" "CMD B": medians in seconds of A and B run in
# alternation (11 runs each after a warm-up), so that both meet the same
# moments of a machine whose speed drifts; prints "A B".
median_pair() {
    eval "$1" >/dev/null 2>&1 || true
    eval "$2" >/dev/null 2>&1 || true
    for _ in $(seq 11); do
        s=$(date +%s%N); eval "$1" >/dev/null 2>&1 || true; e=$(date +%s%N)
        echo "a $(( (e - s) / 1000 ))"
        s=$(date +%s%N); eval "$2" >/dev/null 2>&1 || true; e=$(date +%s%N)
        echo "b $(( (e - s) / 1000 ))"
    done | sort -k1,1 -k2n | awk '{ v[$1, ++n[$1]] = $2 }
        END { printf "%.3f %.3f\n", v["a", 6] / 1e6, v["b", 6] / 1e6 }'
}
# peak_mb CMD...: peak resident memory in MiB.
peak_mb() {
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}

echo "Macchina: $(nproc) core, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(date -u +%Y-%m-%d)"
echo

python3 bench/make-big-md.py > "$work/big.md"
t=$(median_time "$bin" render "$work/big.md" -o "$work/big.pdf")
m=$(peak_mb "$bin" render "$work/big.md" -o "$work/big.pdf")
pages=$(pdfinfo "$work/big.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "Markdown -> PDF, big.md (264 KB): relazione render ${t} s, ${m} MiB, ${pages} pagine"
if command -v pandoc >/dev/null && command -v weasyprint >/dev/null; then
    pw=$(median_time sh -c "pandoc -s '$work/big.md' -o '$work/big.html' && weasyprint '$work/big.html' '$work/big2.pdf'")
    echo "  pandoc + WeasyPrint: ${pw} s; rapporto $(awk -v a="$pw" -v b="$t" 'BEGIN { printf "%.0f", a / b }')x"
else
    echo "  pandoc + WeasyPrint non installati: confronto non eseguito"
fi
echo

python3 bench/gen-plan.py 10000 "$work/g10k" >/dev/null
for f in samples/cciaa-massa-carrara-2019/piano.xml "$work/g10k/piano.xml"; do
    read -r tr tx < <(median_pair "$bin validate '$f'" "xmllint --noout --nonet --schema schemas/piano.xsd '$f'")
    echo "validate $(basename "$(dirname "$f")")/piano.xml: relazione ${tr} s, xmllint ${tx} s, rapporto $(awk -v a="$tr" -v b="$tx" 'BEGIN { printf "%.2f", a / b }')"
done
read -r tr tx < <(median_pair "$bin validate '$work/g10k/piano.xml' '$work/g10k/monitoraggio.xml'" \
    "xmllint --noout --nonet --schema schemas/piano.xsd '$work/g10k/piano.xml'; xmllint --noout --nonet --schema schemas/monitoraggio.xsd '$work/g10k/monitoraggio.xml'")
echo "validate piano + monitoraggio, 10 000 indicatori: relazione ${tr} s, xmllint ${tx} s, rapporto $(awk -v a="$tr" -v b="$tx" 'BEGIN { printf "%.2f", a / b }')"
echo

t=$(median_time "$bin" build samples/cciaa-massa-carrara-2019 -o "$work/mc")
tm=$(median_time "$bin" build samples/cciaa-massa-carrara-2019 -o "$work/mc" --no-pdf)
echo "build Massa Carrara: ${t} s con PDF, ${tm} s solo Markdown"
sizes="1000 10000 20000"
[ "${1:-}" = "--quick" ] || sizes="$sizes 100000"
for n in $sizes; do
    python3 bench/gen-plan.py "$n" "$work/g$n" >/dev/null
    r=$runs; [ "$n" -ge 100000 ] && runs=1
    t=$(median_time "$bin" build "$work/g$n" -o "$work/o$n" --no-pdf)
    m=$(peak_mb "$bin" build "$work/g$n" -o "$work/o$n" --no-pdf)
    runs=$r
    echo "build $n indicatori (solo Markdown): ${t} s, ${m} MiB"
done
read -r a b < <(median_pair "$bin build '$work/g10000' -o '$work/o10000' --no-pdf" \
    "$bin build '$work/g20000' -o '$work/o20000' --no-pdf")
echo "raddoppio 10 000 -> 20 000 (alternati): ${a} s -> ${b} s, x$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')"
r=$runs; runs=3
t=$(median_time "$bin" build "$work/g10000" -o "$work/p10000")
m=$(peak_mb "$bin" build "$work/g10000" -o "$work/p10000")
runs=$r
echo "build 10000 indicatori con PDF: ${t} s, ${m} MiB"
