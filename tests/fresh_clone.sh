#!/bin/sh
# fresh_clone.sh SOURCE_DIR
# The suite is the project's own: a clone of the commit under test, alone in
# an empty temporary folder (no ../shared beside it), passes the README's
# test command. Tests whose external data are absent report themselves
# skipped. The nested suite does not run this test again.
#
# It builds and tests the whole project a second time, so it runs only when
# RELAZIONE_TEST_FRESH_CLONE=1 (.ci/run sets it); otherwise it reports
# itself skipped.
set -eu
if [ -n "${RELAZIONE_FRESH_CLONE:-}" ]; then
    echo "already inside a fresh clone: skipped"
    exit 77
fi
if [ "${RELAZIONE_TEST_FRESH_CLONE:-}" != 1 ]; then
    echo "skipped: set RELAZIONE_TEST_FRESH_CLONE=1 to build and test a fresh clone (.ci/run does)"
    exit 77
fi
command -v git >/dev/null || { echo "git non trovato: skipped"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
git clone -q "$1" "$t/relazione"
cd "$t/relazione"
test ! -e ../shared
RELAZIONE_FRESH_CLONE=1 bash scripts/test.sh > "$t/log" 2>&1 || { tail -60 "$t/log"; exit 1; }
grep -E "tests passed|Not Run|Skipped|\*\*\*Skipped" "$t/log" | tail -20
grep -q "100% tests passed" "$t/log"
