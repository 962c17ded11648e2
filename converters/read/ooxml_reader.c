/*
 * ooxml_reader.c - OOXML WordprocessingML (2006 transitional and strict) from
 * an OPC package into the document model.
 *
 * The body - paragraphs, runs, fields, text boxes, tables, styles - is read
 * by the WordprocessingML reader shared with the Word 2003 reader
 * (wml_body.c).  This file holds what only OOXML has:
 *   the package            -> main part, styles, numbering, settings, notes and
 *                             properties parts found through relationships
 *   styles.xml             -> w:docDefaults, then the shared style table
 *   numbering.xml          -> dc_numbering (read by the shared reader; the
 *                             w:numStyleLink links here); labels become text
 *   w:sdt, w:customXml, w:ins, w:moveTo, mc:AlternateContent -> unwrapped
 *                             (w:del, w:moveFrom and deleted rows dropped)
 *   w:footnoteReference, w:endnoteReference -> NOTE_REF numbered in the
 *                             formats of settings.xml and the last w:sectPr
 *   footnotes.xml, endnotes.xml -> NOTE nodes
 *   w:drawing, w:ptab, w:ruby, Office Math (m:oMath) -> boxes, text
 *   docProps/core.xml, app.xml -> metadata
 *
 * SPDX-License-Identifier: MIT
 */
#include "ooxml_reader.h"

#include <stdlib.h>
#include <string.h>

#include "converters/read/numbering.h"
#include "converters/read/wml_body.h"
#include "converters/read/xml.h"

/* A note reference met in the text.  Its label is made once the number
 * formats are known: the body's final w:sectPr, which may change them, comes
 * after the body's text. */
typedef struct {
    const char *id;             /* "f" or "e" and the note's w:id */
    const char *label;          /* NULL until labelled */
    dc_note_kind kind;
    int seq;                    /* its number among the notes of its kind, from 0 */
    int custom;                 /* w:customMarkFollows: the mark is the text that follows */
    dc_node *node;              /* the NOTE_REF node, or NULL when hidden */
} S_note_label;

typedef struct {
    dc_wml_reader w;            /* first: the hooks cast the shared reader back */
    dc_package *pkg;
    S_note_label *notes;
    size_t nnotes, notes_cap, nlabelled;
    int footnote_seq, endnote_seq;
    dc_wml_note_fmt foot, end;  /* w:footnotePr, w:endnotePr */
    const char *part;           /* the part being read (its relationships name link targets) */
    const char *main;           /* the main document part */
    dc_error early;             /* what reading styles, numbering and settings met */
    int root_ok;                /* the main part's root is w:document */
    int body_seen, body_sect_seen;
} S_reader;

/* ------------------------------------------------------------------------
 * Wrappers: w:sdt, w:customXml, revisions, mc:AlternateContent
 * ------------------------------------------------------------------------ */

/* Picks the branch of mc:AlternateContent to read: a Choice whose required
 * namespaces we understand (Word 2010+ shapes and text), else the Fallback. */
static const xmlNode *S_alt_branch(const xmlNode *alt)
{
    static const char *const known[] = {"wps", "wpg", "wpc", "wp14", "w14", "w15", "w16se",
                                        "w16cid", "w16", "v", "o", "w10", NULL};
    for (const xmlNode *c = dc_xml_first_elem(alt); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_MC, "Choice"))
            continue;
        const char *req = dc_xml_attr(c, DC_XNS_NONE, "Requires");
        if (!req)
            continue;
        int ok = 1;
        char buf[256];
        snprintf(buf, sizeof buf, "%s", req);
        char *save = NULL;
        for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
            int hit = 0;
            for (int i = 0; known[i]; i++)
                hit |= !strcmp(t, known[i]);
            ok &= hit;
        }
        if (ok)
            return c;
    }
    return dc_xml_child(alt, DC_XNS_MC, "Fallback");
}

