/*
 * amount.c - normalised text and numbers as written (see amount.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "amount.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- normalised text --------------------------------------------------- */

void dc_norm_init(dc_norm *nt)
{
    memset(nt, 0, sizeof *nt);
}

void dc_norm_free(dc_norm *nt)
{
    dc_buf_free(&nt->text);
    free(nt->map);
    memset(nt, 0, sizeof *nt);
}

void dc_norm_clear(dc_norm *nt)
{
    dc_buf_clear(&nt->text);
}

static void S_map_reserve(dc_norm *nt, size_t need)
{
    if (need + 1 <= nt->cap)
        return;
    size_t cap = nt->cap ? nt->cap : 64;
    while (cap < need + 1)
        cap *= 2;
    nt->map = dc_xrealloc(nt->map, cap * sizeof *nt->map);
    nt->cap = cap;
}

static int S_is_quote(uint32_t cp)
{
    switch (cp) {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFF02: case 0xFF07:
        return 1;
    default:
        return 0;
    }
}

static int S_is_white(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
           cp == 0xFEFF;
}

/* Normalises s[0..n) into out (room for n bytes: the result is never longer);
 * fills map[i] with base + the source offset of output byte i when map is
 * not NULL.  Returns the bytes written. */
static size_t S_norm_into(const char *s, size_t n, unsigned flags, char *out, size_t *map,
                          size_t base)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            /* ASCII: white space and quotes may go, the rest stays */
            int white = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
            if ((white && (flags & DC_NORM_SPACE)) ||
                ((c == '"' || c == '\'') && (flags & DC_NORM_QUOTES))) {
                i++;
                continue;
            }
            if (map)
                map[o] = base + i;
            out[o++] = (white && c != '\n' && c != '\t') ? ' ' : (char)c;
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        size_t at = i;
        i += adv;
        if ((flags & DC_NORM_QUOTES) && S_is_quote(cp))
            continue;
        if (S_is_white(cp)) {
            if (flags & DC_NORM_SPACE)
                continue;
            if (map)
                map[o] = base + at;
            out[o++] = ' ';
            continue;
        }
        char one = 0;
        const char *rep = NULL;
        size_t rl = 0;
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            one = (char)(cp - 0xFEE0);
        } else if (cp == 0xFE6A) {
            one = '%';                                     /* ﹪ */
        } else if (cp == 0x2212) {
            one = '-';                                     /* − minus sign */
        } else if (cp == 0x2267) {
            rep = "\xE2\x89\xA5";                           /* ≧ -> ≥ */
            rl = 3;
        } else if (cp == 0x2266) {
            rep = "\xE2\x89\xA4";                           /* ≦ -> ≤ */
            rl = 3;
        } else if (cp == 0xFFFD && adv == 1) {
            rep = s + at;                                  /* invalid byte: keep it */
            rl = 1;
        } else {
            rep = s + at;
            rl = adv;
        }
        if (one) {
            if (map)
                map[o] = base + at;
            out[o++] = one;
        } else {
            for (size_t k = 0; k < rl; k++) {
                if (map)
                    map[o] = base + at;
                out[o++] = rep[k];
            }
        }
    }
    return o;
}

void dc_norm_append(dc_norm *nt, const char *s, size_t n, size_t base, unsigned flags)
{
    size_t len = nt->text.len;
    dc_buf_grow(&nt->text, n);
    S_map_reserve(nt, len + n);
    size_t o = S_norm_into(s, n, flags, nt->text.data + len, nt->map + len, base);
    nt->text.len = len + o;
    nt->text.data[nt->text.len] = '\0';
    nt->map[nt->text.len] = base + n;
}

void dc_norm_putc(dc_norm *nt, char c, size_t at)
{
    dc_buf_grow(&nt->text, 1);
    S_map_reserve(nt, nt->text.len + 1);
    nt->map[nt->text.len] = at;
    nt->text.data[nt->text.len++] = c;
    nt->text.data[nt->text.len] = '\0';
    nt->map[nt->text.len] = at;
}

char *dc_norm_dup(const char *s, size_t n, unsigned flags)
{
    char *out = dc_xmalloc(n + 1);
    size_t o = S_norm_into(s, n, flags, out, NULL, 0);
    out[o] = '\0';
    return out;
}

/* ---- units -------------------------------------------------------------- */

typedef struct {
    const char *text;
    size_t len;
} S_unit;

