/*
 * serve.c - `disclosure serve`: the submission desk, an HTTP server on
 * libmicrohttpd (README "Submission desk").
 *
 * One process, one thread: libmicrohttpd runs in "external polling" mode
 * inside our own poll loop, so forking is safe.  A POST streams its
 * multipart uploads (libmicrohttpd's post-processor) into a private request
 * directory; when the upload is complete the connection is suspended and the
 * request queued.  Up to -j requests run at a time, each in a runner process
 * that converts its documents through the batch worker pool (serve_job.c)
 * and writes the answer to files; when the runner exits the answer is queued
 * and the connection resumed.  Slow or stalled uploads never hold a worker:
 * nothing is converted before the upload is complete, and libmicrohttpd
 * drops connections idle for --client-timeout.
 *
 * SPDX-License-Identifier: MIT
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cmd/batch.h"
#include "cmd/cli.h"
#include "cmd/serve.h"
#include "converters/write/json.h"
#include "converters/write/tmpfile.h"

/* the page, embedded at build time from cmd/serve_page.html */
extern unsigned char serve_page_html[];
extern unsigned int serve_page_html_len;

static const char S_help[] =
    "usage: disclosure serve [--listen ADDR:PORT] [-j N] [--max-upload MB] [--timeout S]\n"
    "                        [--memory MB] [--token-file FILE] [--queue N]\n"
    "                        [--client-timeout S] [--upload-timeout S] [--keep-minutes M]\n"
    "                        [--keep-mb MB] [--tmp-dir DIR] [--xlsx] [--pdf] [--json]\n"
    "                        [--pdfa] [--font ROLE=FILE[:INDEX]]... [--font-config FILE]\n"
    "                        [--limit NAME=VALUE]\n"
    "\n"
    "The submission desk: a web page at / for dropping Word files (findings, key\n"
    "figures, downloads) and an HTTP API (README \"Submission desk\"):\n"
    "  GET  /health        {\"status\":\"up\",\"version\":...}\n"
    "  POST /api/check     multipart field `files`: the check --json array\n"
    "  POST /api/convert   `files`, optional `outputs=xlsx,pdf,json`, `pdfa=true`:\n"
    "                      one file and one output answer as that file, else a ZIP\n"
    "  POST /api/review    one file: findings, key figures and download links (the page)\n"
    "Errors are JSON {\"error\", \"file\"}: 400, 401, 413, 422, 503 (+Retry-After), 500.\n"
    "\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; [::1]:PORT for IPv6,\n"
    "                      port 0 picks a free one); the address is printed on stdout\n"
    "  -j, --jobs N        documents converted at a time (default: the CPUs)\n"
    "  --queue N           requests waiting beyond those before 503 (default 16)\n"
    "  --max-upload MB     size of one uploaded file (default 64)\n"
    "  --timeout S         wall-clock and CPU seconds per document (default 120)\n"
    "  --memory MB         address space of each worker (default 2048)\n"
    "  --token-file FILE   require Authorization: Bearer <the file's first line> on /api\n"
    "  --client-timeout S  close a connection idle this long (default 30)\n"
    "  --upload-timeout S  longest time one request's upload may take (default 600)\n"
    "  --keep-minutes M    how long the page's downloads are kept (default 15)\n"
    "  --keep-mb MB        disk the kept downloads may use (default 512)\n"
    "  --tmp-dir DIR       where the private working directory is made (default $TMPDIR\n"
    "                      or /tmp)\n"
    "  --xlsx --pdf --json the default outputs of /api/convert (xlsx and pdf)\n"
    "  --pdfa, --font, --font-config, --limit  as for convert\n"
    "SIGTERM, SIGINT or SIGHUP stops the server: running conversions are aborted, the\n"
    "working directory removed, exit status 0; the directories of servers killed\n"
    "outright are removed when the next one starts.  SOURCE_DATE_EPOCH fixes output dates.\n";

enum { S_ROUTE_CHECK = 1, S_ROUTE_CONVERT, S_ROUTE_REVIEW };
enum { S_RECEIVING, S_WAITING, S_RUNNING, S_ANSWERED };

#define S_MAX_FILES 64
#define S_FIELD_MAX 256

typedef struct S_server S_server;

typedef struct S_req {
    S_server *s;
    struct MHD_Connection *conn;
    int route;
    int state;
    struct MHD_PostProcessor *pp;
    char *dir;               /* the request's private directory */
    char **names;
    size_t nfiles;
    int fd;                  /* the upload being written */
    uint64_t cur_bytes;
    int cur_started_empty;
    dc_buf outputs_field, pdfa_field;
    int status;              /* an error to answer, 0 = none */
    char *err_msg, *err_file;
    double begun, started;
    pid_t pid;
    char token[33];          /* review: its downloads */
    struct S_req *next;      /* in the wait queue */
} S_req;

typedef struct {
    char token[33];
    char *dir, *stem;
    uint64_t bytes;
    double created;
} S_kept;

