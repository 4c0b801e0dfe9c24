#!/bin/sh
# no-verdict.sh BIN CASE — `relazione check` proposes no verdict when it
# cannot: CASE is made from the clean fixture (tests/check/clean) by one change.
#   weights        the area weights sum to 90 (the Piano fails its rules)
#   schema         the Piano is not valid against its schema: one line for
#                  each file that depends on it, no cascade of missing results
#   no-monitoring  a Piano without monitoring data
# Passes when the input errors (if any) come first, before the line «esito non
# calcolabile: …», that line is the last one, and no verdict is printed.
bin=$1
case_=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp tests/check/clean/piano.xml tests/check/clean/monitoraggio.xml "$dir"/
case $case_ in
weights)
    sed -i 's/codice="OB2" peso="60"/codice="OB2" peso="50"/' "$dir/piano.xml"
    want_first='piano.xml:[0-9]+: error: .*sommano a 90,00 invece di 100'
    want_last='^esito non calcolabile: correggere prima gli errori dei dati$' ;;
schema)
    sed -i 's/<anno>/<anno-x>/; s/<\/anno>/<\/anno-x>/' "$dir/piano.xml"
    want_first='piano.xml:[0-9]+: error: elemento <anno-x> non previsto in questa posizione'
    want_last='^esito non calcolabile: correggere prima gli errori dei dati$' ;;
no-monitoring)
    rm "$dir/monitoraggio.xml"
    want_first='esito non calcolabile: mancano i dati di monitoraggio'
    want_last='esito non calcolabile: mancano i dati di monitoraggio' ;;
*) echo "unknown case $case_" >&2; exit 2 ;;
esac
out=$("$bin" check "$dir" 2>&1)
rc=$?
echo "$out"
fail() { echo "no-verdict.sh ($case_): $1" >&2; exit 1; }
[ "$rc" -eq 1 ] || fail "exit code $rc, expected 1"
printf '%s\n' "$out" | grep -Eq -- "$want_first" || fail "no line: $want_first"
[ "$case_" = no-monitoring ] || printf '%s\n' "$out" | head -n 1 | grep -q ': error: ' ||
    fail "the input errors do not come first"
printf '%s\n' "$out" | tail -n 1 | grep -Eq -- "$want_last" || fail "last line is not: $want_last"
printf '%s\n' "$out" | grep -Eq 'Esito proposto|VALIDA' && fail "a verdict was printed"
printf '%s\n' "$out" | grep -Eq 'nessun risultato|C-missing|score-missing' && fail "a cascade of missing results"
if [ "$case_" = schema ]; then
    n=$(printf '%s\n' "$out" | grep -c 'dipende dal Piano (piano.xml), che ha errori')
    [ "$n" -eq 1 ] || fail "$n lines for the dependent file, expected 1"
    printf '%s\n' "$out" | grep -q 'non contiene un Piano' && fail "the folder does contain a Piano"
fi
exit 0
