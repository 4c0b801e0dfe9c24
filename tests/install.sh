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
cat > prova.c <<'C'
#include <relazione.h>
#include <stdio.h>
int main(void)
{
    printf("%s\n", rz_version());
    return 0;
}
C
extra=""
[ "$sanitize" = ON ] && extra="-fsanitize=address,undefined"
# shellcheck disable=SC2086
cc $extra prova.c -o prova $flags
./prova | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$'
echo "install.sh: ok"
