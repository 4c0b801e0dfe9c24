#!/usr/bin/env python3
"""Private-use characters are found wherever they fall in the file.

A copy of tests/bad/messaggi/simbolo-privato.xml gets a comment whose lines
hold private-use characters placed so that some straddle the boundaries of
the chunks the file is read in (4 000 and 4 096 bytes, the sizes libxml2
asks for), next to characters of the same lead bytes that are not private
use. The warnings must name exactly the first ten lines that hold one, then
say how many more: lines are counted by this script, independently.

    private_use.py RELAZIONE BASE_XML WORK_DIR
"""
import re
import subprocess
import sys

relazione, base, work = sys.argv[1:4]
with open(base, 'rb') as f:
    head, rest = f.read().split(b'\n', 1)
head += b'\n'

PUA = ['\uf0e0', '\ue001', '\uf8ff']  # U+F0E0, U+E001, U+F8FF
NOT_PUA = ['\ufb01', '\ufffd', '\u2192']  # ﬁ, �, → (lead bytes 0xEF, 0xEF, 0xE2)
body = bytearray(head + b'<!--\n')
# Where each character's first byte falls: the last byte of a chunk, the
# one before it, the first of the next.
targets = [4000 * k - 1 - k % 2 for k in range(1, 9)] + \
          [4096 * k - k % 3 for k in range(9, 15)]
for i, t in enumerate(targets):
    pad = t - len(body)
    assert pad > 1
    # Padding of plain text and harmless 0xEF characters, on its own lines.
    filler = ('x' * 70 + NOT_PUA[i % 3] + '\n')
    text = (filler * (pad // len(filler.encode()) + 1)).encode()[:pad - 1]
    text = text.decode('utf-8', 'ignore').encode()
    text += b'y' * (pad - 1 - len(text)) + b'\n'
    body += text
    assert len(body) == t, (len(body), t)
    body += PUA[i % 3].encode() + b' simbolo\n'
body += b'-->\n' + rest
expected = [n + 1 for n, line in enumerate(body.decode().split('\n'))
            if any(0xE000 <= ord(c) <= 0xF8FF for c in line)]
assert len(expected) == len(targets) + 1  # the base file has one of its own
path = f'{work}/privati.xml'
with open(path, 'wb') as f:
    f.write(body)

out = subprocess.run([relazione, 'validate', path], capture_output=True, text=True)
lines = [int(m.group(1)) for m in re.finditer(r'privati\.xml:(\d+): warning: carattere U\+', out.stderr)]
more = re.search(r'altre (\d+) righe con caratteri', out.stderr)
ok = out.returncode == 0 and lines == expected[:10] and more and \
    int(more.group(1)) == len(expected) - 10
if not ok:
    print(out.stderr)
    print('expected lines', expected[:10], 'then', len(expected) - 10, 'more')
    print('found lines', lines, 'then', more.group(1) if more else None)
    sys.exit(1)
print(f'{len(expected)} lines with private-use characters, found at the right lines')
