#!/bin/sh
# font_dir.sh RELAZIONE KIND — the font folder from the command line.
#   render: `render --font-dir EMPTY` exits 3 naming the font file, the
#           folder, the Debian package and the option and variable to use,
#           and leaves no file (nor a temporary one) behind;
#   build:  the same with RELAZIONE_FONT_DIR on `build`, each sentence
#           once however many documents: the output folder left as it was
#           (no PDF, no dati/);
#   ok:     `render --font-dir` with a folder holding the fonts (links to
#           Debian's) gives the same file as the default folder.
set -u
bin=$1
kind=$2
fonts=/usr/share/fonts/truetype/dejavu
[ -r "$fonts/DejaVuSans.ttf" ] || { echo "SKIP: no DejaVu fonts in $fonts"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "$*" >&2; exit 1; }
mkdir "$t/vuota" "$t/out"
printf '# Relazione 2024\n\nComune di Esempio.\n\n| A | B |\n|---|--:|\n| uno | 1,5 |\n' > "$t/doc.md"
says_all() { # the diagnostic's parts
    for p in "$t/vuota/DejaVuSans" "mancante nella cartella $t/vuota" "pacchetto Debian fonts-dejavu-" \
        "--font-dir DIR" "RELAZIONE_FONT_DIR"; do
        grep -qF -- "$p" "$t/err" || { cat "$t/err"; fail "the message does not say: $p"; }
    done
}
case "$kind" in
render)
    "$bin" render --font-dir "$t/vuota" "$t/doc.md" -o "$t/out/doc.pdf" 2>"$t/err"
    rc=$?
    [ "$rc" -eq 3 ] || { cat "$t/err"; fail "exit code $rc, expected 3"; }
    says_all
    [ -z "$(ls -A "$t/out")" ] || { ls -la "$t/out"; fail "files left in the output folder"; } ;;
build)
    RELAZIONE_FONT_DIR="$t/vuota" "$bin" build samples/cciaa-massa-carrara-2019 -o "$t/out" \
        >/dev/null 2>"$t/err"
    rc=$?
    [ "$rc" -eq 3 ] || { cat "$t/err"; fail "exit code $rc, expected 3"; }
    says_all
    # Said once for the build, not once per document.
    dup=$(sort "$t/err" | uniq -d)
    [ -z "$dup" ] || { cat "$t/err"; fail "said more than once: $dup"; }
    if find "$t/out" -name '*.pdf*' | grep -q .; then
        find "$t/out" -name '*.pdf*'; fail "a PDF was written without its fonts"
    fi
    # The output folder as it was: empty, not even the open data's dati/.
    [ -z "$(ls -A "$t/out")" ] || { ls -laR "$t/out"; fail "the output folder changed"; } ;;
ok)
    mkdir "$t/altri"
    for f in "$fonts"/DejaVuSans*.ttf; do ln -s "$f" "$t/altri/"; done
    export SOURCE_DATE_EPOCH=1700000000
    "$bin" render "$t/doc.md" -o "$t/a.pdf" || fail "render with the default folder failed"
    "$bin" render --font-dir "$t/altri" "$t/doc.md" -o "$t/b.pdf" || fail "render --font-dir failed"
    cmp -s "$t/a.pdf" "$t/b.pdf" || fail "another folder with the same fonts gave another file" ;;
esac
