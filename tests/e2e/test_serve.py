"""`disclosure serve`: the API against the CLI's own answers, the errors,
hostile uploads, load, memory, slow clients, shutdown.  Loopback only; every
loop is bounded in count and time.

Run by tests/run-e2e with Debian's python3; needs DISCLOSURE_BIN.
"""
import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_util as su  # noqa: E402
import test_bad_inputs as bad  # noqa: E402  (its generators; its main() is not run)

failures = []


def check(name, ok, detail=""):
    print("%s %s%s" % ("ok  " if ok else "FAIL", name, (": %s" % (detail,)) if detail and not ok else ""))
    if not ok:
        failures.append(name)


def leftovers(srv, secs=3):
    """The server's private directory less downloads/, once the last answers'
    connections have closed (bounded wait)."""
    end = time.monotonic() + secs
    while True:
        left = sorted(n for n in os.listdir(srv.work_dir()) if n != "downloads")
        if not left or time.monotonic() > end:
            return left
        time.sleep(0.1)


def sample():
    with open(su.SAMPLE, "rb") as f:
        return f.read()


def api_and_errors():
    srv = su.Server("-j", "2", "--max-upload", "2", token="s3cret-token")
    try:
        doc = sample()
        st, h, body = srv.request("GET", "/health", auth=False)
        health = json.loads(body)
        check("health", st == 200 and health["status"] == "up" and health["version"],
              repr(body))

        # /api/check = check --json with the uploaded name as "file"
        want = su.cli_check(su.SAMPLE)
        st, h, body = srv.post_files("/api/check", [("预算.docx", doc)])
        got = json.loads(body) if st == 200 else None
        want[0]["file"] = "预算.docx"
        check("check equals the CLI's check --json", st == 200 and got == want,
              "%d %r" % (st, body[:200]))
        flat = open(os.path.join(su.DATA, "yongqing-eco-2021.flat.xml"), "rb").read()
        st, h, body = srv.post_files("/api/check", [("yongqing-eco-2021.docx", doc),
                                                    ("yongqing-eco-2021.flat.xml", flat)])
        check("check: the very bytes of check --json", st == 200 and body ==
              su.cli_check_bytes("yongqing-eco-2021.docx", "yongqing-eco-2021.flat.xml"),
              body[:100])
        check("check finds the sample's facts", got and got[0]["department"] ==
              "廊坊市生态环境局永清县分局" and got[0]["year"] == 2021)

        # /api/convert: one output -> that file, bytes equal to the CLI's
        cli = su.cli_outputs(su.SAMPLE)
        cli.update({k: v for k, v in su.cli_outputs(su.SAMPLE, "--json").items()})
        st, h, body = srv.post_files("/api/convert", [("yongqing-eco-2021.docx", doc)],
                                     [("outputs", "pdf")])
        check("convert pdf: 200 application/pdf", st == 200 and h["content-type"] ==
              "application/pdf", "%d %r" % (st, h))
        check("convert pdf: bytes equal the CLI's", body == cli["pdf"])
        check("convert pdf: Content-Disposition",
              "filename*=UTF-8''yongqing-eco-2021.pdf" in h.get("content-disposition", ""),
              h.get("content-disposition"))
        st, h, body = srv.post_files("/api/convert", [("预算 2021.docx", doc)],
                                     [("outputs", "xlsx")])
        check("convert xlsx: bytes equal the CLI's", st == 200 and body == cli["xlsx"])
        cd = h.get("content-disposition", "")
        check("convert: UTF-8 file name in Content-Disposition",
              "filename*=UTF-8''" + urllib.parse.quote("预算 2021.xlsx", safe="") in cd, cd)
        st, h, body = srv.post_files("/api/convert", [("yongqing-eco-2021.docx", doc)],
                                     [("outputs", "json")])
        check("convert json: bytes equal the CLI's --json", st == 200 and body == cli["json"])

        # a client's file name is reduced to a plain name
        st, h, body = srv.post_files("/api/convert", [("../../etc/预算%.docx", doc)],
                                     [("outputs", "json")])
        cd = h.get("content-disposition", "")
        check("a path in the file name is dropped", st == 200 and
              cd.endswith("filename*=UTF-8''%E9%A2%84%E7%AE%97%25.json") and
              'filename="download.json"' in cd and
              json.loads(body)["document"] == "预算%", cd)
        long_name = "预" * 300 + ".docx"
        st, h, body = srv.post_files("/api/check", [(long_name, doc)])
        name = json.loads(body)[0]["file"] if st == 200 else ""
        check("a long file name is cut on a character boundary", st == 200 and
              name == "预" * 66, repr(name[:20]))

        # default outputs -> a ZIP of xlsx + pdf + findings.json, deterministic
        st, h, z1 = srv.post_files("/api/convert", [("yongqing-eco-2021.docx", doc)])
        st2, _, z2 = srv.post_files("/api/convert", [("yongqing-eco-2021.docx", doc)])
        check("convert default: a zip", st == 200 and h["content-type"] == "application/zip")
        check("convert zip: the same bytes twice", st2 == 200 and z1 == z2)
        zf = zipfile.ZipFile(io.BytesIO(z1))
        check("convert zip: entries", zf.namelist() ==
              ["yongqing-eco-2021.xlsx", "yongqing-eco-2021.pdf", "findings.json"], zf.namelist())
        check("convert zip: outputs equal the CLI's",
              zf.read("yongqing-eco-2021.xlsx") == cli["xlsx"] and
              zf.read("yongqing-eco-2021.pdf") == cli["pdf"])
        want[0]["file"] = "yongqing-eco-2021.docx"
        check("convert zip: findings.json = check", json.loads(zf.read("findings.json")) == want)

        # several files -> one zip; the same name twice stays apart
        st, h, z = srv.post_files("/api/convert", [("a.docx", doc), ("a.xml", flat)],
                                  [("outputs", "pdf")])
        names = zipfile.ZipFile(io.BytesIO(z)).namelist() if st == 200 else []
        check("convert two files with one stem", names == ["a.pdf", "a~2.pdf", "findings.json"],
              "%d %r" % (st, names))
        # ... and names one file apart only in case (one file once unpacked on Windows)
        st, h, z = srv.post_files("/api/convert", [("A.docx", doc), ("a.xml", flat),
                                                   ("Findings.docx", doc)], [("outputs", "pdf")])
        names = zipfile.ZipFile(io.BytesIO(z)).namelist() if st == 200 else []
        check("convert names apart only in case", names == ["A.pdf", "a~2.pdf", "Findings~2.pdf",
                                                            "findings.json"], "%d %r" % (st, names))

        # pdfa=true equals convert --pdfa
        pdfa = su.cli_outputs(su.SAMPLE, "--pdf", "--pdfa")["pdf"]
        st, h, body = srv.post_files("/api/convert", [("yongqing-eco-2021.docx", doc)],
                                     [("outputs", "pdf"), ("pdfa", "true")])
        check("convert pdfa=true equals convert --pdfa", st == 200 and body == pdfa)

        # errors
        def err(name, resp, status, words=()):
            st, h, body = resp
            try:
                j = json.loads(body)
            except ValueError:
                j = {}
            ok = st == status and "error" in j and all(w in j.get("error", "") for w in words)
            check("%s -> %d" % (name, status), ok, "%d %r" % (st, body[:200]))
            return h, j

        err("no token", srv.post_files("/api/check", [("a.docx", doc)], auth=False), 401)
        err("wrong token", srv.post_files("/api/check", [("a.docx", doc)],
                                          headers={"Authorization": "Bearer nope"}), 401)
        err("no files", srv.post_files("/api/check", [], [("outputs", "pdf")]), 400, ["files"])
        err("not multipart", srv.request("POST", "/api/check", body=b"x=1",
                                         headers={"Content-Type": "text/plain"}), 400)
        err("bad outputs", srv.post_files("/api/convert", [("a.docx", doc)],
                                          [("outputs", "pdf,exe")]), 400, ["outputs"])
        h, j = err("upload over --max-upload", srv.post_files(
            "/api/check", [("big.docx", doc + b"\0" * (3 << 20))]), 413)
        check("413 names the file", j.get("file") == "big.docx", repr(j))
        err("unknown path", srv.request("GET", "/nope"), 404)
        err("GET on /api/check", srv.request("GET", "/api/check"), 405)
        err("unknown download", srv.request("GET", "/d/" + "0" * 32 + "/pdf"), 404)
        err("unreadable among good files", srv.post_files(
            "/api/check", [("a.docx", doc), ("b.docx", b"garbage")]), 422)

        # malformed multipart bodies: a 4xx answer, never a hang or a crash
        good_body, ctype = su.multipart([("a.docx", doc[:5000])])
        rnd0 = bad.random.Random(11)
        statuses = set()
        for i in range(40):
            b = bytearray(good_body)
            kind = i % 4
            if kind == 0:
                b = b[:rnd0.randrange(len(b))]                  # cut anywhere
            elif kind == 1:
                for _ in range(20):                             # flipped bytes
                    b[rnd0.randrange(len(b))] = rnd0.randrange(256)
            elif kind == 2:
                b = bytes(rnd0.randrange(256) for _ in range(2000))
            else:
                b = b.replace(b"\r\n\r\n", b"\r\n", 1)      # headers run into the data
            t0 = time.monotonic()
            try:
                st, h, body = srv.request("POST", "/api/check", body=bytes(b),
                                          headers={"Content-Type": ctype}, timeout=20)
            except OSError as e:
                st = repr(e)
            statuses.add(st)
            if not (st in (400, 422) and time.monotonic() - t0 < 5 * su.FACTOR):
                check("malformed multipart #%d" % i, False, repr(st))
        check("malformed multipart bodies: 400 or 422 (%s)" % sorted(map(str, statuses)),
              statuses <= {400, 422})
        st, h, body = srv.request("GET", "/health", headers={"X-Big": "x" * 300000})
        check("a huge header is refused", st in (400, 413, 431), repr(st))

        # hostile uploads: 422 within 5 s each, and the server still answers
        rnd = bad.random.Random(7)
        xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
               '<w:document %s><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>'
               '</w:document>' % bad.W)
        laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
                  "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else
                                                        "&lol;") * 10) for i in range(1, 10)) +
                  ']><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/'
                  'wordml"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
                  '</w:wordDocument>')
        hostile = [
            ("zip bomb", bad.zip_bomb(1 << 30)),
            ("zip bomb lying header", bad.zip_bomb(1 << 30, declared=4096)),
            ("XXE", bad.docx([("[Content_Types].xml", bad.CT), ("_rels/.rels", bad.RELS),
                              ("word/document.xml", xxe)])),
            ("billion laughs", laughs.encode()),
            ("random bytes", bytes(rnd.randrange(256) for _ in range(4096))),
            ("legacy .doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504 +
             "WordDocument".encode("utf-16-le")),
            ("empty file", b""),
        ]
        for name, data in hostile:
            for route in ("/api/check", "/api/convert"):
                t0 = time.monotonic()
                st, h, body = srv.post_files(route, [(name + ".docx", data)])
                secs = time.monotonic() - t0
                j = json.loads(body) if body.startswith(b"{") else {}
                check("hostile %s %s -> 422 in %.2f s" % (name, route, secs),
                      st == 422 and secs < 5 * su.FACTOR and j.get("file") == name + ".docx",
                      "%d %r" % (st, body[:200]))
        st, _, _ = srv.request("GET", "/health")
        check("health after hostile uploads", st == 200)

        left = leftovers(srv)
        check("request directories removed after their answers", left == [], repr(left))
    finally:
        rc, gone = srv.stop()
    check("SIGTERM: exit 0", rc == 0, repr(rc))
    check("SIGTERM: private directory removed", gone)


