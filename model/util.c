/*
 * util.c - errors, buffers, growable arrays, the arena, UTF-8 helpers and
 * whole-file reading.
 *
 * SPDX-License-Identifier: MIT
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

dc_status dc_error_set(dc_error *err, dc_status code, const char *fmt, ...)
{
    if (!err || err->code != DC_OK)
        return err ? err->code : code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    /* Keep it one line whatever the callers passed in. */
    for (char *p = err->msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return code;
}

void dc_error_prefix(dc_error *err, const char *prefix)
{
    if (!err || err->code == DC_OK || !prefix)
        return;
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "%s: %s", prefix, err->msg);
    size_t n = b.len < sizeof err->msg - 1 ? b.len : sizeof err->msg - 1;
    memcpy(err->msg, b.data, n);
    err->msg[n] = '\0';
    dc_buf_free(&b);
}

void dc_error_clear(dc_error *err)
{
    err->code = DC_OK;
    err->msg[0] = '\0';
}

const char *dc_status_name(dc_status code)
{
    switch (code) {
    case DC_OK:           return "ok";
    case DC_ERR_USAGE:    return "usage error";
    case DC_ERR_IO:       return "cannot read input";
    case DC_ERR_FORMAT:   return "not a Word document";
    case DC_ERR_LEGACY:   return "legacy or encrypted Word file";
    case DC_ERR_ZIP:      return "broken zip";
    case DC_ERR_PART:     return "missing part";
    case DC_ERR_XML:      return "malformed XML";
    case DC_ERR_LIMIT:    return "limit exceeded";
    case DC_ERR_NOMEM:    return "out of memory";
    case DC_ERR_OUTPUT:   return "cannot write output";
    case DC_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}

int dc_status_exit(dc_status code)
{
    switch (code) {
    case DC_OK:           return 0;
    case DC_ERR_USAGE:    return 2;
    case DC_ERR_OUTPUT:   return 4;
    case DC_ERR_INTERNAL:
    case DC_ERR_NOMEM:    return 5;
    default:              return 3;   /* unreadable input */
    }
}

/* ------------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------------ */

static void (*S_oom_cleanup)(void);

void dc_on_out_of_memory(void (*cleanup)(void))
{
    S_oom_cleanup = cleanup;
}

/* Out of memory where no caller can be told: one line, the cleanup (the
 * temporary outputs), and the exit status of DC_ERR_NOMEM.  Nothing here
 * allocates. */
static void S_oom(void)
{
    static const char msg[] = "disclosure: out of memory\n";
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing more to say it with */
    }
    if (S_oom_cleanup)
        S_oom_cleanup();
    _exit(5);
}

void *dc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        S_oom();
    return p;
}

void *dc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        S_oom();
    return p;
}

void *dc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        S_oom();
    return q;
}

/* The capacity that holds element n: cap (or first) doubled as often as
 * needed. */
static size_t S_grown_cap(size_t n, size_t cap, size_t size, size_t first)
{
    size_t c = cap ? cap : (first ? first : 1);
    while (c <= n) {
        if (c > SIZE_MAX / 2 / size)
            S_oom();
        c *= 2;
    }
    return c;
}

void *dc_grow(void *items, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return items;
    *cap = S_grown_cap(n, *cap, size, first);
    return dc_xrealloc(items, *cap * size);
}

