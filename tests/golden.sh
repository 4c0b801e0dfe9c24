#!/bin/sh
# golden.sh RELAZIONE SAMPLE [--update]
# Builds samples/SAMPLE and compares every generated Markdown file and the
# findings with tests/golden/SAMPLE. With --update, rewrites the golden
# files instead: then read the diff (git diff tests/golden) before
# committing, as a reviewer would.
set -u
bin=$1
sample=$2
golden="tests/golden/$sample"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" build "samples/$sample" -o "$out" --no-pdf >/dev/null 2>"$out.log" || {
    cat "$out.log"; rm -f "$out.log"; echo "build failed" >&2; exit 1; }
rm -f "$out.log"
if [ "${3:-}" = "--update" ]; then
    mkdir -p "$golden"
    rm -f "$golden"/*
    cp "$out"/*.md "$out"/verifiche.txt "$golden"/
    exit 0
fi
status=0
for f in "$golden"/*; do
    name=$(basename "$f")
    if ! diff -u "$f" "$out/$name"; then
        status=1
    fi
done
for f in "$out"/*.md; do
    [ -e "$golden/$(basename "$f")" ] || { echo "new document without golden file: $(basename "$f")"; status=1; }
done
exit $status
