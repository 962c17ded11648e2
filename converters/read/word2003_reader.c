/*
 * word2003_reader.c - WordprocessingML 2003 (root w:wordDocument) into the
 * document model, with the same fidelity as the OOXML reader.
 *
 * Word 2003 XML is one file in the 2003 dialect of WordprocessingML.  The
 * body - paragraphs, runs, fields, text boxes, tables, styles - is read by
 * the reader shared with the OOXML reader (wml_body.c, with the 2003
 * spellings: w:vmerge/w:hmerge, w:listPr, w:fareast, hyphenated attributes).
 * This file holds what only 2003 has:
 *   o:DocumentProperties      -> metadata
 *   w:fonts/w:defaultFonts    -> the document's default fonts
 *   w:styles                  -> names decoded (LibreOffice's _HEX_), wx:uiName
 *   w:lists                   -> dc_numbering (w:listDef, w:list and w:nfc codes read
 *                                by the shared reader; w:listStyleLink links here)
 *   wx:sect, wx:sub-section, wx:pBdrGroup, w:cfChunk -> unwrapped
 *   aml:annotation            -> Word.Insertion kept, Word.Deletion and comments dropped
 *   w:footnote, w:endnote written inline in the run -> NOTE nodes, numbered in
 *                                the formats of w:docPr and the final section
 *   wx:sym                    -> a symbol character like w:sym
 *   short rows                -> placed on the grid (below)
 *
 * Short rows.  Some producers (LibreOffice's "MS Word 2003 XML" export) drop
 * the continuation cells of vertical merges instead of writing w:vmerge, so a
 * row has fewer cells than the grid.  Such a row is read onto the grid by
 * choosing which cells of the row above continue down into it (a gap is
 * always a whole cell of the row above, and in Word a row cannot have a hole
 * in the middle, so a gap is a merge continuation).  Among the placements
 * that fit, the reader prefers, in order: cell widths (w:tcW) that match the
 * grid columns, but only when the table's full rows prove the widths are
 * real (LibreOffice writes each cell the width of the grid column with its
 * index, which fits a left-aligned row by construction); continuations under
 * single-column cells rather than under cells spanning columns (those are
 * usually group headers over sub-columns); continuing merges already running
 * over starting new ones; continuations under cells with text; and finally
 * the leftmost gaps (merged category columns sit on the left).  The restored
 * continuations are counted in dc_table.inferred_merges.
 *
 * SPDX-License-Identifier: MIT
 */
#include "word2003_reader.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "converters/read/numbering.h"
#include "converters/read/wml_body.h"
#include "converters/read/xml.h"

#define W  DC_XNS_W2003
#define WX DC_XNS_WX2003

typedef struct {
    dc_wml_reader w;            /* first: the hooks cast the shared reader back */
    xmlNode *root;
    int footnote_seq, endnote_seq;
    dc_wml_note_fmt foot, end;  /* w:footnotePr, w:endnotePr */
    int in_note;
    int body_seen;
    /* the final section's note formats, found ahead of the body
     * (S_final_section): the body's own w:sectPr, else its last wx:sect's;
     * a NULL format and a start of -1 where none is given */
    dc_wml_note_fmt body_foot, body_end, sect_foot, sect_end;
    int body_sect, sect_sect;   /* a w:sectPr was met there */
} S_reader;

/* ------------------------------------------------------------------------
 * Styles
 * ------------------------------------------------------------------------ */

/* Style names as LibreOffice writes them encode characters that are not
 * allowed in XML names as _HEX_ ("Heading_20_1" is "Heading 1").  Returns the
 * decoded name in the document's arena. */
static const char *S_decode_name(dc_doc *doc, const char *s)
{
    if (!s)
        return NULL;
    if (!strchr(s, '_'))
        return dc_doc_strdup(doc, s);
    dc_buf b = DC_BUF_INIT;
    for (const char *p = s; *p;) {
        if (*p == '_') {
            const char *q = p + 1;
            uint32_t cp = 0;
            int n = 0;
            while (n < 6 && isxdigit((unsigned char)q[n])) {
                cp = cp * 16 + (uint32_t)(isdigit((unsigned char)q[n])
                                              ? q[n] - '0'
                                              : tolower((unsigned char)q[n]) - 'a' + 10);
                n++;
            }
            if (n >= 2 && q[n] == '_' && cp >= 0x20 && cp <= 0x10FFFF) {
                dc_buf_put_utf8(&b, cp);
                p = q + n + 1;
                continue;
            }
        }
        dc_buf_putc(&b, *p++);
    }
    const char *out = dc_doc_strdup(doc, dc_buf_cstr(&b));
    dc_buf_free(&b);
    return out;
}