struct S_server {
    struct MHD_Daemon *d;
    cli_outputs out;
    dc_serve_env env;
    unsigned workers, queue_max;
    uint64_t max_upload;
    double upload_timeout;
    char *token;
    char *tmp, *store;
    unsigned long long seq;
    S_req **running;
    size_t nrunning;
    S_req *wait_head, *wait_tail;
    size_t nwait;
    S_kept *kept;
    size_t nkept, capkept;
    uint64_t kept_bytes, kept_max;
    double avg_seconds;
    int sigfd;
    int stopping;
};

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int S_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void S_rmtree(const char *dir)
{
    if (dir)
        nftw(dir, S_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Removes the private directories that servers killed outright (kill -9,
 * power loss) left in parent: this host's, of processes that are gone,
 * owned by us; symbolic links are not followed. */
static void S_sweep_stale(const char *parent)
{
    DIR *d = opendir(parent);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!dc_tmp_dir_is_stale(e->d_name, "disclosure-serve"))
            continue;
        dc_buf p = DC_BUF_INIT;
        dc_buf_printf(&p, "%s/%s", parent, e->d_name);
        struct stat st;
        if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid())
            S_rmtree(p.data);
        dc_buf_free(&p);
    }
    closedir(d);
}

static void S_random_token(char out[33])
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fputs("disclosure serve: no random numbers\n", stderr);
            abort();
        }
        got += (size_t)n;
    }
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* ---- responses ------------------------------------------------------------ */

static void S_common_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result S_queue(struct MHD_Connection *c, unsigned status,
                               struct MHD_Response *resp)
{
    S_common_headers(resp);
    enum MHD_Result r = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return r;
}

static struct MHD_Response *S_json_response(const dc_buf *b)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(b->len, b->data, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(resp, "Content-Type", "application/json");
    return resp;
}

static double S_retry_after(const S_server *s)
{
    double est = s->avg_seconds > 0 ? s->avg_seconds : 2;
    double secs = ceil(est * (double)(s->nwait + s->nrunning + 1) / s->workers);
    return secs < 1 ? 1 : secs > 300 ? 300 : secs;
}

static enum MHD_Result S_error(S_server *s, struct MHD_Connection *c, unsigned status,
                               const char *msg, const char *file)
{
    dc_buf b = DC_BUF_INIT;
    dc_serve_error_json(&b, msg, file);
    struct MHD_Response *resp = S_json_response(&b);
    dc_buf_free(&b);
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE) {
        char ra[32];
        snprintf(ra, sizeof ra, "%.0f", S_retry_after(s));
        MHD_add_response_header(resp, "Retry-After", ra);
    }
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
    return S_queue(c, status, resp);
}

/* Content-Disposition: attachment with an ASCII fallback and the UTF-8 name. */
static void S_disposition(struct MHD_Response *resp, const char *filename)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_puts(&b, "attachment; filename=\"");
    int ascii = 1;
    for (const char *p = filename; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f || *p == '"' || *p == '\\')
            ascii = 0;
    if (ascii) {
        dc_buf_puts(&b, filename);
    } else {
        const char *dot = strrchr(filename, '.');
        dc_buf_printf(&b, "download%s", dot && !strpbrk(dot, "\"\\") ? dot : "");
    }
    dc_buf_puts(&b, "\"; filename*=UTF-8''");
    dc_serve_pct_encode(&b, filename);
    MHD_add_response_header(resp, "Content-Disposition", b.data);
    dc_buf_free(&b);
}

/* ---- requests ------------------------------------------------------------- */

static void S_fail(S_req *r, int status, const char *msg, const char *file)
{
    if (r->status)
        return;
    r->status = status;
    r->err_msg = dc_xstrdup(msg);
    r->err_file = file ? dc_xstrdup(file) : NULL;
}

/* 500: the upload could not be stored (a full disk), errno saying why. */
static void S_store_failed(S_req *r, const char *file)
{
    char msg[160];
    snprintf(msg, sizeof msg, "the server cannot store the upload: %s", strerror(errno));
    S_fail(r, 500, msg, file);
}

static void S_close_upload(S_req *r)
{
    if (r->fd >= 0) {
        if (close(r->fd) != 0)
            S_store_failed(r, r->nfiles ? r->names[r->nfiles - 1] : NULL);
        r->fd = -1;
    }
}

/* The name a client sent, reduced to a plain file name. */
static char *S_clean_name(const char *filename)
{
    const char *base = filename ? filename : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    dc_buf b = DC_BUF_INIT;
    for (const char *p = base; *p && b.len < 200; p++)
        if ((unsigned char)*p >= 0x20 && *p != 0x7f)
            dc_buf_putc(&b, *p);
    if (b.len >= 200) {
        /* cut at 200 bytes: drop the last, perhaps incomplete, UTF-8 sequence */
        while (b.len && ((unsigned char)b.data[b.len - 1] & 0xC0) == 0x80)
            b.len--;
        if (b.len && (unsigned char)b.data[b.len - 1] >= 0xC0)
            b.len--;
        b.data[b.len] = '\0';
    }
    if (!b.len || !strcmp(b.data, ".") || !strcmp(b.data, "..")) {
        dc_buf_free(&b);
        return dc_xstrdup("document");
    }
    return dc_buf_detach(&b, NULL);
}

