/*
 * linebreak.c - Chinese line breaking (see linebreak.h).
 *
 * The prohibition lists follow GB/T 15834-2011 §5.1 and the clreq basic level,
 * using Word's default zh-CN kinsoku characters as the concrete sets; numbers
 * and Latin words are kept whole, a number is not separated from a unit that
 * follows it (3586.14万元, 67.2%) or a sign before it (≥95), and the
 * two-character marks —— and …… are never split.
 *
 * SPDX-License-Identifier: MIT
 */
#include "linebreak.h"

#include <stdlib.h>

#include "model/util.h"

static int S_in(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return 1;
    return 0;
}

#define S_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Word's zh-CN "cannot start a line" list, plus the small kana, iteration
 * marks and the ASCII closing marks. */
static const uint32_t S_no_start[] = {
    '!', '%', ')', ',', '.', ':', ';', '?', ']', '}',
    0x00A2, 0x00B0, 0x00B7, 0x00BB, 0x02C7, 0x02C9, 0x2016, 0x2019, 0x201D, 0x2022,
    0x2026, 0x2030, 0x2032, 0x2033, 0x203A, 0x2103, 0x2236,
    0x3001, 0x3002, 0x3003, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
    0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0x303B,
    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,
    0x3095, 0x3096, 0x309D, 0x309E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
    0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE,
    0xFE30, 0xFE31, 0xFE36, 0xFE3A, 0xFE3E, 0xFE40, 0xFE44, 0xFE50, 0xFE51, 0xFE52,
    0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E,
    0xFF01, 0xFF02, 0xFF05, 0xFF07, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F,
    0xFF3D, 0xFF40, 0xFF5C, 0xFF5D, 0xFF5E, 0xFF60, 0xFF61, 0xFF63, 0xFF64, 0xFFE0,
};

/* Word's zh-CN "cannot end a line" list (without · and ．, which also stand
 * between numbers). */
static const uint32_t S_no_end[] = {
    '$', '(', '[', '{', 0x00A3, 0x00A5, 0x00AB, 0x2018, 0x201C, 0x2039,
    0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D,
    0xFE35, 0xFE37, 0xFE39, 0xFE3B, 0xFE3D, 0xFE3F, 0xFE41, 0xFE43, 0xFE59, 0xFE5B,
    0xFE5D, 0xFF04, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62, 0xFFE1, 0xFFE5,
};

/* Units and measure words kept with the number before them. */
static const uint32_t S_units[] = {
    '%', 0x2030, 0x2103, 0x00B0, 0x2032, 0x2033, 0xFF05,
    0x4E07 /* 万 */, 0x4EBF /* 亿 */, 0x5143 /* 元 */, 0x5343 /* 千 */, 0x767E /* 百 */,
    0x5E74 /* 年 */, 0x6708 /* 月 */, 0x65E5 /* 日 */, 0x53F7 /* 号 */, 0x4E2A /* 个 */,
    0x4EBA /* 人 */, 0x6B21 /* 次 */, 0x9879 /* 项 */, 0x500D /* 倍 */, 0x53F0 /* 台 */,
    0x5EA7 /* 座 */, 0x6237 /* 户 */, 0x5BB6 /* 家 */, 0x540D /* 名 */, 0x8F86 /* 辆 */,
    0x7C73 /* 米 */, 0x5428 /* 吨 */, 0x4EA9 /* 亩 */, 0x5929 /* 天 */, 0x5468 /* 周 */,
    0x5C81 /* 岁 */, 0x4EF6 /* 件 */, 0x5957 /* 套 */, 0x4EFD /* 份 */, 0x6279 /* 批 */,
    0x671F /* 期 */, 0x5904 /* 处 */, 0x6761 /* 条 */, 0x5C0F /* 小 (小时) */,
};

/* Signs kept with the number after them. */
static const uint32_t S_signs[] = {
    '+', '-', '<', '=', '>', '#', '$', 0x00B1, 0x00A5, 0x2212, 0x2248, 0x2260, 0x2264,
    0x2265, 0x2116, 0xFF03, 0xFF04, 0xFF0B, 0xFF0D, 0xFF1C, 0xFF1D, 0xFF1E, 0xFFE5,
    0x7B2C /* 第 */,
};