/* The decoded name and the localised one (wx:uiName, "标题 1"). */
static void S_style(dc_wml_reader *B, const xmlNode *elem, dc_wml_style *s)
{
    s->name = S_decode_name(B->doc, dc_xml_child_val(elem, W, "name"));
    const xmlNode *ui = dc_xml_child(elem, WX, "uiName");
    s->ui_name = ui ? dc_xml_attr(ui, WX, "val") : NULL;
}

static void S_read_styles(S_reader *R)
{
    dc_wml_reader *B = &R->w;
    xmlNode *fonts = dc_xml_child(R->root, W, "fonts");
    xmlNode *df = dc_xml_child(fonts, W, "defaultFonts");
    if (df) {
        const char *ea = dc_xml_attr(df, W, "fareast");
        const char *as = dc_xml_attr(df, W, "ascii");
        if (ea && *ea) {
            B->doc_rp.ea = dc_doc_strdup(B->doc, ea);
            B->doc_rp.set |= DC_WML_RUN_FONT_EAST_ASIAN;
        }
        if (as && *as) {
            B->doc_rp.ascii = dc_doc_strdup(B->doc, as);
            B->doc_rp.set |= DC_WML_RUN_FONT_ASCII;
        }
    }
    dc_wml_read_styles(B, dc_xml_child(R->root, W, "styles"));
}

/* ------------------------------------------------------------------------
 * Lists
 * ------------------------------------------------------------------------ */

static void S_read_lists(S_reader *R)
{
    xmlNode *lists = dc_xml_child(R->root, W, "lists");
    dc_wml_read_lists(&R->w, lists);
    /* w:listStyleLink names a list style; the w:listDef that carries the
     * levels says so with a w:styleLink of the same name. */
    for (xmlNode *c = dc_xml_first_elem(lists); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, W, "listDef"))
            continue;
        const char *link = dc_xml_child_val(c, W, "listStyleLink");
        if (!link)
            continue;
        int aid = dc_xml_int(dc_xml_attr(c, W, "listDefId"), -1);
        for (xmlNode *d = dc_xml_first_elem(lists); d; d = dc_xml_next_elem(d)) {
            const char *sl = dc_xml_is(d, W, "listDef") ? dc_xml_child_val(d, W, "styleLink")
                                                        : NULL;
            int target = dc_xml_int(dc_xml_attr(d, W, "listDefId"), -1);
            if (sl && !strcmp(sl, link) && target >= 0 && target != aid) {
                dc_numbering_link(R->w.nb, aid, target);
                break;
            }
        }
    }
}

/* ------------------------------------------------------------------------
 * Wrappers: aml:annotation, wx:sect, custom XML
 * ------------------------------------------------------------------------ */

/* aml:annotation: only an insertion's content is part of the text. */
static const xmlNode *S_inserted_content(const xmlNode *ann)
{
    const char *type = dc_xml_attr(ann, W, "type");
    if (!type || strcmp(type, "Word.Insertion") != 0)
        return NULL;   /* deletions, comments, bookmarks, formatting changes */
    return dc_xml_child(ann, DC_XNS_AML, "content");
}

static const xmlNode *S_unwrap(const xmlNode *c, dc_wml_level level)
{
    const char *n = (const char *)c->name;
    if (level == DC_WML_BOX)   /* w:binData holds the picture, no boxes */
        return !strcmp(n, "binData") && dc_xml_ns_is(c, W) ? NULL : c;
    if (dc_xml_ns_is(c, W)) {
        if (level == DC_WML_BLOCK && !strcmp(n, "cfChunk"))
            return c;
        if (level == DC_WML_INLINE && !strcmp(n, "hlink"))
            return c;
        return NULL;   /* sectPr (headers, footers), pPr, proofErr and the like */
    }
    if (dc_xml_ns_is(c, WX))
        return level == DC_WML_BLOCK && (!strcmp(n, "sect") || !strcmp(n, "sub-section") ||
                                         !strcmp(n, "pBdrGroup"))
                   ? c
                   : NULL;
    if (dc_xml_ns_is(c, DC_XNS_AML))
        return !strcmp(n, "annotation") ? S_inserted_content(c) : NULL;
    return c;   /* smart tags (st1:chsdate ...) and custom XML wrap their content */
}

