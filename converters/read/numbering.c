/*
 * numbering.c - list definitions, counters and label formats.
 *
 * Counting follows Word: instances (w:num) of one abstract list share its
 * counters, a level restarts when a higher level advances (w:lvlRestart), and
 * an instance with a w:startOverride restarts that level the first time it is
 * used.
 *
 * SPDX-License-Identifier: MIT
 */
#include "numbering.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int id;
    int link;                         /* numStyleLink target abstract id, or -1 */
    dc_num_level lvl[DC_NUM_LEVELS];
    int count[DC_NUM_LEVELS];         /* current value per level */
    int started[DC_NUM_LEVELS];
} S_abstract;

typedef struct {
    int id;
    int abstract_id;
    int has_start[DC_NUM_LEVELS];
    int start[DC_NUM_LEVELS];
    int applied[DC_NUM_LEVELS];
    int has_lvl[DC_NUM_LEVELS];
    dc_num_level lvl[DC_NUM_LEVELS];
} S_num;

struct dc_numbering {
    dc_doc *doc;
    S_abstract *abs;
    size_t nabs;
    S_num *nums;
    size_t nnums;
};

dc_numbering *dc_numbering_new(dc_doc *doc)
{
    dc_numbering *nb = dc_xcalloc(1, sizeof *nb);
    nb->doc = doc;
    return nb;
}

void dc_numbering_free(dc_numbering *nb)
{
    if (!nb)
        return;
    free(nb->abs);
    free(nb->nums);
    free(nb);
}

static void S_level_init(dc_num_level *l)
{
    memset(l, 0, sizeof *l);
    l->restart = -1;
}

static S_abstract *S_find_abs(dc_numbering *nb, int id)
{
    for (size_t i = 0; i < nb->nabs; i++)
        if (nb->abs[i].id == id)
            return &nb->abs[i];
    return NULL;
}

static S_num *S_find_num(dc_numbering *nb, int id)
{
    for (size_t i = 0; i < nb->nnums; i++)
        if (nb->nums[i].id == id)
            return &nb->nums[i];
    return NULL;
}

static S_abstract *S_get_abs(dc_numbering *nb, int id)
{
    S_abstract *a = S_find_abs(nb, id);
    if (a)
        return a;
    nb->abs = dc_xrealloc(nb->abs, (nb->nabs + 1) * sizeof *nb->abs);
    a = &nb->abs[nb->nabs++];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->link = -1;
    for (int i = 0; i < DC_NUM_LEVELS; i++)
        S_level_init(&a->lvl[i]);
    return a;
}

static S_num *S_get_num(dc_numbering *nb, int id)
{
    S_num *n = S_find_num(nb, id);
    if (n)
        return n;
    nb->nums = dc_xrealloc(nb->nums, (nb->nnums + 1) * sizeof *nb->nums);
    n = &nb->nums[nb->nnums++];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->abstract_id = -1;
    for (int i = 0; i < DC_NUM_LEVELS; i++)
        S_level_init(&n->lvl[i]);
    return n;
}

dc_num_level *dc_numbering_abstract_level(dc_numbering *nb, int abstract_id, int ilvl)
{
    if (ilvl < 0 || ilvl >= DC_NUM_LEVELS)
        return NULL;
    return &S_get_abs(nb, abstract_id)->lvl[ilvl];
}

void dc_numbering_add_num(dc_numbering *nb, int num_id, int abstract_id)
{
    S_get_num(nb, num_id)->abstract_id = abstract_id;
}

void dc_numbering_start_override(dc_numbering *nb, int num_id, int ilvl, int start)
{
    if (ilvl < 0 || ilvl >= DC_NUM_LEVELS)
        return;
    S_num *n = S_get_num(nb, num_id);
    n->has_start[ilvl] = 1;
    n->start[ilvl] = start;
}

dc_num_level *dc_numbering_override_level(dc_numbering *nb, int num_id, int ilvl)
{
    if (ilvl < 0 || ilvl >= DC_NUM_LEVELS)
        return NULL;
    S_num *n = S_get_num(nb, num_id);
    n->has_lvl[ilvl] = 1;
    return &n->lvl[ilvl];
}

void dc_numbering_link(dc_numbering *nb, int abstract_id, int target_abstract_id)
{
    S_get_abs(nb, abstract_id)->link = target_abstract_id;
}

/* The abstract list that holds the levels and counters of an instance,
 * following numStyleLink chains (bounded, in case they loop). */
static S_abstract *S_abs_of(dc_numbering *nb, S_num *n)
{
    S_abstract *a = S_find_abs(nb, n->abstract_id);
    for (int hops = 0; a && hops < 8; hops++) {
        int any = 0;
        for (int i = 0; i < DC_NUM_LEVELS; i++)
            any |= a->lvl[i].defined;
        if (any || a->link < 0)
            break;
        S_abstract *t = S_find_abs(nb, a->link);
        if (!t)
            break;
        a = t;
    }
    return a;
}

