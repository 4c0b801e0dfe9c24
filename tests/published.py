#!/usr/bin/env python3
"""published.py DIR CHECK — what a citizen gets, measured on the documents
every sample yields (DIR: one subfolder per sample, written by
`relazione build`, PDFs included).

Checks (each a CTest test):
  text     no published document (Markdown or the PDF's text) holds a file
           name (.xml), an element name (<...>), a note on how the data were
           encoded, «n.d..», or «[da completare]» outside a document marked
           BOZZA;
  glyphs   no word on any page of any PDF is set below 7,5 pt (the height
           of a word's box from `pdftotext -bbox`, over DejaVu Sans's
           ascent + descent, 1,164 em);
  breaks   no page ends with a heading, nor with a table's header row (a
           heading keeps two lines or a table's header and first row with
           it);
  cover    every PDF's Title holds the body's name and the year, and so does
           its first page;
  charts   every chart of the Markdown has data and is followed by the
           table of its figures.

The validation document is left out (its content is the evaluation
body's, checked by its own tests), and so are the working papers, which
are not published.
"""
import os
import re
import subprocess
import sys

FLOOR = 7.5
EM_BOX = 1.164  # DejaVu Sans: ascent 0.928 + descent 0.236


def documents(root):
    for sample in sorted(os.listdir(root)):
        d = os.path.join(root, sample)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.startswith("validazione") or f.startswith("carte-di-lavoro"):
                continue
            if f.endswith(".md") or f.endswith(".pdf"):
                yield sample, os.path.join(d, f)


