#!/bin/sh
# profiles.sh BIN PROFILE DOCUMENTS...
# `relazione init` for PROFILE in an empty folder → `validate` exits 0 on
# what it wrote → `build` writes exactly the profile's DOCUMENTS (Markdown
# and PDF) and the findings; for piao, the Relazione has the chapters of the
# DFP guidelines n. 3/2018 in their order. A second init into the same
# folder writes nothing and exits 1.
set -eu
bin=$1
profile=$2
shift 2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
"$bin" init dati --profilo "$profile" --ente "Ente di prova & C." --anno 2025
"$bin" validate dati/*.xml 2> validate.txt || { cat validate.txt; exit 1; }
cat validate.txt
grep -q "^4 file validi (0 avvisi)$" validate.txt
"$bin" build dati -o documenti
expected=$(for d in "$@"; do echo "$d.md"; echo "$d.pdf"; echo "$d.html"; done; echo dati; echo verifiche.txt)
got=$(ls documenti)
if [ "$(echo "$expected" | sort)" != "$(echo "$got" | sort)" ]; then
    echo "profiles.sh: documents written: $got; expected: $expected" >&2
    exit 1
fi
grep -q "Ente di prova & C\." documenti/relazione.md
if [ "$profile" = piao ]; then
    sh "$(dirname "$0")/dfp_chapters.sh" documenti/relazione.md
    ! grep -qi "unioncamere\|allegato 1" documenti/*.md
fi
if "$bin" init dati --profilo "$profile" 2> again.txt; then
    echo "profiles.sh: a second init overwrote the inputs" >&2
    exit 1
fi
grep -q "il file esiste già e non viene sovrascritto" again.txt
echo "profiles.sh: ok"
