#!/usr/bin/env python3
"""open_data_check.py RELAZIONE SAMPLE — the open data of one sample.

Builds the sample (Markdown and open data) and checks that:
- every CSV parses back (UTF-8, comma, header row) with the columns that
  dati/LEGGIMI.md explains, every number parses as a plain number (no
  thousands separator, no %), every date is ISO, every boolean true/false;
- the codes join: each indicator's objective is in obiettivi.csv, its unit
  in unita.csv, each objective's parent in obiettivi.csv, each rettifica's
  object in the file of its level;
- relazione.json is valid under schemas/relazione-dati.schema.json and
  holds the same rows as the CSV files;
- the figures are the ones the documents print: the albero's results,
  achievements and scores, the entity's score and the units' results of
  the Relazione, read from the Markdown and compared with the CSV.
"""
import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema non trovato: eseguire 'bash scripts/setup.sh'")
    sys.exit(1)

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # raises on anything but UTF-8
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, body = rows[0], rows[1:]
    for i, r in enumerate(body):
        if len(r) != len(header):
            fail(f"{path}: row {i + 2} has {len(r)} fields, header {len(header)}")
    return header, [dict(zip(header, r)) for r in body]


def dictionary(readme):
    """Column -> type from the tables of LEGGIMI.md, per file."""
    out, current = {}, None
    for line in open(readme, encoding="utf-8"):
        m = re.match(r"## (\S+\.csv)", line)
        if m:
            current = out.setdefault(m.group(1), {})
        m = re.match(r"\| `([a-z_]+)` \| (\w+) \|", line)
        if m and current is not None:
            current[m.group(1)] = m.group(2)
    return out


PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def typed(value, kind, where):
    """The CSV cell as the JSON value it must equal."""
    if value == "":
        return None
    if kind in ("numero", "intero"):
        if not PLAIN_NUMBER.match(value):
            fail(f"{where}: '{value}' is not a plain number")
            return value
        return int(value) if kind == "intero" else float(value)
    if kind == "booleano":
        if value not in ("true", "false"):
            fail(f"{where}: '{value}' is not true/false")
        return value == "true"
    if kind == "data":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            fail(f"{where}: '{value}' is not an ISO date")
    return value


def it_number(s):
    """An Italian printed figure ('1.234,56%') as a float, or None."""
    s = s.strip().replace("*", "").replace("%", "").strip()
    if not re.match(r"^-?[0-9.]+(,[0-9]+)?$", s):
        return None
    return float(s.replace(".", "").replace(",", "."))


