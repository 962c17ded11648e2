/*
 * batch_inputs.c - which files a batch converts and where their outputs go.
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cmd/cli.h"
#include "model/sha256.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif
/* the longest extension an output name gets: ".xlsx", ".json" */
#define S_EXT_MAX 5

#define S_MAX_DEPTH 64
#define S_LIST_UNREADABLE 99

void dc_batch_inputs_add(dc_batch_inputs *in, const char *path, const char *rel)
{
    DC_GROW(in->v, in->n, in->cap, 64);
    dc_batch_input *x = &in->v[in->n++];
    x->path = dc_xstrdup(path);
    x->rel = dc_xstrdup(rel);
    x->name = NULL;
    x->order = in->n - 1;
}

void dc_batch_inputs_free(dc_batch_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].rel);
        free(in->v[i].name);
    }
    free(in->v);
    memset(in, 0, sizeof *in);
}

/* Extensions a directory walk takes (case-insensitive). */
static int S_wordlike(const char *name)
{
    static const char *const ext[] = {"docx", "docm", "dotx", "dotm", "doc", "dot",
                                      "xml", "wml", NULL};
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (int i = 0; ext[i]; i++)
        if (!strcasecmp(dot + 1, ext[i]))
            return 1;
    return 0;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
    dc_batch_inputs *in;
    int all_files;
    int have_skip;
    dev_t skip_dev;
    ino_t skip_ino;
    char *skip_real;          /* OUTDIR resolved, or NULL when it does not exist */
    int in_outdir;            /* walking OUTDIR itself (given as an input, or inside it) */
} S_walk;

/* What batch writes into OUTDIR (outputs, reports, summaries): never an
 * input, even with --all-files, when OUTDIR is walked as an input. */
static int S_own_product(const char *name)
{
    static const char *const ext[] = {".xlsx", ".pdf", ".json", ".jsonl", ".csv"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t e = strlen(ext[i]);
        if (n > e && !strcasecmp(name + n - e, ext[i]))
            return 1;
    }
    return 0;
}

/* Walks dir (path on disk) whose files are rel-prefixed by rel ("" at top). */
static int S_walk_dir(S_walk *w, const char *dir, const char *rel, int depth)
{
    if (depth > S_MAX_DEPTH) {
        fprintf(stderr, "%s: directories nested too deeply, skipped\n", dir);
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open directory: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;   /* hidden, ".", "..", our own temporary files */
        DC_GROW(names, n, cap, 32);
        names[n++] = dc_xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, S_cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        dc_buf p = DC_BUF_INIT, r = DC_BUF_INIT;
        dc_buf_printf(&p, "%s/%s", dir, names[i]);
        dc_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat lst, st;
        if (lstat(p.data, &lst) == 0) {
            if (S_ISDIR(lst.st_mode)) {
                if (!(w->have_skip && lst.st_dev == w->skip_dev && lst.st_ino == w->skip_ino))
                    if (S_walk_dir(w, p.data, r.data, depth + 1) != 0)
                        rc = -1;
            } else if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode)) {
                /* regular files and symlinks to them (symlinked directories
                 * are not followed, so a walk cannot loop) */
                if ((w->all_files || S_wordlike(names[i])) &&
                    !(w->in_outdir && S_own_product(names[i])))
                    dc_batch_inputs_add(w->in, p.data, r.data);
            }
        }
        dc_buf_free(&p);
        dc_buf_free(&r);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int S_one(S_walk *w, const char *arg)
{
    /* drop trailing slashes, but keep "/" */
    size_t len = strlen(arg);
    while (len > 1 && arg[len - 1] == '/')
        len--;
    char *path = dc_xstrndup(arg, len);
    struct stat st;
    int rc = 0;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        char *real = w->skip_real ? realpath(path, NULL) : NULL;
        size_t sl = w->skip_real ? strlen(w->skip_real) : 0;
        w->in_outdir = real && !strncmp(real, w->skip_real, sl) &&
                       (real[sl] == '\0' || real[sl] == '/' || sl == 1);
        free(real);
        rc = S_walk_dir(w, path, "", 0);
        w->in_outdir = 0;
    } else {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        dc_batch_inputs_add(w->in, path, *base ? base : path);
    }
    free(path);
    return rc;
}