def workers_that_die():
    env = {"DISCLOSURE_BATCH_TEST": "segv=crashme,sleep=sleeper"}
    srv = su.Server("-j", "1", "--queue", "0", "--timeout", "2", env=env)
    try:
        doc = sample()
        st, h, body = srv.post_files("/api/check", [("crashme.docx", doc)])
        j = json.loads(body) if body.startswith(b"{") else {}
        check("crashing worker -> 500", st == 500 and "crash" in j.get("error", "") and
              j.get("file") == "crashme.docx", "%d %r" % (st, body))
        t0 = time.monotonic()
        result = {}

        def slow():
            try:
                result["r"] = srv.post_files("/api/convert", [("sleeper.docx", doc)])
            except OSError as e:
                result["r"] = (0, {}, repr(e).encode())
        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.5)
        st, h, body = srv.post_files("/api/check", [("a.docx", doc)])
        check("queue full -> 503 with Retry-After", st == 503 and
              h.get("retry-after", "").isdigit(), "%d %r %r" % (st, h, body))
        t.join(30)
        st, h, body = result.get("r", (0, {}, b""))
        secs = time.monotonic() - t0
        check("hanging worker -> 500 after --timeout", st == 500 and b"timed out" in body and
              secs < 10 * su.FACTOR, "%d %r %.1f s" % (st, body, secs))
        st, _, _ = srv.request("GET", "/health")
        check("health after dead workers", st == 200)

        # SIGTERM while a conversion runs: it is aborted, the client hears so
        t = threading.Thread(target=slow)
        result.clear()
        t.start()
        time.sleep(0.8)
    finally:
        t0 = time.monotonic()
        rc, gone = srv.stop()
        secs = time.monotonic() - t0
    t.join(10)
    st = result.get("r", (0, {}, b""))[0]
    check("SIGTERM during a conversion: exit 0 in %.1f s, directory removed, request 503"
          % secs, rc == 0 and gone and secs < 3 * su.FACTOR and st == 503,
          "%r %r %r" % (rc, gone, st))