static enum MHD_Result S_field(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    S_req *r = cls;
    S_server *s = r->s;
    if (r->status)
        return MHD_NO;
    if (!strcmp(key, "files")) {
        int fresh = off == 0 && !(r->cur_started_empty && r->fd >= 0 && r->cur_bytes == 0);
        if (fresh) {
            S_close_upload(r);
            if (r->nfiles >= S_MAX_FILES) {
                S_fail(r, 413, "too many files in one request", NULL);
                return MHD_NO;
            }
            char path[64];
            snprintf(path, sizeof path, "/in/%zu", r->nfiles);
            dc_buf p = DC_BUF_INIT;
            dc_buf_printf(&p, "%s%s", r->dir, path);
            r->fd = open(p.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            dc_buf_free(&p);
            if (r->fd < 0) {
                S_store_failed(r, NULL);
                return MHD_NO;
            }
            r->names = dc_xrealloc(r->names, (r->nfiles + 1) * sizeof *r->names);
            r->names[r->nfiles++] = S_clean_name(filename);
            r->cur_bytes = 0;
            r->cur_started_empty = size == 0;
        }
        if (r->cur_bytes + size > s->max_upload) {
            char msg[128];
            snprintf(msg, sizeof msg, "the file is larger than the upload limit of %llu MiB",
                     (unsigned long long)(s->max_upload >> 20));
            S_fail(r, 413, msg, r->names[r->nfiles - 1]);
            return MHD_NO;
        }
        const char *p = data;
        size_t left = size;
        while (left) {
            ssize_t w = write(r->fd, p, left);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                if (w == 0)
                    errno = ENOSPC;
                S_store_failed(r, r->names[r->nfiles - 1]);
                return MHD_NO;
            }
            p += w;
            left -= (size_t)w;
        }
        r->cur_bytes += size;
        return MHD_YES;
    }
    dc_buf *field = !strcmp(key, "outputs") ? &r->outputs_field
                    : !strcmp(key, "pdfa")  ? &r->pdfa_field
                                            : NULL;
    if (field) {
        if (field->len + size > S_FIELD_MAX) {
            S_fail(r, 400, "form field too long", NULL);
            return MHD_NO;
        }
        dc_buf_put(field, data, size);
    }
    return MHD_YES;   /* other fields are ignored */
}

/* outputs=xlsx,pdf,json -> DC_OUT_* bits; 0 when invalid */
static unsigned S_parse_outputs(const char *v, unsigned def)
{
    if (!v || !*v)
        return def;
    unsigned bits = 0;
    char *copy = dc_xstrdup(v), *save = NULL;
    for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        unsigned bit = 0;
        for (int k = 0; k < DC_OUTPUT_COUNT; k++)
            if (!strcmp(t, dc_writers[k].key))
                bit = dc_writers[k].bit;
        if (!bit) {
            bits = 0;
            break;
        }
        bits |= bit;
    }
    free(copy);
    return bits;
}

static int S_busy(const S_server *s)
{
    return s->nrunning + s->nwait >= (size_t)s->workers + s->queue_max;
}

/* ---- kept downloads --------------------------------------------------------- */

static void S_kept_drop(S_server *s, size_t i)
{
    S_rmtree(s->kept[i].dir);
    free(s->kept[i].dir);
    free(s->kept[i].stem);
    s->kept_bytes -= s->kept[i].bytes;
    memmove(&s->kept[i], &s->kept[i + 1], (s->nkept - i - 1) * sizeof *s->kept);
    s->nkept--;
}

static void S_kept_expire(S_server *s)
{
    double now = S_now();
    while (s->nkept && now - s->kept[0].created >= (double)s->env.keep_seconds)
        S_kept_drop(s, 0);
}

static void S_kept_add(S_server *s, const S_req *r, const char *dir)
{
    uint64_t bytes = 0;
    char *stem = dc_path_stem(r->names[0]);
    for (int k = 0; k < DC_OUTPUT_COUNT; k++) {
        dc_buf p = DC_BUF_INIT;
        dc_buf_printf(&p, "%s/%s%s", dir, stem, dc_writers[k].ext);
        struct stat st;
        if (stat(p.data, &st) == 0)
            bytes += (uint64_t)st.st_size;
        dc_buf_free(&p);
    }
    DC_GROW(s->kept, s->nkept, s->capkept, 16);
    S_kept *k = &s->kept[s->nkept++];
    memcpy(k->token, r->token, sizeof k->token);
    k->dir = dc_xstrdup(dir);
    k->stem = stem;
    k->bytes = bytes;
    k->created = S_now();
    s->kept_bytes += bytes;
    /* oldest first until within the disk budget (the newest too, if alone too big) */
    while (s->nkept && s->kept_bytes > s->kept_max)
        S_kept_drop(s, 0);
}

static const S_kept *S_kept_find(const S_server *s, const char *token)
{
    for (size_t i = 0; i < s->nkept; i++)
        if (!strcmp(s->kept[i].token, token))
            return &s->kept[i];
    return NULL;
}

/* ---- runners ---------------------------------------------------------------- */

/* In the runner: close what belongs to the server (sockets, epoll, signalfd). */
static void S_close_server_fds(void)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return;
    int self = dirfd(dir);
    int fds[1024];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < sizeof fds / sizeof *fds) {
        int fd = atoi(e->d_name);
        if (fd <= 2 || fd == self || e->d_name[0] == '.')
            continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
            fds[n++] = fd;
    }
    closedir(dir);
    for (size_t i = 0; i < n; i++)
        close(fds[i]);
}