static const xmlNode *S_unwrap(const xmlNode *c, dc_wml_level level)
{
    /* Names first, by their first letter: most elements met here (w:pPr,
     * w:tcPr, bookmarks, shapes in a drawing) are none of these. */
    const char *n = (const char *)c->name;
    const xmlNode *in = NULL;
    int inl = level == DC_WML_INLINE;
    switch (n[0]) {
    case 'A':
        if (strcmp(n, "AlternateContent") != 0 || !dc_xml_ns_is(c, DC_XNS_MC))
            break;
        if (level != DC_WML_BOX)
            return S_alt_branch(c);
        /* Choice and Fallback hold the same box: take one. */
        in = dc_xml_child(c, DC_XNS_MC, "Choice");
        return in ? in : dc_xml_child(c, DC_XNS_MC, "Fallback");
    case 's':
        if (!strcmp(n, "sdt"))
            in = dc_xml_child(c, DC_XNS_W, "sdtContent");
        else if (inl && !strcmp(n, "smartTag"))
            in = c;
        break;
    case 'c':
        if (!strcmp(n, "customXml"))
            in = c;
        break;
    case 'i':
    case 'm':
        /* inserted or moved here: part of the text (w:del, w:moveFrom are not) */
        if ((!strcmp(n, "ins") || !strcmp(n, "moveTo")) && level != DC_WML_CELL)
            in = c;
        break;
    case 'h':
    case 'd':
    case 'b':
        if (inl && (!strcmp(n, "hyperlink") || !strcmp(n, "dir") || !strcmp(n, "bdo")))
            in = c;
        break;
    default:
        break;
    }
    if (level == DC_WML_BOX)
        return c;   /* search on inside */
    return in && dc_xml_ns_is(c, DC_XNS_W) ? in : NULL;
}

/* ------------------------------------------------------------------------
 * Inline content only OOXML has
 * ------------------------------------------------------------------------ */

/* Labels the references met since the last call, in the formats known now. */
static void S_label_notes(S_reader *R)
{
    dc_doc *doc = R->w.doc;
    for (; R->nlabelled < R->nnotes; R->nlabelled++) {
        S_note_label *nl = &R->notes[R->nlabelled];
        dc_buf label = DC_BUF_INIT;
        if (!nl->custom) {
            const dc_wml_note_fmt *f = nl->kind == DC_NOTE_FOOTNOTE ? &R->foot : &R->end;
            dc_numfmt_format(f->fmt, f->start + nl->seq, &label);
        }
        nl->label = dc_doc_strdup(doc, dc_buf_cstr(&label));
        if (nl->node && !nl->custom)
            nl->node->as.note.label = nl->label;
        dc_buf_free(&label);
    }
}

static const char *S_note_label_for(S_reader *R, const char *id)
{
    S_label_notes(R);
    for (size_t i = 0; i < R->nnotes; i++)
        if (!strcmp(R->notes[i].id, id))
            return R->notes[i].label;
    return NULL;
}

static void S_note_ref(S_reader *R, const xmlNode *ref, dc_note_kind kind, dc_wml_para *pc,
                       int visible)
{
    dc_doc *doc = R->w.doc;
    const char *id = dc_xml_attr(ref, DC_XNS_W, "id");
    if (!id)
        return;
    char key[80];
    snprintf(key, sizeof key, "%c%s", kind == DC_NOTE_FOOTNOTE ? 'f' : 'e', id);
    S_note_label nl = {0};
    nl.id = dc_doc_strdup(doc, key);
    nl.kind = kind;
    nl.custom = dc_xml_onoff(dc_xml_attr(ref, DC_XNS_W, "customMarkFollows"), 0);
    if (!nl.custom)
        nl.seq = kind == DC_NOTE_FOOTNOTE ? R->footnote_seq++ : R->endnote_seq++;
    if (visible) {
        dc_node *n = dc_node_new(doc, DC_NODE_NOTE_REF);
        n->as.note.kind = kind;
        n->as.note.id = dc_doc_strdup(doc, id);
        dc_paragraph_builder_node(&pc->pb, n);
        nl.node = n;
    }
    DC_GROW(R->notes, R->nnotes, R->notes_cap, 16);
    R->notes[R->nnotes++] = nl;
}