/* ------------------------------------------------------------------------
 * Inline notes and symbols
 * ------------------------------------------------------------------------ */

/* A footnote or endnote written inline (w:footnote inside the w:r): its
 * blocks become a NOTE, the reference a NOTE_REF with the note's number. */
static void S_inline_note(S_reader *R, const xmlNode *fn, dc_note_kind kind, dc_wml_para *pc,
                          int visible)
{
    dc_wml_reader *B = &R->w;
    if (R->in_note || dc_wml_limit_hit(B))
        return;   /* Word has no notes inside notes */
    int foot = kind == DC_NOTE_FOOTNOTE;
    int seq = foot ? ++R->footnote_seq : ++R->endnote_seq;
    char id[24];
    snprintf(id, sizeof id, "%d", seq);
    dc_buf label = DC_BUF_INIT;
    const dc_wml_note_fmt *nf = foot ? &R->foot : &R->end;
    dc_numfmt_format(nf->fmt, nf->start + seq - 1, &label);

    dc_node *note = dc_node_new(B->doc, DC_NODE_NOTE);
    note->as.note.kind = kind;
    note->as.note.id = dc_doc_strdup(B->doc, id);
    note->as.note.label = dc_doc_strdup(B->doc, dc_buf_cstr(&label));
    dc_buf_free(&label);

    /* The note's own fields start afresh; the paragraph's resume after. */
    int saved_fields = B->nfields, saved_instr = B->instr_open;
    int saved_simple = B->simple_results;
    dc_wml_field saved[DC_WML_MAX_FIELDS];
    memcpy(saved, B->fields, sizeof saved);
    for (int i = 0; i < DC_WML_MAX_FIELDS; i++)
        memset(&B->fields[i].instr, 0, sizeof B->fields[i].instr);
    B->nfields = B->instr_open = B->simple_results = 0;
    B->note_label = note->as.note.label;
    const char *saved_link = B->link;
    B->link = NULL;
    R->in_note = 1;
    dc_wml_blocks(B, fn, note, 0);
    R->in_note = 0;
    B->link = saved_link;
    B->note_label = NULL;
    for (int i = 0; i < DC_WML_MAX_FIELDS; i++)
        dc_buf_free(&B->fields[i].instr);
    memcpy(B->fields, saved, sizeof saved);
    B->nfields = saved_fields;
    B->instr_open = saved_instr;
    B->simple_results = saved_simple;
    dc_node_append(B->doc->notes, note);

    if (visible) {
        dc_node *ref = dc_node_new(B->doc, DC_NODE_NOTE_REF);
        ref->as.note.kind = kind;
        ref->as.note.id = note->as.note.id;
        ref->as.note.label = note->as.note.label;
        dc_paragraph_builder_node(&pc->pb, ref);
    }
}

/* w:hlink w:dest: the link's URI (w:bookmark alone points inside the
 * document and is no URI). */
static const char *S_link_target(dc_wml_reader *B, const xmlNode *c)
{
    if (!dc_xml_is(c, W, "hlink"))
        return NULL;
    const char *dest = dc_xml_attr(c, W, "dest");
    if (!dest || !*dest)
        return NULL;
    const char *mark = dc_xml_attr(c, W, "bookmark");
    if (mark && *mark) {
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "%s#%s", dest, mark);
        const char *uri = dc_doc_strdup(B->doc, dc_buf_cstr(&b));
        dc_buf_free(&b);
        return uri;
    }
    return dc_doc_strdup(B->doc, dest);
}