const dc_num_level *dc_numbering_level(dc_numbering *nb, int num_id, int ilvl)
{
    if (ilvl < 0 || ilvl >= DC_NUM_LEVELS)
        return NULL;
    S_num *n = S_find_num(nb, num_id);
    if (!n)
        return NULL;
    if (n->has_lvl[ilvl] && n->lvl[ilvl].defined)
        return &n->lvl[ilvl];
    S_abstract *a = S_abs_of(nb, n);
    if (!a || !a->lvl[ilvl].defined)
        return NULL;
    return &a->lvl[ilvl];
}

const dc_num_level *dc_numbering_next(dc_numbering *nb, int num_id, int ilvl, dc_buf *out)
{
    if (ilvl < 0 || ilvl >= DC_NUM_LEVELS)
        return NULL;
    S_num *n = S_find_num(nb, num_id);
    if (!n)
        return NULL;
    S_abstract *a = S_abs_of(nb, n);
    const dc_num_level *lv = dc_numbering_level(nb, num_id, ilvl);
    if (!a || !lv)
        return NULL;

    if (n->has_start[ilvl] && !n->applied[ilvl]) {
        n->applied[ilvl] = 1;
        a->count[ilvl] = n->start[ilvl];
        a->started[ilvl] = 1;
    } else if (!a->started[ilvl]) {
        a->count[ilvl] = lv->start;
        a->started[ilvl] = 1;
    } else {
        a->count[ilvl]++;
    }
    /* Lower levels restart when this level advances. */
    for (int k = ilvl + 1; k < DC_NUM_LEVELS; k++) {
        const dc_num_level *lk = dc_numbering_level(nb, num_id, k);
        int restart = lk ? lk->restart : -1;
        if (restart == 0)
            continue;
        if (restart < 0 || restart > ilvl)
            a->started[k] = 0;
    }

    if (!lv->text)
        return lv;
    if (lv->fmt && strcmp(lv->fmt, "bullet") == 0) {
        const char *s = lv->text;
        size_t len = strlen(s);
        for (size_t i = 0; i < len;) {
            size_t adv;
            uint32_t cp = dc_utf8_decode(s + i, len - i, &adv);
            dc_buf_put_utf8(out, dc_bullet_char(cp));
            i += adv;
        }
        return lv;
    }
    if (lv->fmt && strcmp(lv->fmt, "none") == 0) {
        /* The level shows only its literal text. */
    }
    for (const char *p = lv->text; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            p++;
            const dc_num_level *lk = dc_numbering_level(nb, num_id, k);
            int value = a->started[k] ? a->count[k] : (lk ? lk->start : 1);
            const char *fmt = lk ? lk->fmt : "decimal";
            if (lv->legal && k != ilvl)
                fmt = "decimal";
            dc_numfmt_format(fmt, value, out);
        } else {
            dc_buf_putc(out, *p);
        }
    }
    return lv;
}

/* ------------------------------------------------------------------------
 * Formats
 * ------------------------------------------------------------------------ */

static void S_roman(int v, int upper, dc_buf *out)
{
    static const struct { int v; const char *u, *l; } R[] = {
        {1000, "M", "m"}, {900, "CM", "cm"}, {500, "D", "d"}, {400, "CD", "cd"},
        {100, "C", "c"},  {90, "XC", "xc"},  {50, "L", "l"},  {40, "XL", "xl"},
        {10, "X", "x"},   {9, "IX", "ix"},   {5, "V", "v"},   {4, "IV", "iv"},
        {1, "I", "i"},
    };
    if (v <= 0 || v >= 4000) {
        dc_buf_printf(out, "%d", v);
        return;
    }
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++)
        while (v >= R[i].v) {
            dc_buf_puts(out, upper ? R[i].u : R[i].l);
            v -= R[i].v;
        }
}

/* Word's letter lists: a..z, then aa..zz, aaa..  (the letter repeated). */
static void S_letter(int v, int upper, dc_buf *out)
{
    if (v <= 0) {
        dc_buf_printf(out, "%d", v);
        return;
    }
    int reps = (v - 1) / 26 + 1;
    char c = (char)((upper ? 'A' : 'a') + (v - 1) % 26);
    if (reps > 50)
        reps = 50;
    for (int i = 0; i < reps; i++)
        dc_buf_putc(out, c);
}