int dc_lb_no_start(uint32_t cp)
{
    return S_in(cp, S_no_start, S_COUNT(S_no_start));
}

int dc_lb_no_end(uint32_t cp)
{
    return S_in(cp, S_no_end, S_COUNT(S_no_end));
}

int dc_lb_invisible(uint32_t cp)
{
    if (cp == '\t' || cp == '\n')
        return 0;
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0x034F ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           (cp >= 0xFFF0 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE0FFF) ||
           (cp >= 0xD800 && cp <= 0xDFFF);
}

int dc_lb_compress_kind(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E:            /* 、。，． */
    case 0xFF09: case 0xFF3D: case 0xFF5D: case 0x3009: case 0x300B: /* ）］｝〉》 */
    case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3017: /* 」』】〕〗 */
    case 0x201D: case 0x2019:                                      /* ” ’ */
        return DC_LB_COMPRESS_RIGHT;
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0x3008: case 0x300A: /* （［｛〈《 */
    case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3016: /* 「『【〔〖 */
    case 0x201C: case 0x2018:                                      /* “ ‘ */
        return DC_LB_COMPRESS_LEFT;
    default:
        return DC_LB_COMPRESS_NONE;
    }
}

static int S_is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Letters and digits that make up Latin words and numbers (full-width
 * forms too: "２８．５０万元" is one number, never broken). */
static int S_is_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A) ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF);
}

static int S_is_combining(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0x3099 && cp <= 0x309A);
}

/* Characters that stay inside a word when letters or digits stand on both
 * sides: 3586.14, 1,920.96, e-mail, km/h, 10:30. */
static int S_is_glue(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == 0xFF0E || cp == '\'' || cp == 0x2019 || cp == '-' || cp == '/' ||
           cp == ':' || cp == '_' || cp == '@' || cp == '&' || cp == '+' || cp == 0xB7;
}

static int S_is_break_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || (cp >= 0x2000 && cp <= 0x200A && cp != 0x2007) ||
           cp == 0x205F || cp == 0x1680;
}

static int S_is_double_mark(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x2E3A || cp == 0x2E3B ||
           cp == 0x22EF;
}

/* Three digits at cp[i..i+3) and no digit after them. */
static int S_thousands(const uint32_t *cp, size_t n, size_t i)
{
    if (i + 3 > n)
        return 0;
    for (size_t k = i; k < i + 3; k++)
        if (!S_is_digit(cp[k]))
            return 0;
    return i + 3 == n || !S_is_digit(cp[i + 3]);
}

void dc_lb_opportunities(const uint32_t *cp, size_t n, unsigned char *gap)
{
    if (n == 0)
        return;
    gap[0] = DC_LB_WORD;
    for (size_t i = 1; i < n; i++) {
        uint32_t a = cp[i - 1], b = cp[i];
        /* Between two CJK ideographs (most of a Chinese text) no rule below
         * applies but 万元/亿元/千元 after a number: a break is allowed. */
        if (a >= 0x4E00 && a <= 0x9FFF && b >= 0x4E00 && b <= 0x9FFF && b != 0x5143) {
            gap[i] = DC_LB_ALLOW;
            continue;
        }
        unsigned char g = DC_LB_ALLOW;
        int wa = S_is_alnum(a) ||
                 (S_is_glue(a) && i >= 2 && S_is_alnum(cp[i - 2]) && S_is_alnum(b));
        int wb = S_is_alnum(b) ||
                 (S_is_glue(b) && i + 1 < n && S_is_alnum(a) && S_is_alnum(cp[i + 1]));
        /* A full-width comma between digits is a thousands separator when
         * three digits and no fourth follow it ("１，２３４．５６"). */
        if (a == 0xFF0C && i >= 2 && S_is_digit(cp[i - 2]) && S_is_digit(b) &&
            S_thousands(cp, n, i))
            wa = wb = 1;
        if (b == 0xFF0C && S_is_digit(a) && i + 1 < n && S_thousands(cp, n, i + 1))
            wa = wb = 1;
        if (a == '\n')
            g = DC_LB_ALLOW;
        else if (b == '\n' || S_is_combining(b) || (dc_lb_invisible(b) && b != 0x200B))
            g = DC_LB_WORD;
        else if (b == 0x200B)
            g = DC_LB_KEEP;
        else if (S_is_break_space(b))
            g = DC_LB_KEEP;                       /* spaces hang at the line's end */
        else if (a == 0x200B || S_is_break_space(a))
            g = dc_lb_no_start(b) ? DC_LB_KEEP : DC_LB_ALLOW;
        else if (a == 0xA0 || b == 0xA0 || a == 0x202F || b == 0x202F || a == 0x2060)
            g = DC_LB_KEEP;
        else if (a == b && S_is_double_mark(a))
            g = DC_LB_WORD;                       /* —— and …… stay together */
        else if (wa && wb)
            g = DC_LB_WORD;
        else if (dc_lb_no_start(b) || dc_lb_no_end(a))
            g = DC_LB_KEEP;
        else if (S_is_digit(a) && S_in(b, S_units, S_COUNT(S_units)))
            g = DC_LB_KEEP;
        else if (b == 0x5143 && (a == 0x4E07 || a == 0x4EBF || a == 0x5343) && i >= 2 &&
                 S_is_digit(cp[i - 2]))
            g = DC_LB_KEEP;                       /* 万元, 亿元, 千元 after a number */
        else if (S_in(a, S_signs, S_COUNT(S_signs)) && (S_is_digit(b) || b == '.'))
            g = DC_LB_KEEP;
        gap[i] = g;
    }
}

