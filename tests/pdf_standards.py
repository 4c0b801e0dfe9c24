#!/usr/bin/env python3
"""Checks every sample PDF against the standards it claims.

    pdf_standards.py build RELAZIONE DIR   renders every sample (samples/*) and
                                           the renderer's test documents
                                           (tests/pdf/*.md) into DIR
    pdf_standards.py preflight DIR         Apache PDFBox Preflight: each PDF
                                           a valid PDF/A-1b file

The build step is a CTest fixture: the checks share one set of PDFs.
Exit 77 (CTest SKIP) when a tool the check needs is missing; scripts/setup.sh
installs them all.
"""
import glob
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SKIP = 77
JARS = ["preflight", "pdfbox2", "fontbox2", "commons-logging", "xmpbox",
        "javax.activation", "jaxb-api"]


def pdfs(out):
    found = sorted(glob.glob(os.path.join(out, "*", "*.pdf")))
    if not found:
        sys.exit(f"no PDF in {out}: the build fixture did not run")
    return found


def build(binary, out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1590624000")
    for sample in sorted(glob.glob("samples/*/")):
        name = os.path.basename(os.path.normpath(sample))
        # A sample's own findings may make the build exit non-zero; the
        # documents are written all the same, and checked below.
        subprocess.run([binary, "build", sample, "-o", os.path.join(out, name)],
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.makedirs(os.path.join(out, "tests"))
    for md in sorted(glob.glob("tests/pdf/*.md")):
        pdf = os.path.join(out, "tests", os.path.basename(md)[:-3] + ".pdf")
        subprocess.run([binary, "render", md, "-o", pdf], env=env, check=True)
    n = len(pdfs(out))
    print(f"{n} PDF in {out}")


def preflight(out):
    java = shutil.which("java")
    jars = [f"/usr/share/java/{j}.jar" for j in JARS]
    missing = [j for j in jars if not os.path.exists(j)]
    if not java or missing:
        print("Preflight non disponibile (java o " + ", ".join(missing) +
              "): eseguire scripts/setup.sh")
        sys.exit(SKIP)
    files = pdfs(out)
    listing = os.path.join(out, "preflight.txt")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(os.path.abspath(p) for p in files) + "\n")
    report = listing + ".preflight.xml"
    if os.path.exists(report):
        os.remove(report)
    # One Java process for every file ("group" mode): the JVM starts once.
    subprocess.run([java, "-cp", ":".join(jars),
                    "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", listing],
                   check=True, stdout=subprocess.DEVNULL)
    root = ET.parse(report).getroot()
    results = root.findall("preflight")
    if len(results) != len(files):
        sys.exit(f"Preflight reported {len(results)} files of {len(files)}")
    bad = 0
    for path, res in zip(files, results):
        valid = res.find("isValid")
        if valid is None or valid.text != "true" or valid.get("type") != "PDF/A1-b":
            bad += 1
            print(f"{path}: not a valid PDF/A-1b file")
            for err in res.iter("error"):
                print(f"  {err.findtext('code')}: {err.findtext('details')}")
        else:
            print(f"{path}: PDF/A-1b valid")
    if bad:
        sys.exit(f"{bad} of {len(files)} PDF rejected by Preflight")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kind = sys.argv[1]
    if kind == "build" and len(sys.argv) == 4:
        build(sys.argv[2], sys.argv[3])
    elif kind == "preflight":
        preflight(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
