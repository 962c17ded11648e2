"""Helpers for the `disclosure serve` tests: start a server on loopback, send
multipart requests, measure the memory of the server and its workers.

Every server is started on 127.0.0.1 with port 0 (the kernel picks one) and
stopped with SIGTERM by the test that started it.
"""
import http.client
import json
import os
import signal
import subprocess
import tempfile
import time
import uuid

BIN = os.environ["DISCLOSURE_BIN"]
# the tests' build with the worker hooks (tests/hooks/), for env=DISCLOSURE_BATCH_TEST
TEST_BIN = os.environ.get("DISCLOSURE_TEST_BIN", BIN)
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
SAMPLE = os.path.join(DATA, "yongqing-eco-2021.docx")
# AddressSanitizer (make asan) multiplies memory and time.
ASAN = "ASAN_OPTIONS" in os.environ
FACTOR = 8 if ASAN else 1


class Server:
    def __init__(self, *args, env=None, token=None, tmp_dir=None):
        """tmp_dir: the --tmp-dir to use (kept at stop); a fresh one by default."""
        self.own_tmp = tmp_dir is None
        self.tmp = tmp_dir or tempfile.mkdtemp(prefix="dc-serve-test-")
        self.token = token
        binary = TEST_BIN if "DISCLOSURE_BATCH_TEST" in (env or {}) else BIN
        cmd = [binary, "serve", "--listen", "127.0.0.1:0", "--tmp-dir", self.tmp] + list(args)
        if token is not None:
            path = os.path.join(self.tmp, "token")
            with open(path, "w") as f:
                f.write(token + "\n")
            cmd += ["--token-file", path]
        e = dict(os.environ)
        if ASAN:
            # AddressSanitizer keeps freed memory in a 256 MB quarantine, which
            # reads as growth; a small one lets the memory tests see leaks
            e["ASAN_OPTIONS"] = e["ASAN_OPTIONS"] + ":quarantine_size_mb=4"
        e.update(env or {})
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
        line = self.proc.stdout.readline().decode()
        if "listening on http://" not in line:
            self.proc.kill()
            raise RuntimeError("server did not start: %r %r" % (line, self.proc.stderr.read()))
        self.port = int(line.rsplit(":", 1)[1].strip().rstrip("/"))

    def conn(self, timeout=60):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=60, auth=True):
        h = dict(headers or {})
        if auth and self.token is not None:
            h.setdefault("Authorization", "Bearer " + self.token)
        c = self.conn(timeout)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
        finally:
            c.close()

    def post_files(self, path, files, fields=(), **kw):
        body, ctype = multipart(files, fields)
        headers = dict(kw.pop("headers", {}))
        headers["Content-Type"] = ctype
        return self.request("POST", path, body=body, headers=headers, **kw)

    def work_dir(self):
        """The server's private directory under our --tmp-dir."""
        names = [n for n in os.listdir(self.tmp) if n.startswith("disclosure-serve-")]
        return os.path.join(self.tmp, names[0]) if names else None

    def stop(self, timeout=10, sig=signal.SIGTERM):
        """SIGTERM (or sig); returns the exit status and whether the work dir is gone."""
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            rc = "hung"
        self.proc.stdout.close()
        self.stderr = self.proc.stderr.read().decode(errors="replace")
        self.proc.stderr.close()
        gone = self.work_dir() is None
        if rc != 0:
            print("server exit status %r; its standard error:\n%s" % (rc, self.stderr[-4000:]))
        if self.own_tmp:
            subprocess.run(["rm", "-rf", self.tmp])
        return rc, gone


def multipart(files, fields=()):
    """files: [(filename, bytes)] sent as the field `files`; fields: [(name, value)]."""
    boundary = "----dc" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                    % (boundary, name, value)).encode())
    for filename, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"%s\"\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n"
                    % (boundary, filename)).encode("utf-8") + data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


def tree_rss_kb(pid):
    """Resident memory (KiB) of pid and all its descendants."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
            ppid = int(st.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss_kb(p)
        todo.extend(children.get(p, []))
    return total


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cli_outputs(path, *opts, env=None):
    """Runs `disclosure convert` on path (env: added variables); returns {ext: bytes}."""
    out = tempfile.mkdtemp(prefix="dc-serve-cli-")
    e = dict(os.environ)
    e.update(env or {})
    try:
        subprocess.run([BIN, "convert", path, "-o", out] + list(opts), check=True, env=e,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        res = {}
        for n in os.listdir(out):
            with open(os.path.join(out, n), "rb") as f:
                res[n.rsplit(".", 1)[1]] = f.read()
        return res
    finally:
        subprocess.run(["rm", "-rf", out])


def cli_check_bytes(*names, cwd=DATA):
    """`disclosure check --json NAME...` run in cwd: its exact output."""
    r = subprocess.run([BIN, "check", "--json"] + list(names), stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, cwd=cwd)
    return r.stdout


def cli_check(path):
    r = subprocess.run([BIN, "check", path, "--json"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    return json.loads(r.stdout)
