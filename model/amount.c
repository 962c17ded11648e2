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

static void S_emit(dc_norm *nt, const char *bytes, size_t len, size_t at, size_t after)
{
    S_map_reserve(nt, nt->text.len + len);
    for (size_t i = 0; i < len; i++)
        nt->map[nt->text.len + i] = at;
    dc_buf_put(&nt->text, bytes, len);
    nt->map[nt->text.len] = after;
}

void dc_norm_putc(dc_norm *nt, char c, size_t at)
{
    S_emit(nt, &c, 1, at, at);
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

void dc_norm_append(dc_norm *nt, const char *s, size_t n, size_t base, unsigned flags)
{
    S_map_reserve(nt, nt->text.len + n);
    if (!nt->text.len)
        nt->map[0] = base;
    size_t i = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        size_t at = base + i, after = base + i + adv;
        i += adv;
        if ((flags & DC_NORM_QUOTES) && S_is_quote(cp)) {
            nt->map[nt->text.len] = after;
            continue;
        }
        if (S_is_white(cp)) {
            if (flags & DC_NORM_SPACE) {
                nt->map[nt->text.len] = after;
                continue;
            }
            char c = (cp == '\n' || cp == '\t') ? (char)cp : ' ';
            S_emit(nt, &c, 1, at, after);
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            char c = (char)(cp - 0xFEE0);
            S_emit(nt, &c, 1, at, after);
            continue;
        }
        const char *rep = NULL;
        switch (cp) {
        case 0x2267: rep = "\xE2\x89\xA5"; break;   /* ≧ -> ≥ */
        case 0x2266: rep = "\xE2\x89\xA4"; break;   /* ≦ -> ≤ */
        case 0xFE6A: rep = "%"; break;              /* ﹪ */
        case 0x2212: rep = "-"; break;              /* − minus sign */
        default: break;
        }
        if (rep)
            S_emit(nt, rep, strlen(rep), at, after);
        else
            S_emit(nt, s + at - base, adv, at, after);
    }
}

char *dc_norm_dup(const char *s, size_t n, unsigned flags)
{
    dc_norm nt;
    dc_norm_init(&nt);
    dc_norm_append(&nt, s, n, 0, flags);
    char *out = dc_xstrdup(dc_buf_cstr(&nt.text));
    dc_norm_free(&nt);
    return out;
}

/* ---- units -------------------------------------------------------------- */

static const char *const S_units[] = {
    "万元", "亿元", "千元", "元", "万",
    "%", "‰", "个百分点", "百分点",
    "微克/立方米", "毫克/立方米", "毫克/升", "mg/L", "μg/m3",
    "人次", "人天", "人/次", "万人", "人", "名", "户", "家",
    "小时", "分钟", "工作日", "天", "日", "周", "个月", "月", "年",
    "平方公里", "平方米", "立方米", "公里", "千米", "米", "公顷", "亩",
    "万吨", "吨", "千克", "公斤", "蒸吨", "千瓦", "分贝", "dB",
    "个", "次", "台", "辆", "块", "种", "项", "份", "套", "件", "座", "所", "篇",
    "场", "期", "批", "张", "册", "本", "条", "处", "宗", "部", "只", "棵", "株",
    "分", "页", "组", "类", "点", "站", "units",
    NULL
};

size_t dc_unit_len(const char *s, size_t n)
{
    size_t best = 0;
    for (const char *const *u = S_units; *u; u++) {
        size_t l = strlen(*u);
        if (l > best && l <= n && !memcmp(s, *u, l))
            best = l;
    }
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
    if (v == (double)(long long)v && fabs(v) < 1e15) {
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
    {"等于", "="}, {"达到", "\xE2\x89\xA5"},
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
