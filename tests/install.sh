#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR SANITIZE
# `cmake --install` into a temporary prefix, then, from another folder: the
# installed relazione finds its schemas and templates under the prefix and
# builds a sample; `man -l` renders the Italian man page; pkg-config gives
# the flags with which a small program compiles and links against the
# installed library.
set -eu
build=$1
src=$2
sanitize=$3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cmake --install "$build" --prefix "$t/prefix" >/dev/null
mkdir "$t/altrove"
cd "$t/altrove"
cp -r "$src/samples/cciaa-massa-carrara-2019" dati
unset RELAZIONE_DATA
bin="$t/prefix/bin/relazione"

"$bin" --version | tee version.txt
grep -qF "schemi e modelli in $t/prefix/bin/../share/relazione" version.txt ||
    { echo "install.sh: the installed binary does not use the prefix's data" >&2; exit 1; }
"$bin" build dati -o documenti --no-pdf
test -s "$t/prefix/share/relazione/schemas/profilo.xsd" ||
    { echo "install.sh: the profiles' schema is not installed" >&2; exit 1; }
test -s documenti/relazione.md
grep -q "^# " documenti/relazione.md

MANWIDTH=80 man -l "$t/prefix/share/man/man1/relazione.1" > man.txt
grep -q "STATO DI USCITA" man.txt
grep -q "relazione build CARTELLA" man.txt
grep -q "relazione init CARTELLA" man.txt

pc=$(find "$t/prefix" -name relazione.pc)
test -n "$pc"
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
flags=$(pkg-config --cflags --libs relazione)
echo "pkg-config: $flags"
# Only the public header is installed, and it is enough: a program that
# loads a folder, scores it, collects its findings and writes its Markdown,
# compiled with nothing but the prefix's relazione.h and pkg-config.
[ "$(find "$t/prefix/include" -name '*.h' | wc -l)" -eq 1 ] ||
    { echo "install.sh: headers other than relazione.h are installed" >&2; exit 1; }
if grep -Eq '#include *<(libxml|cmark|hpdf)' "$t/prefix/include/relazione.h"; then
    echo "install.sh: relazione.h includes another library's header" >&2; exit 1
fi
cat > prova.c <<'C'
#include <relazione.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* prova CARTELLA USCITA: the figures of a folder through the public API. */
int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    rz_diags *d = rz_diags_new(), *findings = rz_diags_new();
    rz_folder *f = NULL;
    rz_result *r = NULL;
    double score = 0;
    size_t written = 0;
    int ok = d && findings && rz_folder_open(argv[1], &f, d) == RZ_OK &&
             rz_folder_has_plan(f) && rz_folder_score(f, &r, d) == RZ_OK &&
             rz_result_entity_score(r, &score) &&
             rz_folder_findings(f, NULL, findings, d) == RZ_OK &&
             rz_build_documents(argv[1], argv[2], RZ_FORMAT_MD, NULL, NULL, &written, d) == RZ_OK;
    if (ok) {
        printf("versione %s\n", rz_version());
        printf("ente %.1f, indicatori %zu, con punteggio %zu, documenti %zu\n", score,
               rz_result_indicators(r), rz_result_indicators_scored(r), written);
        for (size_t i = 0; i < rz_diags_count(findings); i++)
            if (rz_diags_severity(findings, i) == RZ_ERROR) {
                printf("primo errore: %s:%ld [%s]\n", rz_diags_file(findings, i),
                       rz_diags_line(findings, i), rz_diags_check(findings, i));
                break;
            }
        rz_findings_report(f, findings, stdout);
        /* Validation of single files, and Markdown to PDF and to HTML. */
        const char *piano = "dati/piano.xml";
        const char *md = "# Città di prova\n\nPunteggio: 97,8%.\n";
        void *pdf = NULL;
        char *html = NULL;
        size_t pdf_len = 0, html_len = 0;
        ok = rz_validate_files(&piano, 1, d) == RZ_OK &&
             rz_markdown_to_pdf(md, strlen(md), NULL, 1, &pdf, &pdf_len, d) == RZ_OK &&
             pdf_len > 5 && !memcmp(pdf, "%PDF-", 5) &&
             rz_markdown_to_html(md, strlen(md), NULL, &html, &html_len, d) == RZ_OK &&
             strstr(html, "Città di prova") != NULL;
        printf("pdf %s, html %s\n", ok ? "ok" : "no", html && strstr(html, "<h1") ? "ok" : "no");
        free(pdf);
        free(html);
    }
    rz_diags_print(d, stderr);
    rz_result_free(r);
    rz_folder_free(f);
    rz_diags_destroy(findings);
    rz_diags_destroy(d);
    rz_cleanup();
    return ok ? 0 : 1;
}
C
extra=""
[ "$sanitize" = ON ] && extra="-fsanitize=address,undefined"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $extra prova.c -o prova $flags
RELAZIONE_DATA=$(pkg-config --variable=datadir relazione) ./prova dati documenti-api > prova.txt
cat prova.txt
grep -Eq "^versione [0-9]+\.[0-9]+\.[0-9]+$" prova.txt
grep -qx "pdf ok, html ok" prova.txt
# The same figures as the installed tool's: its findings and verdict, its
# entity score (spiega), its Relazione.
"$bin" check dati 2> check.txt || true
sed -n '/^Rilievi gravi/,/Esito proposto/p' check.txt > check.findings
sed -n '/^Rilievi gravi/,/Esito proposto/p' prova.txt > prova.findings
test -s check.findings
cmp check.findings prova.findings ||
    { diff check.findings prova.findings; echo "install.sh: findings differ from relazione check" >&2; exit 1; }
grep -q "^primo errore: dati/[a-z]*\.xml:[0-9]* \[" prova.txt
entity=$(grep -o '^ente [0-9.]*' prova.txt | cut -d' ' -f2 | tr . ,)
"$bin" spiega dati ente | grep -q "$entity%" ||
    { echo "install.sh: entity score $entity not the tool's" >&2; exit 1; }
cmp documenti/relazione.md documenti-api/relazione.md
echo "install.sh: ok"