/* ---- breaking ------------------------------------------------------------ */

typedef struct {
    const dc_lb_unit *u;
    const unsigned char *gap;
    size_t n;
} S_text;

static int S_space(uint32_t cp)
{
    return S_is_break_space(cp);
}

/* The drawn end of a line that would end before e: trailing spaces and a
 * forced break are not drawn. */
static size_t S_drawn_end(const S_text *t, size_t start, size_t e)
{
    size_t d = e;
    if (d > start && t->u[d - 1].cp == '\n')
        d--;
    while (d > start && (S_space(t->u[d - 1].cp) || dc_lb_invisible(t->u[d - 1].cp)))
        d--;
    return d;
}

/* Width of [start, d) with the units before the last compressed as far as
 * allowed (compress = 1) or not at all. */
static float S_width(const S_text *t, size_t start, size_t d, int compress)
{
    float w = 0;
    for (size_t k = start; k < d; k++) {
        w += t->u[k].adv;
        if (compress && k + 1 < d)
            w -= t->u[k].shrink;
    }
    return w;
}

/* Can a line end before e (e in (start, n])? */
static int S_candidate(const S_text *t, size_t e)
{
    return e == t->n || t->u[e - 1].cp == '\n' || t->gap[e] == DC_LB_ALLOW;
}

static void S_push(dc_lb_line **lines, size_t *count, size_t *cap, dc_lb_line line)
{
    DC_GROW(*lines, *count, *cap, 8);
    (*lines)[(*count)++] = line;
}

