#!/bin/sh
# pdf_check.sh RELAZIONE KIND — checks a rendered PDF (poppler, qpdf).
#   text: extracted text has the accents, € and Italian figures;
#   fonts: every font embedded and subset;
#   bbox: no glyph outside the page box;
#   header: the table header is repeated on every page the table crosses;
#   repro: two renders with SOURCE_DATE_EPOCH are byte-identical;
#   outline: the PDF has bookmarks; toc: the contents' page numbers match.
set -u
bin=$1
kind=$2
src=$(dirname "$0")/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1590624000
fail() { echo "$*" >&2; exit 1; }
"$bin" render "$src/accenti.md" -o "$tmp/a.pdf" || fail "render accenti"
"$bin" render "$src/tabelle.md" -o "$tmp/t.pdf" || fail "render tabelle"
case "$kind" in
text)
    txt=$(pdftotext "$tmp/a.pdf" - 2>/dev/null)
    for phrase in "città" "attività" "perché" "€ 1.234,56" "97,8%" "“virgolette”" "Pagina 2 di" "Indice"; do
        printf '%s' "$txt" | grep -qF "$phrase" || fail "missing: $phrase"
    done
    # A symbol font's glyph (Private Use Area) is left out, not drawn as a box.
    printf '%s' "$txt" | grep -qF "DM 7 marzo 2019 decreto servizi" || fail "private-use glyph kept"
    if printf '%s' "$txt" | LC_ALL=C grep -q "$(printf '\357\203\206')"; then fail "U+F0C6 in the text"; fi ;;
fonts)
    out=$(pdffonts "$tmp/t.pdf" 2>/dev/null | tail -n +3)
    [ -n "$out" ] || fail "no fonts"
    printf '%s\n' "$out" | awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad=1 } END { exit bad }' || fail "font not embedded: $out" ;;
bbox)
    for f in a t; do
        pdftotext -bbox "$tmp/$f.pdf" "$tmp/$f.html" 2>/dev/null
        python3 - "$tmp/$f.html" <<'PY' || fail "glyph outside the page in $f"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
pw, ph = 595.5, 842.5
bad = [m.group(0) for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html)
       if float(m.group(1)) < 0 or float(m.group(2)) < 0 or float(m.group(3)) > pw or float(m.group(4)) > ph]
print(len(bad), "outside"); sys.exit(1 if bad else 0)
PY
    done
    # Margins too: nothing right of the text column's edge.
    python3 - "$tmp/t.html" <<'PY' || fail "text beyond the right margin"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
xs = [float(x) for x in re.findall(r'xMax="([\d.]+)"', html)]
sys.exit(0 if xs and max(xs) <= 595.3 - 50 else 1)
PY
    ;;
header)
    pages=$(pdfinfo "$tmp/t.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    crossed=0
    for p in $(seq 1 "$pages"); do
        page=$(pdftotext -f "$p" -l "$p" "$tmp/t.pdf" - 2>/dev/null)
        if printf '%s' "$page" | grep -q "^R[0-9][0-9][0-9]"; then
            crossed=$((crossed + 1))
            printf '%s' "$page" | grep -q "^Codice" || fail "page $p has rows but no header"
        fi
    done
    [ "$crossed" -ge 2 ] || fail "the long table did not cross pages ($crossed)" ;;
repro)
    "$bin" render "$src/tabelle.md" -o "$tmp/t2.pdf" || fail "second render"
    cmp -s "$tmp/t.pdf" "$tmp/t2.pdf" || fail "two renders differ" ;;
outline)
    qpdf --json "$tmp/a.pdf" 2>/dev/null | grep -q '"/Outlines"' || fail "no outline"
    qpdf --json "$tmp/a.pdf" 2>/dev/null | grep -q '"/PageLabels"' || fail "no page labels" ;;
toc)
    # Each level-2 heading of the contents sits on the page it names.
    toc=$(pdftotext -f 2 -l 2 -layout "$tmp/t.pdf" - 2>/dev/null)
    for h in "Tabella che attraversa le pagine" "Tabella larga"; do
        n=$(printf '%s\n' "$toc" | grep -F "$h" | awk '{ print $NF }')
        [ -n "$n" ] || fail "no contents entry for $h"
        pdftotext -f "$n" -l "$n" "$tmp/t.pdf" - 2>/dev/null | grep -qF "$h" || fail "$h not on page $n"
    done ;;
pdfa)
    # The PDF/A-1b pieces: XMP metadata with the pdfaid identification, the
    # sRGB output intent, a trailer ID, every font embedded, Info and XMP
    # agreeing on the producer. (The whole of PDF/A-1b: pdf_preflight.)
    pdfinfo "$tmp/a.pdf" 2>/dev/null | grep -q "^Metadata Stream: *yes" || fail "no XMP metadata"
    meta=$(pdfinfo -meta "$tmp/a.pdf" 2>/dev/null)
    printf '%s' "$meta" | grep -q "<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>" || fail "no pdfaid"
    producer=$(pdfinfo "$tmp/a.pdf" 2>/dev/null | sed -n 's/^Producer: *//p')
    printf '%s' "$meta" | grep -qF "<pdf:Producer>$producer</pdf:Producer>" || fail "producer differs"
    json=$(qpdf --json "$tmp/a.pdf" 2>/dev/null)
    printf '%s' "$json" | grep -q '"/OutputIntents"' || fail "no output intent"
    printf '%s' "$json" | grep -q '"/S": "/GTS_PDFA1"' || fail "output intent is not GTS_PDFA1"
    printf '%s' "$json" | grep -q '"/ID"' || fail "no trailer ID" ;;
*)
    fail "unknown check $kind" ;;
esac
exit 0
