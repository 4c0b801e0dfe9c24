#!/usr/bin/env python3
"""Writes a synthetic Piano and its monitoring data with N indicators.

Usage: gen-plan.py N OUTDIR [--seed S]

The shape follows the real plans in samples/: 4 strategic areas, strategic
objectives of 2-4 indicators, operational objectives of 2-6 indicators,
about one indicator in three measured by several units (up to 6 units, from
a pool of units that grows with N), three quadrimestri, every measure and
comparator of the schemas, titles and algorithm texts of realistic length,
and a printed (declared) figure beside one indicator in four. Deterministic
for a given N and seed.
"""
import os
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("attività pratiche imprese servizi registro camerale promozione territorio "
         "digitalizzazione qualità efficienza trasparenza anticorruzione formazione personale "
         "bilancio diritto annuale mediazione arbitrato metrologia vigilanza sportello "
         "comunicazione sviluppo competitività innovazione internazionalizzazione").split()


def words(rng, lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gen-plan.py N OUTDIR [--seed S]")
    n = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--seed" else 7
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    n_units = max(6, min(400, n // 50))
    units = ["U%d" % i for i in range(1, n_units + 1)]

    p = []
    m = []
    w = p.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<piano xmlns="urn:relazione:piano:1" versione="1.0">\n')
    w('<ente><nome>Camera di commercio sintetica</nome></ente><anno>2019</anno>'
      '<triennio da="2019" a="2021"/>\n')
    w('<regole><punteggio-massimo>100</punteggio-massimo><soglia-pieno-punteggio>90'
      '</soglia-pieno-punteggio><arrotondamento-risultato decimali="2"/>'
      '<obiettivo-strategico calcolo="indicatori"/></regole>\n')
    w('<prospettive><prospettiva codice="ICT">Imprese Consumatori Territorio</prospettiva>'
      '<prospettiva codice="PI">Processi Interni</prospettiva></prospettive>\n')
    w('<unita-organizzative><unita codice="ENTE" tipo="ente"><nome>Ente</nome></unita>\n')
    for u in units:
        w('<unita codice="%s" tipo="ufficio" padre="ENTE"><nome>Ufficio %s %s</nome></unita>\n'
          % (u, u, escape(words(rng, 2, 5))))
    w('</unita-organizzative>\n<aree-strategiche>\n')

    mw = m.append
    mw('<?xml version="1.0" encoding="UTF-8"?>\n')
    mw('<monitoraggio xmlns="urn:relazione:monitoraggio:1" versione="1.0">\n')
    mw('<ente>Camera di commercio sintetica</ente><anno>2019</anno><piano file="piano.xml"/>\n')
    mw('<periodi><periodo codice="Q1" dal="2019-01-01" al="2019-04-30">I quadrimestre</periodo>'
       '<periodo codice="Q2" dal="2019-05-01" al="2019-08-31">II quadrimestre</periodo>'
       '<periodo codice="Q3" dal="2019-09-01" al="2019-12-31">III quadrimestre</periodo>'
       '</periodi>\n<rilevazioni>\n')

    count = [0]

    def indicator(prefix):
        count[0] += 1
        code = "%s-%d" % (prefix, count[0])
        kind = rng.choice(("rapporto", "rapporto", "valore", "durata", "data"))
        measured = rng.sample(units, rng.randint(2, 6)) if rng.random() < 0.33 else [rng.choice(units)]
        w('<indicatore codice="%s" misura="%s"%s><titolo>%s</titolo><algoritmo>%s</algoritmo>'
          % (code, "data" if kind == "data" else ("rapporto" if kind == "rapporto" else "valore"),
             ' aggregazione="media"' if kind == "durata" else "",
             escape(words(rng, 6, 18)), escape(words(rng, 5, 12))))
        w('<fonte tipo="interna">%s</fonte>' % escape(words(rng, 1, 3)))
        for u in measured:
            w('<rilevato-da ref="%s"/>' % u)
        if kind == "rapporto":
            t = rng.choice((80, 85, 90, 95, 100))
            w('<target anno="2019" comparatore="ge" tipo="percentuale" valore="%d"><testo>≥ %d%%'
              '</testo></target>' % (t, t))
        elif kind == "valore":
            t = rng.randint(2, 500)
            w('<target anno="2019" comparatore="ge" tipo="numero" valore="%d"/>' % t)
        elif kind == "durata":
            t = rng.choice((5, 10, 15, 30))
            w('<target anno="2019" comparatore="le" tipo="giorni" valore="%d"/>' % t)
        else:
            w('<target anno="2019" comparatore="le" tipo="data" valore="2019-%02d-28"/>'
              % rng.randint(3, 12))
        w('</indicatore>\n')
        mw('<rilevazione indicatore="%s">' % code)
        for u in measured:
            mw('<dati unita="%s">' % u)
            for q in ("Q1", "Q2", "Q3"):
                if kind == "rapporto":
                    den = rng.randint(1, 5000)
                    mw('<periodo periodo="%s" numeratore="%d" denominatore="%d"/>'
                       % (q, rng.randint(int(den * 0.7), den), den))
                elif kind == "valore":
                    mw('<periodo periodo="%s" valore="%d"/>' % (q, rng.randint(0, 300)))
                elif kind == "durata":
                    mw('<periodo periodo="%s" valore="%d"/>' % (q, rng.randint(1, 40)))
                elif q == "Q3":
                    mw('<periodo periodo="Q3" data="2019-%02d-%02d"/>'
                       % (rng.randint(1, 12), rng.randint(1, 28)))
            mw('</dati>')
        if rng.random() < 0.25:
            mw('<dichiarato dove="Albero della performance" risultato="%d,%02d%%"/>'
               % (rng.randint(50, 100), rng.randint(0, 99)))
        mw('</rilevazione>\n')

    area = 0
    while count[0] < n:
        area += 1
        w('<area-strategica codice="A%d"><titolo>%s</titolo>\n' % (area, escape(words(rng, 4, 10))))
        for os_i in range(1, rng.randint(3, 8)):
            if count[0] >= n:
                break
            code = "%d.%d" % (area, os_i)
            w('<obiettivo-strategico codice="%s"><titolo>%s</titolo><prospettiva ref="%s"/>\n'
              % (code, escape(words(rng, 6, 16)), rng.choice(("ICT", "PI"))))
            for _ in range(rng.randint(2, 4)):
                indicator("S" + code)
            for oo in range(1, rng.randint(2, 6)):
                if count[0] >= n:
                    break
                w('<obiettivo-operativo codice="%s.%d"><titolo>%s</titolo>\n'
                  % (code, oo, escape(words(rng, 5, 14))))
                for _ in range(rng.randint(2, 6)):
                    if count[0] >= n:
                        break
                    indicator("O%s.%d" % (code, oo))
                w('</obiettivo-operativo>\n')
            w('</obiettivo-strategico>\n')
        w('</area-strategica>\n')
        if count[0] < n and area >= 4:
            # Keep adding objectives to the last areas rather than new areas.
            pass
    w('</aree-strategiche>\n</piano>\n')
    mw('</rilevazioni>\n</monitoraggio>\n')
    with open(os.path.join(out, "piano.xml"), "w", encoding="utf-8") as f:
        f.write("".join(p))
    with open(os.path.join(out, "monitoraggio.xml"), "w", encoding="utf-8") as f:
        f.write("".join(m))


if __name__ == "__main__":
    main()
