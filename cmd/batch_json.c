/*
 * batch_json.c - JSON reader for batch reports.
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch_json.h"

#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 64

typedef struct {
    dc_arena *arena;
    const char *p, *end, *start;
    dc_error *err;
    dc_buf tmp;
} S_parser;

static dc_json_value *S_fail(S_parser *ps, const char *what)
{
    int line = 1;
    for (const char *q = ps->start; q < ps->p && q < ps->end; q++)
        if (*q == '\n')
            line++;
    dc_error_set(ps->err, DC_ERR_FORMAT, "line %d: %s", line, what);
    return NULL;
}

static void S_ws(S_parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static dc_json_value *S_node(S_parser *ps, dc_json_value_type t)
{
    dc_json_value *v = dc_arena_alloc(ps->arena, sizeof *v);
    v->type = t;
    return v;
}

static int S_hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Parses a string at ps->p (on the opening quote) into the arena. */
static const char *S_string(S_parser *ps)
{
    ps->p++;
    dc_buf_clear(&ps->tmp);
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            S_fail(ps, "control character in a string");
            return NULL;
        }
        if (c != '\\') {
            const char *q = ps->p;
            while (q < ps->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
                q++;
            dc_buf_put(&ps->tmp, ps->p, (size_t)(q - ps->p));
            ps->p = q;
            continue;
        }
        if (ps->end - ps->p < 2) {
            S_fail(ps, "unfinished escape");
            return NULL;
        }
        char e = ps->p[1];
        ps->p += 2;
        switch (e) {
        case '"': dc_buf_putc(&ps->tmp, '"'); break;
        case '\\': dc_buf_putc(&ps->tmp, '\\'); break;
        case '/': dc_buf_putc(&ps->tmp, '/'); break;
        case 'b': dc_buf_putc(&ps->tmp, '\b'); break;
        case 'f': dc_buf_putc(&ps->tmp, '\f'); break;
        case 'n': dc_buf_putc(&ps->tmp, '\n'); break;
        case 'r': dc_buf_putc(&ps->tmp, '\r'); break;
        case 't': dc_buf_putc(&ps->tmp, '\t'); break;
        case 'u': {
            unsigned cp;
            if (ps->end - ps->p < 4 || !S_hex4(ps->p, &cp)) {
                S_fail(ps, "bad \\u escape");
                return NULL;
            }
            ps->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
                ps->p[1] == 'u') {
                unsigned lo;
                if (S_hex4(ps->p + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    ps->p += 6;
                }
            }
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            dc_buf_put_utf8(&ps->tmp, cp);
            break;
        }
        default:
            S_fail(ps, "bad escape");
            return NULL;
        }
    }
    if (ps->p >= ps->end) {
        S_fail(ps, "unterminated string");
        return NULL;
    }
    ps->p++;
    return dc_arena_strndup(ps->arena, ps->tmp.data ? ps->tmp.data : "", ps->tmp.len);
}

static dc_json_value *S_number(S_parser *ps)
{
    const char *s = ps->p, *q = s;
    if (q < ps->end && *q == '-')
        q++;
    if (q < ps->end && *q == '0') {
        q++;
    } else if (q < ps->end && *q >= '1' && *q <= '9') {
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    } else {
        return S_fail(ps, "bad number");
    }
    if (q < ps->end && *q == '.') {
        q++;
        if (q >= ps->end || !(*q >= '0' && *q <= '9'))
            return S_fail(ps, "bad number");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || !(*q >= '0' && *q <= '9'))
            return S_fail(ps, "bad number");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    dc_json_value *v = S_node(ps, DC_JSON_VALUE_NUMBER);
    v->str = dc_arena_strndup(ps->arena, s, (size_t)(q - s));
    ps->p = q;
    return v;
}

static int S_word(S_parser *ps, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, w, n)) {
        ps->p += n;
        return 1;
    }
    return 0;
}

static void S_append(dc_json_value *parent, dc_json_value *child)
{
    DC_LIST_APPEND(parent->first, parent->last, child);
    parent->count++;
}

