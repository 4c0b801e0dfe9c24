#!/usr/bin/env python3
"""Checks every sample PDF against the standards it claims.

    pdf_standards.py build RELAZIONE DIR   renders every sample (samples/*) and
                                           the renderer's test documents
                                           (tests/pdf/*.md) into DIR
    pdf_standards.py preflight DIR         Apache PDFBox Preflight: each PDF
                                           a valid PDF/A-1b file
    pdf_standards.py tagged DIR            Tagged PDF: pdfinfo says Tagged,
                                           /Lang it-IT, /MarkInfo, every Figure
                                           has /Alt, every drawing inside an
                                           artifact or a marked-content
                                           sequence whose MCID the ParentTree
                                           gives to a structure element that
                                           lists it; and, on every page of
                                           every PDF, the headings and header
                                           cells of the structure, their text
                                           read from the marked content each
                                           lists (through the fonts'
                                           ToUnicode), as in the Markdown
    pdf_standards.py structure DIR         pdfinfo -struct-text: the headings of
                                           the Markdown in order with their
                                           levels, every table's header cells
                                           as TH (documents up to 8 pages:
                                           poppler's reading is quadratic; the
                                           tagged check reads them all)

The build step is a CTest fixture: the checks share one set of PDFs.
Exit 77 (CTest SKIP) when a tool the check needs is missing; scripts/setup.sh
installs them all.
"""
import base64
import glob
import json
import os
import re
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
        shutil.copy(md, pdf[:-4] + ".md")
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


# ---------------------------------------------------------------- tagged

def load(path):
    """The objects of a PDF, streams decoded, by qpdf's JSON."""
    r = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                        "--decode-level=generalized", path, "-"],
                       capture_output=True, check=False)
    if r.returncode not in (0, 3):
        sys.exit(f"{path}: qpdf failed: {r.stderr.decode()}")
    return json.loads(r.stdout)["qpdf"][1]


class Pdf:
    def __init__(self, path):
        self.objs = load(path)

    def get(self, v):
        """Follows a reference."""
        if isinstance(v, str) and v.endswith(" R"):
            o = self.objs.get("obj:" + v, {})
            return o.get("value", o.get("stream", {}).get("dict"))
        return v

    def data(self, ref):
        return base64.b64decode(self.objs["obj:" + ref]["stream"]["data"])


TOKEN = re.compile(rb"""\s*(?:(<<|>>|\[|\])|(<[0-9A-Fa-f\s]*>)|(\((?:\\.|[^\\)])*\))"""
                   rb"""|(/[^\s/<>\[\]()]*)|([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'"*]+))""", re.S)
PAINT = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*",
         b"sh", b"Do"}