char *dc_xstrndup(const char *s, size_t n)
{
    char *p = dc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dc_xstrdup(const char *s)
{
    return dc_xstrndup(s, strlen(s));
}

/* ------------------------------------------------------------------------
 * Buffer
 * ------------------------------------------------------------------------ */

void dc_buf_grow(dc_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap * 2;
    b->data = dc_xrealloc(b->data, cap);
    b->cap = cap;
}

void dc_buf_put(dc_buf *b, const void *data, size_t len)
{
    if (len == 0)
        return;
    dc_buf_grow(b, len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void dc_buf_puts(dc_buf *b, const char *s)
{
    dc_buf_put(b, s, strlen(s));
}

void dc_buf_putc(dc_buf *b, char c)
{
    dc_buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void dc_buf_vprintf(dc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0)
        return;
    dc_buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void dc_buf_printf(dc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void dc_buf_put_utf8(dc_buf *b, uint32_t cp)
{
    char s[4];
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    dc_buf_put(b, s, n);
}

void dc_buf_clear(dc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

const char *dc_buf_cstr(dc_buf *b)
{
    return b->data ? b->data : "";
}

char *dc_buf_detach(dc_buf *b, size_t *len)
{
    char *p = b->data ? b->data : dc_xstrdup("");
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void dc_buf_free(dc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------------
 * Arena
 * ------------------------------------------------------------------------ */

struct dc_arena_block {
    dc_arena_block *next;
    size_t used;
    size_t size;
    /* then `size` bytes of storage, 16-aligned by the allocator */
    max_align_t data[];
};

#define ARENA_BLOCK 65536

/* Under AddressSanitizer each allocation is followed by a poisoned gap, so
 * that reading past an object (a node's member its type does not have)
 * is caught like an overflow of a malloc'ed one. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define S_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define S_ASAN 1
#endif
#ifdef S_ASAN
#include <sanitizer/asan_interface.h>
#define S_REDZONE 16
#define S_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define S_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define S_REDZONE 0
#define S_POISON(p, n) ((void)(p), (void)(n))
#define S_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

void *dc_arena_alloc(dc_arena *a, size_t n)
{
    size_t want = n;
    n = ((n + 7) & ~(size_t)7) + S_REDZONE;
    dc_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        dc_arena_block *nb = dc_xmalloc(sizeof *nb + size);
        nb->used = 0;
        nb->size = size;
        if (b && size != ARENA_BLOCK) {
            /* A big request gets its own block behind the current one so the
             * current block's free space is not wasted. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->total += n;
    memset(p, 0, n);
    S_POISON((char *)p + want, n - want);
    return p;
}

char *dc_arena_strndup(dc_arena *a, const char *s, size_t n)
{
    char *p = dc_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dc_arena_strdup(dc_arena *a, const char *s)
{
    return s ? dc_arena_strndup(a, s, strlen(s)) : NULL;
}

void *dc_arena_grow(dc_arena *a, void *items, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return items;
    size_t c = S_grown_cap(n, *cap, size, first);
    void *bigger = dc_arena_alloc(a, c * size);
    if (*cap && items)
        memcpy(bigger, items, *cap * size);
    *cap = c;
    return bigger;
}

void dc_arena_free(dc_arena *a)
{
    dc_arena_block *b = a->head;
    while (b) {
        dc_arena_block *next = b->next;
        S_UNPOISON(b->data, b->size);
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* ------------------------------------------------------------------------
 * UTF-8
 * ------------------------------------------------------------------------ */

uint32_t dc_utf8_decode(const char *str, size_t n, size_t *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    *adv = 1;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return c;
    size_t len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; cp = c & 0x07; min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (n < len)
        return 0xFFFD;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *adv = len;
    return cp;
}

size_t dc_utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

int dc_cp_is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) ||    /* Hangul Jamo */
           (cp >= 0x2E80 && cp <= 0x303E) ||    /* CJK radicals, punctuation */
           (cp >= 0x3041 && cp <= 0x33FF) ||    /* kana, CJK compatibility */
           (cp >= 0x3400 && cp <= 0x4DBF) ||    /* Ext A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||    /* URO */
           (cp >= 0xA000 && cp <= 0xA4CF) ||    /* Yi */
           (cp >= 0xAC00 && cp <= 0xD7A3) ||    /* Hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) ||    /* compatibility ideographs */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||    /* vertical forms */
           (cp >= 0xFF00 && cp <= 0xFF60) ||    /* full-width forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t dc_utf8_width(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        w += dc_cp_is_wide(cp) ? 2 : 1;
        i += adv;
    }
    return w;
}

int dc_cp_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
           cp == '\v' || cp == 0xA0 || cp == 0x3000 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F;
}

int dc_utf8_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t adv;
        if (!dc_cp_is_space(dc_utf8_decode(s + i, n - i, &adv)))
            return 0;
        i += adv;
    }
    return 1;
}

unsigned char *dc_read_all(const char *path, size_t max, size_t *len, dc_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        dc_error_set(err, DC_ERR_IO, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        dc_error_set(err, DC_ERR_IO, "cannot stat: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        dc_error_set(err, DC_ERR_IO, "is a directory");
        close(fd);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
        dc_error_set(err, DC_ERR_LIMIT, "input is %llu MiB, more than the limit of %zu MiB",
                     (unsigned long long)st.st_size >> 20, max >> 20);
        close(fd);
        return NULL;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536, n = 0;
    unsigned char *buf = dc_xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                dc_error_set(err, DC_ERR_LIMIT, "input is more than the limit of %zu MiB",
                             max >> 20);
                free(buf);
                close(fd);
                return NULL;
            }
            cap *= 2;
            buf = dc_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            dc_error_set(err, DC_ERR_IO, "read error: %s", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max) {
        dc_error_set(err, DC_ERR_LIMIT, "input is more than the limit of %zu MiB", max >> 20);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int dc_fd_read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

int dc_fd_write_full(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = ENOSPC;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}