static void S_run_child(dc_wml_reader *B, const xmlNode *c, dc_wml_para *pc,
                        const dc_wml_rprops *rp, const dc_run *fmt, int hidden)
{
    S_reader *R = (S_reader *)B;
    if (dc_xml_is(c, DC_XNS_MC, "AlternateContent")) {
        const xmlNode *b = S_alt_branch(c);
        if (b)
            dc_wml_collect_boxes(B, b, pc);
        return;
    }
    if (!dc_xml_ns_is(c, DC_XNS_W))
        return;
    const char *n = (const char *)c->name;
    if (!strcmp(n, "ptab")) {
        dc_wml_emit(B, pc, "\t", 1, fmt, hidden);
    } else if (!strcmp(n, "footnoteReference")) {
        S_note_ref(R, c, DC_NOTE_FOOTNOTE, pc, !hidden && B->instr_open == 0);
    } else if (!strcmp(n, "endnoteReference")) {
        S_note_ref(R, c, DC_NOTE_ENDNOTE, pc, !hidden && B->instr_open == 0);
    } else if (!strcmp(n, "drawing")) {
        dc_wml_collect_boxes(B, c, pc);
    } else if (!strcmp(n, "ruby")) {
        const xmlNode *base = dc_xml_child(c, DC_XNS_W, "rubyBase");
        for (const xmlNode *rr = dc_xml_first_elem(base); rr; rr = dc_xml_next_elem(rr))
            if (dc_xml_is(rr, DC_XNS_W, "r"))
                dc_wml_run(B, rr, pc, rp);
    }
}

/* Office Math as linear text: m:t runs, n-ary operators (∫ by default) and
 * delimiters ("(" and ")" by default) written out. */
static const char *S_math_val(const xmlNode *pr, const char *local, const char *dflt)
{
    const xmlNode *c = dc_xml_child(pr, DC_XNS_ANY, local);
    const char *v = c ? dc_xml_attr(c, DC_XNS_ANY, "val") : NULL;
    return v ? v : dflt;
}

static void S_math_text(const xmlNode *n, dc_buf *out)
{
    for (const xmlNode *c = dc_xml_first_elem(n); c; c = dc_xml_next_elem(c)) {
        const char *name = (const char *)c->name;
        if (dc_xml_ns_is(c, DC_XNS_W))
            continue;   /* w:rPr and the like inside math runs */
        if (!strcmp(name, "t")) {
            dc_xml_text(c, out);
        } else if (!strcmp(name, "nary")) {
            const xmlNode *pr = dc_xml_child(c, DC_XNS_ANY, "naryPr");
            dc_buf_puts(out, S_math_val(pr, "chr", "\xE2\x88\xAB"));   /* ∫ */
            S_math_text(c, out);
        } else if (!strcmp(name, "d")) {
            const xmlNode *pr = dc_xml_child(c, DC_XNS_ANY, "dPr");
            const char *sep = S_math_val(pr, "sepChr", "|");
            dc_buf_puts(out, S_math_val(pr, "begChr", "("));
            int first = 1;
            for (const xmlNode *e = dc_xml_first_elem(c); e; e = dc_xml_next_elem(e)) {
                if (strcmp((const char *)e->name, "e") != 0)
                    continue;
                if (!first)
                    dc_buf_puts(out, sep);
                first = 0;
                S_math_text(e, out);
            }
            dc_buf_puts(out, S_math_val(pr, "endChr", ")"));
        } else if (strcmp(name, "naryPr") != 0 && strcmp(name, "dPr") != 0 &&
                   strcmp(name, "rPr") != 0 && strcmp(name, "ctrlPr") != 0) {
            S_math_text(c, out);
        }
    }
}

/* w:hyperlink with r:id: the relationship's external target (a w:anchor
 * alone points inside the document and is no URI). */
static const char *S_link_target(dc_wml_reader *B, const xmlNode *c)
{
    S_reader *R = (S_reader *)B;
    if (!dc_xml_is(c, DC_XNS_W, "hyperlink") || !R->part)
        return NULL;
    const char *id = dc_xml_attr(c, DC_XNS_R, "id");
    if (!id)
        return NULL;
    dc_error ignore = {0};
    const dc_rel *rel = dc_package_rel_by_id(R->pkg, R->part, id, &ignore);
    if (!rel || !rel->external || !rel->target || !*rel->target)
        return NULL;
    const char *anchor = dc_xml_attr(c, DC_XNS_W, "anchor");
    if (anchor && *anchor) {
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "%s#%s", rel->target, anchor);
        const char *uri = dc_doc_strdup(B->doc, dc_buf_cstr(&b));
        dc_buf_free(&b);
        return uri;
    }
    return dc_doc_strdup(B->doc, rel->target);
}

