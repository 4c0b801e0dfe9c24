#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds `relazione` into
# build/, and generates the documents of every sample into out/<sample>/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

mkdir -p out
status=0
for dir in samples/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    echo "== $name"
    ./build/relazione build "$dir" -o "out/$name" || status=$?
done
echo "Documenti generati in out/ (una sottocartella per ogni esempio)."
exit $status
