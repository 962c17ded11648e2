#!/usr/bin/python3
"""Makes larger disclosures from the sample for the scaling benchmark: the
block of 24 project performance tables (caption "1.…绩效目标表" to the end of
table 24) is repeated k times, numbered on, so a document has 24*k project
tables with everything else unchanged.

usage: gen_scaled.py SAMPLE.docx K OUT.docx
"""
import re
import sys
import zipfile


def main():
    src, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    cap = '<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>'
    starts = [m.start() for m in re.finditer(re.escape(cap) + r"\d+\.", doc)]
    if len(starts) < 24:
        sys.exit("gen_scaled: the sample's 24 project captions were not found")
    first = starts[0]
    last = doc.index("</w:tbl>", starts[-1]) + len("</w:tbl>")
    block = doc[first:last]
    copies = []
    for i in range(k):
        # number on: "N." in captions and "N、" in TC entries
        def renum(m):
            return m.group(1) + str(int(m.group(2)) + 24 * i) + m.group(3)
        b = re.sub(r"(<w:t>)(\d+)(\.)", renum, block)
        b = re.sub(r"( TC )(\d+)(、)", renum, b)
        copies.append(b)
    doc = doc[:first] + "".join(copies) + doc[last:]
    parts["word/document.xml"] = doc.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


if __name__ == "__main__":
    main()
