#!/bin/sh
# logo.sh RELAZIONE KIND — the body's logo on the covers.
#   ok:    logo.png (RGB) in the input folder: the Relazione's cover (page 1)
#          holds one image, embedded, and the other pages none;
#   alpha: a PNG with an alpha channel is refused, naming the file;
#   bad:   a logo.png that is not an image is refused, naming the file;
#   jpeg:  a logo.jpg (a page drawn by pdftoppm) is on the cover.
set -u
bin=$1
kind=$2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "$*" >&2; exit 1; }
cp -r samples/cciaa-massa-carrara-2019 "$t/in"
png() { # png FILE COLOR_TYPE(2 = RGB, 6 = RGBA): a 40x20 image
    python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
path, ctype = sys.argv[1], int(sys.argv[2])
w, h, px = 40, 20, (3 if ctype == 2 else 4)
raw = b"".join(b"\0" + bytes([200, 30, 30, 255][:px]) * w for _ in range(h))
def chunk(k, d):
    return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xffffffff)
data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ctype, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open(path, "wb").write(data)
PY
}
case "$kind" in
ok)
    png "$t/in/logo.png" 2
    "$bin" build "$t/in" -o "$t/out" >/dev/null 2>"$t/err" || { cat "$t/err"; fail "build with a logo failed"; }
    pdfimages -list "$t/out/relazione.pdf" > "$t/list" 2>/dev/null || fail "pdfimages failed"
    awk 'NR > 2 { n++; if ($1 != 1) other++ } END { exit !(n == 1 && other == 0) }' "$t/list" ||
        { cat "$t/list"; fail "expected one image, on the cover"; } ;;
alpha)
    png "$t/in/logo.png" 6
    if "$bin" build "$t/in" -o "$t/out" >/dev/null 2>"$t/err"; then fail "a logo with alpha was accepted"; fi
    grep -q "logo.png.*trasparenza" "$t/err" || { cat "$t/err"; fail "no diagnostic naming the logo"; } ;;
bad)
    echo "non un'immagine" > "$t/in/logo.png"
    if "$bin" build "$t/in" -o "$t/out" >/dev/null 2>"$t/err"; then fail "a text file was accepted as logo"; fi
    grep -q "logo.png.*PNG o JPEG" "$t/err" || { cat "$t/err"; fail "no diagnostic naming the logo"; } ;;
jpeg)
    printf '# Logo\n' > "$t/logo.md"
    "$bin" render --no-toc "$t/logo.md" -o "$t/logo.pdf" 2>/dev/null || fail "render failed"
    pdftoppm -jpeg -r 20 -f 1 -l 1 -singlefile "$t/logo.pdf" "$t/in/logo" || fail "pdftoppm failed"
    "$bin" build "$t/in" -o "$t/out" >/dev/null 2>"$t/err" || { cat "$t/err"; fail "build with a JPEG logo failed"; }
    pdfimages -list "$t/out/relazione.pdf" > "$t/list" 2>/dev/null || fail "pdfimages failed"
    awk 'NR > 2 { n++; if ($1 != 1 || $9 != "jpeg") other++ } END { exit !(n == 1 && other == 0) }' "$t/list" ||
        { cat "$t/list"; fail "expected one JPEG image, on the cover"; } ;;
esac