static dc_json_value *S_value(S_parser *ps, int depth)
{
    S_ws(ps);
    if (ps->p >= ps->end)
        return S_fail(ps, "unexpected end of input");
    if (depth > S_MAX_DEPTH)
        return S_fail(ps, "nested too deeply");
    char c = *ps->p;
    if (c == '{' || c == '[') {
        int obj = c == '{';
        dc_json_value *v = S_node(ps, obj ? DC_JSON_VALUE_OBJECT : DC_JSON_VALUE_ARRAY);
        ps->p++;
        S_ws(ps);
        if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
            ps->p++;
            return v;
        }
        for (;;) {
            const char *key = NULL;
            if (obj) {
                S_ws(ps);
                if (ps->p >= ps->end || *ps->p != '"')
                    return S_fail(ps, "expected a member name");
                if (!(key = S_string(ps)))
                    return NULL;
                S_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':')
                    return S_fail(ps, "expected ':'");
                ps->p++;
            }
            dc_json_value *child = S_value(ps, depth + 1);
            if (!child)
                return NULL;
            child->key = key;
            S_append(v, child);
            S_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                continue;
            }
            if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
                ps->p++;
                return v;
            }
            return S_fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }
    if (c == '"') {
        const char *s = S_string(ps);
        if (!s)
            return NULL;
        dc_json_value *v = S_node(ps, DC_JSON_VALUE_STRING);
        v->str = s;
        return v;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return S_number(ps);
    if (S_word(ps, "null"))
        return S_node(ps, DC_JSON_VALUE_NULL);
    if (S_word(ps, "true"))
        return S_node(ps, DC_JSON_VALUE_TRUE);
    if (S_word(ps, "false"))
        return S_node(ps, DC_JSON_VALUE_FALSE);
    return S_fail(ps, "unexpected character");
}

dc_json_value *dc_json_value_parse(dc_arena *arena, const char *text, size_t len, dc_error *err)
{
    S_parser ps = {arena, text, text + len, text, err, DC_BUF_INIT};
    dc_json_value *v = S_value(&ps, 0);
    if (v) {
        S_ws(&ps);
        if (ps.p != ps.end)
            v = S_fail(&ps, "text after the value");
    }
    dc_buf_free(&ps.tmp);
    return v;
}

dc_json_value *dc_json_value_get(const dc_json_value *obj, const char *key)
{
    if (!obj || obj->type != DC_JSON_VALUE_OBJECT)
        return NULL;
    for (dc_json_value *c = obj->first; c; c = c->next)
        if (!strcmp(c->key, key))
            return c;
    return NULL;
}

const char *dc_json_value_string(const dc_json_value *obj, const char *key)
{
    dc_json_value *v = dc_json_value_get(obj, key);
    return v && v->type == DC_JSON_VALUE_STRING ? v->str : NULL;
}

double dc_json_value_number(const dc_json_value *obj, const char *key, double def)
{
    dc_json_value *v = dc_json_value_get(obj, key);
    return v && v->type == DC_JSON_VALUE_NUMBER ? strtod(v->str, NULL) : def;
}

long long dc_json_value_int(const dc_json_value *obj, const char *key, long long def)
{
    dc_json_value *v = dc_json_value_get(obj, key);
    return v && v->type == DC_JSON_VALUE_NUMBER ? (long long)strtod(v->str, NULL) : def;
}

void dc_json_value_set_string(dc_arena *arena, dc_json_value *obj, const char *key, const char *s)
{
    dc_json_value *v = dc_json_value_get(obj, key);
    if (!v) {
        v = dc_arena_alloc(arena, sizeof *v);
        v->key = dc_arena_strdup(arena, key);
        S_append(obj, v);
    }
    v->first = v->last = NULL;
    v->count = 0;
    v->type = s ? DC_JSON_VALUE_STRING : DC_JSON_VALUE_NULL;
    v->str = s ? dc_arena_strdup(arena, s) : NULL;
}

void dc_json_value_write(const dc_json_value *v, dc_json *j, const char *key)
{
    switch (v->type) {
    case DC_JSON_VALUE_NULL: dc_json_null(j, key); break;
    case DC_JSON_VALUE_FALSE: dc_json_bool(j, key, 0); break;
    case DC_JSON_VALUE_TRUE: dc_json_bool(j, key, 1); break;
    case DC_JSON_VALUE_NUMBER: dc_json_raw_number(j, key, v->str); break;
    case DC_JSON_VALUE_STRING: dc_json_string(j, key, v->str); break;
    case DC_JSON_VALUE_ARRAY:
        dc_json_begin_array(j, key);
        for (const dc_json_value *c = v->first; c; c = c->next)
            dc_json_value_write(c, j, NULL);
        dc_json_end_array(j);
        break;
    case DC_JSON_VALUE_OBJECT:
        dc_json_begin_object(j, key);
        for (const dc_json_value *c = v->first; c; c = c->next)
            dc_json_value_write(c, j, c->key);
        dc_json_end_object(j);
        break;
    }
}
