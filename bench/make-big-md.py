#!/usr/bin/env python3
"""make-big-md.py — a long, report-shaped Markdown document for timing
Markdown -> PDF renderers side by side (`relazione render`, pandoc +
WeasyPrint, Typst): five chapters, each with six long paragraphs and eight
tables of 30 rows by 10 columns, about 265 KB. The figures come from a
fixed linear congruential sequence, so the file is the same on every run
and every machine.

    python3 bench/make-big-md.py > big.md
"""
import sys


def counts():
    """An endless, fixed sequence of counts in 0..500."""
    state = 7
    while True:
        state = (state * 1103515245 + 12345) % (1 << 31)
        yield (state >> 8) % 501


def main():
    seq = counts()
    lines = ["# Relazione sulla performance 2019", "",
             "Camera di commercio di esempio — documento sintetico per misure di tempo."]
    sentence = ("La Camera ha realizzato le attività programmate nel Piano della performance "
                "con un grado di raggiungimento complessivo pari al 97,8%; ")
    for chapter in range(1, 6):
        lines += ["", f"## {chapter}. Capitolo {chapter}"]
        lines += [sentence * 4] * 6
        for table in range(8):
            lines += ["", f"### Tabella {chapter}.{table + 1} — indicatori dell'unità "
                          f"organizzativa S{table}",
                      "| Codice | Indicatore | Algoritmo | I quadr. | II quadr. | III quadr. "
                      "| Risultato | Target | % realizz. | % param. |",
                      "|---|---|---|--:|--:|--:|--:|--:|--:|--:|"]
            for row in range(30):
                q = [next(seq) for _ in range(3)]
                lines.append(f"| O{chapter}.{table}.{row}-a | Percentuale di pratiche evase entro "
                             "il termine previsto dalla normativa vigente | n. pratiche evase / "
                             f"n. pratiche ricevute ≥ 80% | {q[0]} | {q[1]} | {q[2]} | {sum(q)} "
                             "| 80,00% | 100,00% | 100,00% |")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
