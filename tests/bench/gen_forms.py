#!/usr/bin/python3
"""The other two input forms of a large document, for the scaling benchmark.

usage: gen_forms.py flat IN.docx OUT.xml
           the .docx as one Flat OPC XML (pkg:package), every XML part inline
       gen_forms.py word2003 IN.xml K OUT.xml
           a Word 2003 XML document whose body (all but its final w:sectPr)
           stands K times inside one wx:sect
"""
import re
import sys
import zipfile


def flat(src, out):
    z = zipfile.ZipFile(src)
    ct = z.read("[Content_Types].xml").decode("utf-8")
    defaults = dict(re.findall(r'<Default Extension="([^"]+)" ContentType="([^"]+)"', ct))
    overrides = {k.lstrip("/"): v for k, v in
                 re.findall(r'<Override PartName="([^"]+)" ContentType="([^"]+)"', ct)}
    parts = []
    for n in z.namelist():
        if n == "[Content_Types].xml" or n.endswith("/") or not n.endswith((".xml", ".rels")):
            continue
        ctype = overrides.get(n) or defaults.get(n.rsplit(".", 1)[-1], "application/xml")
        x = re.sub(r"^\s*<\?xml[^>]*\?>", "", z.read(n).decode("utf-8"))
        parts.append('<pkg:part pkg:name="/%s" pkg:contentType="%s"><pkg:xmlData>%s'
                     "</pkg:xmlData></pkg:part>" % (n, ctype, x))
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" standalone="yes"?>\n<?mso-application '
                'progid="Word.Document"?>\n<pkg:package '
                'xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">')
        f.write("".join(parts))
        f.write("</pkg:package>")


def word2003(src, k, out):
    s = open(src, encoding="utf-8").read()
    b = s.index("<w:body>") + len("<w:body>")
    e = s.rindex("<w:sectPr")
    if 'xmlns:wx="' not in s[:b]:
        sys.exit("gen_forms: the document does not declare the wx namespace")
    with open(out, "w", encoding="utf-8") as f:
        f.write(s[:b] + "<wx:sect>" + s[b:e] * k + "</wx:sect>" + s[e:])


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "flat":
        flat(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "word2003":
        word2003(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