def extracted(path, suffix, args):
    """pdftotext's output, read from the file published_build.sh left
    beside the PDF when there is one."""
    if os.path.exists(path + suffix):
        return open(path + suffix, encoding="utf-8").read()
    return subprocess.run(["pdftotext", *args, path, "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_text(path):
    return extracted(path, ".txt", ["-layout"])


def bbox_pages(path):
    """[(width, height, [(xmin, ymin, xmax, ymax, word)])] per page."""
    html = extracted(path, ".bbox.html", ["-bbox"])
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="([\d.]+)">(.*?)</word>', m.group(3))]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


FORBIDDEN = [
    (re.compile(r"\w\.xml\b"), "a file name"),
    (re.compile(r"<[a-z][a-z0-9-]*>"), "an element name"),
    (re.compile(r"ricavata dal documento"), "a note on how the data were encoded"),
    (re.compile(r"n\.d\.\."), "«n.d..»"),
]


def check_text(root):
    bad = []
    for sample, path in documents(root):
        text = pdf_text(path) if path.endswith(".pdf") else open(path, encoding="utf-8").read()
        if path.endswith(".md"):
            text = text.replace("\\<", "<")
        for rx, what in FORBIDDEN:
            m = rx.search(text)
            if m:
                bad.append(f"{path}: {what}: …{text[max(0, m.start() - 40):m.end() + 20]}…")
        if "[da completare]" in text.replace("\\[", "[").replace("\\]", "]") and "BOZZA" not in text:
            bad.append(f"{path}: «[da completare]» in a document not marked BOZZA")
    return bad


def check_glyphs(root):
    bad = []
    for sample, path in documents(root):
        if not path.endswith(".pdf"):
            continue
        for n, (w, h, words) in enumerate(bbox_pages(path), 1):
            if not words:
                continue
            small = min(words, key=lambda x: x[3] - x[1])
            size = (small[3] - small[1]) / EM_BOX
            if size < FLOOR - 0.05:
                bad.append(f"{path} p.{n}: «{small[4]}» set at {size:.2f} pt")
    return bad


def md_plain(s):
    s = re.sub(r"\\(.)", r"\1", s)
    s = s.replace("**", "").replace("*", "").replace("`", "")
    return " ".join(s.split())


def md_blocks(md):
    """The headings' texts and the tables' header rows (as word lists)."""
    headings, headers = [], []
    lines = md.split("\n")
    fence = False
    for i, line in enumerate(lines):
        if line.startswith("```") or line.startswith("~~~"):
            fence = not fence
            continue
        if fence:
            continue
        m = re.match(r"#{1,6} (.*)", line)
        if m:
            headings.append(md_plain(m.group(1)))
        if line.startswith("|") and i + 1 < len(lines) and re.fullmatch(r"[|:\- ]+", lines[i + 1]) \
                and "-" in lines[i + 1]:
            cells = [md_plain(c) for c in line.strip().strip("|").split("|")]
            headers.append(" ".join(c for c in cells if c))
    return headings, headers


def page_lines(words, height):
    """The lines of a page's body (running header and footer left out),
    top to bottom, as (y, text, type size) in reading order."""
    body = [w for w in words if w[1] > 60 and w[3] < height - 50]
    rows = {}
    for x0, y0, x1, y1, t in body:
        key = round(y1)
        rows.setdefault(key, []).append((x0, t, (y1 - y0) / EM_BOX))
    return [(y, " ".join(t for _, t, _ in sorted(ws)), max(z for _, _, z in ws))
            for y, ws in sorted(rows.items())]


def check_breaks(root):
    bad = []
    for sample, path in documents(root):
        if not path.endswith(".pdf"):
            continue
        md = open(path[:-4] + ".md", encoding="utf-8").read()
        headings, headers = md_blocks(md)
        pages = bbox_pages(path)
        for n, (w, h, words) in enumerate(pages, 1):
            if n == len(pages):
                continue
            lines = page_lines(words, h)
            if not lines:
                continue
            last, size = lines[-1][1], lines[-1][2]
            # Headings are set at 10 pt or more, tables at 8 pt or less.
            if size >= 9.9 and any(hd.endswith(last) and len(last) > 3 for hd in headings):
                bad.append(f"{path} p.{n}: ends with the heading «{last}»")
                continue
            # A table header that wraps ends the page when the page's last
            # lines hold only its words.
            lw = last.split()
            for hdr in headers:
                hw = hdr.split()
                if len(lw) >= 2 and set(lw) <= set(hw) and len(set(lw)) >= min(3, len(set(hw))):
                    bad.append(f"{path} p.{n}: ends with the header row «{last}»")
                    break
    return bad


def pdf_info(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Title:\s*(.*)$", out, re.M)
    return m.group(1) if m else ""


def check_cover(root):
    bad = []
    for sample, path in documents(root):
        if not path.endswith(".pdf"):
            continue
        md = open(path[:-4] + ".md", encoding="utf-8").read()
        year = re.search(r"\b(20\d\d)\b", md).group(1)
        body = re.search(r"(Camera di Commercio[^.*\n]*?)(?:[.*\n]|$)", md)
        body = " ".join(body.group(1).split()) if body else None
        title = pdf_info(path)
        first = " ".join(pdf_text(path).split("\f")[0].split())
        for what, text in (("Title", title), ("first page", first)):
            if year not in text:
                bad.append(f"{path}: {what} «{text[:80]}» lacks the year {year}")
            if body and body not in text:
                bad.append(f"{path}: {what} «{text[:80]}» lacks the body «{body}»")
    return bad


def check_charts(root):
    bad = []
    for sample, path in documents(root):
        if not path.endswith(".md"):
            continue
        md = open(path, encoding="utf-8").read()
        for m in re.finditer(r"```chart\n(.*?)```\n", md, re.S):
            data = [l for l in m.group(1).split("\n") if "|" in l]
            if not data:
                bad.append(f"{path}: a chart without data")
                continue
            after = md[m.end():].lstrip("\n").split("\n")
            rows = []
            for l in after[2:]:
                if not l.startswith("|"):
                    break
                rows.append(l)
            if len(rows) != len(data):
                bad.append(f"{path}: chart of {len(data)} bars followed by {len(rows)} table rows")
    return bad


CHECKS = {"text": check_text, "glyphs": check_glyphs, "breaks": check_breaks,
          "cover": check_cover, "charts": check_charts}

if __name__ == "__main__":
    root, which = sys.argv[1], sys.argv[2]
    problems = CHECKS[which](root)
    for p in problems[:40]:
        print(p)
    if len(problems) > 40:
        print(f"… and {len(problems) - 40} more")
    sys.exit(1 if problems else 0)