static void S_run_child(dc_wml_reader *B, const xmlNode *c, dc_wml_para *pc,
                        const dc_wml_rprops *rp, const dc_run *fmt, int hidden)
{
    (void)rp;
    S_reader *R = (S_reader *)B;
    if (dc_xml_is(c, WX, "sym"))   /* Word's hint form of w:sym */
        dc_wml_sym(B, pc, dc_xml_attr(c, WX, "font"), dc_xml_attr(c, WX, "char"), fmt, hidden);
    else if (dc_xml_is(c, W, "footnote"))
        S_inline_note(R, c, DC_NOTE_FOOTNOTE, pc, !hidden && B->instr_open == 0);
    else if (dc_xml_is(c, W, "endnote"))
        S_inline_note(R, c, DC_NOTE_ENDNOTE, pc, !hidden && B->instr_open == 0);
}

/* ------------------------------------------------------------------------
 * Tables: placing short rows on the grid (see the top of this file)
 * ------------------------------------------------------------------------ */

#define MAX_PLACE_COLS 256

/* What covers a grid column in the row above. */
typedef struct {
    dc_node *origin;            /* the merge's first cell, or NULL */
    int start, span;            /* its grid columns */
    unsigned chained : 1;       /* it already continues into a later row */
    unsigned empty : 1;         /* it shows no text */
} S_occ;

/* A cell as placed: hmerge continuations folded into the cell they widen. */
typedef struct {
    dc_node *first;             /* first physical cell */
    int nphys;                  /* physical cells it is made of */
    int span, width;
    int col;
} S_lcell;

/* Costs compared in order; see the top of this file. */
typedef struct {
    int width, spanning, fresh, empty;
} S_cost;

static const S_cost S_INF = {INT_MAX, 0, 0, 0};

static int S_cost_inf(S_cost c)
{
    return c.width == INT_MAX;
}

static S_cost S_cost_add(S_cost a, S_cost b)
{
    if (S_cost_inf(a) || S_cost_inf(b))
        return S_INF;
    S_cost r = {a.width + b.width, a.spanning + b.spanning, a.fresh + b.fresh,
                a.empty + b.empty};
    return r;
}

static int S_cost_less(S_cost a, S_cost b)
{
    if (a.width != b.width)
        return a.width < b.width;
    if (a.spanning != b.spanning)
        return a.spanning < b.spanning;
    if (a.fresh != b.fresh)
        return a.fresh < b.fresh;
    return a.empty < b.empty;
}

static int S_cost_eq(S_cost a, S_cost b)
{
    return !S_cost_less(a, b) && !S_cost_less(b, a);
}

static int S_cell_is_empty(const dc_node *cell)
{
    char *t = dc_node_text_trimmed(cell);
    int empty = t[0] == '\0';
    free(t);
    return empty;
}

static int S_grid_width(const dc_table *t, int col, int span)
{
    long w = 0;
    for (int k = col; k < col + span && k < t->ncols; k++)
        w += t->grid[k];
    return w > INT_MAX / 2 ? INT_MAX / 2 : (int)w;
}

static int S_width_fits(int width, int covered)
{
    int diff = width > covered ? width - covered : covered - width;
    return diff <= 20 + covered / 50;   /* 1 pt plus 2 %: fractional twips, rounding */
}

/* The logical cells of a row (hmerge continuations folded); returns their
 * number, fills *out (caller frees). */
static int S_logical_cells(dc_node *row, S_lcell **out)
{
    int n = 0, cap = 0;
    S_lcell *v = NULL;
    for (dc_node *cell = row->first_child; cell; cell = cell->next) {
        const dc_cell *c = &cell->as.cell;
        int span = c->col_span >= 1 ? c->col_span : 1;
        if (c->hmerge == DC_MERGE_CONTINUE && n > 0) {
            v[n - 1].span += span;
            v[n - 1].width = v[n - 1].width && c->width ? v[n - 1].width + c->width : 0;
            v[n - 1].nphys++;
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            v = dc_xrealloc(v, (size_t)cap * sizeof *v);
        }
        v[n].first = cell;
        v[n].nphys = 1;
        v[n].span = span;
        v[n].width = c->width;
        v[n].col = -1;
        n++;
    }
    *out = v;
    return n;
}

/* Widths are evidence only when the table's full rows prove them: every cell
 * of a full row fits its grid columns, and at least one spanning cell has the
 * width of all of its columns (not of one). */