static void S_inline_elem(dc_wml_reader *B, const xmlNode *c, dc_wml_para *pc,
                          const dc_wml_rprops *rp)
{
    const char *n = (const char *)c->name;
    if ((strcmp(n, "oMath") != 0 && strcmp(n, "oMathPara") != 0) || dc_xml_ns_is(c, DC_XNS_W))
        return;
    dc_buf text = DC_BUF_INIT;
    S_math_text(c, &text);
    dc_run fmt;
    dc_wml_fmt_from(&fmt, rp);
    if (text.len)
        dc_wml_emit(B, pc, text.data, text.len, &fmt, rp->vanish);
    dc_buf_free(&text);
}

static const dc_wml_dialect S_dialect = {
    .ns = DC_XNS_W,
    .w2003 = 0,
    .unwrap = S_unwrap,
    .inline_elem = S_inline_elem,
    .run_child = S_run_child,
    .link_target = S_link_target,
};

/* ------------------------------------------------------------------------
 * Styles and numbering
 * ------------------------------------------------------------------------ */

static void S_read_styles(S_reader *R, const char *main_part)
{
    dc_wml_reader *B = &R->w;
    const char *part = dc_package_rel_target(R->pkg, main_part, "styles", B->err);
    /* table styles' conditional formats and the latent styles are most of a
     * styles part and never read: their trees are not built */
    static const char *const unread[] = {"tblStylePr", "latentStyles", NULL};
    xmlNode *root = part ? dc_package_xml_pruned(R->pkg, part, unread, B->err) : NULL;
    if (!root)
        return;   /* no styles: everything is direct formatting */
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_W, "docDefaults"))
            continue;
        xmlNode *rd = dc_xml_child(c, DC_XNS_W, "rPrDefault");
        xmlNode *pd = dc_xml_child(c, DC_XNS_W, "pPrDefault");
        if (rd)
            dc_wml_apply_rpr(B, &B->doc_rp, dc_xml_child(rd, DC_XNS_W, "rPr"));
        if (pd)
            dc_wml_apply_ppr(B, &B->doc_pp, dc_xml_child(pd, DC_XNS_W, "pPr"));
    }
    dc_wml_read_styles(B, root);
}

static void S_read_numbering(S_reader *R, const char *main_part)
{
    const char *part = dc_package_rel_target(R->pkg, main_part, "numbering", R->w.err);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, R->w.err) : NULL;
    if (!root)
        return;
    dc_wml_read_lists(&R->w, root);
    /* Second pass: w:numStyleLink names a numbering style whose w:numPr points
     * at a w:num; the abstract list behind that num holds the levels. */
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_W, "abstractNum"))
            continue;
        const char *link = dc_xml_child_val(c, DC_XNS_W, "numStyleLink");
        dc_wml_style *st = link ? dc_wml_style_find(&R->w, link) : NULL;
        if (!st || !(st->pp.set & DC_WML_PARA_NUM_ID))
            continue;
        int aid = dc_xml_int(dc_xml_attr(c, DC_XNS_W, "abstractNumId"), -1);
        for (xmlNode *n = dc_xml_first_elem(root); n; n = dc_xml_next_elem(n)) {
            if (dc_xml_is(n, DC_XNS_W, "num") &&
                dc_xml_int(dc_xml_attr(n, DC_XNS_W, "numId"), -1) == st->pp.num_id) {
                int target = dc_xml_int(dc_xml_child_val(n, DC_XNS_W, "abstractNumId"), -1);
                if (target != aid)
                    dc_numbering_link(R->w.nb, aid, target);
            }
        }
    }
}

/* ------------------------------------------------------------------------
 * Notes and metadata
 * ------------------------------------------------------------------------ */