static void S_start_runners(S_server *s)
{
    while (!s->stopping && s->nrunning < s->workers && s->wait_head) {
        S_req *r = s->wait_head;
        s->wait_head = r->next;
        if (!s->wait_head)
            s->wait_tail = NULL;
        s->nwait--;
        r->next = NULL;
        dc_serve_job job;
        memset(&job, 0, sizeof job);
        job.kind = r->route == S_ROUTE_CHECK     ? DC_SERVE_CHECK
                   : r->route == S_ROUTE_CONVERT ? DC_SERVE_CONVERT
                                                 : DC_SERVE_REVIEW;
        job.dir = r->dir;
        job.nfiles = r->nfiles;
        job.names = r->names;
        job.outputs = S_parse_outputs(r->outputs_field.data, s->out.opt.outputs);
        job.pdfa = r->pdfa_field.data && !strcmp(r->pdfa_field.data, "true");
        dc_buf store = DC_BUF_INIT, prefix = DC_BUF_INIT;
        if (job.kind == DC_SERVE_REVIEW) {
            S_random_token(r->token);
            dc_buf_printf(&store, "%s/%s", s->store, r->token);
            dc_buf_printf(&prefix, "/d/%s/", r->token);
            job.store_dir = store.data;
            job.url_prefix = prefix.data;
        }
        pid_t parent = getpid();
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            setpgid(0, 0);   /* the runner and its worker: killed together */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(1);
            sigset_t all;
            sigemptyset(&all);
            sigprocmask(SIG_SETMASK, &all, NULL);
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_IGN);
            S_close_server_fds();
            _exit(dc_serve_run_job(&s->env, &job));
        }
        dc_buf_free(&store);
        dc_buf_free(&prefix);
        if (pid < 0) {
            S_fail(r, 500, "cannot start a worker process", NULL);
            r->state = S_ANSWERED;
            S_error(s, r->conn, 500, r->err_msg, NULL);
            MHD_resume_connection(r->conn);
            continue;
        }
        r->pid = pid;
        r->state = S_RUNNING;
        r->started = S_now();
        s->running[s->nrunning++] = r;
    }
}

/* Reads dir/answer.meta: status, type and file name.  Returns 0 or -1. */
static int S_read_meta(const char *dir, int *status, char *type, size_t tcap, char *fname,
                       size_t fcap)
{
    dc_buf p = DC_BUF_INIT;
    dc_buf_printf(&p, "%s/answer.meta", dir);
    FILE *f = fopen(p.data, "r");
    dc_buf_free(&p);
    if (!f)
        return -1;
    char line[512];
    int ok = fgets(line, sizeof line, f) && sscanf(line, "%d", status) == 1 &&
             fgets(type, (int)tcap, f) && fgets(fname, (int)fcap, f);
    fclose(f);
    if (!ok)
        return -1;
    type[strcspn(type, "\n")] = '\0';
    fname[strcspn(fname, "\n")] = '\0';
    return 0;
}

static void S_answer(S_server *s, S_req *r, int wstatus)
{
    int status = 0;
    char type[256], fname[512];
    int fd = -1;
    struct stat st;
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 &&
        S_read_meta(r->dir, &status, type, sizeof type, fname, sizeof fname) == 0) {
        dc_buf p = DC_BUF_INIT;
        dc_buf_printf(&p, "%s/answer.body", r->dir);
        fd = open(p.data, O_RDONLY | O_CLOEXEC);
        dc_buf_free(&p);
        if (fd >= 0 && fstat(fd, &st) != 0) {
            close(fd);
            fd = -1;
        }
    }
    r->state = S_ANSWERED;
    if (fd < 0) {
        S_error(s, r->conn, 500, "internal error: the request's worker died", NULL);
    } else {
        struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        MHD_add_response_header(resp, "Content-Type", type);
        if (fname[0])
            S_disposition(resp, fname);
        S_queue(r->conn, (unsigned)status, resp);
        if (r->route == S_ROUTE_REVIEW && status == 200) {
            dc_buf d = DC_BUF_INIT;
            dc_buf_printf(&d, "%s/%s", s->store, r->token);
            S_kept_add(s, r, d.data);
            dc_buf_free(&d);
        }
    }
    if (r->route == S_ROUTE_REVIEW && !(fd >= 0 && status == 200)) {
        dc_buf d = DC_BUF_INIT;
        dc_buf_printf(&d, "%s/%s", s->store, r->token);
        S_rmtree(d.data);
        dc_buf_free(&d);
    }
    MHD_resume_connection(r->conn);
}

static void S_reap(S_server *s)
{
    for (;;) {
        int wstatus;
        pid_t pid = waitpid(-1, &wstatus, WNOHANG);
        if (pid <= 0)
            return;
        for (size_t i = 0; i < s->nrunning; i++) {
            S_req *r = s->running[i];
            if (r->pid != pid)
                continue;
            double secs = S_now() - r->started;
            s->avg_seconds = s->avg_seconds > 0 ? 0.8 * s->avg_seconds + 0.2 * secs : secs;
            s->running[i] = s->running[--s->nrunning];
            r->pid = 0;
            S_answer(s, r, wstatus);
            break;
        }
    }
}

