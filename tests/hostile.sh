#!/bin/sh
# hostile.sh RELAZIONE KIND — builds a hostile input at test time (too large
# to keep in the repository) and checks that `relazione validate` refuses it
# with the expected diagnostic, quickly and with little memory.
#   KIND huge: a 100 MB document;  KIND deep: 10 000 nested elements.
set -u
bin=$1
kind=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
f="$dir/$kind.xml"
case "$kind" in
huge)
    expect='\[size\]'
    { printf '<piano xmlns="urn:relazione:piano:1" versione="1.0"><ente><nome>'
      head -c 104857600 /dev/zero | tr '\0' 'a'
      printf '</nome></ente></piano>\n'; } > "$f" ;;
deep)
    expect='\[xml-depth\]'
    python3 -c 'import sys; n=10000; sys.stdout.write("<piano xmlns=\"urn:relazione:piano:1\">" + "<x>"*n + "</x>"*n + "</piano>\n")' > "$f" ;;
*)
    echo "unknown kind $kind" >&2; exit 2 ;;
esac

start=$(date +%s%N)
if [ -x /usr/bin/time ]; then
    out=$(/usr/bin/time -f 'maxrss_kb=%M' "$bin" validate "$f" 2>&1)
    rc=$?
else
    out=$("$bin" validate "$f" 2>&1)
    rc=$?
fi
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
echo "$out"
echo "elapsed_ms=$ms"
[ "$rc" -eq 1 ] || { echo "exit code $rc, expected 1" >&2; exit 1; }
printf '%s\n' "$out" | grep -Eq "$expect" || { echo "missing diagnostic $expect" >&2; exit 1; }
# Generous bounds: the sanitizer build is slower and bigger than a release one.
[ "$ms" -lt 3000 ] || { echo "took $ms ms" >&2; exit 1; }
rss=$(printf '%s\n' "$out" | sed -n 's/^maxrss_kb=//p')
if [ -n "$rss" ] && [ "$rss" -gt 204800 ]; then
    echo "used $rss KB of memory" >&2
    exit 1
fi
exit 0
