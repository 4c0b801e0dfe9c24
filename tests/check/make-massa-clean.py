#!/usr/bin/env python3
"""Writes tests/check/massa-clean/: the Massa Carrara 2019 sample with the
contradictions of the published document removed, for the test that the
checker finds nothing on consistent data.

What changes, and nothing else:
- every indicator gets a data source (the seed prints none);
- every printed figure (<dichiarato>, <punteggio>) is corrected to what the
  data give, as the engine computes it; a printed target to the Piano's; a
  figure marked accertato (the true one) is kept and the data corrected to
  give it; a printed algorithm's figure to the target (nothing is deleted
  to hide a finding: a false one would show);
- data the checker finds implausible are corrected: the counts of sheet S5
  for S2.1.4-b (a 100% typed as 100 out of 100), the body's figure of
  O2.1.4-f made from the offices' figures;
- the indicators below target get the reason for the shortfall;
- the OIV's validation inputs (validazione.xml) say every point conforme
  and VALIDA;
- in the context data, the three printed figures whose totals do not add
  up are made consistent (anzianità 2019, men in 2016, proventi consuntivo),
  the women's share of 2019 is the staff table's, the approval phase of
  chapter 5 has the delibera's date, and the unfilled template of 3.3 is
  completed.
Run from the repository root after changing the sample; review the diff.
"""
import json
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

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/relazione"
mon = open(f"{SRC}/monitoraggio.xml", encoding="utf-8").read()

def attr(line, name):
    m = re.search(rf'\s{name}="([^"]*)"', line)
    return m.group(1) if m else None

def set_attr(line, name, value):
    return re.sub(rf'(\s{name}=)"[^"]*"', lambda m: f'{m.group(1)}"{value}"', line)

# A figure marked accertato is the true one: the data are corrected to give
# it (the first period of the first unit carries it, the others 0), and the
# figures printed from the data follow below.
def correct_data(m):
    block = m.group(0)
    est = re.search(r'<dichiarato [^>]*risultato="([^"]*)"[^>]*accertato="true"', block)
    if not est:
        return block
    value = est.group(1)
    first = [True]
    def period(p):
        v = value if first[0] else "0"
        first[0] = False
        return re.sub(r'valore="[^"]*"', f'valore="{v}"', p.group(0))
    return re.sub(r'<periodo [^>]*valore="[^"]*"[^>]*/>', period, block)
mon = re.sub(r"<rilevazione .*?</rilevazione>", correct_data, mon, flags=re.S)
# Data the checker finds implausible, corrected as the office would:
for old, new in [
    # S2.1.4-b, sheet S5: «100 su 100» in each period is a 100% typed as
    # counts; counts of evaluations instead, with the sheet's printed total
    # (200 out of 200) kept.
    ('<dati unita="S5">\n        <periodo periodo="Q1" numeratore="100" denominatore="100"/>\n'
     '        <periodo periodo="Q2" numeratore="100" denominatore="100"/>',
     '<dati unita="S5">\n        <periodo periodo="Q1" numeratore="120" denominatore="120"/>\n'
     '        <periodo periodo="Q2" numeratore="80" denominatore="80"/>'),
    # O2.1.4-f: the body's 13,33 is outside the offices' figures; the
    # body's figure is made from the offices' data instead.
    ('      <dati>\n        <periodo periodo="Q3" valore="13.33"/>\n      </dati>\n', ''),
]:
    assert mon.count(old) == 1, old
    mon = mon.replace(old, new)
open(f"{DST}/monitoraggio.xml", "w", encoding="utf-8").write(mon)

# What the data give, from the engine: every indicator for the body and
# for each unit, every node's score.
view = json.loads(subprocess.run([BIN, "score", DST], capture_output=True, text=True).stdout)
body, units, nodes = {}, {}, {}
def walk(node):
    if isinstance(node, dict):
        if "codice" in node and "livello" in node and "punteggio" in node:
            nodes[(node["livello"], node["codice"])] = node["punteggio"]
        for ind in node.get("indicatori", []) or []:
            if isinstance(ind, dict) and "risultato" in ind:
                body.setdefault(ind["codice"], ind)
        for v in node.values():
            if isinstance(v, (list, dict)):
                walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)
walk(view["aree"])
for u in view["unita"]:
    nodes[("unita", u["codice"])] = u["punteggio"]
    for ind in u["indicatori"]:
        units[(u["codice"], ind["codice"])] = ind
levels = {"area": "AS", "obiettivo-strategico": "OS", "obiettivo-operativo": "OO"}