static int S_list(S_walk *w, const char *listname)
{
    FILE *f = strcmp(listname, "-") ? fopen(listname, "r") : stdin;
    if (!f) {
        fprintf(stderr, "%s: cannot open list: %s\n", listname, strerror(errno));
        return S_LIST_UNREADABLE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (!got || line[0] == '#')
            continue;
        if (S_one(w, line) != 0)
            rc = -1;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

int dc_batch_collect(char *const *args, int nargs, const char *skip_dir, int all_files,
                     dc_batch_inputs *out)
{
    S_walk w = {out, all_files, 0, 0, 0, NULL, 0};
    struct stat st;
    if (skip_dir && stat(skip_dir, &st) == 0) {
        w.have_skip = 1;
        w.skip_dev = st.st_dev;
        w.skip_ino = st.st_ino;
        w.skip_real = realpath(skip_dir, NULL);
    }
    int rc = 0;
    for (int i = 0; i < nargs; i++) {
        int r = args[i][0] == '@' && args[i][1] ? S_list(&w, args[i] + 1) : S_one(&w, args[i]);
        if (r == S_LIST_UNREADABLE) {
            free(w.skip_real);
            return DC_EXIT_USAGE;
        }
        if (r != 0)
            rc = -1;
    }
    (void)rc;   /* unreadable directories were reported; the rest goes on */
    free(w.skip_real);
    return 0;
}

/* ---- names -------------------------------------------------------------- */

static int S_cmp_input(const void *a, const void *b)
{
    const dc_batch_input *x = a, *y = b;
    int c = strcmp(x->rel, y->rel);
    return c ? c : strcmp(x->path, y->path);
}

/* "dir/stem" of a relative path; whole = keep the extension. */
static char *S_base_name(const char *rel, int whole)
{
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    const char *dot = whole ? NULL : strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - rel) : strlen(rel);
    return dc_xstrndup(rel, n);
}

/* "DIGITS-of-DIGITS" exactly */
static int S_shard_suffix(const char *s)
{
    if (!(*s >= '0' && *s <= '9'))
        return 0;
    while (*s >= '0' && *s <= '9')
        s++;
    if (strncmp(s, "-of-", 4) != 0)
        return 0;
    s += 4;
    if (!(*s >= '0' && *s <= '9'))
        return 0;
    while (*s >= '0' && *s <= '9')
        s++;
    return *s == '\0';
}

/* The names of the batch's own files at the top of OUTDIR: report,
 * summary, report.K-of-N, summary.K-of-N. */
static int S_reserved(const char *name)
{
    static const char *const bases[] = {"report", "summary"};
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(bases[i]);
        if (strncasecmp(name, bases[i], n) != 0)   /* Report.json is report.json on CIFS */
            continue;
        if (name[n] == '\0' || (name[n] == '.' && S_shard_suffix(name + n + 1)))
            return 1;
    }
    return 0;
}

typedef struct {
    char **v;
    size_t n, cap;
} S_names;

/* Output names are compared ignoring ASCII case: on a case-insensitive
 * file system (a Windows share, exFAT) X.xlsx and x.xlsx are one file. */