#define U(s) {s, sizeof(s) - 1}
static const S_unit S_units[] = {
    U("万元"), U("亿元"), U("千元"), U("元"), U("万"), U("%"), U("‰"), U("个百分点"), U("百分点"),
    U("微克/立方米"), U("毫克/立方米"), U("毫克/升"), U("mg/L"), U("μg/m3"), U("人次"), U("人天"), U("人/次"),
    U("万人"), U("人"), U("名"), U("户"), U("家"), U("小时"), U("分钟"), U("工作日"), U("天"), U("日"),
    U("周"), U("个月"), U("月"), U("年"), U("平方公里"), U("平方米"), U("立方米"), U("公里"), U("千米"), U("米"),
    U("公顷"), U("亩"), U("万吨"), U("吨"), U("千克"), U("公斤"), U("蒸吨"), U("千瓦"), U("分贝"), U("dB"),
    U("个"), U("次"), U("台"), U("辆"), U("块"), U("种"), U("项"), U("份"), U("套"), U("件"), U("座"),
    U("所"), U("篇"), U("场"), U("期"), U("批"), U("张"), U("册"), U("本"), U("条"), U("处"), U("宗"),
    U("部"), U("只"), U("棵"), U("株"), U("分"), U("页"), U("组"), U("类"), U("点"), U("站"), U("units"),
    {NULL, 0}
};
#undef U

size_t dc_unit_len(const char *s, size_t n)
{
    size_t best = 0;
    if (!n)
        return 0;
    for (const S_unit *u = S_units; u->text; u++)
        if (u->len > best && u->len <= n && u->text[0] == s[0] && !memcmp(s, u->text, u->len))
            best = u->len;
    return best;
}

int dc_unit_is_money(const char *unit)
{
    if (!unit)
        return 0;
    return !strcmp(unit, "万元") || !strcmp(unit, "元") || !strcmp(unit, "亿元") ||
           !strcmp(unit, "千元") || !strcmp(unit, "万");
}

double dc_money_to_wan(double value, const char *unit)
{
    if (!unit || !*unit || !strcmp(unit, "万元") || !strcmp(unit, "万"))
        return value;
    if (!strcmp(unit, "元"))
        return value / 10000.0;
    if (!strcmp(unit, "千元"))
        return value / 10.0;
    if (!strcmp(unit, "亿元"))
        return value * 10000.0;
    return NAN;
}

void dc_number_format(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "0");
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v) {
        snprintf(buf, size, "%lld", (long long)v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
}

double dc_sum_tolerance(int decimals, size_t terms)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 12)
        decimals = 12;
    return 0.5 * pow(10.0, -decimals) * (double)(terms ? terms : 1) + 1e-9;
}

/* ---- numbers ------------------------------------------------------------ */

static int S_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t S_digits(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && S_digit(s[j]))
        j++;
    return j - i;
}

/* Thousands separators: ',' (a normalised '，' too). */
static int S_sep(char c)
{
    return c == ',';
}

int dc_number_at(const char *s, size_t n, size_t pos, dc_number *out)
{
    memset(out, 0, sizeof *out);
    if (pos >= n || !S_digit(s[pos]))
        return 0;
    char tmp[sizeof out->text];
    size_t tl = 0;
    size_t i = pos;
    size_t first = S_digits(s, n, i);
    size_t int_end = i + first;
    /* Grouped integer part: 1-3 digits, then (sep + exactly 3 digits)+. */
    if (first <= 3 && int_end + 4 <= n && S_sep(s[int_end]) && S_digits(s, n, int_end + 1) == 3) {
        size_t j = int_end;
        int ok = 1;
        while (j < n && S_sep(s[j])) {
            if (S_digits(s, n, j + 1) != 3) {
                ok = 0;
                break;
            }
            j += 4;
        }
        if (ok) {
            out->grouped = 1;
            for (size_t k = i; k < j; k++)
                if (S_digit(s[k]) && tl + 1 < sizeof tmp)
                    tmp[tl++] = s[k];
            int_end = j;
        }
    }
    if (!out->grouped)
        for (size_t k = i; k < int_end; k++)
            if (tl + 1 < sizeof tmp)
                tmp[tl++] = s[k];
    i = int_end;
    if (i + 1 < n && s[i] == '.' && S_digit(s[i + 1])) {
        size_t fd = S_digits(s, n, i + 1);
        if (tl + 1 < sizeof tmp)
            tmp[tl++] = '.';
        for (size_t k = 0; k < fd; k++)
            if (tl + 1 < sizeof tmp)
                tmp[tl++] = s[i + 1 + k];
        out->decimals = (int)fd;
        i += 1 + fd;
    }
    tmp[tl] = '\0';
    /* "007" -> "7", "00.5" -> "0.5": the value as written, a valid JSON number */
    size_t lz = 0;
    while (lz + 1 < tl && tmp[lz] == '0' && tmp[lz + 1] != '.')
        lz++;
    memcpy(out->text, tmp + lz, tl - lz + 1);
    out->value = strtod(tmp, NULL);
    out->begin = pos;
    out->num_end = i;
    size_t ul = dc_unit_len(s + i, n - i);
    if (ul < sizeof out->unit) {
        memcpy(out->unit, s + i, ul);
        out->unit[ul] = '\0';
    } else {
        ul = 0;
    }
    out->end = i + ul;
    return 1;
}

