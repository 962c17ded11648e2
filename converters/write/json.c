/*
 * json.c - streaming JSON emitter.
 *
 * SPDX-License-Identifier: MIT
 */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dc_json_init(dc_json *j, dc_buf *out, int pretty)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->pretty = pretty;
    j->cap = 16;
    j->first = dc_xcalloc((size_t)j->cap, 1);
    j->first[0] = 1;
}

void dc_json_done(dc_json *j)
{
    free(j->first);
    j->first = NULL;
}

static void S_newline(dc_json *j)
{
    if (!j->pretty)
        return;
    dc_buf_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        dc_buf_putc(j->out, ' ');
}

void dc_json_escape(dc_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t adv;
            uint32_t cp = dc_utf8_decode(s + i, len - i, &adv);
            if (cp == 0xFFFD && adv == 1)
                dc_buf_puts(out, "\xEF\xBF\xBD");
            else if (cp == 0x2028 || cp == 0x2029)
                dc_buf_printf(out, "\\u%04x", (unsigned)cp);
            else
                dc_buf_put(out, s + i, adv);
            i += adv;
            continue;
        }
        switch (c) {
        case '"':  dc_buf_puts(out, "\\\""); break;
        case '\\': dc_buf_puts(out, "\\\\"); break;
        case '\n': dc_buf_puts(out, "\\n"); break;
        case '\r': dc_buf_puts(out, "\\r"); break;
        case '\t': dc_buf_puts(out, "\\t"); break;
        case '\b': dc_buf_puts(out, "\\b"); break;
        case '\f': dc_buf_puts(out, "\\f"); break;
        default:
            if (c < 0x20)
                dc_buf_printf(out, "\\u%04x", c);
            else
                dc_buf_putc(out, (char)c);
        }
        i++;
    }
}

/* Writes the separator, indentation and member name before a value. */
static void S_pre(dc_json *j, const char *key)
{
    if (!j->first[j->depth])
        dc_buf_putc(j->out, ',');
    if (j->depth > 0)
        S_newline(j);
    j->first[j->depth] = 0;
    if (key) {
        dc_buf_putc(j->out, '"');
        dc_json_escape(j->out, key, strlen(key));
        dc_buf_puts(j->out, j->pretty ? "\": " : "\":");
    }
}

static void S_open(dc_json *j, const char *key, char c)
{
    S_pre(j, key);
    dc_buf_putc(j->out, c);
    j->depth++;
    if (j->depth >= j->cap) {
        j->cap *= 2;
        j->first = dc_xrealloc(j->first, (size_t)j->cap);
    }
    j->first[j->depth] = 1;
}

static void S_close(dc_json *j, char c)
{
    int empty = j->first[j->depth];
    j->depth--;
    if (!empty)
        S_newline(j);
    dc_buf_putc(j->out, c);
    if (j->depth == 0 && j->pretty)
        dc_buf_putc(j->out, '\n');
}

void dc_json_begin_object(dc_json *j, const char *key) { S_open(j, key, '{'); }
void dc_json_end_object(dc_json *j) { S_close(j, '}'); }
void dc_json_begin_array(dc_json *j, const char *key) { S_open(j, key, '['); }
void dc_json_end_array(dc_json *j) { S_close(j, ']'); }

void dc_json_stringn(dc_json *j, const char *key, const char *s, size_t len)
{
    S_pre(j, key);
    if (!s) {
        dc_buf_puts(j->out, "null");
        return;
    }
    dc_buf_putc(j->out, '"');
    dc_json_escape(j->out, s, len);
    dc_buf_putc(j->out, '"');
}

void dc_json_string(dc_json *j, const char *key, const char *s)
{
    dc_json_stringn(j, key, s, s ? strlen(s) : 0);
}

void dc_json_int(dc_json *j, const char *key, long long v)
{
    S_pre(j, key);
    dc_buf_printf(j->out, "%lld", v);
}

void dc_json_double(dc_json *j, const char *key, double v)
{
    S_pre(j, key);
    if (!isfinite(v)) {
        dc_buf_puts(j->out, "null");
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v) {
        dc_buf_printf(j->out, "%lld", (long long)v);
        return;
    }
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    dc_buf_puts(j->out, tmp);
}

void dc_json_raw_number(dc_json *j, const char *key, const char *text)
{
    S_pre(j, key);
    dc_buf_puts(j->out, text);
}

void dc_json_bool(dc_json *j, const char *key, int v)
{
    S_pre(j, key);
    dc_buf_puts(j->out, v ? "true" : "false");
}

void dc_json_null(dc_json *j, const char *key)
{
    S_pre(j, key);
    dc_buf_puts(j->out, "null");
}
