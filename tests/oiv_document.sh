#!/bin/sh
# oiv_document.sh BIN CASE
# The validation document built from the Massa Carrara sample:
#   complete  with the body's (illustrative) input: nothing left to complete,
#             no trace of the program's data files, every point judged and
#             attested, the verdict and the signatories printed, no BOZZA
#   draft     without it: «BOZZA» in the header of every page of the PDF and
#             one paragraph listing what is missing
#   pages     every «cap. X, p. N» / ««Titolo», p. N» it cites is a page of
#             the generated Relazione where that heading is printed
#   nucleo    a Nucleo di valutazione is named as such, never «OIV»
#   papers    the working papers hold the findings with file:line and, for
#             an indicator, an objective and a unit, the same chain of
#             computation that `relazione spiega` prints
set -u
bin=$1
case_=$2
command -v pdftotext >/dev/null || { echo "pdftotext non trovato: skipped"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
src=samples/cciaa-massa-carrara-2019
mkdir "$t/in"
cp "$src"/*.xml "$t/in/"
fail() { echo "FAIL: $*"; exit 1; }

case $case_ in
draft) rm "$t/in/validazione.xml" ;;
nucleo)
    sed -e 's/<organismo tipo="altro">/<organismo tipo="nucleo">/' \
        -e '/<denominazione>/d' -e '/<sigla>/d' \
        -e "s/questo Organismo/questo Nucleo/g" "$src/validazione.xml" > "$t/in/validazione.xml" ;;
esac
"$bin" build "$t/in" -o "$t/out" > "$t/log" 2>&1 || { cat "$t/log"; fail "build"; }
md=$t/out/validazione.md
pdf=$t/out/validazione.pdf
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ -n "$pages" ] || pages=$(pdftotext "$pdf" - | grep -c 'Pagina [0-9]* di')
nobozza() {
    for f in "$md" "$t/pdf.txt"; do
        ! grep -q "BOZZA" "$f" || fail "BOZZA in $f"
    done
}
pdftotext "$pdf" "$t/pdf.txt"

case $case_ in
complete)
    for f in "$md" "$t/pdf.txt"; do
        for bad in "da completare" ".xml" "riga" "non espresso" "proposto:" "VALIDA /"; do
            ! grep -qF "$bad" "$f" || fail "«$bad» in $(basename "$f"): $(grep -F "$bad" "$f" | head -2)"
        done
        ! grep -qE '<[a-z-]+>' "$f" || fail "element name in $(basename "$f")"
    done
    nobozza
    for p in A B C D E F G H I J K; do
        grep -qE "^\| $p \| [^|]+ \| (conforme|conforme con osservazioni|non conforme) \| [^|]+ \|$" "$md" ||
            fail "point $p without judgement or evidence"
    done
    for l in a b c d e f g h i j; do
        grep -qE "^$l\) .{20,};$" "$md" || fail "attestation $l) missing"
    done
    grep -q "questo Organismo \*\*VALIDA CON OSSERVAZIONI\*\* la Relazione sulla performance 2019" "$md" ||
        fail "verdict"
    for who in "Presidente | Anna Rossi" "Componente | Marco Bianchi" "Componente | Paola Verdi"; do
        grep -qF "| $who |" "$md" || fail "signatory $who"
    done
    grep -q "Massa, 10/06/2020" "$t/pdf.txt" || fail "place and date"
    # Points judged con osservazioni turn into attestations that say so.
    grep -qE "^a\) .*con l'osservazione riportata nella nota al punto A;$" "$md" || fail "a) remark"
    ;;
draft)
    i=1
    while [ "$i" -le "$pages" ]; do
        pdftotext -f "$i" -l "$i" "$pdf" - | head -3 | grep -q "^BOZZA" || fail "page $i without BOZZA"
        i=$((i + 1))
    done
    [ "$(grep -c "deve ancora fornire" "$md")" = 1 ] || fail "the list of what is missing, once"
    for bad in "da completare" "[" ".xml" "riga"; do
        ! grep -qF "$bad" "$md" || fail "«$bad» in the draft: $(grep -F "$bad" "$md" | head -2)"
    done
    grep -q "proposto: " "$md" || fail "proposed judgements not said as such"
    ;;
pages)
    nobozza
    rel=$t/out/relazione.pdf
    n=0
    grep -oE "(cap\. [0-9.]+|obiettivo (operativo|strategico) [^ ,]+|«[^»]+»), p\. [0-9]+" "$md" |
        sort -u > "$t/refs"
    while IFS= read -r ref; do
        page=${ref##*p. }
        what=${ref%, p. *}
        pdftotext -layout -f "$page" -l "$page" "$rel" - > "$t/page.txt"
        ! grep -q "^ *Indice" "$t/page.txt" || fail "$ref points to the table of contents"
        case $what in
        cap.*) num=${what#cap. }
               grep -qE "^ *$num\.? " "$t/page.txt" || fail "$ref: heading $num not on page $page" ;;
        obiettivo*) grep -qi "^ *$what – " "$t/page.txt" || fail "$ref: heading not on page $page" ;;
        *) title=$(printf '%s' "$what" | sed 's/^«//; s/»$//')
           grep -qF "$title" "$t/page.txt" || fail "$ref: «$title» not on page $page" ;;
        esac
        n=$((n + 1))
    done < "$t/refs"
    [ "$n" -ge 8 ] || fail "only $n page references"
    echo "$n page references checked"
    ;;
nucleo)
    grep -q "Nucleo di valutazione" "$md" || fail "name"
    grep -q "Questo Nucleo" "$md" || fail "«Questo Nucleo»"
    grep -q "Giudizio del Nucleo" "$md" || fail "table header"
    ! grep -q "OIV" "$md" "$t/pdf.txt" || fail "«OIV» in a Nucleo's document: $(grep OIV "$md" | head -2)"
    ;;
papers)
    pm=$t/out/carte-di-lavoro.md
    grep -qE "^- \*(grave|osservazione|formale)\* \(monitoraggio\.xml:[0-9]+\) — indicatore O2\.1\.3-g" "$pm" ||
        fail "finding with file:line"
    [ "$(pdftotext "$t/out/carte-di-lavoro.pdf" - | grep -c "Pagina [0-9]* di")" -ge 10 ] ||
        fail "papers PDF"
    for code in O2.1.3-g FRD-2-b 3.2 OB3 FRD; do
        "$bin" spiega "$t/in" "$code" > "$t/spiega" 2>&1 || fail "spiega $code"
        head -1 "$t/spiega" > "$t/title"
        sed -n 's/^  [0-9]*\. /1. /p' "$t/spiega" > "$t/steps"
        # The same title as a heading, followed by the same steps.
        awk -v t="### $(cat "$t/title")" '$0 == t {on = 1; next} on && /^### / {exit}
             on && /^1\. / {print}' "$pm" | sed 's/\\\(.\)/\1/g' > "$t/papers"
        [ -s "$t/steps" ] || fail "no steps for $code"
        cmp -s "$t/steps" "$t/papers" || { diff "$t/steps" "$t/papers"; fail "$code differs"; }
    done
    ;;
esac
echo "ok: $case_"