static int S_widths_trusted(dc_node *table)
{
    const dc_table *t = &table->as.table;
    int proven = 0;
    for (dc_node *row = table->first_child; row; row = row->next) {
        S_lcell *lc;
        int n = S_logical_cells(row, &lc);
        int total = row->as.row.grid_before + row->as.row.grid_after;
        for (int i = 0; i < n; i++)
            total += lc[i].span;
        if (total == t->ncols) {
            int col = row->as.row.grid_before;
            for (int i = 0; i < n; i++) {
                int covered = S_grid_width(t, col, lc[i].span);
                if (lc[i].width > 0) {
                    if (!S_width_fits(lc[i].width, covered)) {
                        free(lc);
                        return 0;
                    }
                    if (lc[i].span > 1 && !S_width_fits(lc[i].width, t->grid[col]))
                        proven = 1;
                }
                col += lc[i].span;
            }
        }
        free(lc);
    }
    return proven;
}

typedef struct {
    int start, span;
    int gapable;                /* a whole cell of the row above */
    S_cost gap_cost;
} S_unit;

/* Chooses the columns of a short row's cells.  Returns 1 and sets lc[].col
 * and gap[] (per unit, 1 = a continuation goes there) when a placement fits,
 * 0 otherwise. */
static int S_place_short_row(const dc_table *t, const S_occ *occ, S_lcell *lc, int n,
                             int trusted, S_unit *units, int *nunits, char *gap)
{
    int ncols = t->ncols;
    int U = 0;
    for (int k = 0; k < ncols;) {
        const S_occ *o = &occ[k];
        int ok = o->origin && o->start == k && o->span >= 1 && k + o->span <= ncols;
        for (int j = k; ok && j < k + o->span; j++)
            ok = occ[j].origin == o->origin;
        S_unit *u = &units[U++];
        u->start = k;
        u->span = ok ? o->span : 1;
        u->gapable = ok;
        S_cost gc = {0, o->span > 1, !o->chained, o->empty};
        u->gap_cost = gc;
        k += u->span;
    }
    *nunits = U;

    int S = 0;
    for (int j = 0; j < n; j++)
        S += lc[j].span;
    /* cell_at[f] = the cell that starts at free column f, or -1 */
    int *cell_at = dc_xmalloc(sizeof(int) * (size_t)(S + 1));
    for (int f = 0; f <= S; f++)
        cell_at[f] = -1;
    for (int j = 0, f = 0; j < n; f += lc[j].span, j++)
        cell_at[f] = j;
    /* best[u * (S + 1) + F]: cheapest way to place units u.. with F free
     * columns already used */
    size_t stride = (size_t)S + 1;
    S_cost *best = dc_xmalloc(sizeof *best * (size_t)(U + 1) * stride);
    for (int F = 0; F <= S; F++)
        best[(size_t)U * stride + (size_t)F] = F == S ? (S_cost){0, 0, 0, 0} : S_INF;
    for (int u = U - 1; u >= 0; u--) {
        const S_unit *un = &units[u];
        for (int F = 0; F <= S; F++) {
            S_cost b = S_INF;
            if (un->gapable && (cell_at[F] >= 0 || F == S)) {
                S_cost c = S_cost_add(un->gap_cost, best[(size_t)(u + 1) * stride + (size_t)F]);
                if (S_cost_less(c, b))
                    b = c;
            }
            if (F + un->span <= S) {
                S_cost c = best[(size_t)(u + 1) * stride + (size_t)(F + un->span)];
                if (!S_cost_inf(c) && trusted) {
                    S_cost wc = {0, 0, 0, 0};
                    for (int f = F; f < F + un->span; f++) {
                        int j = cell_at[f];
                        if (j >= 0 && lc[j].width > 0) {
                            int col = un->start + (f - F);
                            if (!S_width_fits(lc[j].width, S_grid_width(t, col, lc[j].span)))
                                wc.width++;
                        }
                    }
                    c = S_cost_add(c, wc);
                }
                if (S_cost_less(c, b))
                    b = c;
            }
            best[(size_t)u * stride + (size_t)F] = b;
        }
    }
    int ok = !S_cost_inf(best[0]);
    if (ok) {
        /* Walk the cheapest placement, taking a gap whenever it is as cheap:
         * ties go to the leftmost gaps. */
        int F = 0;
        for (int u = 0; u < U; u++) {
            const S_unit *un = &units[u];
            S_cost here = best[(size_t)u * stride + (size_t)F];
            gap[u] = 0;
            if (un->gapable && (cell_at[F] >= 0 || F == S)) {
                S_cost c = S_cost_add(un->gap_cost, best[(size_t)(u + 1) * stride + (size_t)F]);
                if (S_cost_eq(c, here)) {
                    gap[u] = 1;
                    continue;
                }
            }
            for (int f = F; f < F + un->span && f < S; f++)
                if (cell_at[f] >= 0)
                    lc[cell_at[f]].col = un->start + (f - F);
            F += un->span;
        }
    }
    free(best);
    free(cell_at);
    return ok;
}

