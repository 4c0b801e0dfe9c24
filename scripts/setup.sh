#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the build and the tests need and
# the machine lacks, then the npm packages of the HTML checks (tests/axe:
# axe-core, puppeteer-core driving Debian's Chromium, the Nu Html Checker).
# Idempotent: a package already present is not touched, apt is not called at
# all when nothing is missing, and npm only when tests/axe/package-lock.json
# is newer than what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential cmake pkg-config clang clang-format
    libxml2-dev libhpdf-dev libpng-dev zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
    fonts-dejavu-core fonts-dejavu-extra icc-profiles-free
    libxml2-utils poppler-utils qpdf python3 time man-db groff-base git
    chromium openjdk-17-jre-headless python3-jsonschema
    # PDF/A validation in the tests: Apache PDFBox Preflight and what it loads
    # (its Java runtime is the one above).
    libpdfbox2-java libfontbox2-java libcommons-logging-java libactivation-java libjaxb-api-java
)
# Node.js and npm: Debian's, unless a Node.js with its own npm is installed.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser is Debian's chromium: puppeteer must not download one.
stamp=tests/axe/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ tests/axe/package-lock.json -nt "$stamp" ]; then
    echo "setup: npm ci in tests/axe"
    (cd tests/axe && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
