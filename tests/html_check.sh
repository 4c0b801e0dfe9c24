#!/bin/sh
# html_check.sh RELAZIONE SAMPLE KIND — checks the HTML pages of one sample.
#   valid: well-formed XML (xmllint), HTML that libxml2's parser reads with
#          no error but the HTML5 elements it does not know, and valid HTML5
#          for the Nu Html Checker (vnu.jar from npm, on Java), warnings
#          counted as errors;
#   axe:   0 violations of the WCAG 2.0/2.1 A and AA rules of axe-core in
#          headless Chromium, no request leaving the page, no sideways
#          scrolling of the page at 320 px (tests/axe/axe.js);
#   self:  self-contained: no script, no external style sheet, image or
#          font, every in-page link (#...) has its target.
# The tools come from scripts/setup.sh; when one is missing the check fails
# and says so (a skipped accessibility check would prove nothing).
# Inside the nested suite of tests/fresh_clone.sh the browser and Java
# checks report themselves skipped (exit 77): the outer suite runs them on
# the same commit, and the nested one has already installed their tools.
set -u
bin=$1
sample=$2
kind=$3
root=$(cd "$(dirname "$0")/.." && pwd)
axe="$root/tests/axe"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "$*" >&2; exit 1; }
missing() { fail "$1 non trovato: eseguire 'bash scripts/setup.sh' (installa $2)"; }

"$bin" build "$root/samples/$sample" -o "$tmp" --formati html >/dev/null 2>"$tmp/log" ||
    { cat "$tmp/log"; fail "build failed"; }
set -- "$tmp"/*.html
[ -e "$1" ] || fail "no HTML page written"

if [ -n "${RELAZIONE_FRESH_CLONE:-}" ] && [ "$kind" != self ]; then
    echo "nested fresh-clone suite: $kind checked by the outer suite"
    exit 77
fi

case "$kind" in
valid)
    command -v xmllint >/dev/null || missing xmllint libxml2-utils
    command -v java >/dev/null || missing java openjdk-17-jre-headless
    [ -f "$axe/node_modules/vnu-jar/build/dist/vnu.jar" ] || missing vnu.jar "vnu-jar (npm, tests/axe)"
    status=0
    for f in "$@"; do
        xmllint --noout --nonet "$f" || { echo "$f: not well-formed"; status=1; }
        # libxml2 parses HTML 4: its only complaints allowed are the HTML5
        # and SVG element names it does not know.
        xmllint --html --noout --nonet "$f" 2>&1 |
            grep 'error' | grep -Ev 'Tag (header|nav|main|figure|figcaption|svg|title|desc|g|text|rect|line) invalid' &&
            { echo "$f: xmllint --html errors"; status=1; }
    done
    java -jar "$axe/node_modules/vnu-jar/build/dist/vnu.jar" --Werror --filterpattern '.*Trailing slash on void elements.*' "$@" ||
        status=1
    exit $status ;;
axe)
    command -v node >/dev/null || missing node nodejs
    [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || missing chromium chromium
    [ -d "$axe/node_modules/axe-core" ] && [ -d "$axe/node_modules/puppeteer-core" ] ||
        missing "axe-core/puppeteer-core" "le dipendenze npm di tests/axe"
    node "$axe/axe.js" "$@" ;;
self)
    status=0
    for f in "$@"; do
        if grep -Eiq '<script|<link|<img|<iframe|<object|@import|url\(' "$f"; then
            echo "$f: refers to something outside the page"; status=1
        fi
        for id in $(grep -o 'href="#[^"]*"' "$f" | sed 's/href="#//; s/"$//' | sort -u); do
            grep -q "id=\"$id\"" "$f" || { echo "$f: link to missing #$id"; status=1; }
        done
        [ "$(grep -c '<h1[ >]' "$f")" -eq 1 ] || { echo "$f: not exactly one h1"; status=1; }
    done
    exit $status ;;
*)
    fail "unknown check $kind" ;;
esac
