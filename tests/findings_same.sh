#!/bin/sh
# findings_same.sh RELAZIONE FOLDER
# `relazione check FOLDER` and `relazione build FOLDER` report the same
# findings: check's output, less the input diagnostics that build prints
# too and the evaluation body's own verdict that only check adds, equals
# the verifiche.txt that build writes.
set -u
bin=$1
dir=$2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
"$bin" build "$dir" -o "$t/out" --formati md >/dev/null 2>"$t/build.err" || {
    cat "$t/build.err"; echo "findings_same.sh: build failed" >&2; exit 1; }
"$bin" check "$dir" 2>"$t/check.err"
rc=$?
if [ "$rc" -gt 1 ]; then
    cat "$t/check.err"; echo "findings_same.sh: check exited with $rc" >&2; exit 1
fi
[ -s "$t/out/verifiche.txt" ] || { echo "findings_same.sh: no verifiche.txt" >&2; exit 1; }
grep -vxF -f "$t/build.err" "$t/check.err" | sed "s/; esito dell'OIV: .*\$//" >"$t/check.findings"
if ! diff -u "$t/out/verifiche.txt" "$t/check.findings"; then
    echo "findings_same.sh: relazione check and verifiche.txt differ (above)" >&2
    exit 1
fi
