#!/bin/sh
# run.sh TARGET BINARY SECONDS [JOBS] — runs a libFuzzer harness for SECONDS
# from its seed corpus, assembled here from what the repository holds (the
# samples, the bad-input corpus, the templates, the Markdown of the tests,
# tests/fuzz/corpus/TARGET), with the dictionary of its input language.
# Inputs the run finds interesting stay in a temporary folder; a crash or a
# sanitizer report leaves crash-* in the current folder and fails.
#   TARGET: xml-piano, xml-monitoraggio, xml-contesto, xml-allegato1,
#           xml-allegato2, mustache, pdf, json
set -u
target=$1
bin=$2
seconds=$3
jobs=${4:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x "$bin" ] || { echo "harness $bin missing" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/seeds" "$work/new"
n=0
seed() { for f in "$@"; do [ -f "$f" ] && cp "$f" "$work/seeds/$n-${f##*/}" && n=$((n + 1)); done; }
dict=""
max_len=65536
case "$target" in
xml-*)
    kind=${target#xml-}
    for f in $(grep -rlF "urn:relazione:$kind:1" "$root/samples" "$root/tests" --include='*.xml'); do
        # Files over 256 KB slow every execution down more than they teach.
        [ "$(wc -c < "$f")" -le 262144 ] && seed "$f"
    done
    dict="$here/xml.dict"
    max_len=262144 ;;
mustache)
    seed "$root"/templates/*.mustache
    dict="$here/mustache.dict" ;;
pdf)
    seed "$root"/tests/pdf/*.md "$root"/tests/reliability/*.md
    for f in "$root"/tests/golden/*/*.md; do
        [ "$(wc -c < "$f")" -le 65536 ] && seed "$f"
    done
    dict="$here/markdown.dict" ;;
json)
    dict="$here/json.dict" ;;
*)
    echo "unknown target $target" >&2; exit 2 ;;
esac
[ -d "$here/corpus/$target" ] && seed "$here/corpus/$target"/*
echo "$target: $n seeds, $seconds s"
"$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 $( [ "$jobs" -gt 1 ] && echo "-jobs=$jobs -workers=$jobs" ) \
    ${dict:+-dict="$dict"} "$work/new" "$work/seeds" > "$work/log" 2>&1
rc=$?
tail -40 "$work/log"
[ "$jobs" -gt 1 ] && cat fuzz-*.log 2>/dev/null | grep -E "^(==|SUMMARY|Done|stat::)| DONE " | tail -40
exit $rc
