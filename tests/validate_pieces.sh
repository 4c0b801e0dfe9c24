#!/usr/bin/env bash
# validate_pieces.sh RELAZIONE — a large Piano is validated and read in
# pieces while it is parsed, never held whole (src/input/xmlload.c,
# rz_xml_load_pieces):
#  - the 10 000-indicator Piano of bench/gen-plan.py validates within 50 MB
#    (whole, its tree alone took 45 MB: 65 MB in a release build, 110 MB
#    under AddressSanitizer without its quarantine; read in pieces, 19 and
#    37 MB);
#  - an error in its last area, after thousands of pieces were read, is
#    reported at the line where that area starts (though it is found at its
#    end, lines below, as a whole tree's validation reports it), with exit
#    code 1.
set -euo pipefail
bin=$1
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "validate_pieces: $*" >&2; exit 1; }

python3 "$src/bench/gen-plan.py" 10000 "$tmp/g" > /dev/null
# Freed memory is reused at once, as outside AddressSanitizer.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
/usr/bin/time -f 'maxrss_kb=%M' -o "$tmp/time" "$bin" validate "$tmp/g/piano.xml" > "$tmp/out" 2>&1 ||
    fail "validate failed: $(cat "$tmp/out")"
cat "$tmp/time"
kb=$(sed -n 's/^maxrss_kb=//p' "$tmp/time")
[ "$kb" -lt 51200 ] || fail "peak memory $kb KB: the Piano was held whole?"

# The last strategic area loses its objectives.
line=$(grep -n '<area-strategica ' "$tmp/g/piano.xml" | tail -1 | cut -d: -f1)
end=$(awk -v l="$line" 'NR > l && /<\/area-strategica>/ { print NR; exit }' "$tmp/g/piano.xml")
[ "$end" -gt $((line + 1)) ] || fail "no objectives to remove"
sed "$((line + 1)),$((end - 1))d" "$tmp/g/piano.xml" > "$tmp/rotto.xml"
rc=0
"$bin" validate "$tmp/rotto.xml" > "$tmp/out" 2>&1 || rc=$?
cat "$tmp/out"
[ "$rc" = 1 ] || fail "exit code $rc, expected 1"
[ "$(grep -c ': error: ' "$tmp/out")" = 1 ] || fail "expected one error"
grep -q "^$tmp/rotto.xml:$line: error: .*obiettivo-strategico" "$tmp/out" ||
    fail "the error does not name line $line"
echo "ok: within $kb KB; the late error named at line $line"