def marked_content(data):
    """Yields ("PAINT", operator, enclosing sequences, operands) for every
    painting operator, ("MCID", n, enclosing sequences, None) for every
    marked-content sequence with an MCID, and ("FONT", name, stack,
    operands) for every Tf."""
    stack, operands, pos = [], [], 0
    while True:
        m = TOKEN.match(data, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        op = m.group(6)
        if not op:
            operands.append(m.group(0).strip())
            continue
        if op in (b"BDC", b"BMC"):
            tag = operands[0] if operands else b""
            mcid = None
            if b"/MCID" in operands:
                mcid = int(operands[operands.index(b"/MCID") + 1])
                yield "MCID", mcid, list(stack), None
            stack.append((tag, mcid))
        elif op == b"EMC":
            if not stack:
                raise ValueError("EMC without BDC")
            stack.pop()
        elif op in PAINT:
            yield "PAINT", op, list(stack), operands
        elif op == b"Tf" and operands:
            yield "FONT", operands[0], list(stack), operands
        operands = []
    if stack:
        raise ValueError("marked content left open")


def parent_tree(pdf, node, out):
    node = pdf.get(node)
    nums = node.get("/Nums", [])
    for i in range(0, len(nums), 2):
        out[nums[i]] = nums[i + 1]
    for kid in node.get("/Kids", []):
        parent_tree(pdf, kid, out)
    return out


def lists_mcid(pdf, elem_ref, page_ref, mcid):
    elem = pdf.get(elem_ref)
    kids = elem.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    for k in kids:
        if isinstance(k, int) and k == mcid and elem.get("/Pg") == page_ref:
            return True
        k = pdf.get(k)
        if isinstance(k, dict) and k.get("/Type") == "/MCR" and k.get("/MCID") == mcid \
                and k.get("/Pg") == page_ref:
            return True
    return False


def check_tagged(path):
    errors = []
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    if not re.search(r"^Tagged:\s+yes", info, re.M):
        errors.append("pdfinfo does not say Tagged: yes")
    pdf = Pdf(path)
    trailer = pdf.objs["trailer"]["value"]
    cat = pdf.get(trailer["/Root"])
    if cat.get("/Lang") != "u:it-IT":
        errors.append(f"/Lang is {cat.get('/Lang')}, not it-IT")
    if pdf.get(cat.get("/MarkInfo", {})).get("/Marked") is not True:
        errors.append("no /MarkInfo << /Marked true >>")
    if "/StructTreeRoot" not in cat:
        return errors + ["no StructTreeRoot"]
    root = pdf.get(cat["/StructTreeRoot"])
    tree = parent_tree(pdf, root["/ParentTree"], {})
    for ref, o in pdf.objs.items():
        v = o.get("value")
        if isinstance(v, dict) and "/P" in v and v.get("/S") == "/Figure":
            alt = v.get("/Alt", "")
            if len(alt) <= 2 or alt in ("u:", "b:feff"):
                errors.append(f"Figure {ref} without /Alt")
    pages = []
    text = {}
    fonts = Fonts(pdf)

    def walk(node):
        node_v = pdf.get(node)
        if node_v.get("/Type") == "/Pages":
            for kid in node_v["/Kids"]:
                walk(kid)
        else:
            pages.append(node)
    walk(cat["/Pages"])
    for n, page_ref in enumerate(pages, 1):
        page = pdf.get(page_ref)
        contents = page.get("/Contents", [])
        contents = contents if isinstance(contents, list) else [contents]
        data = b"\n".join(pdf.data(c.replace("obj:", "")) for c in contents)
        owners = None
        if "/StructParents" in page:
            owners = pdf.get(tree.get(page["/StructParents"]))
        try:
            font = None
            for kind, what, stack, operands in marked_content(data):
                if kind == "FONT":
                    font = fonts.cmap(page, what)
                    continue
                mcid = next((m for _, m in reversed(stack) if m is not None), None)
                if kind == "PAINT" and what == b"Tj" and mcid is not None:
                    key = (page_ref, mcid)
                    text[key] = text.get(key, "") + decode(operands[0], font)
                if kind == "MCID":
                    if any(m is not None for _, m in stack):
                        errors.append(f"page {n}: MCID {what} nested in another")
                    elif owners is None or what >= len(owners):
                        errors.append(f"page {n}: MCID {what} not in the ParentTree")
                    elif not lists_mcid(pdf, owners[what], page_ref, what):
                        errors.append(f"page {n}: MCID {what}'s element does not list it")
                elif not any(tag == b"/Artifact" or m is not None for tag, m in stack):
                    errors.append(f"page {n}: {what.decode()} outside structure and artifacts")
        except ValueError as e:
            errors.append(f"page {n}: {e}")
    for annot_ref in (a for p in pages for a in pdf.get(p).get("/Annots", [])):
        annot = pdf.get(annot_ref)
        if annot.get("/Subtype") == "/Link":
            owner = tree.get(annot.get("/StructParent"))
            objr = owner and any(isinstance(pdf.get(k), dict) and pdf.get(k).get("/Obj") == annot_ref
                                 for k in pdf.get(owner).get("/K", []))
            if not objr or pdf.get(owner).get("/S") != "/Link":
                errors.append(f"link {annot_ref} not in a Link element by its OBJR")
    md = path[:-4] + ".md"
    if os.path.exists(md):
        heads, ths, toc = structure_of(pdf, root, text)
        errors += compare(heads, ths, *expected(md, toc))
    return errors


class Fonts:
    """The ToUnicode map of each font of a page, read once."""
    def __init__(self, pdf):
        self.pdf, self.maps = pdf, {}

    def cmap(self, page, name):
        ref = self.pdf.get(self.pdf.get(page.get("/Resources", {})).get("/Font", {})).get(
            name.decode())
        if ref not in self.maps:
            font = self.pdf.get(ref) or {}
            tu = font.get("/ToUnicode")
            self.maps[ref] = to_unicode(self.pdf.data(tu)) if tu else {}
        return self.maps[ref]


def to_unicode(data):
    """A ToUnicode CMap's bfchar and bfrange entries: code -> text."""
    m = {}
    hexes = lambda t: [int(h, 16) for h in re.findall(rb"<([0-9A-Fa-f]+)>", t)]
    utf16 = lambda h: bytes.fromhex(h.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            m[int(code, 16)] = utf16(uni)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                      block):
            base = int(dst, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                m[code] = chr(base + k)
    return m


def decode(operand, cmap):
    """The text of a Tj's string (two-byte codes) through the font's map."""
    if operand.startswith(b"<"):
        raw = bytes.fromhex(re.sub(rb"\s", b"", operand[1:-1]).decode())
    else:
        raw = re.sub(rb"\\(.)", rb"\1", operand[1:-1])
    return "".join((cmap or {}).get(int.from_bytes(raw[i:i + 2], "big"), "\ufffd")
                   for i in range(0, len(raw) - 1, 2))


def structure_of(pdf, root, text):
    """The headings (level, text) and header cells of the structure tree, in
    its order, each element's text gathered from the marked content it
    lists; and whether there is a table of contents."""
    heads, ths, toc = [], [], [False]

    def content(ref, page):
        v = pdf.get(ref)
        if isinstance(v, int):
            return text.get((page, v), "")
        if not isinstance(v, dict):
            return ""
        if v.get("/Type") == "/MCR":
            return text.get((v.get("/Pg"), v.get("/MCID")), "")
        if v.get("/Type") == "/OBJR":
            return ""
        kind = v.get("/S", "")
        kids = v.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        t = "".join(content(k, v.get("/Pg", page)) for k in kids)
        flat = re.sub(r"\s+", " ", t).strip()
        if re.fullmatch(r"/H[1-6]", kind):
            heads.append((int(kind[2]), flat))
        elif kind == "/TH":
            ths.append(flat)
        elif kind == "/TOC":
            toc[0] = True
        return t

    # An element is listed once its text is complete, after its kids:
    # document order all the same, as headings and cells hold neither.
    content(root.get("/K"), None)
    return heads, ths, toc[0]


def compare(heads, ths, want_heads, want_ths):
    problems = []
    if heads != want_heads:
        for k, (a, b) in enumerate(zip(heads + [None] * len(want_heads),
                                       want_heads + [None] * len(heads))):
            if a != b:
                problems.append(f"heading {k + 1}: PDF {a}, Markdown {b}")
                break
    if ths != want_ths:
        problems.append(f"TH cells: PDF {ths[:8]}..., Markdown {want_ths[:8]}...")
    if not heads:
        problems.append("no heading in the structure")
    return problems


def tagged(out):
    bad = 0
    for path in pdfs(out):
        errors = check_tagged(path)
        print(f"{path}: {'tagged' if not errors else 'NOT tagged as required'}")
        for e in errors[:20]:
            print("  " + e)
        bad += bool(errors)
    if bad:
        sys.exit(f"{bad} PDF not tagged as required")


# ------------------------------------------------------------- structure

def plain(md):
    """Markdown inline text as the PDF shows it, each run of white space one
    space: the structure's text keeps words apart with a space character
    wherever the layout put a gap or a line break between them."""
    md = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md)
    md = md.replace("**", "").replace("`", "")
    md = re.sub(r"(?<!\w)[*_]|[*_](?!\w)", "", md)
    return re.sub(r"\s+", " ", md).strip()


def expected(md_path, toc):
    heads, ths, fence = [], [], None
    lines = open(md_path, encoding="utf-8").read().split("\n")
    last = 1 if toc else 0
    if toc:
        heads.append((1, "Indice"))
    # The table of a chart's figures right after it is drawn as the chart
    # (its data are the Figure's /Alt), not as a table.
    chart = after_chart = False
    for i, line in enumerate(lines):
        f = re.match(r"^\s{0,3}(```|~~~)(\w*)", line)
        if f:
            if fence == f.group(1):
                fence, after_chart = None, chart
            elif not fence:
                fence, chart = f.group(1), f.group(2) == "chart"
            continue
        if fence:
            continue
        if line.strip() and not line.lstrip().startswith("|"):
            after_chart = False
        h = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$", line)
        if h:
            level = min(len(h.group(1)), last + 1)
            last = level
            heads.append((level, plain(h.group(2))))
        if i and re.match(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$", line) \
                and "|" in lines[i - 1] + line:
            row = lines[i - 1].strip().strip("|")
            if not after_chart:
                ths += [plain(c) for c in re.split(r"(?<!\\)\|", row)]
            after_chart = False
    return heads, ths


def struct_text(path):
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True,
                         text=True).stdout.split("\n")
    elems, cur = [], None
    for line in out:
        m = re.match(r"^(\s*)(\w+)(?: \(\w+\))?:?$", line)
        if m:
            cur = [m.group(2), len(m.group(1)), ""]
            elems.append(cur)
        elif cur is not None:
            t = re.match(r'^\s*"(.*)"$', line)
            if t:
                cur[2] += t.group(1)
    return elems


MAX_STRUCT_PAGES = 8


def check_structure(path):
    """Problems of one PDF's structure against its Markdown; None when the
    PDF is left to the tagged check."""
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    if pages > MAX_STRUCT_PAGES:
        # poppler reads a page's content again for every element's text:
        # minutes on the longer documents. Their structure is walked by the
        # tagged check all the same.
        return None
    elems = struct_text(path)
    toc = any(e[0] == "TOC" for e in elems)
    want_heads, want_ths = expected(path[:-4] + ".md", toc)
    heads = [(int(e[0][1]), re.sub(r"\s+", " ", e[2]).strip()) for e in elems
             if re.fullmatch(r"H[1-6]", e[0])]
    ths = [re.sub(r"\s+", " ", e[2]).strip() for e in elems if e[0] == "TH"]
    return compare(heads, ths, want_heads, want_ths)


def structure(out):
    from concurrent.futures import ThreadPoolExecutor
    paths = [p for p in pdfs(out) if os.path.exists(p[:-4] + ".md")]
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = list(pool.map(check_structure, paths))
    bad = checked = 0
    for path, problems in zip(paths, results):
        if problems is None:
            print(f"{path}: longer than {MAX_STRUCT_PAGES} pages, left to the tagged check")
            continue
        checked += 1
        print(f"{path}: " + ("WRONG" if problems else "headings and TH as in the Markdown"))
        for p in problems:
            print("  " + p)
        bad += bool(problems)
    if not checked:
        sys.exit("no PDF checked")
    if bad:
        sys.exit(f"{bad} PDF whose structure does not follow the Markdown")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kind = sys.argv[1]
    if os.environ.get("RELAZIONE_FRESH_CLONE"):
        # The suite inside tests/fresh_clone.sh: these checks (a minute of
        # work) ran in the outer suite on the same commit.
        print("inside the fresh-clone suite: checked by the outer suite")
        sys.exit(SKIP)
    if kind == "build" and len(sys.argv) == 4:
        build(sys.argv[2], sys.argv[3])
    elif kind == "preflight":
        preflight(sys.argv[2])
    elif kind == "tagged":
        tagged(sys.argv[2])
    elif kind == "structure":
        structure(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
