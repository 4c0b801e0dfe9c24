#!/usr/bin/env bash
# validate_pieces.sh RELAZIONE — a large Piano and its monitoring data are
# validated and read in pieces while they are parsed, never held whole
# (src/input/xmlload.c, rz_xml_load_pieces):
#  - the 10 000-indicator Piano of bench/gen-plan.py validates within 50 MB
#    (whole, its tree alone took 45 MB: 65 MB in a release build, 110 MB
#    under AddressSanitizer without its quarantine; read in pieces, 19 and
#    37 MB);
#  - an error in its last area, after thousands of pieces were read, is
#    reported at the line where that area starts (though it is found at its
#    end, lines below, as a whole tree's validation reports it), with exit
#    code 1;
#  - the Piano with its monitoring data validates within 80 MB (the data
#    held whole: 90 MB in a release build, 138 MB under AddressSanitizer;
#    in pieces, 40 and 61 MB), and an observation of an indicator the
#    Piano lacks, the last of 10 000, is named at its line.
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

/usr/bin/time -f 'maxrss_kb=%M' -o "$tmp/time" "$bin" validate "$tmp/g/piano.xml" \
    "$tmp/g/monitoraggio.xml" > "$tmp/out" 2>&1 || fail "validate with monitoring failed: $(cat "$tmp/out")"
cat "$tmp/time"
kb2=$(sed -n 's/^maxrss_kb=//p' "$tmp/time")
[ "$kb2" -lt 81920 ] || fail "peak memory $kb2 KB with the monitoring data: held whole?"
last=$(grep -n '<rilevazione ' "$tmp/g/monitoraggio.xml" | tail -1 | cut -d: -f1)
sed "${last}s|indicatore=\"[^\"]*\"|indicatore=\"X-99999\"|" "$tmp/g/monitoraggio.xml" > "$tmp/g/rotto.xml"
rc=0
"$bin" validate "$tmp/g/piano.xml" "$tmp/g/rotto.xml" > "$tmp/out" 2>&1 || rc=$?
cat "$tmp/out"
[ "$rc" = 1 ] || fail "exit code $rc with the wrong observation, expected 1"
grep -q "^$tmp/g/rotto.xml:$last: error: .*'X-99999', che non è nel Piano" "$tmp/out" ||
    fail "the wrong observation is not named at line $last"
echo "ok: within $kb KB, $kb2 KB with the monitoring data; the late errors named at lines $line and $last"