/* Places every row's cells on the grid; restores the merge continuations left
 * out of short rows.  Runs before dc_table_finish(), which resolves the marks
 * into spans. */
static void S_place_rows(dc_wml_reader *B, dc_node *table)
{
    dc_table *t = &table->as.table;
    int ncols = t->ncols;
    if (ncols <= 0 || ncols > MAX_PLACE_COLS)
        return;   /* dc_table_finish places cells left to right */
    int trusted = S_widths_trusted(table);
    S_occ *occ = dc_xcalloc((size_t)ncols, sizeof *occ);
    S_occ *next = dc_xcalloc((size_t)ncols, sizeof *next);
    S_unit *units = dc_xmalloc(sizeof *units * (size_t)ncols);
    char *gap = dc_xcalloc((size_t)ncols, 1);
    dc_node **phys = NULL;
    size_t cap_phys = 0;
    for (dc_node *row = table->first_child; row; row = row->next) {
        S_lcell *lc;
        int n = S_logical_cells(row, &lc);
        int S = 0;
        for (int j = 0; j < n; j++)
            S += lc[j].span;
        int gb = row->as.row.grid_before, ga = row->as.row.grid_after;
        int nunits = 0;
        if (row == table->first_child || gb != 0 || ga != 0 || S >= ncols ||
            !S_place_short_row(t, occ, lc, n, trusted, units, &nunits, gap)) {
            int col = gb;
            for (int j = 0; j < n; j++) {
                lc[j].col = col;
                col += lc[j].span;
            }
            nunits = 0;
        }

        /* The row again, in column order, with the restored continuations. */
        size_t nphys = 0;
        for (dc_node *c = row->first_child; c; c = c->next)
            nphys++;
        if (nphys > cap_phys) {
            cap_phys = nphys * 2;
            phys = dc_xrealloc(phys, cap_phys * sizeof *phys);
        }
        nphys = 0;
        while (row->first_child) {
            dc_node *c = row->first_child;
            dc_node_unlink(c);
            phys[nphys++] = c;
        }
        memset(next, 0, sizeof *next * (size_t)ncols);
        size_t p = 0;
        int j = 0, u = 0;
        while (j < n || u < nunits) {
            while (u < nunits && !gap[u])
                u++;
            int take_gap = u < nunits && (j >= n || units[u].start < lc[j].col);
            if (take_gap) {
                const S_unit *un = &units[u];
                dc_node *cell = dc_node_new(B->doc, DC_NODE_CELL);
                cell->as.cell.vmerge = DC_MERGE_CONTINUE;
                cell->as.cell.col = un->start;
                cell->as.cell.col_span = un->span;
                dc_node_append(row, cell);
                t->inferred_merges++;
                for (int k = un->start; k < un->start + un->span; k++) {
                    next[k] = occ[un->start];
                    next[k].chained = 1;
                }
                u++;
                continue;
            }
            if (j >= n)
                break;
            /* logical cell j: its physical cells are the next nphys ones */
            int col = lc[j].col, span = lc[j].span, empty = 1;
            dc_node *first = phys[p];
            for (int k = 0; k < lc[j].nphys && p < nphys; k++, p++) {
                dc_node *c = phys[p];
                c->as.cell.col = k == 0 ? col : -1;
                dc_node_append(row, c);
                if (empty && !S_cell_is_empty(c))
                    empty = 0;
            }
            if (col >= 0 && col < ncols) {
                int end = col + span < ncols ? col + span : ncols;
                const S_occ *above = &occ[col];
                int continues = first->as.cell.vmerge == DC_MERGE_CONTINUE && above->origin &&
                                above->start == col && above->span == span;
                for (int k = col; k < end; k++) {
                    if (continues) {
                        next[k] = *above;
                        next[k].chained = 1;
                    } else {
                        next[k].origin = first;
                        next[k].start = col;
                        next[k].span = span;
                        next[k].chained = 0;
                        next[k].empty = (unsigned)empty;
                    }
                }
            }
            j++;
        }
        while (p < nphys)
            dc_node_append(row, phys[p++]);   /* defensive: nothing should be left */
        S_occ *tmp = occ;
        occ = next;
        next = tmp;
        memset(gap, 0, (size_t)ncols);
        free(lc);
    }
    free(phys);
    free(occ);
    free(next);
    free(units);
    free(gap);
}

