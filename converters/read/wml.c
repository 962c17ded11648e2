/*
 * wml.c - WordprocessingML helpers shared by the OOXML and Word 2003 readers.
 *
 * SPDX-License-Identifier: MIT
 */
#include "wml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "converters/read/xml.h"

int dc_wml_heading_level(const char *name)
{
    if (!name)
        return 0;
    const char *p = NULL;
    if (!strncasecmp(name, "heading", 7))
        p = name + 7;
    else if (!strncmp(name, "标题", strlen("标题")))
        p = name + strlen("标题");
    if (!p)
        return 0;
    while (*p == ' ')
        p++;
    if (*p >= '1' && *p <= '9' && p[1] == '\0')
        return *p - '0';
    return 0;
}

const char *dc_wml_hyperlink_target(dc_doc *doc, const char *instr)
{
    const char *p = instr;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncasecmp(p, "HYPERLINK", 9) != 0 || (p[9] != ' ' && p[9] != '\t' && p[9] != '"'))
        return NULL;
    p += 9;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '\\')
            break;
        /* a switch before the URI: \l "bookmark", \o "tip", \t "frame"; \m \n take none */
        char sw = (char)tolower((unsigned char)p[1]);
        p += p[1] ? 2 : 1;
        if (sw == 'm' || sw == 'n')
            continue;
        if (sw == 'l')
            return NULL;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '"') {
            const char *e = strchr(p + 1, '"');
            p = e ? e + 1 : p + strlen(p);
        } else {
            while (*p && *p != ' ' && *p != '\t')
                p++;
        }
    }
    const char *t0 = p, *t1;
    if (*p == '"') {
        t0 = p + 1;
        t1 = strchr(t0, '"');
        if (!t1)
            t1 = t0 + strlen(t0);
    } else {
        t1 = p;
        while (*t1 && *t1 != ' ' && *t1 != '\t')
            t1++;
    }
    if (t1 == t0)
        return NULL;
    return dc_doc_strndup(doc, t0, (size_t)(t1 - t0));
}

dc_node *dc_wml_tc_entry(dc_doc *doc, const char *instr)
{
    const char *p = instr;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncasecmp(p, "TC", 2) != 0 || (p[2] && p[2] != ' ' && p[2] != '\t' && p[2] != '"'))
        return NULL;
    p += 2;
    while (*p == ' ' || *p == '\t')
        p++;
    static const char lq[] = "\xE2\x80\x9C", rq[] = "\xE2\x80\x9D";
    const char *t0, *t1;
    if (*p == '"' || !strncmp(p, lq, 3)) {
        int curly = *p != '"';
        t0 = p + (curly ? 3 : 1);
        t1 = curly ? strstr(t0, rq) : strchr(t0, '"');
        if (!t1)
            t1 = t0 + strlen(t0);
        p = *t1 ? t1 + (curly ? 3 : 1) : t1;
    } else {
        t0 = p;
        while (*p && !(*p == '\\' && (p == t0 || p[-1] == ' ' || p[-1] == '\t') &&
                       isalpha((unsigned char)p[1])))
            p++;
        t1 = p;
        while (t1 > t0 && (t1[-1] == ' ' || t1[-1] == '\t'))
            t1--;
    }
    dc_node *n = dc_node_new(doc, DC_NODE_TOC_ENTRY);
    n->as.toc.text = dc_doc_strndup(doc, t0, (size_t)(t1 - t0));
    while ((p = strchr(p, '\\')) != NULL && p[1]) {
        char sw = (char)tolower((unsigned char)p[1]);
        const char *a = p + 2, *e;
        while (*a == ' ' || *a == '\t')
            a++;
        if (*a == '"') {
            a++;
            e = strchr(a, '"');
            if (!e)
                e = a + strlen(a);
            p = *e ? e + 1 : e;
        } else {
            e = a;
            while (*e && *e != ' ' && *e != '\t' && *e != '\\')
                e++;
            p = e;
        }
        if (sw == 'l') {
            int lv = dc_xml_int(a, 1);
            n->as.toc.level = lv >= 1 && lv <= 9 ? lv : 1;
        } else if (sw == 'f' && e > a) {
            n->as.toc.type_id = dc_doc_strndup(doc, a, (size_t)(e - a));
        }
    }
    return n;
}