/* ---- libmicrohttpd callbacks -------------------------------------------------- */

static int S_authorized(const S_server *s, struct MHD_Connection *c)
{
    if (!s->token)
        return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return 0;
    h += 7;
    while (*h == ' ')
        h++;
    size_t n = strlen(h), m = strlen(s->token);
    unsigned char diff = n != m;
    for (size_t i = 0; i < m; i++)
        diff |= (unsigned char)(s->token[i] ^ (i < n ? h[i] : 0));
    return diff == 0;
}

static enum MHD_Result S_get(S_server *s, struct MHD_Connection *c, const char *url)
{
    if (!strcmp(url, "/") || !strcmp(url, "/index.html")) {
        struct MHD_Response *resp = MHD_create_response_from_buffer(
            serve_page_html_len, (void *)serve_page_html, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; script-src 'unsafe-inline'; "
                                "style-src 'unsafe-inline'; img-src 'self' data:");
        return S_queue(c, MHD_HTTP_OK, resp);
    }
    if (!strcmp(url, "/health")) {
        dc_buf b = DC_BUF_INIT;
        dc_json j;
        dc_json_init(&j, &b, 0);
        dc_json_begin_object(&j, NULL);
        dc_json_string(&j, "status", s->stopping ? "stopping" : "up");
        dc_json_string(&j, "version", DC_VERSION);
        dc_json_end_object(&j);
        dc_json_done(&j);
        dc_buf_putc(&b, '\n');
        struct MHD_Response *resp = S_json_response(&b);
        dc_buf_free(&b);
        return S_queue(c, MHD_HTTP_OK, resp);
    }
    if (!strncmp(url, "/d/", 3)) {
        char token[33], ext[8];
        const char *slash = strchr(url + 3, '/');
        if (slash && slash - (url + 3) == 32 && strlen(slash + 1) < sizeof ext) {
            memcpy(token, url + 3, 32);
            token[32] = '\0';
            strcpy(ext, slash + 1);
            const S_kept *k = S_kept_find(s, token);
            if (k && (!strcmp(ext, "xlsx") || !strcmp(ext, "pdf") || !strcmp(ext, "json"))) {
                dc_buf p = DC_BUF_INIT, fname = DC_BUF_INIT;
                dc_buf_printf(&p, "%s/%s.%s", k->dir, k->stem, ext);
                dc_buf_printf(&fname, "%s.%s", k->stem, ext);
                int fd = open(p.data, O_RDONLY | O_CLOEXEC);
                struct stat st;
                dc_buf_free(&p);
                if (fd >= 0 && fstat(fd, &st) == 0) {
                    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size,
                                                                            fd);
                    MHD_add_response_header(
                        resp, "Content-Type",
                        !strcmp(ext, "pdf")    ? "application/pdf"
                        : !strcmp(ext, "json") ? "application/json"
                                               : "application/vnd.openxmlformats-"
                                                 "officedocument.spreadsheetml.sheet");
                    S_disposition(resp, fname.data);
                    dc_buf_free(&fname);
                    return S_queue(c, MHD_HTTP_OK, resp);
                }
                if (fd >= 0)
                    close(fd);
                dc_buf_free(&fname);
            }
        }
        return S_error(s, c, MHD_HTTP_NOT_FOUND, "no such download (they are kept for a while)",
                       NULL);
    }
    return S_error(s, c, MHD_HTTP_NOT_FOUND, "not found", NULL);
}

static int S_route(const char *url)
{
    if (!strcmp(url, "/api/check"))
        return S_ROUTE_CHECK;
    if (!strcmp(url, "/api/convert"))
        return S_ROUTE_CONVERT;
    if (!strcmp(url, "/api/review"))
        return S_ROUTE_REVIEW;
    return 0;
}

static enum MHD_Result S_fail_now(S_server *s, S_req *r)
{
    r->state = S_ANSWERED;
    return S_error(s, r->conn, (unsigned)r->status, r->err_msg, r->err_file);
}

