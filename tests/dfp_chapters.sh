#!/bin/sh
# dfp_chapters.sh RELAZIONE.md
# The chapters of a Relazione written on the piao profile are those of the
# DFP guidelines n. 3/2018, in their order, and chapter 3 has the annual
# objectives before the three-year ones and then the overall performance.
set -eu
got=$(grep -E '^#{1,2} ' "$1" | grep -E '^# [0-9]\.|^## 3\.[1-3] ')
want='# 1. I principali risultati raggiunti
# 2. Analisi del contesto e delle risorse
# 3. Misurazione e valutazione della performance organizzativa
## 3.1 Gli obiettivi annuali
## 3.2 Gli obiettivi specifici triennali
## 3.3 La performance organizzativa complessiva
# 4. Misurazione e valutazione degli obiettivi individuali
# 5. Il processo di misurazione e valutazione'
if [ "$got" != "$want" ]; then
    echo "dfp_chapters.sh: chapters of $1:" >&2
    echo "$got" >&2
    exit 1
fi
