#!/bin/sh
# architecture.sh [SRC_DIR] — the shape of the source tree (default: src).
#
# 1. Only the input stage (src/input/) sees the XML library: no other file
#    includes a <libxml/...> header or the input stage's private headers
#    (xmlload.h, xmlmsg.h, readers.h). The other stages take structs.
# 2. Each stage uses only the stages before it, in the order of STAGES: a
#    file includes no header of a later stage's folder (relazione.h, at the
#    top, is everyone's), and no file under src/ includes internal.h, which
#    is for the tests and tools.
# 3. No source file is over MAX_LINES lines, except the files listed in
#    EXCEPTIONS, which are being split; an exception that is no longer over
#    the limit is reported too, so that the list only shrinks.
#
# architecture.sh --self-test builds a small tree that breaks every rule
# and checks that each break is reported.
MAX_LINES=1000
# The stages, each a folder of src/, in the order they may use each other.
# The Markdown stage comes before the views: templates render the generic
# value tree (base/view.h), and the evaluation body's view reads the
# counts and headings of the Relazione's Markdown.
STAGES="base input engine markdown view render pipeline cli"
# Files (relative to SRC_DIR) still over the limit while they are split.
# Remove a line as soon as its file is split. None is left; the self-test
# lists one of its own to check that the list is honoured.
EXCEPTIONS="${ARCHITECTURE_EXCEPTIONS:-}"

# Rule 2, on every #include "..." of the tree at $1.
check_layers() {
    src=$1
    headers=$(cd "$src" && find . -mindepth 2 -name '*.h' | sed 's|^\./||')
    (cd "$src" && find . -mindepth 2 -name '*.[ch]' | sed 's|^\./||' | sort | while IFS= read -r f; do
        grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed "s|^|$f:|"
    done) | awk -v stages="$STAGES" -v src="$src" -v headers="$headers" '
    BEGIN {
        n = split(stages, s, " ")
        for (i = 1; i <= n; i++)
            rank[s[i]] = i
        m = split(headers, h, "\n")
        for (i = 1; i <= m; i++) {
            split(h[i], p, "/")
            where[p[2]] = p[1]
        }
    }
    {
        split($0, a, ":")
        f = a[1]
        split(f, p, "/")
        from = p[1]
        match($0, /"[^"]+"/)
        inc = substr($0, RSTART + 1, RLENGTH - 2)
        if (!(from in rank))
            next
        if (inc == "internal.h") {
            print "architettura: " src "/" f ":" a[2] ": include internal.h, che è dei test e degli strumenti: includere le sole intestazioni che servono"
            bad = 1
        } else if ((inc in where) && rank[where[inc]] > rank[from]) {
            print "architettura: " src "/" f ":" a[2] ": include " inc " dello stadio " where[inc] "/, che viene dopo " from "/ (" stages "): uno stadio usa solo quelli che lo precedono; spostare il codice nello stadio che ha già ciò che serve"
            bad = 1
        }
    }
    END { exit bad }'
}

check_tree() {
    src=$1
    status=0
    check_layers "$src" || status=1
    for f in $(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
        case "$f" in
        input/*) ;;
        *)
            grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*(<libxml/|"(xmlload|xmlmsg|readers)\.h")' \
                "$src/$f" | while IFS= read -r hit; do
                echo "architettura: $src/$f:${hit%%:*}: ${hit#*:}"
                echo "  solo src/input/ legge l'XML: chiedere allo stadio di ingresso una struttura (vedi src/input/readers.h)"
            done | grep . && status=1
            ;;
        esac
        case "$f" in
        */*)
            case " $STAGES " in
            *" ${f%%/*} "*) ;;
            *)
                echo "architettura: $src/$f: ${f%%/*}/ non è uno stadio ($STAGES): spostare il file nello stadio a cui appartiene, o aggiungere lo stadio a tests/architecture.sh"
                status=1
                ;;
            esac
            ;;
        esac
        lines=$(wc -l <"$src/$f")
        listed=0
        for e in $EXCEPTIONS; do
            [ "$e" = "$f" ] && listed=1
        done
        if [ "$lines" -gt "$MAX_LINES" ] && [ $listed = 0 ]; then
            echo "architettura: $src/$f: $lines righe, più di $MAX_LINES: dividerlo lungo le sue parti"
            status=1
        elif [ "$lines" -le "$MAX_LINES" ] && [ $listed = 1 ]; then
            echo "architettura: $src/$f: $lines righe, non più di $MAX_LINES: toglierlo dalle eccezioni di tests/architecture.sh"
            status=1
        fi
    done
    for e in $EXCEPTIONS; do
        if [ ! -f "$src/$e" ]; then
            echo "architettura: $src/$e non esiste più: toglierlo dalle eccezioni di tests/architecture.sh"
            status=1
        fi
    done
    return $status
}

if [ "${1:-}" = "--self-test" ]; then
    EXCEPTIONS="render/pdf_render.c"
    tmp=$(mktemp -d) || exit 1
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/input" "$tmp/view" "$tmp/engine" "$tmp/render"
    for e in $EXCEPTIONS; do
        mkdir -p "$tmp/$(dirname "$e")"
        seq 1 $((MAX_LINES + 1)) >"$tmp/$e"
    done
    printf '#include <libxml/tree.h>\n' >"$tmp/input/ok.c"
    printf '#include "view.h"\n  #include <libxml/tree.h>\n' >"$tmp/view/bad.c"
    printf '#include "xmlload.h"\n' >"$tmp/engine/bad.h"
    printf '/* the value tree */\n' >"$tmp/view/tree.h"
    printf '#include "oiv.h"\n#include "tree.h"\n#include "later.h"\n' >"$tmp/input/early.c"
    printf '#include "internal.h"\n' >"$tmp/render/all.c"
    mkdir -p "$tmp/misc"
    printf '/* nowhere */\n' >"$tmp/misc/lost.c"
    printf '/* a later stage */\n' >"$tmp/render/later.h"
    seq 1 $((MAX_LINES + 1)) >"$tmp/engine/big.c"
    seq 1 $MAX_LINES >"$tmp/engine/fits.c"
    out=$(check_tree "$tmp") && { echo "architecture: self-test: no failure reported"; exit 1; }
    fail=0
    for want in "view/bad.c:2:" "engine/bad.h:1:" "engine/big.c: $((MAX_LINES + 1)) righe" \
        "input/early.c:2: include tree.h dello stadio view/" "input/early.c:3: include later.h dello stadio render/" \
        "render/all.c:1: include internal.h" "misc/lost.c: misc/ non è uno stadio"; do
        case "$out" in
        *"$want"*) ;;
        *) echo "architecture: self-test: «$want» not reported"; fail=1 ;;
        esac
    done
    for unwanted in "input/ok.c" "engine/fits.c" "pdf_render.c" "early.c:1:"; do
        case "$out" in
        *"$unwanted"*) echo "architecture: self-test: «$unwanted» reported"; fail=1 ;;
        esac
    done
    [ $fail = 0 ] && echo "architecture: self-test: ok"
    exit $fail
fi

check_tree "${1:-src}"
