#!/usr/bin/env python3
"""Foglio di calcolo del test di accettazione delle regole.

Calcola, passo per passo, i punteggi attesi del Piano di prova di questa
cartella applicando le regole come le descrive la documentazione di
schemas/piano.xsd (tipo Regole), senza usare il programma; poi li confronta
con quelli che stampa `relazione score`.

Uso: foglio.py RELAZIONE CARTELLA [-v]
  -v stampa il foglio: per ogni indicatore risultato, realizzazione e
     punteggio, per ogni obiettivo la media e che cosa esclude.
Esce con 0 se ogni cifra coincide (entro 1e-6 punti), 1 altrimenti.
"""
import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

P = "{urn:relazione:piano:1}"
M = "{urn:relazione:monitoraggio:1}"
VERBOSE = "-v" in sys.argv


def say(*a):
    if VERBOSE:
        print(*a)


def round_half_away(x, decimals):
    """Al più vicino, la metà lontano dallo zero, sulle cifre decimali."""
    q = Decimal(1).scaleb(-decimals)
    d = Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP)  # HALF_UP is away from zero
    return float(d)


# ---------------------------------------------------------------- rules
def read_rules(el, base):
    r = dict(base)
    if el is None:
        return r
    t = el.find(P + "punteggio-massimo")
    if t is not None:
        r["cap"] = float(t.text)
    t = el.find(P + "realizzazione-massima")
    if t is not None:
        r["achievement_cap"] = float(t.text)
    t = el.find(P + "soglia-pieno-punteggio")
    if t is not None:
        r["threshold"] = float(t.text)
    t = el.find(P + "fasce")
    if t is not None:
        r["bands"] = []
        for f in t.findall(P + "fascia"):
            b = {"da": float(f.get("da")), "a": float(f.get("a")) if f.get("a") else None}
            if f.get("punteggio") is not None:
                b["fixed"] = float(f.get("punteggio"))
            else:
                b["lin"] = (float(f.get("punteggio-da")), float(f.get("punteggio-a")))
            r["bands"].append(b)
    t = el.find(P + "tutto-o-niente")
    if t is not None:
        r["all_or_nothing"] = t.text.strip() in ("true", "1")
    t = el.find(P + "arrotondamento-risultato")
    if t is not None:
        r["result_decimals"] = int(t.get("decimali"))
    t = el.find(P + "formula-minore-migliore")
    if t is not None:
        r["lower"] = t.text.strip()
    t = el.find(P + "scadenze")
    if t is not None:  # replaces the whole deadline rule
        r["deadline"] = t.get("regola")
        r["per_day"] = float(t.get("punti-per-giorno") or 0)
        r["per_month"] = float(t.get("punti-per-mese") or 0)
        r["tolerance"] = int(t.get("tolleranza-giorni") or 0)
    t = el.find(P + "dati-mancanti")
    if t is not None:
        r["missing_zero"] = t.get("regola") == "zero"
    t = el.find(P + "soglie-minime")
    if t is not None:
        r["gates"] = {g.get("livello"): float(g.get("punteggio")) for g in t.findall(P + "soglia-minima")}
    t = el.find(P + "obiettivo-strategico")
    if t is not None:
        r["os"] = t.get("calcolo")
        r["os_weight"] = float(t.get("peso-indicatori") or 50)
    return r


DEFAULT = {"cap": 100.0, "achievement_cap": None, "threshold": None, "bands": [],
           "all_or_nothing": False, "result_decimals": None, "lower": "scarto-relativo",
           "deadline": "tutto-o-niente", "per_day": 0.0, "per_month": 0.0, "tolerance": 0,
           "missing_zero": False, "gates": {}, "os": "indicatori", "os_weight": 50.0}


def normalise(r, a):
    """Passo 3 della documentazione: da realizzazione a punteggio."""
    if r["all_or_nothing"]:
        s = 100.0 if a >= 100 else 0.0
    elif r["threshold"] is not None and r["threshold"] <= a < 100:
        s = 100.0
    else:
        s = a
        for b in r["bands"]:
            if a >= b["da"] and (b["a"] is None or a < b["a"]):
                if "fixed" in b:
                    s = b["fixed"]
                else:
                    lo, hi = b["lin"]
                    s = lo + (a - b["da"]) / (b["a"] - b["da"]) * (hi - lo)
                break
    return max(0.0, min(s, r["cap"]))


