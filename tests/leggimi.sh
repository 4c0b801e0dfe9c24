#!/bin/sh
# leggimi.sh GENERATOR SAMPLE_DIR... — templates/LEGGIMI.md is what the
# generator writes now from the samples' view (run from the source root).
gen=$1
shift
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
if ! "$gen" -o "$tmp" "$@"; then
    echo "leggimi: il generatore non ha scritto l'elenco delle chiavi (vedi sopra)"
    exit 1
fi
if ! diff -u templates/LEGGIMI.md "$tmp"; then
    echo "leggimi: templates/LEGGIMI.md non è aggiornato; rigenerarlo con"
    echo "  build/relazione-chiavi -o templates/LEGGIMI.md samples/*/"
    exit 1
fi