static enum MHD_Result S_handler(void *cls, struct MHD_Connection *c, const char *url,
                                 const char *method, const char *version,
                                 const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    S_server *s = cls;
    S_req *r = *con_cls;
    if (!r) {
        r = dc_xcalloc(1, sizeof *r);
        r->s = s;
        r->conn = c;
        r->fd = -1;
        r->begun = S_now();
        *con_cls = r;
        int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
        int route = S_route(url);
        if (!route) {
            r->state = S_ANSWERED;
            if (get)
                return S_get(s, c, url);
            if (!strcmp(url, "/") || !strcmp(url, "/health"))
                return S_error(s, c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed", NULL);
            return S_error(s, c, MHD_HTTP_NOT_FOUND, "not found", NULL);
        }
        r->route = route;
        if (strcmp(method, "POST") != 0) {
            S_fail(r, 405, "use POST with multipart/form-data", NULL);
            return S_fail_now(s, r);
        }
        if (!S_authorized(s, c)) {
            S_fail(r, 401, "missing or wrong token (Authorization: Bearer ...)", NULL);
            return S_fail_now(s, r);
        }
        if (s->stopping) {
            S_fail(r, 503, "the server is stopping", NULL);
            return S_fail_now(s, r);
        }
        if (S_busy(s)) {
            S_fail(r, 503, "busy: too many documents waiting, try again later", NULL);
            return S_fail_now(s, r);
        }
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->max_upload * S_MAX_FILES + (1u << 20)) {
            S_fail(r, 413, "the request is larger than the upload limit", NULL);
            return S_fail_now(s, r);
        }
        r->pp = MHD_create_post_processor(c, 65536, S_field, r);
        if (!r->pp) {
            S_fail(r, 400, "expected a multipart/form-data body with the field 'files'", NULL);
            return S_fail_now(s, r);
        }
        dc_buf d = DC_BUF_INIT;
        dc_buf_printf(&d, "%s/req-%llu", s->tmp, ++s->seq);
        r->dir = dc_buf_detach(&d, NULL);
        dc_buf in = DC_BUF_INIT;
        dc_buf_printf(&in, "%s/in", r->dir);
        int ok = mkdir(r->dir, 0700) == 0 && mkdir(in.data, 0700) == 0;
        dc_buf_free(&in);
        if (!ok) {
            S_fail(r, 500, "cannot create a working directory", NULL);
            return S_fail_now(s, r);
        }
        return MHD_YES;
    }
    if (r->state != S_RECEIVING)
        return MHD_YES;
    if (*upload_size) {
        if (S_now() - r->begun > s->upload_timeout) {
            S_close_upload(r);   /* too slow: dropped without an answer */
            S_rmtree(r->dir);
            return MHD_NO;
        }
        if (!r->status && MHD_post_process(r->pp, upload_data, *upload_size) != MHD_YES)
            S_fail(r, 400, "malformed multipart/form-data body", NULL);
        *upload_size = 0;
        if (r->status) {
            /* libmicrohttpd answers only once the body is read: the rest is
             * discarded unread (no disk), within --upload-timeout */
            S_close_upload(r);
            S_rmtree(r->dir);
        }
        return MHD_YES;
    }
    /* the whole body is here */
    S_close_upload(r);
    if (!r->status && !r->nfiles)
        S_fail(r, 400, "no files: send them in the multipart field 'files'", NULL);
    if (!r->status && r->route == S_ROUTE_REVIEW && r->nfiles != 1)
        S_fail(r, 400, "/api/review takes one file", NULL);
    if (!r->status && r->route == S_ROUTE_CONVERT &&
        !S_parse_outputs(r->outputs_field.data, s->out.opt.outputs))
        S_fail(r, 400, "outputs must be a comma list of xlsx, pdf, json", NULL);
    if (!r->status && r->pdfa_field.len && strcmp(r->pdfa_field.data, "true") != 0 &&
        strcmp(r->pdfa_field.data, "false") != 0)
        S_fail(r, 400, "pdfa must be true or false", NULL);
    if (!r->status && s->stopping)
        S_fail(r, 503, "the server is stopping", NULL);
    if (!r->status && S_busy(s))
        S_fail(r, 503, "busy: too many documents waiting, try again later", NULL);
    if (r->status)
        return S_fail_now(s, r);
    r->state = S_WAITING;
    DC_LIST_APPEND(s->wait_head, s->wait_tail, r);
    s->nwait++;
    MHD_suspend_connection(c);
    S_start_runners(s);
    return MHD_YES;
}

static void S_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                        enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    S_req *r = *con_cls;
    if (!r)
        return;
    *con_cls = NULL;
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    if (r->fd >= 0)
        close(r->fd);
    S_rmtree(r->dir);
    free(r->dir);
    for (size_t i = 0; i < r->nfiles; i++)
        free(r->names[i]);
    free(r->names);
    dc_buf_free(&r->outputs_field);
    dc_buf_free(&r->pdfa_field);
    free(r->err_msg);
    free(r->err_file);
    free(r);
}

static void S_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("disclosure serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* ---- shutting down ------------------------------------------------------------- */

static void S_abort_all(S_server *s)
{
    for (size_t i = 0; i < s->nrunning; i++) {
        S_req *r = s->running[i];
        kill(-r->pid, SIGKILL);
        kill(r->pid, SIGKILL);
        while (waitpid(r->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        if (r->route == S_ROUTE_REVIEW) {
            dc_buf d = DC_BUF_INIT;
            dc_buf_printf(&d, "%s/%s", s->store, r->token);
            S_rmtree(d.data);
            dc_buf_free(&d);
        }
        r->state = S_ANSWERED;
        S_error(s, r->conn, 503, "the server is stopping", NULL);
        MHD_resume_connection(r->conn);
    }
    s->nrunning = 0;
    while (s->wait_head) {
        S_req *r = s->wait_head;
        s->wait_head = r->next;
        r->state = S_ANSWERED;
        S_error(s, r->conn, 503, "the server is stopping", NULL);
        MHD_resume_connection(r->conn);
    }
    s->wait_tail = NULL;
    s->nwait = 0;
}

/* ---- options and the loop -------------------------------------------------------- */

static int S_parse_listen(const char *spec, struct sockaddr_storage *ss, int *v6)
{
    char host[256];
    const char *port;
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (!end || end[1] != ':' || (size_t)(end - spec - 1) >= sizeof host)
            return -1;
        memcpy(host, spec + 1, (size_t)(end - spec - 1));
        host[end - spec - 1] = '\0';
        port = end + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon || (size_t)(colon - spec) >= sizeof host)
            return -1;
        memcpy(host, spec, (size_t)(colon - spec));
        host[colon - spec] = '\0';
        port = colon + 1;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535)
        return -1;
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (!host[0])
        strcpy(host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)p);
        *v6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)p);
        *v6 = 1;
        return 0;
    }
    return -1;
}

