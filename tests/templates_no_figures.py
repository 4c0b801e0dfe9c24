#!/usr/bin/env python3
"""Fails when a template prints a figure of its own: every number in a
document must come from the data. Comments ({{! ... }}), Mustache tags,
chapter numbers at the start of headings ("# 3.", "## 5.1") and the list
marker of a numbered list ("1. "), names of documents ("Allegato 1"),
cross-references ("capitolo 3") and the legal references of the
attestation are not figures; anything else with a digit is reported with
file and line."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "templates")
NOT_FIGURES = [
    r"Allegato [12]\b",
    r"capitolo [0-9]\b",
    r"art\. [0-9]+",
    r"comma [0-9]+",
    r"decreto legislativo 27 ottobre 2009, n\. 150",
    r"decreto legislativo 14 marzo 2013, n\. 33",
]
bad = 0
for path in sorted(root.glob("*.mustache")):
    text = path.read_text(encoding="utf-8")
    # Blank out comments but keep line numbers.
    text = re.sub(r"\{\{!.*?\}\}", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for no, line in enumerate(text.split("\n"), 1):
        line = re.sub(r"\{\{\{?.*?\}?\}\}", "", line)
        line = re.sub(r"^#{1,6} [0-9]+(\.[0-9]+)*\.? ", "# ", line)
        line = re.sub(r"^\s*1\. ", "", line)
        line = re.sub(r"^\s*1\.-?\s*$", "", line)
        for pattern in NOT_FIGURES:
            line = re.sub(pattern, "", line)
        if re.search(r"[0-9]", line):
            print(f"{path}:{no}: cifra scritta nel modello: {line.strip()}")
            bad += 1
sys.exit(1 if bad else 0)
