#!/usr/bin/env bash
# Quick start, command 2: the whole test suite, built with AddressSanitizer
# and UndefinedBehaviorSanitizer and with compiler warnings as errors — once
# with the default compiler (gcc) and once with clang, whose UBSan reports
# things gcc's does not (a null pointer plus a zero offset, for one).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

cmake -S . -B build-check -DCMAKE_BUILD_TYPE=Debug -DRELAZIONE_SANITIZE=ON -DRELAZIONE_WERROR=ON \
    -DRELAZIONE_FAULT_INJECTION=ON >/dev/null
cmake --build build-check -j"$(nproc)"
ctest --test-dir build-check -j"$(nproc)" --output-on-failure --timeout 300

# A fresh clone's nested suite (tests/fresh_clone.sh) checks what a clone
# alone holds; the clang pass adds nothing there but time.
if [ -n "${RELAZIONE_FRESH_CLONE:-}" ]; then
    exit 0
fi
if command -v clang >/dev/null; then
    # With the libFuzzer harnesses of tests/fuzz, each run briefly.
    CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug -DRELAZIONE_SANITIZE=ON \
        -DRELAZIONE_WERROR=ON -DRELAZIONE_FUZZ=ON >/dev/null
    cmake --build build-clang -j"$(nproc)"
    ctest --test-dir build-clang -j"$(nproc)" --output-on-failure --timeout 300 -E '^fresh_clone$'
else
    echo "test.sh: clang missing (scripts/setup.sh installs it): the clang build was not run" >&2
    exit 1
fi
