"""Bad-input suite: every hostile or broken input gets its documented error
class (exit code and a one-line `FILE: reason`), or correct output, within
bounded time and memory, and leaves no output file behind.

Run by tests/run-e2e with Debian's python3; needs DISCLOSURE_BIN.
"""
import io
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

BIN = os.environ["DISCLOSURE_BIN"]
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
# Peak memory allowed for any bad input (KiB, as /usr/bin/time reports it).
MAX_RSS_KB = 64 * 1024
# Under AddressSanitizer (make asan) shadow memory and quarantine multiply the
# footprint; the limits scale with it.
RSS_FACTOR = 8 if "ASAN_OPTIONS" in os.environ else 1
failures = []

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="rels" ContentType="application/'
      'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
      'ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def doc_xml(body):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body>'
            '</w:document>' % (W, body))


def docx(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def good_docx(body='<w:p><w:r><w:t>正文</w:t></w:r></w:p>'):
    return docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                 ("word/document.xml", doc_xml(body))])


def zip_bomb(size, declared=None):
    """A package whose word/document.xml inflates to `size` zero bytes (about
    1 MB compressed per GB).  With `declared`, the zip directory lies about the
    uncompressed size."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(size >> 20)) + comp.flush()
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(chunk, crc)
    entries = []   # (name, crc, compressed bytes, uncompressed size)
    for n, d in (("[Content_Types].xml", CT.encode()), ("_rels/.rels", RELS.encode())):
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((n.encode(), zlib.crc32(d), c.compress(d) + c.flush(), len(d)))
    entries.append((b"word/document.xml", crc, data, declared if declared is not None else size))
    blob, cdir = b"", b""
    for name, c, cd, us in entries:
        off = len(blob)
        blob += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0, c, len(cd), us,
                            len(name), 0) + name + cd
        cdir += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0, 0, c, len(cd), us,
                            len(name), 0, 0, 0, 0, 0, off) + name
    end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(entries), len(entries), len(cdir),
                      len(blob), 0)
    return blob + cdir + end


def run(args, timeout=20):
    """Runs the binary under /usr/bin/time; returns (exit, stderr, seconds, peak KiB)."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M"] + args, capture_output=True,
                       timeout=timeout)
    secs = time.monotonic() - t0
    err = p.stderr.decode("utf-8", "replace")
    rss = 0
    lines = []
    for line in err.splitlines():
        if line.startswith("MAXRSS "):
            rss = int(line.split()[1])
        elif not line.startswith("Command exited with non-zero status"):
            lines.append(line)
    return p.returncode, lines, secs, rss, p.stdout