# ---------------------------------------------------------------- measuring
def parse_date(s):
    y, m, d = map(int, s.split("-"))
    return date(y, m, d)


def measure(ind, rules, year, data_sets):
    """Risultato, realizzazione, punteggio di un indicatore sui dati dati
    (una lista di <dati>): None se manca il risultato."""
    target = next((t for t in ind.findall(P + "target") if int(t.get("anno")) == year), None)
    kind = ind.get("misura") or "valore"
    agg = ind.get("aggregazione") or "somma"
    periods = [p for d in data_sets for p in d.findall(M + "periodo") if p.get("mancante") != "true"]
    if not periods:
        return None
    tkind, cmp = target.get("tipo"), target.get("comparatore")
    if kind == "rapporto":
        num = sum(float(p.get("numeratore")) for p in periods)
        den = sum(float(p.get("denominatore")) for p in periods)
        r = num / den * (100 if tkind == "percentuale" else 1)
    elif kind == "valore":
        v = [float(p.get("valore")) for p in periods]
        r = {"somma": sum(v), "media": sum(v) / len(v), "ultimo": v[-1], "massimo": max(v),
             "minimo": min(v)}[agg]
    elif kind == "si-no":
        r = 1.0 if periods[-1].get("si-no") == "si" else 0.0
    elif kind == "data":
        r = max(parse_date(p.get("data")) for p in periods)
    else:
        raise SystemExit("misura non prevista dal foglio: " + kind)
    if kind != "data" and rules["result_decimals"] is not None:
        r = round_half_away(r, rules["result_decimals"])
    # Passo 2: realizzazione.
    if kind == "data":
        due = parse_date(target.get("valore"))
        late = (r - due).days - rules["tolerance"]
        if late <= 0:
            a = 100.0
        elif rules["deadline"] == "penalita-giornaliera":
            a = 100 - late * rules["per_day"]
        elif rules["deadline"] == "penalita-mensile":
            a = 100 - math.ceil(late / 30) * rules["per_month"]
        else:
            a = 0.0
    elif tkind == "si-no":
        a = 100.0 if r == (1.0 if target.get("valore") == "si" else 0.0) else 0.0
    else:
        t = float(target.get("valore"))
        if cmp in ("ge", "gt"):
            a = (100.0 if r >= 0 else 0.0) if t == 0 else r / t * 100
        elif cmp in ("le", "lt"):
            if t == 0:
                a = 100.0 if r == 0 else 0.0
            elif rules["lower"] == "rapporto-inverso":
                a = rules["cap"] if r == 0 else t / r * 100
            else:
                a = (1 - (r - t) / t) * 100
        elif cmp == "eq":
            a = 100.0 if r == t else (0.0 if t == 0 else (1 - abs(r - t) / abs(t)) * 100)
        else:
            raise SystemExit("comparatore non previsto dal foglio: " + cmp)
    a = max(a, 0.0)
    if rules["achievement_cap"] is not None:
        a = min(a, rules["achievement_cap"])
    s = normalise(rules, a)
    say(f"    {ind.get('codice')}: risultato {r}, realizzazione {a:.4f}, punteggio {s:.4f}")
    return {"result": r, "achievement": a, "score": s}