# Each printed figure corrected to what the data give, keeping the figures
# the checker reads as they are printed.
out = subprocess.run([BIN, "check", DST], capture_output=True, text=True).stderr
algorithms = {}
for m in re.finditer(r"indicatore (\S+): l'algoritmo indica (\S+) ([0-9,.]+) ma il target è ([0-9,.]+)", out):
    algorithms[m.group(1)] = (m.group(2), m.group(3), m.group(4))
targets = {}
for m in re.finditer(r"indicatore (\S+): target stampato (\S+), ma (?:il Piano fissa|il target \d+ è) ([0-9/,.%]+)", out):
    targets[(m.group(1), m.group(2))] = m.group(3).rstrip(",.")
lines = mon.split("\n")
code = None
for i, line in enumerate(lines):
    r = re.search(r'<rilevazione indicatore="([^"]+)"', line)
    if r:
        code = r.group(1)
    if "<dichiarato " in line and code:
        unit = attr(line, "unita")
        fig = units.get((unit, code)) if unit else body.get(code)
        if fig:
            for name, key in (("risultato", "risultato"), ("realizzazione", "realizzazione"),
                              ("parametrata", "parametrata")):
                if attr(line, name) is not None and fig.get(key):
                    line = set_attr(line, name, fig[key])
        t = attr(line, "target")
        if t is not None and (code, t) in targets:
            line = set_attr(line, "target", targets[(code, t)])
        line = line.replace(' accertato="true"', "")
        if attr(line, "algoritmo") is not None and code in algorithms:
            op, printed, target = algorithms[code]
            alg = attr(line, "algoritmo").replace(f"{op.replace('>', '&gt;').replace('<', '&lt;')} {printed}", f"{op.replace('>', '&gt;').replace('<', '&lt;')} {target}")
            line = set_attr(line, "algoritmo", alg)
    if "<punteggio " in line:
        lv, cd = attr(line, "livello"), attr(line, "codice")
        key = ("Ente", None) if lv == "ente" else ("unita", cd) if lv == "unita" else (levels.get(lv), cd)
        value = view["ente_risultato"]["punteggio"] if lv == "ente" else nodes.get(key)
        if value:
            line = set_attr(line, "valore", value)
    lines[i] = line
mon = "\n".join(lines)
open(f"{DST}/monitoraggio.xml", "w", encoding="utf-8").write(mon)

# The indicators below target get the reason for the shortfall.
out = subprocess.run([BIN, "check", DST], capture_output=True, text=True).stderr
reasons = set()
for line in out.splitlines():
    m = re.match(rf"{re.escape(DST)}/monitoraggio.xml:(\d+): (error|warning): (.*) \[G-reason\]$", line)
    if m:
        reasons.add(int(m.group(1)))
out_lines = []
for no, text in enumerate(mon.split("\n"), 1):
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
    # Women's share in 2019: 20 of 31 in the staff table, 65% (printed 66%).
    ('<c>59</c><c>59</c><c>59</c><c>63</c><c>66</c>', '<c>59</c><c>59</c><c>59</c><c>63</c><c>65</c>'),
    # Chapter 5, phase 5: the approval is the delibera of 28/05/2020.
    ('<fase numero="5" dal="2020-05-30" al="2020-05-30" coincide-con="approvazione">\n'
     '          <quando>30 maggio 2020</quando>',
     '<fase numero="5" dal="2020-05-28" al="2020-05-28" coincide-con="approvazione">\n'
     '          <quando>28 maggio 2020</quando>'),
]:
    assert ctx.count(old) == 1, old
    ctx = ctx.replace(old, new)
# Section 3.3: the unfilled template completed with the figures the data
# give (the entity's 97,8%).
tpl = re.search(r'\n    <testo stampa="no">.*?</testo>', ctx, flags=re.S)
assert tpl, "3.3 template"
ctx = ctx.replace(tpl.group(0), """
    <testo stampa="no">
      La valutazione di tutti gli elementi considerati (il meta-indicatore sintetico del grado di raggiungimento degli obiettivi di performance di ente, già riportato nel capitolo 1.1) si attesta su un punteggio complessivo pari al 97,8% e consente di esprimere un giudizio complessivamente buono.
    </testo>""")
ctx = ctx.replace("<!--", "<!-- Variante coerente per i test: ", 1)
open(f"{DST}/contesto.xml", "w", encoding="utf-8").write(ctx)

val = open(f"{SRC}/validazione.xml", encoding="utf-8").read()
val = re.sub(r'giudizio="[a-z-]+">[^<]*</punto>', 'giudizio="conforme"/>', val)
val = val.replace('giudizio="conforme-con-osservazioni"/>', 'giudizio="conforme"/>')
val = val.replace("<esito>VALIDA CON OSSERVAZIONI</esito>", "<esito>VALIDA</esito>")
open(f"{DST}/validazione.xml", "w", encoding="utf-8").write(val)