def case(name, data, want_exit, want_words=(), max_secs=5.0, suffix=".docx",
         max_rss=MAX_RSS_KB, forbid_in_output=None):
    tmp = tempfile.mkdtemp(prefix="dc-bad-")
    try:
        path = os.path.join(tmp, "input" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        out = os.path.join(tmp, "out")
        # inspect: exit code, one-line message naming the file
        code, lines, secs, rss, stdout = run([BIN, "inspect", path, "--json"])
        problems = []
        if code != want_exit:
            problems.append("exit %d, want %d (%s)" % (code, want_exit, " | ".join(lines)))
        if want_exit != 0:
            if len(lines) != 1 or not lines[0].startswith(path + ": "):
                problems.append("want one line 'FILE: reason', got %r" % lines)
            for w in want_words:
                if lines and w.lower() not in lines[0].lower():
                    problems.append("message lacks %r: %r" % (w, lines[0] if lines else ""))
        if secs > max_secs:
            problems.append("took %.1f s (limit %.1f)" % (secs, max_secs))
        if rss > max_rss * RSS_FACTOR:
            problems.append("peak memory %d KiB (limit %d)" % (rss, max_rss * RSS_FACTOR))
        if forbid_in_output and forbid_in_output.encode() in stdout:
            problems.append("output contains %r" % forbid_in_output)
        # convert: nothing left behind on failure
        code2, lines2, _, _, _ = run([BIN, "convert", path, "-o", out, "--json"])
        if want_exit != 0:
            left = os.listdir(out) if os.path.isdir(out) else []
            if left:
                problems.append("convert left files behind: %s" % left)
            if code2 != want_exit:
                problems.append("convert exit %d, want %d" % (code2, want_exit))
        if problems:
            failures.append(name)
            print("FAIL %s: %s" % (name, "; ".join(problems)))
        else:
            print("ok   %-28s exit %d  %.2f s  %5d KiB  %s" %
                  (name, code, secs, rss, lines[0][len(path) + 2:] if lines else ""))
    finally:
        shutil.rmtree(tmp)


def main():
    rnd = random.Random(20211)
    case("empty file", b"", 3, ["empty"])
    case("random bytes", bytes(rnd.randrange(256) for _ in range(4096)), 3, ["not a Word"])
    good = good_docx()
    case("truncated zip", good[: len(good) // 2], 3, ["zip"])
    case("zip without main part", docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS)]), 3,
         ["main document"])
    case("zip without package parts", docx([("hello.txt", "hi")]), 3, ["zip"])
    case("zip bomb 1 GiB", zip_bomb(1 << 30), 3, ["limit"], max_secs=1.0, max_rss=16 * 1024)
    case("zip bomb lying header", zip_bomb(1 << 30, declared=4096), 3, ["damaged"], max_secs=1.0,
         max_rss=16 * 1024)
    secret = "/etc/hostname"
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://%s">]>'
           '<w:document %s><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
           % (secret, W))
    hostname = open(secret).read().strip() if os.path.exists(secret) else "unlikely-text"
    case("external entity (docx)", docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                                          ("word/document.xml", xxe)]), 3, ["DTD"],
         forbid_in_output=hostname)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                        for i in range(1, 10))
              + ']><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
              '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:wordDocument>')
    case("billion laughs", laughs.encode(), 3, ["DTD"], suffix=".xml", max_secs=1.0)
    deep = "<w:tbl><w:tr><w:tc>" * 33400 + "</w:tc></w:tr></w:tbl>" * 33400
    case("100,000-deep nesting", ('<?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.'
                                  'microsoft.com/office/word/2003/wordml"><w:body>' + deep +
                                  '</w:body></w:wordDocument>').encode(), 3, ["nested too deeply"],
         suffix=".xml")
    # The same nesting inside a .docx compresses 392:1 and is refused before parsing.
    case("100,000-deep nesting (docx)", docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                                               ("word/document.xml", doc_xml(deep))]), 3,
         ["compression ratio"])
    bad_utf8 = doc_xml('<w:p><w:r><w:t>ok \xff\xfe bad</w:t></w:r></w:p>').encode("latin-1",
                                                                                    "replace")
    case("invalid UTF-8 in text", docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                                         ("word/document.xml", bad_utf8)]), 3, ["UTF-8"])
    png = b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(512))
    case("PNG named .docx", png, 3, ["PNG"])
    ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    case("OLE compound file", ole, 3, [".docx"], suffix=".doc")
    evil = docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                 ("../../evil.xml", "<x/>"), ("word/document.xml", doc_xml(
                     '<w:p><w:r><w:t>正文</w:t></w:r></w:p>'))])
    case("zip entry named ../", evil, 0)
    w2003_bad = ('<?xml version="1.0"?>\n<w:wordDocument xmlns:w="http://schemas.microsoft.com/'
                 'office/word/2003/wordml">\n<w:body>\n<w:p><w:r><w:t>x</w:r></w:p>\n'
                 '</w:body></w:wordDocument>')
    case("non-well-formed Word 2003", w2003_bad.encode(), 3, ["line 4"], suffix=".doc")
    # A huge but valid document: 200,000 paragraphs (~25 MB of XML).
    body = "".join('<w:p><w:r><w:t>第%d段，预算金额3586.14万元。</w:t></w:r></w:p>' % i
                   for i in range(200000))
    huge = docx([("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                 ("word/document.xml", doc_xml(body))])
    case("huge valid document", huge, 0, max_secs=20.0, max_rss=1024 * 1024)
    # An output that would overwrite the input is refused; the input survives.
    tmp = tempfile.mkdtemp(prefix="dc-bad-")
    try:
        src = os.path.join(tmp, "report.json")      # a .docx under a .json name
        with open(src, "wb") as f:
            f.write(good)
        code, lines, _, _, _ = run([BIN, "convert", src, "-o", tmp, "--json"])
        with open(src, "rb") as f:
            intact = f.read() == good
        if code != 2 or not intact or len(lines) != 1 or "overwrite" not in lines[0]:
            failures.append("output = input")
            print("FAIL output = input: exit %d, intact %s, %r" % (code, intact, lines))
        else:
            print("ok   output = input refused      exit %d  %s" % (code, lines[0]))
    finally:
        shutil.rmtree(tmp)
    print("bad inputs: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
