#!/usr/bin/env python3
"""single-defect.py BIN CASE — the proposed verdict for one defect left in
the consistent Massa Carrara variant (tests/check/massa-clean), the rows
of the table that motivated the materiality rule and their opposites.

Each case changes exactly one printed figure (or two on one line) of the
monitoring data or, where it names it, of another file, and
states the verdict the rule gives; the test fails if the change does not
apply exactly once or the verdict printed differs.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = "tests/check/massa-clean"
ALBERO_42 = 'dove="3.0 Albero della performance" pagina="42" risultato="14/11/2019"'
ALBERO_41 = 'dove="3.0 Albero della performance" pagina="41" risultato="94,70%" target="85%"'
ENTE_5 = 'livello="ente" dove="1 I principali risultati raggiunti, PERFORMANCE DI ENTE" pagina="5"'
ALBERO_43 = 'dove="3.0 Albero della performance" pagina="43" risultato="20/08/2019"'

# name: (line that identifies the figure, old text, new text, verdict, class)
CASES = {
    # The year typo in O2.1.2-c's printed target: a figure no score depends on.
    "target-typo": (ALBERO_42, 'target="30/11/2019"', 'target="30/11/2018"',
                    "VALIDA CON OSSERVAZIONI", "osservazione"),
    # Its opposite: the same typo with the score it would give printed too.
    "target-typo-scored": (ALBERO_42,
                           'target="30/11/2019" realizzazione="100,00%" parametrata="100,00%"',
                           'target="30/11/2018" realizzazione="0,00%" parametrata="0,00%"',
                           "NON VALIDA", "grave"),
    # S2.1.4-b printed 94,69 where the data give 94,70: the score beside it is right.
    "result-94-69": (ALBERO_41, 'risultato="94,70%"', 'risultato="94,69%"',
                     "VALIDA CON OSSERVAZIONI", "osservazione"),
    # Its opposite: the printed score (parametrata) is the wrong figure.
    "score-94-69": (ALBERO_41, 'parametrata="100,00%"', 'parametrata="94,69%"',
                    "NON VALIDA", "grave"),
    # The entity's score printed 100,0% where rules and approved rettifiche give 97,8%.
    "entity-100": (ENTE_5, 'valore="97,8%"', 'valore="100,0%"', "NON VALIDA", "grave"),
    # Its opposite: the entity printed as computed.
    "entity-97-8": (ENTE_5, 'valore="97,8%"', 'valore="97,8%"', "VALIDA", None),
    # Form only: a date printed as a spreadsheet serial number.
    "serial-date": (ALBERO_43, 'risultato="20/08/2019"', 'risultato="43697,00"',
                    "VALIDA", "formale"),
    # A weight printed wrong in table 3.1 (the Piano gives OS 1.1 37,5% of its area).
    "weight-os-1-1": ('livello="obiettivo-strategico" codice="1.1" dove="3.1 Obiettivi strategici"',
                      'peso="37,5%"', 'peso="40,0%"', "NON VALIDA", "grave"),
    # The «% su Ente» of area OB3 printed as its weight (50,0%) instead of
    # 95,5 × 50% = 47,8%: the weights and the score printed are right.
    "contribution-ob3": ('livello="area" codice="OB3" dove="3.1 Obiettivi strategici"',
                         'contributo="47,8%"', 'contributo="50,0%"',
                         "VALIDA CON OSSERVAZIONI", "osservazione"),
    # An algorithm printed in an individual table (PO 2) with a date other
    # than the target's, written with points as the document does.
    "algorithm-date": ('dove="4 PO 2" pagina="66" unita="S2" risultato="30/06/2019"',
                       "entro il 30.06.2019", "entro il 30.06.2018",
                       "VALIDA CON OSSERVAZIONI", "osservazione"),
    # In the context data (contesto.xml), figures declared in relation with
    # others: the women's share of 2019 printed 66% where the staff table
    # gives 20 of 31; the approval phase dated 30/05/2020 where the delibera
    # is of 28/05/2020; the entity's figure in 3.3 left as the template's
    # dashes. Printed figures no score depends on: observations.
    "women-share": ("contesto.xml", "% di Donne rispetto al totale del personale",
                    "<c>63</c><c>65</c>", "<c>63</c><c>66</c>",
                    "VALIDA CON OSSERVAZIONI", "osservazione"),
    "approval-date": ("contesto.xml", '<fase numero="5"', 'dal="2020-05-28" al="2020-05-28"',
                      'dal="2020-05-30" al="2020-05-30"', "VALIDA CON OSSERVAZIONI",
                      "osservazione"),
    "template-dashes": ("contesto.xml", "si attesta su un punteggio complessivo", "pari al 97,8%",
                        "pari al ----%", "VALIDA CON OSSERVAZIONI", "osservazione"),
}

def main():
    binary, case = sys.argv[1], sys.argv[2]
    spec = CASES[case]
    name, spec = (spec[0], spec[1:]) if len(spec) == 6 else ("monitoraggio.xml", spec)
    anchor, old, new, verdict, klass = spec
    tmp = tempfile.mkdtemp()
    try:
        for f in os.listdir(SRC):
            shutil.copy(os.path.join(SRC, f), tmp)
        path = os.path.join(tmp, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        hits = [i for i, l in enumerate(lines) if anchor in l and old in l]
        if len(hits) != 1:
            print(f"{case}: the change applies {len(hits)} times, expected once")
            return 1
        lines[hits[0]] = lines[hits[0]].replace(old, new)
        open(path, "w", encoding="utf-8").write("\n".join(lines))
        out = subprocess.run([binary, "check", tmp], capture_output=True, text=True).stderr
        print(out)
        last = out.strip().split("\n")[-1]
        if f"Esito proposto: {verdict};" not in last:
            print(f"{case}: expected «Esito proposto: {verdict}», got: {last}")
            return 1
        if klass:
            heads = {"grave": "Rilievi gravi", "osservazione": "Osservazioni",
                     "formale": "Aspetti formali"}
            # The gravest finding the defect causes is of its class, and alone in it.
            groups = re.findall(r"^(Rilievi gravi|Osservazioni|Aspetti formali)[^:]*: (\d+)$",
                                out, flags=re.M)
            if not groups or groups[0] != (heads[klass], "1"):
                print(f"{case}: expected one finding, {klass}; got groups {groups}")
                return 1
        return 0
    finally:
        shutil.rmtree(tmp)

sys.exit(main())
