#!/bin/sh
# expect.sh RC PATTERN [FORBIDDEN] -- COMMAND...
# Runs COMMAND and passes when it exits with RC, its combined output matches
# the extended regular expression PATTERN and, if given, does not match
# FORBIDDEN (used to prove that a file's content never reaches the output).
rc_want=$1
pattern=$2
shift 2
forbid=""
if [ "$1" != "--" ]; then
    forbid=$1
    shift
fi
shift
out=$("$@" 2>&1)
rc=$?
echo "$out"
if [ "$rc" -ne "$rc_want" ]; then
    echo "expect.sh: exit code $rc, expected $rc_want" >&2
    exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
    echo "expect.sh: output does not match: $pattern" >&2
    exit 1
fi
if [ -n "$forbid" ] && printf '%s\n' "$out" | grep -Eq -- "$forbid"; then
    echo "expect.sh: output matches the forbidden pattern: $forbid" >&2
    exit 1
fi
exit 0