static int S_number(const char *arg, double lo, double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (!*arg || *end || !(v >= lo) || v > 1e9)
        return -1;
    *out = v;
    return 0;
}

static char *S_read_token(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return NULL;
    }
    char line[1024];
    char *tok = NULL;
    if (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (n)
            tok = dc_xstrndup(line, n);
    }
    fclose(f);
    if (!tok)
        fprintf(stderr, "%s: no token on the first line\n", path);
    return tok;
}

/* What the command line sets beside the server's own fields. */
typedef struct {
    const char *listen, *token_file, *tmpdir;
    double client_timeout;
} S_cfg;

/* Defaults, then the options.  Returns 0, -1 after --help, or an exit code
 * after printing the problem. */
static int S_options(int argc, char **argv, S_server *s, S_cfg *cfg)
{
    enum { O_LISTEN = 0x200, O_MAXUP, O_TIMEOUT, O_MEMORY, O_TOKEN, O_QUEUE, O_CLIENT_TO,
           O_UPLOAD_TO, O_KEEP_MIN, O_KEEP_MB, O_TMP };
    static const struct option opts[] = {
        {"listen", required_argument, NULL, O_LISTEN},
        {"jobs", required_argument, NULL, 'j'},
        {"max-upload", required_argument, NULL, O_MAXUP},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"memory", required_argument, NULL, O_MEMORY},
        {"token-file", required_argument, NULL, O_TOKEN},
        {"queue", required_argument, NULL, O_QUEUE},
        {"client-timeout", required_argument, NULL, O_CLIENT_TO},
        {"upload-timeout", required_argument, NULL, O_UPLOAD_TO},
        {"keep-minutes", required_argument, NULL, O_KEEP_MIN},
        {"keep-mb", required_argument, NULL, O_KEEP_MB},
        {"tmp-dir", required_argument, NULL, O_TMP},
        CLI_OUTPUT_OPTIONS,
        CLI_HELP_AND_END,
    };
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    s->workers = cpus > 0 ? (unsigned)cpus : 1;
    s->queue_max = 16;
    s->max_upload = 64ull << 20;
    s->upload_timeout = 600;
    s->env.timeout = 120;
    s->env.memory_mb = 2048;
    s->env.keep_seconds = 15 * 60;
    s->kept_max = 512ull << 20;
    cfg->client_timeout = 30;
    cfg->listen = "127.0.0.1:8080";
    int c, rc;
    optind = 1;
    while ((c = cli_outputs_getopt(&s->out, argc, argv, ":j:h", opts, &rc)) != -1) {
        double v = 0;
        int bad = 0;
        switch (c) {
        case O_LISTEN: cfg->listen = optarg; break;
        case 'j':
            bad = S_number(optarg, 1, &v) || v > 256;
            s->workers = (unsigned)v;
            break;
        case O_QUEUE:
            bad = S_number(optarg, 0, &v) || v > 100000;
            s->queue_max = (unsigned)v;
            break;
        case O_MAXUP:
            bad = S_number(optarg, 1, &v) || v > 1 << 20;
            s->max_upload = (uint64_t)v << 20;
            break;
        case O_TIMEOUT: bad = S_number(optarg, 0, &s->env.timeout); break;
        case O_MEMORY:
            bad = S_number(optarg, 0, &v);
            s->env.memory_mb = (size_t)v;
            break;
        case O_TOKEN: cfg->token_file = optarg; break;
        case O_CLIENT_TO: bad = S_number(optarg, 1, &cfg->client_timeout); break;
        case O_UPLOAD_TO: bad = S_number(optarg, 1, &s->upload_timeout); break;
        case O_KEEP_MIN:
            bad = S_number(optarg, 0, &v);
            s->env.keep_seconds = (long long)(v * 60);
            break;
        case O_KEEP_MB:
            bad = S_number(optarg, 0, &v);
            s->kept_max = (uint64_t)v << 20;
            break;
        case O_TMP: cfg->tmpdir = optarg; break;
        case 'h':
            fputs(S_help, stdout);
            return -1;
        default:
            return cli_option_error("serve", c, argv);
        }
        if (bad)
            return cli_usage_error("serve", "bad value '%s'", optarg);
    }
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    return 0;
}

/* Starts the daemon on addr and runs the poll loop until SIGTERM/SIGINT,
 * then stops accepting and aborts what runs.  Returns an exit code. */
