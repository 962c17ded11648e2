#!/usr/bin/python3
"""Reader agreement over ../shared/external: our `inspect --text` against two
independent readers, pandoc (`pandoc -f docx -t json`: the text of every block
and table cell) and LibreOffice (`soffice --headless --convert-to txt`).

For each file the score is the share of characters that agree, whitespace
ignored: matched / max(len(ours), len(reference)), with `matched` the size of
the matching blocks difflib finds (close to the longest common subsequence).
A file passes at 98% against the better of the two readers.  Prints the share
of passing files and the worst ones, with a third, adjudicating measure: how
much of our text LibreOffice's rendered PDF holds (text boxes, notes, list
labels and equations are on the page even where the txt export and pandoc drop
them).  Exits 1 only when our reader crashed or failed on a file.

usage: external.py [--bin build/disclosure] [--shared ../shared] [--cache DIR] [--worst N]
"""
import argparse
import difflib
import hashlib
import json
import os
import subprocess
import sys
import tempfile


def S_key(path):
    """A stable cache key for a path (Python's hash() changes every run)."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def strip_ws(s):
    return "".join(s.replace("\ufeff", "").split())


def pandoc_text(path):
    """Text of every Str in pandoc's AST, in document order (notes inline)."""
    out = subprocess.run(["pandoc", "-f", "docx", "-t", "json", path],
                         capture_output=True, timeout=120)
    if out.returncode != 0:
        return None
    doc = json.loads(out.stdout)
    parts = []
    notes = []   # like pandoc's own text writers, notes follow the body

    def walk(x):
        if isinstance(x, dict):
            t = x.get("t")
            if t == "Note":
                notes.append(x["c"])
                return
            if t == "Str":
                parts.append(x["c"])
                return
            if t in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
                return
            if t in ("Code", "Math", "RawInline"):
                c = x.get("c")
                if isinstance(c, list) and c and isinstance(c[-1], str):
                    parts.append(c[-1])
                return
            if "c" in x:
                walk(x["c"])
        elif isinstance(x, list):
            for y in x:
                walk(y)

    walk(doc.get("blocks", []))
    while notes:
        walk(notes.pop(0))
    return "".join(parts)


def libreoffice_texts(paths, outdir, fmt="txt:Text (encoded):UTF8", ext=".txt"):
    """Converts files with one soffice run per source folder; returns the
    text of each (for PDF, via pdftotext)."""
    by_dir = {}
    for p in paths:
        by_dir.setdefault(os.path.dirname(p), []).append(p)
    result = {}
    for d, files in sorted(by_dir.items()):
        od = os.path.join(outdir, S_key(d))
        os.makedirs(od, exist_ok=True)
        def out_of(f):
            return os.path.join(od, os.path.splitext(os.path.basename(f))[0] + ext)
        todo = [f for f in files if not os.path.exists(out_of(f))]
        if todo:
            profile = tempfile.mkdtemp(prefix="lo-profile-")
            subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                            "--convert-to", fmt, "--outdir", od] + todo,
                           capture_output=True, timeout=3600)
        for f in files:
            t = out_of(f)
            if not os.path.exists(t):
                result[f] = None
            elif ext == ".pdf":
                r = subprocess.run(["pdftotext", "-q", t, "-"], capture_output=True, timeout=120)
                result[f] = r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None
            else:
                with open(t, encoding="utf-8", errors="replace") as fh:
                    result[f] = fh.read()
    return result


def agreement(a, b):
    a, b = strip_ws(a), strip_ws(b)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(m.size for m in sm.get_matching_blocks())
    return matched / max(len(a), len(b))


def covered(ours, page_text):
    """Share of our characters found in order in the rendered page text
    (which also holds headers, footers and page numbers)."""
    a, b = strip_ws(ours), strip_ws(page_text)
    if not a:
        return 1.0 if not b else 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / len(a)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/disclosure")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--cache", default="build/external")
    ap.add_argument("--worst", type=int, default=25)
    ap.add_argument("--threshold", type=float, default=0.98)
    args = ap.parse_args()

    ext = os.path.join(args.shared, "external")
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(ext) for f in fs if f.endswith(".docx"))
    if not files:
        print("external: no files under", ext)
        return 1
    os.makedirs(args.cache, exist_ok=True)
    lo = libreoffice_texts(files, os.path.join(args.cache, "lo"))
    # The page as LibreOffice renders it (PDF, then pdftotext): not one of the
    # two readers of the measure, but it shows text boxes, notes, list labels
    # and equations, so it tells which reader is right where they disagree.
    rendered = libreoffice_texts(files, os.path.join(args.cache, "lo-pdf"), "pdf", ".pdf")
    rows = []
    crashes = 0
    for f in files:
        r = subprocess.run([args.bin, "inspect", f, "--text"], capture_output=True, timeout=60)
        if r.returncode < 0 or r.returncode >= 4:
            crashes += 1
        ours = r.stdout.decode("utf-8", "replace") if r.returncode == 0 else ""
        pc = os.path.join(args.cache, "pandoc", S_key(f) + ".txt")
        if os.path.exists(pc):
            with open(pc, encoding="utf-8") as fh:
                pd = fh.read()
            pd = None if pd == "\0" else pd
        else:
            pd = pandoc_text(f)
            os.makedirs(os.path.dirname(pc), exist_ok=True)
            with open(pc, "w", encoding="utf-8") as fh:
                fh.write(pd if pd is not None else "\0")
        s_pd = agreement(ours, pd) if pd is not None else None
        s_lo = agreement(ours, lo[f]) if lo.get(f) is not None else None
        best = max([s for s in (s_pd, s_lo) if s is not None], default=None)
        s_pdf = covered(ours, rendered[f]) if rendered.get(f) is not None else None
        if r.returncode != 0:
            best = 0.0 if best is not None else None
        rows.append((f, r.returncode, s_pd, s_lo, best, len(strip_ws(ours)), s_pdf))

    scored = [r for r in rows if r[4] is not None]
    passing = [r for r in scored if r[4] >= args.threshold]
    share = len(passing) / len(scored) if scored else 0.0
    print("external: %d files, %d scored (a reference reader could read them), %d crashes"
          % (len(rows), len(scored), crashes))
    print("external: %.1f%% of scored files agree on >= %.0f%% of characters with the better "
          "reader" % (100 * share, 100 * args.threshold))
    below = [r for r in scored if r[4] < args.threshold]
    confirmed = [r for r in below if r[6] is not None and r[6] >= args.threshold]
    print("external: of the %d files below, %d have all our text on LibreOffice's rendered "
          "pages (PDF) in order: the txt/pandoc readers dropped text that is on the page"
          % (len(below), len(confirmed)))
    print("worst files (ours vs pandoc / LibreOffice txt; 'page' = share of our text found on "
          "LibreOffice's rendered PDF; whitespace ignored):")
    fmt = lambda s: "  -  " if s is None else "%5.1f" % (100 * s)
    for f, rc, a, b, best, n, pdf in sorted(scored, key=lambda r: r[4])[:args.worst]:
        print("  %s  pandoc %s%%  LO %s%%  page %s%%  ours %d chars%s  %s" %
              (fmt(best), fmt(a), fmt(b), fmt(pdf), n, "" if rc == 0 else " (exit %d)" % rc,
               os.path.relpath(f, ext)))
    unscored = [r for r in rows if r[4] is None]
    for f, rc, *_ in unscored:
        print("  unscored (no reference reader read it): exit %d %s" % (rc, os.path.relpath(f, ext)))
    print("external: target (95%% of files at >= 98%%) %s" % ("met" if share >= 0.95 else "NOT met"))
    return 0 if crashes == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