def weighted_mean(items):
    """items: (peso o None, punteggio o None, conta_zero). Pesi a 100 tra
    fratelli, in parti uguali se ne manca uno; i mancanti esclusi (o a 0)."""
    if not items:
        return None
    if any(w is None for w, _, _ in items):
        ws = [100 / len(items)] * len(items)
    else:
        tot = sum(w for w, _, _ in items)
        ws = [w / tot * 100 for w, _, _ in items]
    num = den = 0.0
    for w, (_, s, zero) in zip(ws, items):
        if s is None:
            if zero:
                den += w
            continue
        num += s * w
        den += w
    return num / den if den > 0 else None


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary, folder = sys.argv[1], sys.argv[2]
    plan = ET.parse(f"{folder}/piano.xml").getroot()
    mon = ET.parse(f"{folder}/monitoraggio.xml").getroot()
    year = int(plan.find(P + "anno").text)
    rules = read_rules(plan.find(P + "regole"), DEFAULT)
    data = {r.get("indicatore"): r.findall(M + "dati") for r in mon.iter(M + "rilevazione")}
    approved = [x for x in mon.iter(M + "rettifica") if x.get("stato", "approvata") == "approvata"]
    adjusted = {x.get("codice"): float(x.get("punteggio")) for x in approved
                if x.get("livello") == "indicatore"}
    adjusted_people = {x.get("codice"): float(x.get("punteggio")) for x in approved
                       if x.get("livello") == "individuale"}
    expected = {}  # (kind, code) -> value

    def indicator(ind):
        code = ind.get("codice")
        r = read_rules(ind.find(P + "regole"), rules)
        body = [d for d in data.get(code, []) if d.get("unita") is None] or data.get(code, [])
        m = measure(ind, r, year, body)
        if m:
            expected[("realizzazione", code)] = m["achievement"]
            expected[("parametrata", code)] = adjusted.get(code, m["score"])
        eff = adjusted.get(code, m["score"] if m else None)
        if code in adjusted:
            say(f"    {code}: rettificato a {adjusted[code]}")
        return ind, r, m, eff

    def indicators_of(node):
        return [indicator(i) for i in node.findall(P + "indicatore")]

    def mean_of_indicators(inds):
        return weighted_mean([(float(i.get("peso")) if i.get("peso") else None, eff,
                               r["missing_zero"]) for i, r, _, eff in inds])

    gates = rules["gates"]

    def gated(level, s):
        return s is not None and level in gates and s < gates[level]

    ind_by_code = {}
    oo_score = {}
    area_scores = []
    for area in plan.iter(P + "area-strategica"):
        os_items = []
        for os_ in area.findall(P + "obiettivo-strategico"):
            say(f"Obiettivo strategico {os_.get('codice')}")
            own = indicators_of(os_)
            for t in own:
                ind_by_code[t[0].get("codice")] = t
            ind_part = mean_of_indicators(own)
            oo_items = []
            for oo in os_.findall(P + "obiettivo-operativo"):
                say(f"  Obiettivo operativo {oo.get('codice')}")
                inds = indicators_of(oo)
                for t in inds:
                    ind_by_code[t[0].get("codice")] = t
                s = mean_of_indicators(inds)
                expected[("obiettivo", oo.get("codice"))] = s
                oo_score[oo.get("codice")] = s
                value = 0.0 if gated("obiettivo-operativo", s) else s
                say(f"  = {s} (nel livello superiore: {value})")
                oo_items.append((float(oo.get("peso")) if oo.get("peso") else None, value,
                                 rules["missing_zero"]))
            oo_part = weighted_mean(oo_items)
            if rules["os"] == "indicatori":
                s = ind_part
            elif rules["os"] == "operativi":
                s = oo_part
            elif ind_part is None or oo_part is None:
                s = ind_part if oo_part is None else oo_part
            else:
                s = (ind_part * rules["os_weight"] + oo_part * (100 - rules["os_weight"])) / 100
            say(f"= OS {os_.get('codice')}: indicatori {ind_part}, operativi {oo_part} → {s}")
            expected[("obiettivo", os_.get("codice"))] = s
            os_items.append((float(os_.get("peso")) if os_.get("peso") else None,
                             0.0 if gated("obiettivo-strategico", s) else s, rules["missing_zero"]))
        s = weighted_mean(os_items)
        expected[("obiettivo", area.get("codice"))] = s
        say(f"= Area {area.get('codice')}: {s}")
        area_scores.append((float(area.get("peso")) if area.get("peso") else None,
                            0.0 if gated("area", s) else s, rules["missing_zero"]))
    expected[("ente", "")] = weighted_mean(area_scores)
    say(f"= Ente: {expected[('ente', '')]}")

    # Units: the mean of their sheet. A unit's own data when it sent them;
    # the owner answers with the body's figure; a unit listed as measuring
    # an indicator that others sent data for, without its own, has none.
    for unit in plan.iter(P + "unita"):
        code = unit.get("codice")
        scores, listed = [], False
        for ind_code, (ind, r, m, eff) in ind_by_code.items():
            sets = data.get(ind_code, [])
            own = [d for d in sets if d.get("unita") == code]
            per_unit = any(d.get("unita") for d in sets)
            owner = (ind.find(P + "responsabile") is not None and
                     ind.find(P + "responsabile").get("ref") == code)
            measured = any(x.get("ref") == code for x in ind.findall(P + "rilevato-da"))
            if own:
                mm = measure(ind, r, year, own)
                val = adjusted.get(ind_code, mm["score"] if mm else None)
            elif owner or (measured and not per_unit):
                val = eff
            elif measured:
                val = None
            else:
                continue
            listed = True
            if val is not None:
                scores.append(val)
        if listed and scores:
            expected[("unita", code)] = sum(scores) / len(scores)
            say(f"= Unità {code}: {expected[('unita', code)]} ({len(scores)} indicatori con dato)")

    # People: weighted mean over the objectives that have a score.
    for person in plan.iter(P + "valutato"):
        items = []
        for ob in person.findall(P + "obiettivo"):
            w = float(ob.get("peso")) if ob.get("peso") else None
            if ob.get("obiettivo"):
                s = oo_score.get(ob.get("obiettivo"), expected.get(("obiettivo", ob.get("obiettivo"))))
            elif ob.get("indicatore"):
                ind, r, m, eff = ind_by_code[ob.get("indicatore")]
                if ob.get("unita"):
                    own = [d for d in data.get(ob.get("indicatore"), []) if d.get("unita") == ob.get("unita")]
                    mm = measure(ind, r, year, own) if own else None
                    s = mm["score"] if mm else (eff if not own and not any(d.get("unita") for d in data.get(ob.get("indicatore"), [])) else None)
                else:
                    s = eff
            else:
                ind, r, m, s = indicator(ob.find(P + "indicatore"))
            if gated("obiettivo-individuale", s):
                s = 0.0
            items.append((w, s, rules["missing_zero"]))
        expected[("persona", person.get("codice"))] = adjusted_people.get(
            person.get("codice"), weighted_mean(items))
        say(f"= Valutato {person.get('codice')}: {expected[('persona', person.get('codice'))]}")

    # What the program prints.
    out = subprocess.run([binary, "score", folder], capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr)
        return 1
    view = json.loads(out.stdout)
    got = {("ente", ""): view["ente_risultato"].get("punteggio_valore")}

    def walk_inds(node):
        for i in node.get("indicatori", []):
            got[("realizzazione", i["codice"])] = i.get("realizzazione_valore")
            got[("parametrata", i["codice"])] = i.get("parametrata_valore")

    for a in view["aree"]:
        got[("obiettivo", a["codice"])] = a.get("punteggio_valore")
        for os_ in a["obiettivi_strategici"]:
            got[("obiettivo", os_["codice"])] = os_.get("punteggio_valore")
            walk_inds(os_)
            for oo in os_["obiettivi_operativi"]:
                got[("obiettivo", oo["codice"])] = oo.get("punteggio_valore")
                walk_inds(oo)
    for u in view["unita"]:
        got[("unita", u["codice"])] = u.get("punteggio_valore")
    for g in view["gruppi_individuali"]:
        for p in g["valutati"]:
            got[("persona", p["codice"])] = p.get("punteggio_valore")
            for o in p["obiettivi"]:
                if o.get("codice", "").startswith("I-"):
                    got[("realizzazione", o["codice"])] = o.get("realizzazione_valore")
                    got[("parametrata", o["codice"])] = o.get("parametrata_valore")

    bad = 0
    checked = 0
    for key, want in sorted(expected.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        have = got.get(key)
        checked += 1
        ok = (want is None and have is None) or (
            want is not None and have is not None and abs(want - have) < 1e-6)
        if not ok:
            bad += 1
            print(f"{key[0]} {key[1]}: atteso {want}, stampato {have}")
    print(f"{checked - bad} passed, {bad} failed")
    return 1 if bad or checked < 30 else 0


if __name__ == "__main__":
    sys.exit(main())