size_t dc_lb_break(const dc_lb_unit *u, const unsigned char *gap, size_t n, float first_width,
                   float width, dc_lb_line **lines)
{
    S_text t = {u, gap, n};
    size_t count = 0, cap = 0;
    *lines = NULL;
    size_t pos = 0;
    const float eps = 0.001f;
    while (pos < n) {
        float avail = count == 0 ? first_width : width;
        /* Natural fill: the longest prefix that fits without compression. */
        size_t kmax = pos;        /* units [pos, kmax) fit naturally (drawn width) */
        size_t forced = 0;        /* end after a '\n', 0 = none before the limit */
        float acc = 0;
        for (size_t k = pos; k < n; k++) {
            if (u[k].cp == '\n') {
                forced = k + 1;
                break;
            }
            acc += u[k].adv;
            if (S_space(u[k].cp) || dc_lb_invisible(u[k].cp)) {
                kmax = k + 1;     /* trailing spaces take no room */
                continue;
            }
            if (acc > avail + eps)
                break;
            kmax = k + 1;
        }
        size_t e = 0;
        int emergency = 0;
        if (forced && (kmax >= forced - 1)) {
            e = forced;           /* everything up to the '\n' fits */
        } else if (kmax == n) {
            e = n;
        } else {
            /* The natural fill stopped before unit kmax.  The best allowed end
             * at or before it: */
            size_t e_nat = 0;
            for (size_t c = kmax; c > pos; c--)
                if (S_candidate(&t, c)) {
                    e_nat = c;
                    break;
                }
            if (e_nat == kmax && kmax > pos) {
                e = e_nat;
            } else {
                /* Push in: the next allowed end, if compression makes it fit. */
                size_t e_in = 0;
                size_t limit = kmax + 4 < n ? kmax + 4 : n;
                for (size_t c = kmax + 1; c <= limit; c++) {
                    if (S_candidate(&t, c)) {
                        e_in = c;
                        break;
                    }
                    if (u[c - 1].cp == '\n')
                        break;
                }
                if (e_in && e_in - kmax <= 3 &&
                    S_width(&t, pos, S_drawn_end(&t, pos, e_in), 1) <= avail + eps)
                    e = e_in;
                else if (e_nat > pos)
                    e = e_nat;    /* push out */
                else if (e_in && S_width(&t, pos, S_drawn_end(&t, pos, e_in), 1) <= avail + eps)
                    e = e_in;
                else {
                    /* Nothing allowed fits: break where it fits, outside a
                     * word and obeying the start/end rules if possible,
                     * keeping invisible marks with their base. */
                    size_t best = 0;
                    for (size_t c = kmax; c > pos && !best; c--)
                        if (gap[c] != DC_LB_WORD && !dc_lb_no_start(u[c].cp) &&
                            !dc_lb_no_end(u[c - 1].cp))
                            best = c;
                    for (size_t c = kmax; c > pos && !best; c--)
                        if (!dc_lb_no_start(u[c].cp))
                            best = c;
                    e = best ? best : kmax > pos ? kmax : pos + 1;
                    while (e < n && (u[e].adv == 0 || S_is_combining(u[e].cp)) &&
                           u[e].cp != '\n')
                        e++;
                    emergency = 1;
                }
            }
        }
        dc_lb_line line = {0};
        line.start = pos;
        line.end = S_drawn_end(&t, pos, e);
        line.next = e;
        line.natural = S_width(&t, pos, line.end, 0);
        line.forced = e > pos && u[e - 1].cp == '\n';
        line.emergency = emergency;
        line.last = e >= n;
        S_push(lines, &count, &cap, line);
        pos = e;
    }
    if (count == 0 && n == 0)
        return 0;
    return count;
}

void dc_lb_place(const dc_lb_unit *u, const unsigned char *gap, const dc_lb_line *line,
                 float width, dc_lb_align align, float *x)
{
    size_t s = line->start, e = line->end;
    if (e <= s)
        return;
    float natural = 0, shrinkable = 0;
    for (size_t k = s; k < e; k++) {
        natural += u[k].adv;
        if (k + 1 < e)
            shrinkable += u[k].shrink;
    }
    float f = 0;
    if (natural > width && shrinkable > 0) {
        f = (natural - width) / shrinkable;
        if (f > 1)
            f = 1;
    }
    float cur = 0;
    for (size_t k = s; k < e; k++) {
        float sh = k + 1 < e ? u[k].shrink * f : 0;
        x[k - s] = cur;
        cur += u[k].adv - sh;
    }
    float slack = width - cur;
    if (slack <= 0)
        return;
    int stretch = align == DC_LB_ALIGN_DISTRIBUTE ||
                  (align == DC_LB_ALIGN_JUSTIFY && !line->last && !line->forced);
    if (stretch) {
        size_t gaps = 0;
        for (size_t k = s + 1; k < e; k++)
            if (gap[k] != DC_LB_WORD && u[k].adv > 0)
                gaps++;
        if (gaps > 0) {
            float per = slack / (float)gaps, add = 0;
            for (size_t k = s + 1; k < e; k++) {
                if (gap[k] != DC_LB_WORD && u[k].adv > 0)
                    add += per;
                x[k - s] += add;
            }
            return;
        }
        if (align == DC_LB_ALIGN_DISTRIBUTE && e - s == 1)
            align = DC_LB_ALIGN_CENTER;
        else
            return;
    }
    float off = align == DC_LB_ALIGN_CENTER ? slack / 2 : align == DC_LB_ALIGN_RIGHT ? slack : 0;
    if (off > 0)
        for (size_t k = s; k < e; k++)
            x[k - s] += off;
}