static int S_cmp_name_ptr(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* n, or less so that s[0..n) ends on a UTF-8 character boundary */
static size_t S_utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* cand + tail, where cand is def or def + the input's extension: when the
 * plain name def fits in NAME_MAX with an output extension but cand + tail
 * does not ("~2" and ".docx" added to a long Chinese name), def's last
 * component is shortened at a character boundary (the extension and tail
 * kept) so that this one fits too.  Caller frees. */
static char *S_fit_name(const char *cand, const char *def, const char *tail)
{
    const char *slash = strrchr(def, '/');
    size_t dir = slash ? (size_t)(slash - def) + 1 : 0;
    size_t stem = strlen(def) - dir, whole = strlen(cand) - dir, t = strlen(tail);
    dc_buf b = DC_BUF_INIT;
    if (stem + S_EXT_MAX > NAME_MAX || whole + t + S_EXT_MAX <= NAME_MAX) {
        dc_buf_puts(&b, cand);
    } else {
        const char *extra = cand + strlen(def);
        size_t ne = strlen(extra), room = NAME_MAX - S_EXT_MAX - t;
        dc_buf_put(&b, cand, dir);
        if (ne < room) {
            dc_buf_put(&b, def + dir, S_utf8_cut(def + dir, room - ne));
            dc_buf_puts(&b, extra);
        } else {
            dc_buf_put(&b, cand + dir, S_utf8_cut(cand + dir, room));
        }
    }
    dc_buf_puts(&b, tail);
    return dc_buf_detach(&b, NULL);
}

void dc_batch_assign_names(dc_batch_inputs *in, int reserve_reports)
{
    if (!in->n)
        return;
    qsort(in->v, in->n, sizeof *in->v, S_cmp_input);
    /* default names, and how often each occurs */
    char **def = dc_xcalloc(in->n, sizeof *def);
    for (size_t i = 0; i < in->n; i++)
        def[i] = S_base_name(in->v[i].rel, 0);
    char **sorted = dc_xmalloc(in->n * sizeof *sorted);
    memcpy(sorted, def, in->n * sizeof *sorted);
    qsort(sorted, in->n, sizeof *sorted, S_cmp_name_ptr);
    /* a sorted list of taken names, searched with bsearch after each insert
     * would be quadratic; a hash set is simpler */
    size_t hcap = 16;
    while (hcap < in->n * 4)
        hcap *= 2;
    char **hash = dc_xcalloc(hcap, sizeof *hash);   /* owns its names */
    for (size_t i = 0; i < in->n; i++) {
        char **hit = bsearch(&def[i], sorted, in->n, sizeof *sorted, S_cmp_name_ptr);
        size_t k = (size_t)(hit - sorted);
        int shared = (k > 0 && !strcasecmp(sorted[k - 1], def[i])) ||
                     (k + 1 < in->n && !strcasecmp(sorted[k + 1], def[i]));
        char *cand = shared ? S_base_name(in->v[i].rel, 1) : dc_xstrdup(def[i]);
        for (unsigned suffix = 1; !in->v[i].name; suffix++) {
            char tail[16] = "";
            if (suffix > 1)
                snprintf(tail, sizeof tail, "~%u", suffix);
            char *name = S_fit_name(cand, def[i], tail);
            int taken = reserve_reports && S_reserved(name);
            uint64_t h = 1469598103934665603ULL;
            for (const unsigned char *s = (const unsigned char *)name; *s; s++)
                h = (h ^ (unsigned)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s)) * 1099511628211ULL;
            size_t slot = (size_t)h & (hcap - 1);
            while (!taken && hash[slot]) {
                if (!strcasecmp(hash[slot], name))
                    taken = 1;
                else
                    slot = (slot + 1) & (hcap - 1);
            }
            if (taken) {
                free(name);
                continue;
            }
            hash[slot] = name;
            in->v[i].name = dc_xstrdup(name);
        }
        free(cand);
    }
    for (size_t i = 0; i < hcap; i++)
        free(hash[i]);
    free(hash);
    for (size_t i = 0; i < in->n; i++)
        free(def[i]);
    free(def);
    free(sorted);
}

/* ---- shards ------------------------------------------------------------- */

unsigned dc_batch_shard_of(const char *rel, unsigned n)
{
    dc_sha256 s;
    unsigned char d[32];
    dc_sha256_init(&s);
    dc_sha256_update(&s, rel, strlen(rel));
    dc_sha256_final(&s, d);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | d[i];
    return (unsigned)(v % n) + 1;
}

void dc_batch_keep_shard(dc_batch_inputs *in, unsigned k, unsigned n)
{
    size_t w = 0;
    for (size_t i = 0; i < in->n; i++) {
        if (dc_batch_shard_of(in->v[i].rel, n) == k) {
            in->v[w++] = in->v[i];
        } else {
            free(in->v[i].path);
            free(in->v[i].rel);
            free(in->v[i].name);
        }
    }
    in->n = w;
}