def load():
    srv = su.Server("-j", "2", "--queue", "16")
    try:
        doc = sample()
        cli = su.cli_outputs(su.SAMPLE, "--pdf")["pdf"]
        results, peak, done = [None] * 16, [0], threading.Event()

        def sampler():
            deadline = time.monotonic() + 300
            while not done.is_set() and time.monotonic() < deadline:
                peak[0] = max(peak[0], su.tree_rss_kb(srv.proc.pid))
                time.sleep(0.05)

        def one(i):
            try:
                results[i] = srv.post_files("/api/convert", [("yongqing-eco-2021.docx", doc)],
                                            [("outputs", "pdf")], timeout=240)
            except OSError as e:
                results[i] = (0, {}, repr(e).encode())
        sm = threading.Thread(target=sampler)
        sm.start()
        ts = [threading.Thread(target=one, args=(i,)) for i in range(16)]
        t0 = time.monotonic()
        for t in ts:
            t.start()
        for t in ts:
            t.join(300)
        done.set()
        sm.join()
        secs = time.monotonic() - t0
        ok = [r for r in results if r and r[0] == 200]
        busy = [r for r in results if r and r[0] == 503 and r[1].get("retry-after")]
        check("16 concurrent conversions: 200 or 503+Retry-After (%d ok, %d busy, %.1f s)"
              % (len(ok), len(busy), secs), len(ok) + len(busy) == 16 and ok,
              repr([r[0] if r else None for r in results]))
        check("16 concurrent conversions: byte-identical to the CLI",
              all(r[2] == cli for r in ok))
        check("server and workers under 400 MB (peak %d MB)" % (peak[0] // 1024),
              0 < peak[0] < 400 * 1024 * su.FACTOR)

        # memory does not grow over 500 requests
        small = bad.good_docx()
        n, t0, first = 0, time.monotonic(), None
        statuses = set()
        while n < 500 and time.monotonic() - t0 < 240:
            st, _, _ = srv.post_files("/api/check", [("small.docx", small)])
            statuses.add(st)
            n += 1
            if n == 50:
                first = su.rss_kb(srv.proc.pid)
        last = su.rss_kb(srv.proc.pid)
        check("500 requests answered (%d in %.1f s)" % (n, time.monotonic() - t0),
              n == 500 and statuses == {200}, repr(statuses))
        check("server memory flat over 500 requests (%d KB after 50, %d KB after %d)"
              % (first or 0, last, n), first and last - first < 4096 * su.FACTOR)
        left = leftovers(srv)
        check("nothing left behind by 500 requests", left == [], repr(left))
    finally:
        rc, gone = srv.stop()
    check("SIGTERM after load: exit 0, directory removed", rc == 0 and gone)


def slow_clients():
    srv = su.Server("-j", "1", "--client-timeout", "2", "--upload-timeout", "4")
    socks = []
    try:
        doc = sample()
        body, ctype = su.multipart([("slow.docx", doc)])
        head = ("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: %s\r\n"
                "Content-Length: %d\r\n\r\n" % (ctype, len(body))).encode()
        stalled = socket.create_connection(("127.0.0.1", srv.port), timeout=15)
        stalled.sendall(head + body[:1000])     # then nothing
        socks.append(stalled)
        trickled = {}

        def trickle():
            # one byte every 0.3 s: never idle for --client-timeout, but the
            # whole upload would take hours; bounded to 12 s here
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=15)
            socks.append(s)
            t0 = time.monotonic()
            s.sendall(head + body[:1000])
            pos = 1000
            s.settimeout(0.3)
            while time.monotonic() - t0 < 12:
                try:
                    s.send(body[pos:pos + 1])
                    pos += 1
                    if s.recv(4096) == b"":
                        break
                except socket.timeout:
                    continue
                except OSError:
                    break
            trickled["secs"] = time.monotonic() - t0
        tt = threading.Thread(target=trickle)
        tt.start()
        # the only worker is free for others meanwhile
        t0 = time.monotonic()
        st, _, _ = srv.post_files("/api/check", [("a.docx", doc)])
        check("a conversion runs while uploads stall (%.2f s)" % (time.monotonic() - t0),
              st == 200 and time.monotonic() - t0 < 5 * su.FACTOR)
        stalled.settimeout(6)
        t0 = time.monotonic()
        try:
            closed = stalled.recv(4096) == b""
        except (socket.timeout, OSError) as e:
            closed = not isinstance(e, socket.timeout)
        check("a stalled upload is dropped after --client-timeout (%.1f s)"
              % (time.monotonic() - t0), closed)
        tt.join(15)
        secs = trickled.get("secs", 99)
        check("a trickling upload is dropped after --upload-timeout (%.1f s)" % secs,
              3.5 <= secs < 8, repr(secs))
        st, _, _ = srv.request("GET", "/health")
        check("health after slow clients", st == 200)
        left = leftovers(srv)
        check("slow clients' uploads removed", left == [], repr(left))
    finally:
        for s in socks:
            s.close()
        rc, gone = srv.stop()
    check("SIGTERM after slow clients: exit 0", rc == 0 and gone)


