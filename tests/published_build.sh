#!/bin/sh
# published_build.sh RELAZIONE OUT — builds every sample into OUT/SAMPLE,
# PDFs included, and their text (pdftotext), for the checks of
# published.py.
set -u
bin=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1590624000
for dir in samples/*/; do
    name=$(basename "$dir")
    "$bin" build "$dir" -o "$out/$name" >/dev/null || { echo "build of $name failed" >&2; exit 1; }
    # The text and the words' boxes, extracted once for every check.
    for pdf in "$out/$name"/*.pdf; do
        pdftotext -layout "$pdf" "$pdf.txt" 2>/dev/null &&
            pdftotext -bbox "$pdf" "$pdf.bbox.html" 2>/dev/null ||
            { echo "pdftotext failed on $pdf" >&2; exit 1; }
    done
done
