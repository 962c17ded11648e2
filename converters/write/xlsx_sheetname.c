/*
 * xlsx_sheetname.c - valid, unique, deterministic worksheet names.
 *
 * SPDX-License-Identifier: MIT
 */
#include "xlsx_sheetname.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/util.h"

/* A name as code points while it is being cleaned. */
typedef struct {
    uint32_t cp[DC_XLSX_SHEETNAME_MAX];
    int n;
} S_name;

/* Simple case folding for the scripts that have case: ASCII, Latin-1,
 * Greek, Cyrillic and full-width Latin. */
static uint32_t S_fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c >= 0xFF21 && c <= 0xFF3A)
        return c + 32;
    return c;
}

/* The case-folded form of a name; caller frees. */
static char *S_folded(const char *s)
{
    dc_buf b = DC_BUF_INIT;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t adv;
        dc_buf_put_utf8(&b, S_fold(dc_utf8_decode(s + i, n - i, &adv)));
        i += adv;
    }
    dc_buf_putc(&b, '\0');
    return dc_buf_detach(&b, NULL);
}

static size_t S_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void S_slot_insert(dc_xlsx_names *names, size_t index)
{
    size_t m = names->nslots - 1, h = S_hash(names->folded[index]) & m;
    while (names->slots[h])
        h = (h + 1) & m;
    names->slots[h] = index + 1;
}

int dc_xlsx_sheetname_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;
    while (i < na && j < nb) {
        size_t da, db;
        uint32_t ca = dc_utf8_decode(a + i, na - i, &da);
        uint32_t cb = dc_utf8_decode(b + j, nb - j, &db);
        if (S_fold(ca) != S_fold(cb))
            return 0;
        i += da;
        j += db;
    }
    return i == na && j == nb;
}

static int S_forbidden(uint32_t c)
{
    return c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\';
}

static int S_is_space(uint32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || dc_cp_is_space(c) ||
           c == 0xFEFF || c == 0xFFFD;
}

/* Trims spaces and apostrophes at both ends. */
static void S_trim(S_name *s)
{
    int a = 0, b = s->n;
    while (a < b && (s->cp[a] == ' ' || s->cp[a] == '\''))
        a++;
    while (b > a && (s->cp[b - 1] == ' ' || s->cp[b - 1] == '\''))
        b--;
    memmove(s->cp, s->cp + a, (size_t)(b - a) * sizeof s->cp[0]);
    s->n = b - a;
}

/* Cleans `text` into s (at most 31 code points, trimmed). */
static void S_clean(const char *text, S_name *s)
{
    s->n = 0;
    if (!text)
        return;
    size_t len = strlen(text), i = 0;
    int pending_space = 0;
    uint32_t prev = 0;  /* last code point kept */
    while (i < len && s->n < DC_XLSX_SHEETNAME_MAX) {
        size_t adv;
        uint32_t c = dc_utf8_decode(text + i, len - i, &adv);
        i += adv;
        if (S_is_space(c)) {
            pending_space = 1;
            continue;
        }
        switch (c) {
        case '[':  c = 0xFF3B; break;
        case ']':  c = 0xFF3D; break;
        case ':':  c = 0xFF1A; break;
        case '*':  c = 0xFF0A; break;
        case '?':  c = 0xFF1F; break;
        case '/':  c = 0xFF0F; break;
        case '\\': c = 0xFF3C; break;
        default: break;
        }
        if (pending_space && s->n > 0 && !(dc_cp_is_wide(prev) && dc_cp_is_wide(c))) {
            s->cp[s->n++] = ' ';
            if (s->n == DC_XLSX_SHEETNAME_MAX)
                break;
        }
        pending_space = 0;
        s->cp[s->n++] = c;
        prev = c;
    }
    S_trim(s);
}

static void S_encode(const S_name *s, const char *suffix, char out[DC_XLSX_SHEETNAME_SIZE])
{
    dc_buf b = DC_BUF_INIT;
    for (int k = 0; k < s->n; k++)
        dc_buf_put_utf8(&b, s->cp[k]);
    if (suffix)
        dc_buf_puts(&b, suffix);
    size_t n = b.len < DC_XLSX_SHEETNAME_SIZE - 1 ? b.len : DC_XLSX_SHEETNAME_SIZE - 1;
    memcpy(out, b.data ? b.data : "", n);
    out[n] = '\0';
    dc_buf_free(&b);
}

static int S_taken(const dc_xlsx_names *names, const char *name)
{
    if (dc_xlsx_sheetname_equal(name, "History"))
        return 1;
    if (!names->nslots)
        return 0;
    char *f = S_folded(name);
    size_t m = names->nslots - 1, h = S_hash(f) & m;
    int found = 0;
    for (; names->slots[h] && !found; h = (h + 1) & m)
        found = strcmp(names->folded[names->slots[h] - 1], f) == 0;
    free(f);
    return found;
}

