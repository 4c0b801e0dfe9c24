#!/usr/bin/env bash
# Quick start, command 2: the whole test suite, built with AddressSanitizer
# and UndefinedBehaviorSanitizer and with compiler warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build-check -DCMAKE_BUILD_TYPE=Debug -DRELAZIONE_SANITIZE=ON -DRELAZIONE_WERROR=ON \
    -DRELAZIONE_FAULT_INJECTION=ON >/dev/null
cmake --build build-check -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-check -j"$(nproc)" --output-on-failure --timeout 300
