#!/bin/sh
# cciaa_terms.sh BIN FOLDER | BIN --init PROFILE
# Builds the inputs of FOLDER (or of a folder just written by `relazione
# init --profilo PROFILE`) and fails if a published document (relazione,
# validazione, albero, risultati-*, sintesi-*; not the OIV's working
# papers) uses a term that belongs to the Camere di commercio only. The
# terms are listed here, each an extended regular expression, matched
# case-sensitively; every hit is printed as file:line.
set -u
bin=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
if [ "$2" = --init ]; then
    "$bin" init "$t/dati" --profilo "$3" --ente "Comune di Prova" --anno 2025 >/dev/null || exit 1
    src="$t/dati"
else
    src=$2
fi
"$bin" build "$src" -o "$t/out" --no-pdf >/dev/null 2>"$t/log" || { cat "$t/log"; exit 1; }
cd "$t/out" || exit 1
set -- relazione.md validazione.md albero.md risultati-*.md sintesi-*.md
for f in "$@"; do
    [ -e "$f" ] || { echo "cciaa_terms.sh: $f not written" >&2; exit 1; }
done
status=0
while IFS= read -r term; do
    [ -n "$term" ] || continue
    if grep -nE -- "$term" "$@"; then
        echo "cciaa_terms.sh: term of the Camere di commercio: $term" >&2
        status=1
    fi
done <<'TERMS'
[Cc]amera di commercio
[Cc]amere di commercio
[Cc]amerale
[Cc]amerali
CCIAA
Unioncamere
Segretario Generale
Segretaria Generale
Giunta($|[^ c]| [^c])
[Aa]rea strategica
[Aa]ree strategiche
[Uu]nità organizzativ[ae]
[Pp]osizion[ei] organizzativ[ae]
(^|[^A-Za-z])PO([^A-Za-z]|$)
[Oo]biettiv[oi] strategic[oi]
[Oo]biettiv[oi] operativ[oi]
[Bb]alanced scorecard
Allegat[oi] [12]
(^|[^A-Za-z])AS([^A-Za-z]|$)
TERMS
exit $status