static const char *const S_cn_digit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
static const char *const S_cn_legal[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

/* Chinese numerals with units up to 万 (and 亿), with 零 for gaps:
 * 10 -> 十, 11 -> 十一, 101 -> 一百零一, 1010 -> 一千零一十. */
static void S_cn_thousand(long v, const char *const digit[], const char *const unit[],
                          const char *zero, int short_ten, dc_buf *out)
{
    if (v == 0) {
        dc_buf_puts(out, zero);
        return;
    }
    if (v >= 100000000L) {
        S_cn_thousand(v / 100000000L, digit, unit, zero, short_ten, out);
        dc_buf_puts(out, unit[4]);
        v %= 100000000L;
        if (v == 0)
            return;
        if (v < 10000000L)
            dc_buf_puts(out, zero);
        short_ten = 0;
    }
    if (v >= 10000) {
        S_cn_thousand(v / 10000, digit, unit, zero, short_ten, out);
        dc_buf_puts(out, unit[3]);
        v %= 10000;
        if (v == 0)
            return;
        if (v < 1000)
            dc_buf_puts(out, zero);
        short_ten = 0;
    }
    int d[4] = {(int)(v / 1000), (int)(v / 100 % 10), (int)(v / 10 % 10), (int)(v % 10)};
    int pending_zero = 0, emitted = 0;
    for (int i = 0; i < 4; i++) {
        if (d[i] == 0) {
            if (emitted)
                pending_zero = 1;
            continue;
        }
        if (pending_zero)
            dc_buf_puts(out, zero);
        pending_zero = 0;
        int pos = 3 - i;   /* 3 = thousands ... 0 = units */
        if (!(pos == 1 && d[i] == 1 && !emitted && short_ten))
            dc_buf_puts(out, digit[d[i]]);
        if (pos > 0)
            dc_buf_puts(out, unit[pos - 1]);
        emitted = 1;
    }
}

void dc_numfmt_format(const char *fmt, int value, dc_buf *out)
{
    static const char *const units[] = {"十", "百", "千", "万", "亿"};
    static const char *const legal_units[] = {"拾", "佰", "仟", "万", "亿"};
    if (!fmt || !strcmp(fmt, "decimal") || !strcmp(fmt, "decimalHalfWidth")) {
        dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "none")) {
        /* nothing */
    } else if (!strcmp(fmt, "decimalZero")) {
        dc_buf_printf(out, "%02d", value);
    } else if (!strcmp(fmt, "upperRoman")) {
        S_roman(value, 1, out);
    } else if (!strcmp(fmt, "lowerRoman")) {
        S_roman(value, 0, out);
    } else if (!strcmp(fmt, "upperLetter")) {
        S_letter(value, 1, out);
    } else if (!strcmp(fmt, "lowerLetter")) {
        S_letter(value, 0, out);
    } else if (!strcmp(fmt, "ordinal")) {
        int m100 = value % 100, m10 = value % 10;
        const char *suf = (m100 >= 11 && m100 <= 13) ? "th"
                          : m10 == 1 ? "st" : m10 == 2 ? "nd" : m10 == 3 ? "rd" : "th";
        dc_buf_printf(out, "%d%s", value, suf);
    } else if (!strcmp(fmt, "chineseCounting") || !strcmp(fmt, "japaneseCounting") ||
               !strcmp(fmt, "taiwaneseCounting")) {
        /* 一 … 十 … 九十九 with tens; from 100 digit by digit (一〇〇). */
        if (value > 0 && value < 100) {
            S_cn_thousand(value, S_cn_digit, units, "〇", 1, out);
        } else if (value >= 100) {
            char num[16];
            snprintf(num, sizeof num, "%d", value);
            for (char *p = num; *p; p++)
                dc_buf_puts(out, S_cn_digit[*p - '0']);
        } else {
            dc_buf_printf(out, "%d", value);
        }
    } else if (!strcmp(fmt, "chineseCountingThousand") ||
               !strcmp(fmt, "japaneseCountingThousand") ||
               !strcmp(fmt, "taiwaneseCountingThousand")) {
        if (value >= 0)
            S_cn_thousand(value, S_cn_digit, units, "零", 1, out);
        else
            dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "chineseLegalSimplified") || !strcmp(fmt, "japaneseLegal")) {
        if (value >= 0)
            S_cn_thousand(value, S_cn_legal, legal_units, "零", 0, out);
        else
            dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "ideographDigital") || !strcmp(fmt, "taiwaneseDigital") ||
               !strcmp(fmt, "japaneseDigitalTenThousand")) {
        char num[16];
        snprintf(num, sizeof num, "%d", value);
        for (char *p = num; *p; p++)
            if (*p >= '0' && *p <= '9')
                dc_buf_puts(out, S_cn_digit[*p - '0']);
            else
                dc_buf_putc(out, *p);
    } else if (!strcmp(fmt, "ideographTraditional")) {
        static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊",
                                            "己", "庚", "辛", "壬", "癸"};
        if (value >= 1 && value <= 10)
            dc_buf_puts(out, stems[value - 1]);
        else
            dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "ideographZodiac")) {
        static const char *const branches[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                               "午", "未", "申", "酉", "戌", "亥"};
        if (value >= 1 && value <= 12)
            dc_buf_puts(out, branches[value - 1]);
        else
            dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "decimalEnclosedCircle") ||
               !strcmp(fmt, "decimalEnclosedCircleChinese")) {
        if (value >= 1 && value <= 20)
            dc_buf_put_utf8(out, 0x2460 + (uint32_t)(value - 1));      /* ①..⑳ */
        else if (value >= 21 && value <= 35)
            dc_buf_put_utf8(out, 0x3251 + (uint32_t)(value - 21));     /* ㉑..㉟ */
        else if (value >= 36 && value <= 50)
            dc_buf_put_utf8(out, 0x32B1 + (uint32_t)(value - 36));     /* ㊱..㊿ */
        else
            dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "decimalEnclosedFullstop")) {
        if (value >= 1 && value <= 20)
            dc_buf_put_utf8(out, 0x2488 + (uint32_t)(value - 1));      /* ⒈..⒛ */
        else
            dc_buf_printf(out, "%d.", value);
    } else if (!strcmp(fmt, "decimalEnclosedParen")) {
        if (value >= 1 && value <= 20)
            dc_buf_put_utf8(out, 0x2474 + (uint32_t)(value - 1));      /* ⑴..⒇ */
        else
            dc_buf_printf(out, "(%d)", value);
    } else if (!strcmp(fmt, "ideographEnclosedCircle")) {
        if (value >= 1 && value <= 10)
            dc_buf_put_utf8(out, 0x3280 + (uint32_t)(value - 1));      /* ㊀..㊉ */
        else
            dc_buf_printf(out, "%d", value);
    } else if (!strcmp(fmt, "decimalFullWidth") || !strcmp(fmt, "decimalFullWidth2")) {
        char num[16];
        snprintf(num, sizeof num, "%d", value);
        for (char *p = num; *p; p++)
            dc_buf_put_utf8(out, *p == '-' ? 0xFF0D : 0xFF10 + (uint32_t)(*p - '0'));
    } else {
        dc_buf_printf(out, "%d", value);
    }
}