static void S_read_notes(S_reader *R, const char *main_part, const char *rel,
                         const char *elem, dc_note_kind kind)
{
    dc_wml_reader *B = &R->w;
    const char *part = dc_package_rel_target(R->pkg, main_part, rel, B->err);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, B->err) : NULL;
    if (!root)
        return;
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_W, elem) || B->stop)
            continue;
        const char *type = dc_xml_attr(c, DC_XNS_W, "type");
        if (type && strcmp(type, "normal") != 0)
            continue;   /* separators and continuation notices */
        const char *id = dc_xml_attr(c, DC_XNS_W, "id");
        if (!id)
            continue;
        char key[80];
        snprintf(key, sizeof key, "%c%s", kind == DC_NOTE_FOOTNOTE ? 'f' : 'e', id);
        dc_node *note = dc_node_new(B->doc, DC_NODE_NOTE);
        note->as.note.kind = kind;
        note->as.note.id = dc_doc_strdup(B->doc, id);
        note->as.note.label = S_note_label_for(R, key);
        B->note_label = note->as.note.label;
        B->nfields = B->instr_open = 0;
        B->link = NULL;
        R->part = part;
        dc_wml_blocks(B, c, note, 0);
        R->part = main_part;
        B->note_label = NULL;
        dc_node_append(B->doc->notes, note);
    }
}

static void S_read_meta(S_reader *R)
{
    static const char *const names[8] = {"title",       "subject",        "creator",
                                         "keywords",    "description",    "lastModifiedBy",
                                         "created",     "modified"};
    dc_error ignore = {0};
    dc_doc *doc = R->w.doc;
    const char *core = dc_package_rel_target(R->pkg, "", "core-properties", &ignore);
    xmlNode *root = core ? dc_package_xml(R->pkg, core, &ignore) : NULL;
    if (root)
        dc_wml_read_meta(doc, root, names);
    const char *app = dc_package_rel_target(R->pkg, "", "extended-properties", &ignore);
    root = app ? dc_package_xml(R->pkg, app, &ignore) : NULL;
    if (root)
        doc->meta.application = dc_wml_child_text(doc, root, "Application");
}

/* Footnote and endnote number formats: settings.xml (the body's final
 * section properties, which come after its text, may change them: S_block). */
static void S_read_settings(S_reader *R, const char *main_part)
{
    R->foot.fmt = "decimal";
    R->end.fmt = "lowerRoman";
    R->foot.start = R->end.start = 1;
    dc_error ignore = {0};
    const char *part = dc_package_rel_target(R->pkg, main_part, "settings", &ignore);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, &ignore) : NULL;
    if (root) {
        dc_wml_note_format(&R->w, dc_xml_child(root, DC_XNS_W, "footnotePr"), &R->foot);
        dc_wml_note_format(&R->w, dc_xml_child(root, DC_XNS_W, "endnotePr"), &R->end);
    }
}

/* ------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------ */

static const char *S_main_part(dc_package *pkg, dc_error *err)
{
    const char *main = dc_package_rel_target(pkg, "", "officeDocument", err);
    if (main && dc_package_has(pkg, main))
        return main;
    static const char *const types[] = {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        NULL};
    for (int i = 0; types[i]; i++) {
        const char *p = dc_package_find_by_type(pkg, types[i], err);
        if (p)
            return p;
    }
    return main;   /* named but absent: reported by the caller */
}

/* The error for a main part whose root is not w:document, saying what it is. */
static void S_root_error(S_reader *R, const xmlNode *root)
{
    const char *name = (const char *)root->name;
    if (!strcmp(name, "workbook"))
        dc_error_set(R->w.err, DC_ERR_FORMAT, "an Excel workbook, not a Word document");
    else if (!strcmp(name, "presentation"))
        dc_error_set(R->w.err, DC_ERR_FORMAT, "a PowerPoint presentation, not a Word document");
    else
        dc_error_set(R->w.err, DC_ERR_FORMAT, "main part %s is <%s>, not a Word document",
                     R->main, name);
}

/* Inside the body, what S_unwrap opens at block level whatever it holds is
 * a container too, so that a body wrapped whole in a content control is
 * still read block by block: w:sdt, its first w:sdtContent (a second one is
 * never read), w:customXml, w:ins and w:moveTo. */
static int S_block_wrapper(const xmlNode *elem)
{
    if (!dc_xml_ns_is(elem, DC_XNS_W))
        return DC_XML_BUILD;
    const char *n = (const char *)elem->name;
    if (!strcmp(n, "sdtContent")) {
        if (!dc_xml_is(elem->parent, DC_XNS_W, "sdt"))
            return DC_XML_BUILD;
        return dc_xml_child(elem->parent, DC_XNS_W, "sdtContent") == elem ? DC_XML_CONTAINER
                                                                         : DC_XML_SKIP;
    }
    return !strcmp(n, "sdt") || !strcmp(n, "customXml") || !strcmp(n, "ins") ||
                   !strcmp(n, "moveTo")
               ? DC_XML_CONTAINER
               : DC_XML_BUILD;
}