static int S_serve(S_server *s, const S_cfg *cfg, struct sockaddr_storage *addr, int v6)
{
    unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
                     (v6 ? MHD_USE_IPv6 : 0);
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, S_handler, s, MHD_OPTION_EXTERNAL_LOGGER, S_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ceil(cfg->client_timeout),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_NOTIFY_COMPLETED, S_completed,
        s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(256 * 1024), MHD_OPTION_END);
    if (!s->d || s->sigfd < 0) {
        fprintf(stderr, "disclosure serve: cannot listen on %s: %s\n", cfg->listen,
                strerror(errno));
        return DC_EXIT_USAGE;
    }
    const union MHD_DaemonInfo *pi = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    const union MHD_DaemonInfo *ei = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_EPOLL_FD);
    char host[64];
    if (v6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)addr)->sin6_addr, host, sizeof host);
    else
        inet_ntop(AF_INET, &((struct sockaddr_in *)addr)->sin_addr, host, sizeof host);
    printf("disclosure serve: listening on http://%s%s%s:%u/\n", v6 ? "[" : "", host,
           v6 ? "]" : "", pi ? (unsigned)pi->port : 0);
    fflush(stdout);

    int rc = 0;
    while (!s->stopping) {
        struct pollfd pfd[2] = {{ei->epoll_fd, POLLIN, 0}, {s->sigfd, POLLIN, 0}};
        int wait = 1000;
        MHD_UNSIGNED_LONG_LONG to;
        if (MHD_get_timeout(s->d, &to) == MHD_YES && to < (MHD_UNSIGNED_LONG_LONG)wait)
            wait = (int)to;
        if (poll(pfd, 2, wait) < 0 && errno != EINTR) {
            fprintf(stderr, "disclosure serve: poll: %s\n", strerror(errno));
            rc = DC_EXIT_INTERNAL;
            break;
        }
        if (pfd[1].revents) {
            struct signalfd_siginfo si;
            while (read(s->sigfd, &si, sizeof si) == (ssize_t)sizeof si)
                if (si.ssi_signo != SIGCHLD)
                    s->stopping = 1;
        }
        S_reap(s);
        MHD_run(s->d);
        S_start_runners(s);
        S_kept_expire(s);
    }
    if (s->stopping) {
        MHD_socket lfd = MHD_quiesce_daemon(s->d);
        if (lfd != MHD_INVALID_SOCKET)
            close(lfd);
        S_abort_all(s);
        /* let the aborted requests hear so, briefly */
        double until = S_now() + 0.5;
        while (S_now() < until)
            MHD_run_wait(s->d, 50);
    }
    return rc;
}

int cmd_serve(int argc, char **argv)
{
    S_server s;
    memset(&s, 0, sizeof s);
    s.sigfd = -1;
    S_cfg cfg = {NULL, NULL, NULL, 0};
    int rc = cli_outputs_init(&s.out, argc);
    if (rc)
        return rc;
    struct sockaddr_storage addr;
    int v6 = 0;
    if ((rc = S_options(argc, argv, &s, &cfg)))
        goto out;
    if (S_parse_listen(cfg.listen, &addr, &v6) != 0) {
        rc = cli_usage_error("serve", "--listen wants ADDR:PORT with a numeric address");
        goto out;
    }
    /* any request may ask for a PDF: resolve the fonts now, once */
    unsigned def = s.out.chosen ? s.out.chosen : DC_OUT_XLSX | DC_OUT_PDF;
    s.out.chosen = def | DC_OUT_PDF;
    if ((rc = cli_outputs_finish(&s.out, "serve")) != 0)
        goto out;
    s.out.opt.outputs = def;
    s.env.opt = &s.out.opt;
    if (cfg.token_file && !(s.token = S_read_token(cfg.token_file))) {
        rc = DC_EXIT_USAGE;
        goto out;
    }

    const char *tmpdir = cfg.tmpdir;
    if (!tmpdir)
        tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    S_sweep_stale(tmpdir);
    s.tmp = dc_tmp_dir_template(tmpdir, "disclosure-serve");
    if (!mkdtemp(s.tmp)) {
        fprintf(stderr, "disclosure serve: cannot create a directory in %s: %s\n", tmpdir,
                strerror(errno));
        free(s.tmp);
        s.tmp = NULL;
        rc = DC_EXIT_OUTPUT;
        goto out;
    }
    dc_buf st = DC_BUF_INIT;
    dc_buf_printf(&st, "%s/downloads", s.tmp);
    s.store = dc_buf_detach(&st, NULL);
    mkdir(s.store, 0700);
    s.running = dc_xcalloc(s.workers, sizeof *s.running);

    /* SIGTERM, SIGINT, SIGHUP and the other signals that would end the
     * server (dc_tmp_signals) stop it; a write past ulimit -f fails (EFBIG)
     * instead of killing it */
    sigset_t mask;
    sigemptyset(&mask);
    for (int i = 0; i < DC_TMP_NSIGNALS; i++)
        sigaddset(&mask, dc_tmp_signals[i]);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    s.sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    rc = S_serve(&s, &cfg, &addr, v6);

out:
    if (s.d)
        MHD_stop_daemon(s.d);
    if (s.tmp) {
        S_reap(&s);
        while (s.nkept)
            S_kept_drop(&s, s.nkept - 1);
        S_rmtree(s.tmp);
    }
    if (s.sigfd >= 0)
        close(s.sigfd);
    free(s.kept);
    free(s.running);
    free(s.store);
    free(s.tmp);
    free(s.token);
    cli_outputs_free(&s.out);
    return rc < 0 ? 0 : rc;
}