static const dc_wml_dialect S_dialect = {
    .ns = DC_XNS_W2003,
    .w2003 = 1,
    .unwrap = S_unwrap,
    .run_child = S_run_child,
    .link_target = S_link_target,
    .table_rows = S_place_rows,
    .style = S_style,
};

/* ------------------------------------------------------------------------
 * Metadata
 * ------------------------------------------------------------------------ */

static void S_read_meta(S_reader *R)
{
    static const char *const names[8] = {"Title",    "Subject",     "Author",
                                         "Keywords", "Description", "LastAuthor",
                                         "Created",  "LastSaved"};
    const xmlNode *props = NULL;
    for (xmlNode *c = dc_xml_first_elem(R->root); c; c = dc_xml_next_elem(c))
        if (!strcmp((const char *)c->name, "DocumentProperties") && c->ns && c->ns->href &&
            !strcmp((const char *)c->ns->href, DC_NS_O)) {
            props = c;
            break;
        }
    if (props)
        dc_wml_read_meta(R->w.doc, props, names);
}

/* ------------------------------------------------------------------------
 * Footnote and endnote number formats
 * ------------------------------------------------------------------------ */

/* Over nf, the fields of a final section's format that were given. */
static void S_note_format_over(dc_wml_note_fmt *nf, const dc_wml_note_fmt *given)
{
    if (given->fmt)
        nf->fmt = given->fmt;
    if (given->start >= 0)
        nf->start = given->start;
}

/* w:docPr, then the final section's properties (the w:sectPr of the body or
 * of its last wx:sect), which S_final_section found ahead of the body. */
static void S_read_note_formats(S_reader *R)
{
    R->foot.fmt = "decimal";
    R->end.fmt = "lowerRoman";
    R->foot.start = R->end.start = 1;
    const xmlNode *docpr = dc_xml_child(R->root, W, "docPr");
    dc_wml_note_format(&R->w, dc_xml_child(docpr, W, "footnotePr"), &R->foot);
    dc_wml_note_format(&R->w, dc_xml_child(docpr, W, "endnotePr"), &R->end);
    S_note_format_over(&R->foot, R->body_sect ? &R->body_foot : &R->sect_foot);
    S_note_format_over(&R->end, R->body_sect ? &R->body_end : &R->sect_end);
}

/* ------------------------------------------------------------------------
 * The body, block by block
 * ------------------------------------------------------------------------ */

/* What the body reader unwraps at block level without a condition (wx:sect,
 * wx:sub-section, wx:pBdrGroup, w:cfChunk: S_unwrap) holds blocks itself. */
static int S_block_wrapper(const xmlNode *e)
{
    const char *n = (const char *)e->name;
    if (dc_xml_ns_is(e, WX))
        return !strcmp(n, "sect") || !strcmp(n, "sub-section") || !strcmp(n, "pBdrGroup");
    return dc_xml_is(e, W, "cfChunk");
}

/* Styles, lists and note formats, from what precedes the body. */
static void S_begin_body(S_reader *R)
{
    R->body_seen = 1;
    S_read_note_formats(R);
    S_read_styles(R);
    S_read_lists(R);
}

static int S_container(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    S_reader *R = ctx;
    if (depth == 1) {
        R->root = (xmlNode *)elem;
        return DC_XML_BUILD;
    }
    if (depth == 2 && !R->body_seen && dc_xml_is(elem, W, "body")) {
        S_begin_body(R);
        return DC_XML_CONTAINER;
    }
    return in_container && S_block_wrapper(elem) ? DC_XML_CONTAINER : DC_XML_BUILD;
}