/* The streaming hooks over the main part: w:body is the container, and each
 * of its children is read into the model as it completes (S_block_wrapper:
 * and the children of the wrappers in it).  A part that is
 * not a Word document, or one whose styles or numbering were broken, is
 * still parsed to its end: malformed XML is said first, as it always was. */
static int S_container(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    S_reader *R = ctx;
    if (depth == 1) {
        R->root_ok = dc_xml_is(elem, DC_XNS_W, "document");
        R->w.doc->strict = elem->ns && elem->ns->href &&
                           !strcmp((const char *)elem->ns->href, DC_NS_W_STRICT);
        return DC_XML_BUILD;
    }
    if (depth == 2 && R->root_ok && !R->early.code && !R->body_seen &&
        dc_xml_is(elem, DC_XNS_W, "body")) {
        R->body_seen = 1;
        return DC_XML_CONTAINER;
    }
    return in_container ? S_block_wrapper(elem) : DC_XML_BUILD;
}

static int S_block(void *ctx, xmlNode *block)
{
    S_reader *R = ctx;
    if (!R->body_sect_seen && dc_xml_is(block, DC_XNS_W, "sectPr") &&
        dc_xml_is(block->parent, DC_XNS_W, "body")) {
        R->body_sect_seen = 1;
        dc_wml_note_format(&R->w, dc_xml_child(block, DC_XNS_W, "footnotePr"), &R->foot);
        dc_wml_note_format(&R->w, dc_xml_child(block, DC_XNS_W, "endnotePr"), &R->end);
    }
    return dc_wml_block(&R->w, block, R->w.doc->root, 0);
}

dc_doc *dc_ooxml_read(dc_package *pkg, const dc_limits *lim, dc_error *err)
{
    const char *main = S_main_part(pkg, err);
    if (err->code)
        return NULL;
    if (!main) {
        dc_error_set(err, DC_ERR_PART,
                     "no main document part: the package has no officeDocument relationship "
                     "and no part of the Word document type");
        return NULL;
    }
    if (!dc_package_has(pkg, main)) {
        dc_error_set(err, DC_ERR_PART, "main document part %s is missing from the package", main);
        return NULL;
    }

    S_reader R;
    memset(&R, 0, sizeof R);
    dc_wml_reader_init(&R.w, &S_dialect, lim, err);
    R.pkg = pkg;
    R.part = R.main = main;
    dc_doc *doc = R.w.doc;

    /* Styles, numbering and note formats come before the body is read; what
     * goes wrong in them is said only once the main part is known to be a
     * Word document (an Excel workbook has styles too). */
    R.w.err = &R.early;
    S_read_settings(&R, main);
    S_read_styles(&R, main);
    if (!R.early.code)
        S_read_numbering(&R, main);
    R.w.err = err;

    /* The body block by block: memory holds the model and one block's tree. */
    dc_xml_stream_hooks hooks = {S_container, S_block, &R};
    xmlNode *root = dc_package_xml_stream(pkg, main, &hooks, err);
    R.w.nfields = R.w.instr_open = 0;
    R.w.link = NULL;
    if (!err->code && !root)
        dc_error_set(err, DC_ERR_PART, "main document part %s cannot be read", main);
    else if (!err->code && !R.root_ok)
        S_root_error(&R, root);
    else if (!err->code && R.early.code)
        *err = R.early;   /* styles or numbering were broken */
    else if (!err->code && !R.body_seen)
        dc_error_set(err, DC_ERR_PART, "main document part %s has no w:body", main);
    if (!err->code)
        S_label_notes(&R);
    if (!err->code)
        S_read_notes(&R, main, "footnotes", "footnote", DC_NOTE_FOOTNOTE);
    if (!err->code)
        S_read_notes(&R, main, "endnotes", "endnote", DC_NOTE_ENDNOTE);
    if (!err->code)
        S_read_meta(&R);

    dc_wml_reader_free(&R.w);
    free(R.notes);
    if (err->code) {
        dc_doc_free(doc);
        return NULL;
    }
    return doc;
}