def main():
    binary, sample = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = tempfile.mkdtemp()
    r = subprocess.run([binary, "build", os.path.join(root, "samples", sample), "-o", out,
                        "--formati", "md,dati"], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr)
        sys.exit(1)
    dati = os.path.join(out, "dati")
    if not os.path.isdir(dati):
        print(f"{sample}: no Piano with monitoring data, no open data (as expected)")
        if os.path.exists(os.path.join(out, "relazione.md")):
            fail("a Relazione without open data")
        return
    cols = dictionary(os.path.join(dati, "LEGGIMI.md"))
    tables = {}
    for name in ("obiettivi.csv", "indicatori.csv", "unita.csv", "rettifiche.csv"):
        header, rows = read_csv(os.path.join(dati, name))
        if header != list(cols.get(name, {})):
            fail(f"{name}: columns {header} differ from LEGGIMI.md {list(cols.get(name, {}))}")
        for i, row in enumerate(rows):
            for k in header:
                row[k] = typed(row[k], cols[name].get(k, "testo"), f"{name}:{i + 2}:{k}")
        tables[name[:-4]] = rows

    # JSON: valid, and the same rows.
    schema = json.load(open(os.path.join(root, "schemas", "relazione-dati.schema.json")))
    doc = json.load(open(os.path.join(dati, "relazione.json"), encoding="utf-8"))
    for e in jsonschema.Draft202012Validator(schema).iter_errors(doc):
        fail(f"relazione.json: {e.message} at {list(e.path)}")
    for key, rows in tables.items():
        if doc.get(key) != rows:
            fail(f"relazione.json: {key} differs from {key}.csv")
        props = schema["$defs"][{"obiettivi": "obiettivo", "indicatori": "indicatore",
                                 "unita": "unita", "rettifiche": "rettifica"}[key]]["properties"]
        if list(props) != list(cols[key + ".csv"]):
            fail(f"schema columns of {key} differ from the CSV")

    # Codes join.
    objectives = {(o["livello"], o["codice"]) for o in tables["obiettivi"]}
    units = {u["codice"] for u in tables["unita"]}
    indicators = {i["codice"] for i in tables["indicatori"]}
    for o in tables["obiettivi"]:
        if o["livello"] != "ente" and (o["livello_padre"], o["codice_padre"]) not in objectives:
            fail(f"objective {o['codice']}: parent {o['codice_padre']} not in obiettivi.csv")
    for i in tables["indicatori"]:
        if (i["livello_obiettivo"], i["codice_obiettivo"]) not in objectives:
            fail(f"indicator {i['codice']}: objective {i['codice_obiettivo']} not in obiettivi.csv")
        if i["unita"] is not None and i["unita"] not in units:
            fail(f"indicator {i['codice']}: unit {i['unita']} not in unita.csv")
    for r in tables["rettifiche"]:
        ok = ((r["livello"], r["codice"]) in objectives if r["livello"] in
              ("ente", "area", "strategico", "operativo") else
              r["codice"] in (indicators if r["livello"] == "indicatore" else units))
        if not ok:
            fail(f"rettifica of {r['livello']} {r['codice']}: no such row")

    # The documents print the same figures.
    compared = 0
    by_code = {i["codice"]: i for i in tables["indicatori"] if i["unita"] is None}
    obj_by = {(o["livello"], o["codice"]): o for o in tables["obiettivi"]}
    levels = {"AS": "area", "OS": "strategico", "OO": "operativo"}
    albero = os.path.join(out, "albero.md")
    if not os.path.exists(albero):
        # No indicator has a result: no document prints a figure, and the
        # open data hold the Piano with every result and score empty.
        for i in tables["indicatori"]:
            if i["risultato"] is not None:
                fail(f"indicator {i['codice']}: a result in the open data, no albero written")
        for o in tables["obiettivi"]:
            if o["punteggio"] is not None:
                fail(f"objective {o['codice']}: a score in the open data, no albero written")
        if os.path.exists(os.path.join(out, "relazione.md")):
            fail("relazione.md written without albero.md")
        print(f"{sample}: {sum(len(t) for t in tables.values())} rows, no results "
              f"(the Piano only, as no document prints a figure)")
        return
    for line in open(albero, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6:
            continue
        kind, name = cells[0], cells[1]
        code = name.split(" – ")[0]
        if kind in ("IS", "IO"):
            row = by_code.get(code)
            if row is None:
                fail(f"albero: indicator {code} not in indicatori.csv")
                continue
            for printed, col in ((cells[2], "risultato"), (cells[4], "realizzazione"),
                                 (cells[5], "parametrata")):
                v = it_number(printed)
                if printed == "n.d.":
                    compared += 1
                    if row[col] is not None:
                        fail(f"albero: {code} {col} printed n.d., open data {row[col]}")
                if v is None:
                    continue
                compared += 1
                if row[col] is None or abs(row[col] - v) > 1e-9:
                    fail(f"albero: {code} {col} printed {printed}, open data {row[col]}")
        elif kind in levels or kind == "E":
            key = ("ente", "ente") if kind == "E" else (levels[kind], code)
            row = obj_by.get(key)
            v = it_number(cells[5])
            if row is None:
                fail(f"albero: {key} not in obiettivi.csv")
            elif cells[5] == "n.d.":
                compared += 1
                if row["punteggio"] is not None:
                    fail(f"albero: {key} printed n.d., open data {row['punteggio']}")
            elif v is not None:
                compared += 1
                if row["punteggio"] is None or abs(row["punteggio"] - v) > 1e-9:
                    fail(f"albero: {key} printed {cells[5]}, open data {row['punteggio']}")
    entity = next(o for o in tables["obiettivi"] if o["livello"] == "ente")
    if doc["punteggio_ente"] != entity["punteggio"]:
        fail("punteggio_ente differs from the entity's row")
    rel = open(os.path.join(out, "relazione.md"), encoding="utf-8").read()
    m = re.search(r"realizzato al \*\*([0-9.,]+%)\*\*", rel)
    if m:
        compared += 1
        if it_number(m.group(1)) != entity["punteggio"]:
            fail(f"Relazione prints the entity at {m.group(1)}, open data {entity['punteggio']}")
    unit_by = {u["codice"]: u for u in tables["unita"]}
    section = rel.split("## Performance delle unità organizzative", 1)
    if len(section) == 2:
        for line in section[1].split("\n## ")[0].splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 3 and " – " in cells[0]:
                code = cells[0].split(" – ")[0]
                v = it_number(cells[2])
                if code in unit_by and v is not None:
                    compared += 1
                    if abs(unit_by[code]["punteggio"] - v) > 1e-9:
                        fail(f"Relazione: unit {code} printed {cells[2]}, "
                             f"open data {unit_by[code]['punteggio']}")
    if compared < 10:
        fail(f"only {compared} printed figures compared")
    print(f"{sample}: {sum(len(t) for t in tables.values())} rows, {compared} printed figures "
          f"compared with the open data")


main()
print(f"{0 if failures else 1} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