static int S_block(void *ctx, xmlNode *block)
{
    S_reader *R = ctx;
    return dc_wml_block(&R->w, block, R->w.doc->root, 0);
}

/* The pass ahead of a streamed body, made only when the document has notes:
 * the final section's note formats, which come after the text they number.
 * Nothing but the section properties is built. */
static int S_final_container(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    S_reader *R = ctx;
    if (depth == 1)
        return DC_XML_BUILD;
    if (depth == 2)
        return dc_xml_is(elem, W, "body") ? DC_XML_CONTAINER : DC_XML_SKIP;
    if (depth == 3 && in_container && dc_xml_is(elem, WX, "sect")) {
        /* a later wx:sect: the last one's properties count */
        R->sect_sect = 0;
        R->sect_foot = R->sect_end = (dc_wml_note_fmt){NULL, -1};
        return DC_XML_CONTAINER;
    }
    return in_container && dc_xml_is(elem, W, "sectPr") ? DC_XML_BUILD : DC_XML_SKIP;
}

static int S_final_block(void *ctx, xmlNode *sect)
{
    S_reader *R = ctx;
    int in_body = dc_xml_is(sect->parent, W, "body");
    int *seen = in_body ? &R->body_sect : &R->sect_sect;
    if (*seen)
        return 0;   /* the first w:sectPr of its parent, as dc_xml_child finds */
    *seen = 1;
    dc_wml_note_format(&R->w, dc_xml_child(sect, W, "footnotePr"),
                       in_body ? &R->body_foot : &R->sect_foot);
    dc_wml_note_format(&R->w, dc_xml_child(sect, W, "endnotePr"),
                       in_body ? &R->body_end : &R->sect_end);
    return 0;
}

static void S_final_section(S_reader *R, const char *data, size_t len)
{
    dc_xml_stream_hooks hooks = {S_final_container, S_final_block, R};
    dc_xml_stream *st = dc_xml_stream_new("the document", &hooks);
    dc_xml_stream_feed(st, data, len);
    dc_error ignore = {0};   /* the reading proper says what is wrong */
    xmlFreeDoc(dc_xml_stream_end(st, &ignore));
}

/* ------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------ */

/* True when the bytes may hold a note: an ASCII-compatible encoding without
 * the word "footnote" or "endnote" has none. */
static int S_may_have_notes(const char *data, size_t len)
{
    if (len >= 2 && (!data[0] || !data[1]))
        return 1;   /* UTF-16 or UTF-32: the words cannot be searched for */
    if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE))
        return 1;
    return memmem(data, len, "footnote", 8) || memmem(data, len, "endnote", 7);
}

dc_doc *dc_word2003_read(const char *data, size_t len, const dc_limits *lim,
                         dc_error *err)
{
    dc_limits dflt;
    if (!lim) {
        dc_limits_default(&dflt);
        lim = &dflt;
    }
    S_reader R;
    memset(&R, 0, sizeof R);
    dc_wml_reader_init(&R.w, &S_dialect, lim, err);
    R.body_foot = R.body_end = R.sect_foot = R.sect_end = (dc_wml_note_fmt){NULL, -1};
    if (S_may_have_notes(data, len))
        S_final_section(&R, data, len);

    dc_xml_stream_hooks hooks = {S_container, S_block, &R};
    dc_xml_stream *st = dc_xml_stream_new("the document", &hooks);
    dc_xml_stream_feed(st, data, len);
    xmlDocPtr kept = dc_xml_stream_end(st, err);   /* all but the body's blocks */
    dc_doc *doc = R.w.doc;
    if (!err->code && !dc_xml_is(xmlDocGetRootElement(kept), W, "wordDocument"))
        dc_error_set(err, DC_ERR_FORMAT, "not Word 2003 XML (no w:wordDocument root)");
    else if (!err->code && !R.body_seen)
        dc_error_set(err, DC_ERR_PART, "Word 2003 XML without a w:body");
    if (!err->code)
        S_read_meta(&R);
    dc_wml_reader_free(&R.w);
    xmlFreeDoc(kept);
    if (err->code) {
        dc_doc_free(doc);
        return NULL;
    }
    return doc;
}