int dc_number_next(const char *s, size_t n, size_t pos, dc_number *out)
{
    for (size_t i = pos; i < n; i++) {
        if (!S_digit(s[i]))
            continue;
        if (i > 0 && (S_digit(s[i - 1]) || s[i - 1] == '.'))
            continue;
        return dc_number_at(s, n, i, out);
    }
    memset(out, 0, sizeof *out);
    return 0;
}

typedef struct {
    const char *text;
    const char *op;
} S_opword;

static const S_opword S_ops[] = {
    {"\xE2\x89\xA5", "\xE2\x89\xA5"},          /* ≥ */
    {"\xE2\x89\xA4", "\xE2\x89\xA4"},          /* ≤ */
    {">=", "\xE2\x89\xA5"},
    {"<=", "\xE2\x89\xA4"},
    {"=", "="},
    {">", ">"},
    {"<", "<"},
    {"不低于", "\xE2\x89\xA5"}, {"不少于", "\xE2\x89\xA5"}, {"不小于", "\xE2\x89\xA5"},
    {"大于等于", "\xE2\x89\xA5"}, {"大于或等于", "\xE2\x89\xA5"},
    {"不高于", "\xE2\x89\xA4"}, {"不超过", "\xE2\x89\xA4"}, {"不大于", "\xE2\x89\xA4"},
    {"不多于", "\xE2\x89\xA4"}, {"小于等于", "\xE2\x89\xA4"}, {"小于或等于", "\xE2\x89\xA4"},
    {"大于", ">"}, {"高于", ">"}, {"超过", ">"},
    {"小于", "<"}, {"低于", "<"},
    {"等于", "="},
    {NULL, NULL}
};

int dc_value_parse(const char *s, size_t n, dc_number *out)
{
    memset(out, 0, sizeof *out);
    char *t = dc_norm_dup(s, n, DC_NORM_SPACE);
    size_t len = strlen(t);
    size_t i = 0;
    /* The longest operator word at the start. */
    size_t best = 0;
    const char *op = NULL;
    for (const S_opword *o = S_ops; o->text; o++) {
        size_t l = strlen(o->text);
        if (l > best && l <= len && !memcmp(t, o->text, l)) {
            best = l;
            op = o->op;
        }
    }
    i = best;
    int neg = 0;
    if (i < len && (t[i] == '-' || t[i] == '+')) {
        neg = t[i] == '-';
        i++;
    }
    int ok = 0;
    dc_number num;
    if (dc_number_at(t, len, i, &num)) {
        /* The rest is the unit: short and without digits. */
        const char *rest = t + num.num_end;
        size_t rl = len - num.num_end;
        int has_digit = 0;
        for (size_t k = 0; k < rl; k++)
            if (S_digit(rest[k]))
                has_digit = 1;
        if (!has_digit && dc_utf8_count(rest, rl) <= 15 && rl < sizeof num.unit) {
            *out = num;
            memcpy(out->unit, rest, rl);
            out->unit[rl] = '\0';
            out->end = len;
            if (neg) {
                out->value = -out->value;
                size_t tl = strlen(out->text);
                if (tl + 1 < sizeof out->text) {
                    memmove(out->text + 1, out->text, tl + 1);
                    out->text[0] = '-';
                }
            }
            ok = 1;
        }
    }
    if (!ok)
        memset(out, 0, sizeof *out);
    out->op = op;
    free(t);
    return ok;
}

int dc_plain_number(const char *s, size_t n, double *value, int *decimals, int *grouped)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t adv;
        if (!dc_cp_is_space(dc_utf8_decode(s + a, b - a, &adv)))
            break;
        a += adv;
    }
    if (a >= b || b - a > 60)
        return 0;
    for (size_t i = a, seen_end = 0; i < b;) {
        size_t adv;
        int sp = dc_cp_is_space(dc_utf8_decode(s + i, b - i, &adv));
        if (sp)
            seen_end = 1;
        else if (seen_end)
            return 0;           /* white space inside: "12 34" */
        i += adv;
    }
    dc_number num;
    if (!dc_value_parse(s + a, b - a, &num) || num.op || num.unit[0])
        return 0;
    /* a leading zero followed by a digit, as written (ASCII or full-width) */
    char *t = dc_norm_dup(s + a, b - a, 0);
    const char *d = t[0] == '-' || t[0] == '+' ? t + 1 : t;
    int code = d[0] == '0' && d[1] >= '0' && d[1] <= '9';
    free(t);
    if (code)
        return 0;
    int sig = 0, started = 0;
    for (const char *p = num.text; *p; p++) {
        if (*p < '0' || *p > '9')
            continue;
        started |= *p != '0';
        sig += started;
    }
    if (sig > 15 || num.decimals > 10)
        return 0;
    *value = num.value == 0 ? 0 : num.value;      /* "-0.00" is 0 */
    *decimals = num.decimals;
    *grouped = num.grouped;
    return 1;
}