def downloads():
    sde = {"SOURCE_DATE_EPOCH": "1600000000"}
    srv = su.Server("-j", "1", "--keep-minutes", "0.05", "--keep-mb", "1", env=sde)
    try:
        doc = sample()
        cli = su.cli_outputs(su.SAMPLE, "--xlsx", "--pdf", "--json", env=sde)
        plain = su.cli_outputs(su.SAMPLE, "--pdf")
        check("SOURCE_DATE_EPOCH changes the CLI's PDF (so the next checks mean something)",
              plain["pdf"] != cli["pdf"])
        st, _, body = srv.post_files("/api/review", [("yongqing-eco-2021.docx", doc)])
        r = json.loads(body) if st == 200 else {}
        check("review: department, year, counts", r.get("department") ==
              "廊坊市生态环境局永清县分局" and r.get("year") == 2021 and
              r.get("errors") == 0 and "warnings" in r and "notes" in r, repr(body[:300]))
        kf = {k["key"]: k["value"] for k in r.get("key_figures", [])}
        check("review: key figures", kf.get("income.total") == 3586.14 and
              kf.get("expenditure.total") == 3586.14, repr(kf))
        urls = r.get("downloads", {})
        tok = urls.get("pdf", "").split("/")
        check("review: unguessable download URLs", len(tok) == 4 and len(tok[2]) == 32)
        for ext in ("xlsx", "pdf", "json"):
            st, h, got = srv.request("GET", urls.get(ext, "/x"))
            check("download %s equals the CLI's, SOURCE_DATE_EPOCH honoured" % ext, st == 200 and got == cli[ext])
        # a second review over the 1 MB budget evicts the first
        st, _, body2 = srv.post_files("/api/review", [("b.docx", doc)])
        r2 = json.loads(body2) if st == 200 else {}
        st1, _, _ = srv.request("GET", urls.get("pdf", "/x"))
        st2, _, _ = srv.request("GET", r2.get("downloads", {}).get("pdf", "/x"))
        check("disk budget: the oldest downloads go first", st1 == 404 and st2 == 200,
              "%d %d" % (st1, st2))
        time.sleep(3.5)
        srv.request("GET", "/health")   # the expiry sweep runs between events
        time.sleep(1.2)
        st2, _, _ = srv.request("GET", r2.get("downloads", {}).get("pdf", "/x"))
        check("downloads expire after --keep-minutes", st2 == 404, repr(st2))
        wd = srv.work_dir()
        check("expired downloads removed from disk", os.listdir(os.path.join(wd, "downloads"))
              == [])
        st, h, page = srv.request("GET", "/")
        check("the page: 200 html, self-contained", st == 200 and
              h["content-type"].startswith("text/html") and b"http://" not in page and
              b"https://" not in page and "default-src 'self'" in h.get(
                  "content-security-policy", ""))
    finally:
        rc, gone = srv.stop()
    check("SIGTERM: exit 0", rc == 0 and gone)


