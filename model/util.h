/*
 * util.h - small shared pieces: the error type, a growable byte buffer and an
 * arena allocator.  Nothing here knows any file format.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_UTIL_H
#define DC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/** Status codes; 0 is success.  dc_status_exit() maps them to exit codes. */
typedef enum {
    DC_OK = 0,
    DC_ERR_USAGE,      /**< bad command line or option */
    DC_ERR_IO,         /**< cannot open or read the input */
    DC_ERR_FORMAT,     /**< not a Word document (wrong kind of file) */
    DC_ERR_LEGACY,     /**< OLE compound file: legacy .doc or encrypted */
    DC_ERR_ZIP,        /**< broken or truncated zip */
    DC_ERR_PART,       /**< a required package part is missing */
    DC_ERR_XML,        /**< malformed XML */
    DC_ERR_LIMIT,      /**< a safety limit was exceeded (size, ratio, depth) */
    DC_ERR_NOMEM,      /**< out of memory */
    DC_ERR_OUTPUT,     /**< cannot write an output file */
    DC_ERR_INTERNAL    /**< a bug or a library failure */
} dc_status;

/** An error: a status and a one-line message (no trailing newline). */
typedef struct {
    dc_status code;
    char msg[512];
} dc_error;

/** Records the first error only: later calls on a set error are ignored. */
dc_status dc_error_set(dc_error *err, dc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** Puts "PREFIX: " before a set error's message (say which output failed). */
void dc_error_prefix(dc_error *err, const char *prefix);
void dc_error_clear(dc_error *err);
/** A short English name of a status ("malformed XML"). */
const char *dc_status_name(dc_status code);
/** The process exit code documented in the README for a status. */
int dc_status_exit(dc_status code);

/* ------------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------------ */

/** malloc/calloc/realloc that abort with a message when memory runs out. */
void *dc_xmalloc(size_t n);
void *dc_xcalloc(size_t n, size_t size);
void *dc_xrealloc(void *p, size_t n);
char *dc_xstrdup(const char *s);
char *dc_xstrndup(const char *s, size_t n);

/** What runs before the process exits (status 5, "out of memory") when a
 *  dc_x* allocation fails: removing temporary outputs.  Must not allocate. */
void dc_on_out_of_memory(void (*cleanup)(void));

/** The one growable array: returns `items` (of *cap elements of `size`
 *  bytes) reallocated so that element n fits, doubling from `first`
 *  elements; aborts like dc_xmalloc when memory runs out.  Use DC_GROW. */
void *dc_grow(void *items, size_t n, size_t *cap, size_t size, size_t first);

/** Makes room for element n of the array arr with capacity cap. */
#define DC_GROW(arr, n, cap, first) \
    ((arr) = dc_grow((arr), (n), &(cap), sizeof *(arr), (first)))

/** Appends item to a singly linked list kept as first and last pointers and
 *  linked through `next` (any struct; item's own next is left as it is). */
#define DC_LIST_APPEND(first, last, item) \
    do {                                  \
        if (last)                         \
            (last)->next = (item);        \
        else                              \
            (first) = (item);             \
        (last) = (item);                  \
    } while (0)

/* ------------------------------------------------------------------------
 * Growable buffer (always NUL-terminated when non-empty)
 * ------------------------------------------------------------------------ */

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} dc_buf;

#define DC_BUF_INIT {NULL, 0, 0}

void dc_buf_grow(dc_buf *b, size_t extra);
void dc_buf_put(dc_buf *b, const void *data, size_t len);
void dc_buf_puts(dc_buf *b, const char *s);
void dc_buf_putc(dc_buf *b, char c);
void dc_buf_printf(dc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dc_buf_vprintf(dc_buf *b, const char *fmt, va_list ap);
/** Appends the UTF-8 encoding of a code point (invalid ones become U+FFFD). */
void dc_buf_put_utf8(dc_buf *b, uint32_t cp);
void dc_buf_clear(dc_buf *b);
/** Returns the contents (never NULL: "" when empty); the buffer keeps it. */
const char *dc_buf_cstr(dc_buf *b);
/** Hands the memory to the caller (free() it) and resets the buffer. */
char *dc_buf_detach(dc_buf *b, size_t *len);
void dc_buf_free(dc_buf *b);

/* ------------------------------------------------------------------------
 * Arena: many small allocations freed together
 * ------------------------------------------------------------------------ */

typedef struct dc_arena_block dc_arena_block;
typedef struct {
    dc_arena_block *head;
    size_t total;            /**< bytes handed out, for limits and reports */
} dc_arena;

void *dc_arena_alloc(dc_arena *a, size_t n);   /**< zeroed, 8-byte aligned */
char *dc_arena_strndup(dc_arena *a, const char *s, size_t n);
char *dc_arena_strdup(dc_arena *a, const char *s);
void dc_arena_free(dc_arena *a);
/** dc_grow for an array in an arena: a larger copy when element n does not
 *  fit (the old one stays until the arena is freed).  Use DC_ARENA_GROW. */
void *dc_arena_grow(dc_arena *a, void *items, size_t n, size_t *cap, size_t size, size_t first);
#define DC_ARENA_GROW(arena, arr, n, cap, first) \
    ((arr) = dc_arena_grow((arena), (arr), (n), &(cap), sizeof *(arr), (first)))

/* ------------------------------------------------------------------------
 * UTF-8
 * ------------------------------------------------------------------------ */

/** Decodes one code point at s (at most n bytes); sets *adv to the bytes
 *  used (at least 1).  Invalid sequences give U+FFFD. */
uint32_t dc_utf8_decode(const char *s, size_t n, size_t *adv);
/** Number of code points in s[0..n). */
size_t dc_utf8_count(const char *s, size_t n);
/** True for CJK ideographs, kana, hangul and full-width forms (double width). */
int dc_cp_is_wide(uint32_t cp);
/** Display width of a UTF-8 string counting wide characters as 2. */
size_t dc_utf8_width(const char *s, size_t n);
/** True for Unicode white space, including U+3000 and NBSP. */
int dc_cp_is_space(uint32_t cp);
/** True when s[0..n) is empty or all white space (dc_cp_is_space). */
int dc_utf8_is_blank(const char *s, size_t n);

/** Reads a whole file into memory, refusing more than max bytes.  Returns
 *  malloc'ed bytes (free them) or NULL with err set. */
unsigned char *dc_read_all(const char *path, size_t max, size_t *len, dc_error *err);

/** Reads exactly n bytes from fd (retrying EINTR and short reads).  Returns
 *  0, or -1 at an error or the end of the data (errno says which). */
int dc_fd_read_full(int fd, void *buf, size_t n);
/** Writes all n bytes to fd (retrying EINTR and short writes).  Returns 0,
 *  or -1 (errno set; ENOSPC when nothing could be written). */
int dc_fd_write_full(int fd, const void *buf, size_t n);


#endif