const char *dc_numfmt_from_nfc(int nfc)
{
    /* [MS-DOC] 2.2.1.3 MSONFC, in code order, with the ST_NumberFormat name
     * of each code. */
    static const char *const names[] = {
        "decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter",          /* 0 */
        "ordinal", "cardinalText", "ordinalText", "hex", "chicago",                   /* 5 */
        "ideographDigital", "japaneseCounting", "aiueo", "iroha", "decimalFullWidth", /* 10 */
        "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand",            /* 15 */
        "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth",               /* 18 */
        "irohaFullWidth", "decimalZero", "bullet", "ganada", "chosung",               /* 21 */
        "decimalEnclosedFullstop", "decimalEnclosedParen", "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle", "ideographTraditional", "ideographZodiac",          /* 29 */
        "ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional",
        "taiwaneseCountingThousand", "taiwaneseDigital", "chineseCounting",            /* 35 */
        "chineseLegalSimplified", "chineseCountingThousand", "decimal",               /* 38 */
        "koreanDigital", "koreanCounting", "koreanLegal", "koreanDigital2",           /* 41 */
        "hebrew1", "arabicAlpha", "hebrew2", "arabicAbjad", "hindiVowels",            /* 45 */
        "hindiConsonants", "hindiNumbers", "hindiCounting", "thaiLetters",            /* 50 */
        "thaiNumbers", "thaiCounting", "vietnameseCounting", "numberInDash",          /* 54 */
        "russianLower", "russianUpper"};                                              /* 58 */
    if (nfc == 255)
        return "none";
    if (nfc >= 0 && (size_t)nfc < sizeof names / sizeof names[0])
        return names[nfc];
    return "decimal";
}

uint32_t dc_bullet_char(uint32_t cp)
{
    if (cp < 0xF000 || cp > 0xF0FF)
        return cp;
    switch (cp & 0xFF) {
    case 0xB7: return 0x2022;   /* Symbol bullet */
    case 0xA7: return 0x25AA;   /* Wingdings small square */
    case 0xA8: return 0x25FB;
    case 0x6E: return 0x25A0;   /* Wingdings black square */
    case 0x71: return 0x2751;
    case 0x75: return 0x25C6;   /* diamond */
    case 0x76: return 0x2756;
    case 0xD8: return 0x27A2;   /* arrowhead */
    case 0xE0: return 0x27A3;
    case 0xFC: return 0x2714;   /* check mark */
    case 0x6C: return 0x25CF;   /* black circle */
    case 0x6F: return 0x25A1;
    case 0x2D: return 0x2013;
    default:   return 0x2022;
    }
}