def signals_and_leftovers():
    # the other signals that would end the server stop it as SIGTERM does
    for sig in (signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1):
        srv = su.Server("-j", "1")
        rc, gone = srv.stop(sig=sig)
        check("%s: exit 0, private directory removed" % sig.name, rc == 0 and gone,
              repr((rc, gone)))
    # kill -9 leaves the private directory; the next server removes it, and
    # only it: not another host's, not a live process's, not through a link
    tmp = tempfile.mkdtemp(prefix="dc-serve-kill-")
    try:
        srv = su.Server("-j", "1", tmp_dir=tmp)
        st, _, _ = srv.post_files("/api/convert", [("a.docx", sample())])
        left = srv.work_dir()
        srv.proc.kill()
        srv.proc.wait()
        srv.proc.stdout.close()
        srv.proc.stderr.close()
        tag = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
        keep = ["disclosure-serve-00000000-999999-abcdef",
                "disclosure-serve-%s-%d-abcdef" % (tag, os.getpid())]
        for k in keep:
            os.mkdir(os.path.join(tmp, k))
        target = os.path.join(tmp, "target")
        os.mkdir(target)
        open(os.path.join(target, "precious"), "w").close()
        os.symlink(target, os.path.join(tmp, "disclosure-serve-%s-999999-linked" % tag))
        check("kill -9 leaves the private directory (so the next check means something)",
              st == 200 and left and os.path.isdir(left), repr((st, left)))
        srv = su.Server("-j", "1", tmp_dir=tmp)
        names = sorted(os.listdir(tmp))
        rc, _ = srv.stop()
        check("the next server removes the killed one's directory, nothing else",
              os.path.basename(left) not in names and all(k in names for k in keep) and
              os.path.exists(os.path.join(target, "precious")) and rc == 0, repr(names))
    finally:
        subprocess.run(["rm", "-rf", tmp])


def main():
    for part in (api_and_errors, workers_that_die, load, slow_clients, downloads,
                 signals_and_leftovers):
        t0 = time.monotonic()
        part()
        print("     (%s: %.1f s)" % (part.__name__, time.monotonic() - t0))
    print("serve: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
