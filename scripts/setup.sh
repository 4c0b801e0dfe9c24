#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the build and the tests need and
# the machine lacks. Idempotent: a package already present is not touched, and
# apt is not called at all when nothing is missing.
set -euo pipefail

packages=(
    build-essential cmake pkg-config clang-format
    libxml2-dev libhpdf-dev libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
    fonts-dejavu-core fonts-dejavu-extra icc-profiles-free
    libxml2-utils poppler-utils qpdf python3 time man-db groff-base git
    # PDF/A validation in the tests: Apache PDFBox Preflight and what it loads.
    libpdfbox2-java libfontbox2-java libcommons-logging-java libactivation-java libjaxb-api-java
)
# A Java runtime for Preflight, unless one is already on the PATH.
if ! command -v java >/dev/null 2>&1; then
    packages+=(default-jre-headless)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