/* The next suffix to try for a wanted name (inserted as 2 when new). */
static unsigned *S_base_next(dc_xlsx_names *names, const char *want)
{
    char *f = S_folded(want);
    if (names->nbase_slots) {
        size_t m = names->nbase_slots - 1, h = S_hash(f) & m;
        for (; names->base_slots[h]; h = (h + 1) & m) {
            size_t i = names->base_slots[h] - 1;
            if (!strcmp(names->bases[i], f)) {
                free(f);
                return &names->next[i];
            }
        }
    }
    if (names->nbases == names->capbases) {
        names->capbases = names->capbases ? 2 * names->capbases : 16;
        names->bases = dc_xrealloc(names->bases, names->capbases * sizeof *names->bases);
        names->next = dc_xrealloc(names->next, names->capbases * sizeof *names->next);
    }
    size_t i = names->nbases++;
    names->bases[i] = f;
    names->next[i] = 2;
    if (2 * names->nbases >= names->nbase_slots) {
        free(names->base_slots);
        names->nbase_slots = names->nbase_slots ? 2 * names->nbase_slots : 64;
        names->base_slots = dc_xcalloc(names->nbase_slots, sizeof *names->base_slots);
        for (size_t j = 0; j < names->nbases; j++) {
            size_t m = names->nbase_slots - 1, h = S_hash(names->bases[j]) & m;
            while (names->base_slots[h])
                h = (h + 1) & m;
            names->base_slots[h] = j + 1;
        }
    } else {
        size_t m = names->nbase_slots - 1, h = S_hash(f) & m;
        while (names->base_slots[h])
            h = (h + 1) & m;
        names->base_slots[h] = i + 1;
    }
    return &names->next[i];
}

void dc_xlsx_sheetname(dc_xlsx_names *names, const char *want, const char *fallback,
                       char out[DC_XLSX_SHEETNAME_SIZE])
{
    S_name s;
    S_clean(want, &s);
    if (s.n == 0)
        S_clean(fallback, &s);
    if (s.n == 0) {
        s.cp[0] = 0x8868;   /* 表 */
        s.n = 1;
    }
    S_encode(&s, NULL, out);
    unsigned *next = NULL;
    unsigned k = 2;
    if (S_taken(names, out)) {
        /* every suffix below the one remembered for this name is taken */
        next = S_base_next(names, out);
        k = *next;
    }
    for (; S_taken(names, out); k++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof suffix, "(%u)", k);
        S_name base = s;
        if (base.n > DC_XLSX_SHEETNAME_MAX - sl)
            base.n = DC_XLSX_SHEETNAME_MAX - sl;
        S_trim(&base);
        S_encode(&base, suffix, out);
    }
    if (next)
        *next = k;
    if (names->n == names->cap) {
        names->cap = names->cap ? names->cap * 2 : 16;
        names->names = dc_xrealloc(names->names, names->cap * sizeof *names->names);
        names->folded = dc_xrealloc(names->folded, names->cap * sizeof *names->folded);
    }
    names->names[names->n] = dc_xstrdup(out);
    names->folded[names->n] = S_folded(out);
    names->n++;
    if (2 * names->n >= names->nslots) {
        free(names->slots);
        names->nslots = names->nslots ? 2 * names->nslots : 64;
        names->slots = dc_xcalloc(names->nslots, sizeof *names->slots);
        for (size_t k = 0; k < names->n; k++)
            S_slot_insert(names, k);
    } else {
        S_slot_insert(names, names->n - 1);
    }
}

int dc_xlsx_sheetname_valid(const char *name)
{
    if (!name || !*name)
        return 0;
    size_t len = strlen(name), i = 0, count = 0;
    while (i < len) {
        size_t adv;
        uint32_t c = dc_utf8_decode(name + i, len - i, &adv);
        if (c == 0xFFFD || S_forbidden(c) || c < 0x20)
            return 0;
        i += adv;
        count++;
    }
    if (count > DC_XLSX_SHEETNAME_MAX || name[0] == '\'' || name[len - 1] == '\'')
        return 0;
    return !dc_xlsx_sheetname_equal(name, "History");
}

void dc_xlsx_names_free(dc_xlsx_names *names)
{
    for (size_t k = 0; k < names->n; k++) {
        free(names->names[k]);
        free(names->folded[k]);
    }
    for (size_t k = 0; k < names->nbases; k++)
        free(names->bases[k]);
    free(names->names);
    free(names->folded);
    free(names->slots);
    free(names->bases);
    free(names->next);
    free(names->base_slots);
    memset(names, 0, sizeof *names);
}
