#!/usr/bin/env python3
"""Writes tests/check/massa-clean/: the Massa Carrara 2019 sample with the
contradictions of the published document removed, for the test that the
checker finds nothing on consistent data.

What changes, and nothing else:
- every indicator gets a data source (the seed prints none);
- printed figures (<dichiarato>, <punteggio>) that the checker reports as
  contradicting the data are dropped; the consistent ones stay;
- the indicators below target get the reason for the shortfall;
- the OIV's validation inputs (validazione.xml) say every point conforme
  and VALIDA;
- in the context data, the three printed figures whose totals do not add
  up are made consistent (anzianità 2019, men in 2016, proventi consuntivo).
Run from the repository root after changing the sample; review the diff.
"""
import re
import subprocess
import sys

SRC = "samples/cciaa-massa-carrara-2019"
DST = "tests/check/massa-clean"

piano = open(f"{SRC}/piano.xml", encoding="utf-8").read()
# A <fonte> goes after the elements that precede it in the schema.
def add_source(m):
    block = m.group(0)
    if "<fonte" in block:
        return block
    anchor = re.search(r"\n(\s*)<(prospettiva|programma|responsabile|rilevato-da|valore-storico|target)\b", block)
    if anchor:
        ind = anchor.group(1)
        pos = anchor.start()
        return block[:pos] + f"\n{ind}<fonte tipo=\"interna\">Sistema di controllo di gestione</fonte>" + block[pos:]
    return block.replace("</indicatore>", '<fonte tipo="interna">Sistema di controllo di gestione</fonte></indicatore>')
piano = re.sub(r"<indicatore codice=.*?</indicatore>", add_source, piano, flags=re.S)
piano = piano.replace("<!--", "<!-- Variante coerente per i test: ", 1)
open(f"{DST}/piano.xml", "w", encoding="utf-8").write(piano)

mon = open(f"{SRC}/monitoraggio.xml", encoding="utf-8").read()
open(f"{DST}/monitoraggio.xml", "w", encoding="utf-8").write(mon)
out = subprocess.run([sys.argv[1] if len(sys.argv) > 1 else "build/relazione", "check", DST],
                     capture_output=True, text=True).stderr
bad_lines = set()
reasons = set()
for line in out.splitlines():
    m = re.match(rf"{re.escape(DST)}/monitoraggio.xml:(\d+): (error|warning): (.*) \[([\w-]+)\]$", line)
    if not m:
        continue
    if m.group(4) == "G-reason":
        reasons.add(int(m.group(1)))
    else:
        bad_lines.add(int(m.group(1)))
lines = mon.split("\n")
out_lines = []
for no, text in enumerate(lines, 1):
    if no in bad_lines and re.search(r"<(dichiarato|punteggio)\b", text):
        continue
    out_lines.append(text)
    if no in reasons and "<rilevazione" in text:
        ind = re.match(r"\s*", text).group(0) + "  "
        out_lines.append(f"{ind}<motivazione-scostamento>Scostamento contenuto, "
                         "dovuto ai tempi della riorganizzazione dell'ente.</motivazione-scostamento>")
mon = "\n".join(out_lines)
# <motivazione-scostamento> must follow <dati> and <dichiarato>: move it there.
def fix_order(m):
    body = m.group(0)
    mot = re.findall(r"\n\s*<motivazione-scostamento>.*?</motivazione-scostamento>", body, flags=re.S)
    if len(mot) != 1 or "Scostamento contenuto" not in mot[0]:
        return body
    body = body.replace(mot[0], "")
    anchor = "<nota>" if "<nota>" in body else "</rilevazione>"
    return body.replace(anchor, mot[0].strip() + "\n      " + anchor, 1)
mon = re.sub(r"<rilevazione .*?</rilevazione>", fix_order, mon, flags=re.S)
open(f"{DST}/monitoraggio.xml", "w", encoding="utf-8").write(mon)

ctx = open(f"{SRC}/contesto.xml", encoding="utf-8").read()
for old, new in [
    # Anzianità di servizio: the rows give 31 for 2019, as every other table.
    ('<riga ruolo="totale"><c>Totale</c><c>32</c><c>35</c><c>37</c><c>39</c></riga>',
     '<riga ruolo="totale"><c>Totale</c><c>31</c><c>35</c><c>37</c><c>39</c></riga>'),
    # Sesso: 23 women and 39 staff in 2016 leave 16 men, not 19.
    ('<riga><c>Uomini</c><c>11</c><c>13</c><c>15</c><c>19</c></riga>',
     '<riga><c>Uomini</c><c>11</c><c>13</c><c>15</c><c>16</c></riga>'),
    # Proventi correnti, consuntivo: the sum of the five rows.
    ('<c>3821170.00</c>', '<c>3821170.17</c>'),
]:
    assert ctx.count(old) == 1, old
    ctx = ctx.replace(old, new)
ctx = ctx.replace("<!--", "<!-- Variante coerente per i test: ", 1)
open(f"{DST}/contesto.xml", "w", encoding="utf-8").write(ctx)

val = open(f"{SRC}/validazione.xml", encoding="utf-8").read()
val = re.sub(r'giudizio="[a-z-]+">[^<]*</punto>', 'giudizio="conforme"/>', val)
val = val.replace('giudizio="conforme-con-osservazioni"/>', 'giudizio="conforme"/>')
val = val.replace("<esito>VALIDA CON OSSERVAZIONI</esito>", "<esito>VALIDA</esito>")
open(f"{DST}/validazione.xml", "w", encoding="utf-8").write(val)
