/*
 * package.c - OPC packages: zip (minizip, read from memory with size and ratio
 * bounds on every entry) and Flat OPC (pkg:package), behind one interface.
 *
 * SPDX-License-Identifier: MIT
 */
#include "package.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <unzip.h>

#include "converters/read/xml.h"

/* ------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------ */

typedef struct {
    char *name;               /* normalised part name */
    unz64_file_pos pos;       /* zip: where the entry is */
    uint64_t csize, usize;    /* zip: declared sizes */
    xmlNode *flat_root;       /* flat: root element of the xmlData, or NULL */
    const char *ctype;        /* flat: pkg:contentType */
    int body_left;            /* flat: the w:body's children were left for a second pass */
    xmlDocPtr xml;            /* zip: parsed part, cached */
    int parsed;               /* zip: parse attempted */
} S_part;

typedef struct {
    char *source;
    dc_rel *rels;
    size_t count;
} S_rels;

struct dc_package {
    dc_limits lim;
    /* zip */
    const unsigned char *data;
    size_t len;
    size_t pos;
    unzFile zip;
    /* flat */
    xmlDocPtr flat;
    const char *flat_data;    /* the XML, when bodies were left for a second pass */
    size_t flat_len;
    /* common */
    S_part *parts;
    size_t nparts;
    S_rels *rels;
    size_t nrels;
    xmlNode *ctypes;          /* [Content_Types].xml root, or NULL */
    int ctypes_loaded;
};

/* ------------------------------------------------------------------------
 * Part names
 * ------------------------------------------------------------------------ */

/* Normalises a part name: drops a leading '/', decodes %XX, resolves "." and
 * "..".  Returns NULL when the name leaves the package root or is empty. */
static char *S_normalise(const char *name)
{
    size_t n = strlen(name);
    char *out = dc_xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (c == '%' && i + 2 < n + 0 && isxdigit((unsigned char)name[i + 1]) &&
            isxdigit((unsigned char)name[i + 2])) {
            char hex[3] = {name[i + 1], name[i + 2], 0};
            c = (char)strtol(hex, NULL, 16);
            i += 2;
        } else if (c == '\\') {
            c = '/';
        }
        out[o++] = c;
    }
    out[o] = '\0';
    /* Resolve segments in place. */
    char *segs = dc_xstrdup(out);
    o = 0;
    char *save = NULL;
    for (char *seg = strtok_r(segs, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            if (o == 0) {
                free(segs);
                free(out);
                return NULL;
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;  /* drop the slash too */
            continue;
        }
        if (o > 0)
            out[o++] = '/';
        size_t l = strlen(seg);
        memmove(out + o, seg, l);
        o += l;
    }
    out[o] = '\0';
    free(segs);
    if (o == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static S_part *S_find(dc_package *pkg, const char *name)
{
    for (size_t i = 0; i < pkg->nparts; i++)
        if (strcasecmp(pkg->parts[i].name, name) == 0)
            return &pkg->parts[i];
    return NULL;
}

static S_part *S_add_part(dc_package *pkg, char *name)
{
    if (S_find(pkg, name)) {
        free(name);
        return NULL;   /* duplicate names: the first wins */
    }
    pkg->parts = dc_xrealloc(pkg->parts, (pkg->nparts + 1) * sizeof *pkg->parts);
    S_part *p = &pkg->parts[pkg->nparts++];
    memset(p, 0, sizeof *p);
    p->name = name;
    return p;
}

/* ------------------------------------------------------------------------
 * Zip from memory
 * ------------------------------------------------------------------------ */

static voidpf S_mem_open(voidpf opaque, const void *filename, int mode)
{
    (void)filename;
    dc_package *pkg = opaque;
    if (mode & ZLIB_FILEFUNC_MODE_WRITE)
        return NULL;
    pkg->pos = 0;
    return pkg;
}

static uLong S_mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    dc_package *pkg = stream;
    size_t left = pkg->pos < pkg->len ? pkg->len - pkg->pos : 0;
    size_t n = size < left ? size : left;
    memcpy(buf, pkg->data + pkg->pos, n);
    pkg->pos += n;
    return (uLong)n;
}

static uLong S_mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque; (void)stream; (void)buf; (void)size;
    return 0;
}

static ZPOS64_T S_mem_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((dc_package *)stream)->pos;
}

static long S_mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
    (void)opaque;
    dc_package *pkg = stream;
    uint64_t base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = pkg->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = pkg->len; break;
    default: return -1;
    }
    uint64_t to = base + offset;
    if (to > pkg->len || to < base)
        return -1;
    pkg->pos = (size_t)to;
    return 0;
}

static int S_mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque; (void)stream;
    return 0;
}

static int S_mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque; (void)stream;
    return 0;
}

dc_package *dc_package_open_zip(const unsigned char *data, size_t len, const dc_limits *lim,
                                dc_error *err)
{
    dc_package *pkg = dc_xcalloc(1, sizeof *pkg);
    pkg->lim = *lim;
    pkg->data = data;
    pkg->len = len;
    zlib_filefunc64_def ff = {
        .zopen64_file = S_mem_open, .zread_file = S_mem_read, .zwrite_file = S_mem_write,
        .ztell64_file = S_mem_tell, .zseek64_file = S_mem_seek, .zclose_file = S_mem_close,
        .zerror_file = S_mem_error, .opaque = pkg,
    };
    pkg->zip = unzOpen2_64("memory", &ff);
    if (!pkg->zip) {
        dc_error_set(err, DC_ERR_ZIP,
                     "not a complete zip archive (truncated or damaged): its central "
                     "directory cannot be read");
        goto fail;
    }
    unz_global_info64 gi;
    if (unzGetGlobalInfo64(pkg->zip, &gi) != UNZ_OK) {
        dc_error_set(err, DC_ERR_ZIP, "damaged zip archive");
        goto fail;
    }
    if (gi.number_entry > pkg->lim.max_entries) {
        dc_error_set(err, DC_ERR_LIMIT, "zip has %llu entries, more than the limit of %zu",
                     (unsigned long long)gi.number_entry, pkg->lim.max_entries);
        goto fail;
    }
    int rc = unzGoToFirstFile(pkg->zip);
    size_t seen = 0;
    while (rc == UNZ_OK) {
        if (++seen > pkg->lim.max_entries) {
            dc_error_set(err, DC_ERR_LIMIT, "zip has more entries than the limit of %zu",
                         pkg->lim.max_entries);
            goto fail;
        }
        unz_file_info64 fi;
        char name[1024];
        if (unzGetCurrentFileInfo64(pkg->zip, &fi, name, sizeof name, NULL, 0, NULL, 0) !=
            UNZ_OK) {
            dc_error_set(err, DC_ERR_ZIP, "damaged zip directory entry");
            goto fail;
        }
        size_t nl = strlen(name);
        /* Directories, over-long and escaping names are not parts. */
        if (fi.size_filename < sizeof name && nl > 0 && name[nl - 1] != '/') {
            char *norm = S_normalise(name);
            int escapes = strstr(name, "..") != NULL;
            if (norm && !escapes) {
                S_part *p = S_add_part(pkg, norm);
                if (p) {
                    unzGetFilePos64(pkg->zip, &p->pos);
                    p->csize = fi.compressed_size;
                    p->usize = fi.uncompressed_size;
                }
            } else {
                free(norm);
            }
        }
        rc = unzGoToNextFile(pkg->zip);
    }
    if (rc != UNZ_END_OF_LIST_OF_FILE) {
        dc_error_set(err, DC_ERR_ZIP, "damaged zip directory");
        goto fail;
    }
    return pkg;
fail:
    dc_package_free(pkg);
    return NULL;
}

/* Reads one zip entry within the limits.  Returns malloc'ed bytes. */
/* Part p within the limits on its declared size and ratio: DC_OK, or the
 * status with err set. */
static dc_status S_zip_limits(const dc_package *pkg, const S_part *p, dc_error *err)
{
    const dc_limits *lim = &pkg->lim;
    if (p->usize > lim->max_part)
        return dc_error_set(err, DC_ERR_LIMIT,
                            "part %s would inflate to %llu bytes, more than the limit of %zu MiB",
                            p->name, (unsigned long long)p->usize, lim->max_part >> 20);
    uint64_t ratio_floor = 1u << 20;
    if (p->usize > ratio_floor && p->usize / (p->csize ? p->csize : 1) > lim->max_ratio)
        return dc_error_set(err, DC_ERR_LIMIT,
                            "part %s has a compression ratio of %llu:1, above the limit of %u:1 "
                            "(zip bomb?)", p->name,
                            (unsigned long long)(p->usize / (p->csize ? p->csize : 1)),
                            lim->max_ratio);
    return DC_OK;
}

/* Inflates part p piece by piece into sink (at most its declared size + 1
 * bytes, checked against the limits, its size and its CRC).  Returns DC_OK or
 * the status with err set. */
static dc_status S_zip_stream(dc_package *pkg, S_part *p,
                              void (*sink)(void *ctx, const char *data, size_t len), void *ctx,
                              dc_error *err)
{
    if (S_zip_limits(pkg, p, err) != DC_OK)
        return err->code;
    int oz = unzGoToFilePos64(pkg->zip, &p->pos);
    if (oz == UNZ_OK)
        oz = unzOpenCurrentFile(pkg->zip);
    if (oz == Z_MEM_ERROR)   /* zlib could not allocate: not the entry's fault */
        return dc_error_set(err, DC_ERR_NOMEM, "out of memory while inflating %s", p->name);
    if (oz != UNZ_OK)
        return dc_error_set(err, DC_ERR_ZIP, "cannot open zip entry %s (damaged or encrypted)",
                            p->name);
    /* Never trust the declared size: read at most declared+1 bytes. */
    enum { S_PIECE = 1 << 16 };
    char *buf = dc_xmalloc(S_PIECE);
    uint64_t cap = p->usize + 1, got = 0;
    dc_status st = DC_OK;
    while (got < cap) {
        uint64_t want = cap - got < S_PIECE ? cap - got : S_PIECE;
        int n = unzReadCurrentFile(pkg->zip, buf, (unsigned)want);
        if (n < 0) {
            if (n == Z_MEM_ERROR)
                st = dc_error_set(err, DC_ERR_NOMEM, "out of memory while inflating %s",
                                  p->name);
            else
                st = dc_error_set(err, DC_ERR_ZIP, "zip entry %s is damaged (inflate error %d)",
                                  p->name, n);
            break;
        }
        if (n == 0)
            break;
        got += (uint64_t)n;
        if (got <= p->usize)
            sink(ctx, buf, (size_t)n);
    }
    free(buf);
    if (st == DC_OK && got != p->usize)
        st = dc_error_set(err, DC_ERR_ZIP, "zip entry %s is %s than its directory says",
                          p->name, got > p->usize ? "longer" : "shorter");
    if (unzCloseCurrentFile(pkg->zip) != UNZ_OK && st == DC_OK)
        st = dc_error_set(err, DC_ERR_ZIP, "zip entry %s is damaged (CRC mismatch)", p->name);
    return st;
}

typedef struct {
    char *buf;
    size_t len;
} S_sink_buf;

static void S_to_buf(void *ctx, const char *data, size_t len)
{
    S_sink_buf *b = ctx;
    memcpy(b->buf + b->len, data, len);
    b->len += len;
}

static char *S_zip_read(dc_package *pkg, S_part *p, size_t *len, dc_error *err)
{
    if (S_zip_limits(pkg, p, err) != DC_OK)   /* before allocating its declared size */
        return NULL;
    S_sink_buf b = {dc_xmalloc((size_t)p->usize + 1), 0};
    if (S_zip_stream(pkg, p, S_to_buf, &b, err) != DC_OK) {
        free(b.buf);
        return NULL;
    }
    b.buf[b.len] = '\0';
    *len = b.len;
    return b.buf;
}

static void S_to_checker(void *ctx, const char *data, size_t len)
{
    if (ctx)
        dc_xml_checker_feed(ctx, data, len);
}

dc_status dc_package_check_zip(const unsigned char *data, size_t len, dc_error *err)
{
    /* Our own output: no limits but memory, and nothing kept. */
    dc_limits lim = {SIZE_MAX, SIZE_MAX, UINT_MAX, SIZE_MAX, SIZE_MAX};
    dc_package *pkg = dc_package_open_zip(data, len, &lim, err);
    if (!pkg)
        return err->code;
    dc_status st = DC_OK;
    /* part by part as it inflates: memory does not grow with the parts */
    for (size_t i = 0; i < pkg->nparts && st == DC_OK; i++) {
        S_part *p = &pkg->parts[i];
        size_t nl = strlen(p->name);
        int xml = (nl > 4 && !strcmp(p->name + nl - 4, ".xml")) ||
                  (nl > 5 && !strcmp(p->name + nl - 5, ".rels"));
        dc_xml_checker *c = xml ? dc_xml_checker_new(p->name) : NULL;
        st = S_zip_stream(pkg, p, S_to_checker, c, err);
        if (c) {
            dc_error cerr = {0};
            dc_status cs = dc_xml_checker_end(c, &cerr);
            if (st == DC_OK && cs != DC_OK) {
                *err = cerr;
                st = cs;
            }
        }
    }
    dc_package_free(pkg);
    return st;
}

/* ------------------------------------------------------------------------
 * Flat OPC
 * ------------------------------------------------------------------------ */

/* Marks (in xmlNode._private) a w:document whose body the first pass left. */
static const char S_body_left = 0;

/* Wraps a parsed Flat OPC document; the package takes ownership of xml. */
static dc_package *S_open_flat(xmlDocPtr xml, const dc_limits *lim, dc_error *err)
{
    dc_package *pkg = dc_xcalloc(1, sizeof *pkg);
    pkg->lim = *lim;
    pkg->flat = xml;
    xmlNode *root = xmlDocGetRootElement(xml);
    if (!dc_xml_is(root, DC_XNS_PKG, "package")) {
        dc_error_set(err, DC_ERR_FORMAT, "not a Flat OPC package (root is not pkg:package)");
        dc_package_free(pkg);
        return NULL;
    }
    for (xmlNode *part = dc_xml_first_elem(root); part; part = dc_xml_next_elem(part)) {
        if (!dc_xml_is(part, DC_XNS_PKG, "part"))
            continue;
        const char *name = dc_xml_attr(part, DC_XNS_PKG, "name");
        if (!name)
            name = dc_xml_attr(part, DC_XNS_NONE, "name");
        char *norm = name ? S_normalise(name) : NULL;
        if (!norm)
            continue;
        S_part *p = S_add_part(pkg, norm);
        if (!p)
            continue;
        p->ctype = dc_xml_attr(part, DC_XNS_PKG, "contentType");
        xmlNode *data = dc_xml_child(part, DC_XNS_PKG, "xmlData");
        if (data)
            p->flat_root = dc_xml_first_elem(data);
        p->body_left = p->flat_root && p->flat_root->_private == &S_body_left;
    }
    return pkg;
}

/* The first pass over a Flat OPC document builds every part but the
 * children of w:document's w:body (pkg:package / pkg:part / pkg:xmlData /
 * w:document / w:body / blocks), marking the w:document whose body it left. */
static int S_flat_first(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    (void)ctx;
    (void)in_container;
    if (depth != 6)
        return DC_XML_BUILD;
    xmlNode *body = elem->parent, *document = body ? body->parent : NULL;
    if (!dc_xml_is(body, DC_XNS_W, "body") || !dc_xml_is(document, DC_XNS_W, "document") ||
        !dc_xml_is(document->parent, DC_XNS_PKG, "xmlData"))
        return DC_XML_BUILD;
    document->_private = (void *)&S_body_left;
    return DC_XML_SKIP;
}

static int S_flat_no_block(void *ctx, xmlNode *block)
{
    (void)ctx;
    (void)block;
    return 0;
}

dc_package *dc_package_open_flat_xml(const char *data, size_t len, const dc_limits *lim,
                                     dc_error *err)
{
    dc_xml_stream_hooks hooks = {S_flat_first, S_flat_no_block, NULL};
    dc_xml_stream *s = dc_xml_stream_new("the document", &hooks);
    dc_xml_stream_feed(s, data, len);
    xmlDocPtr xml = dc_xml_stream_end(s, err);
    if (!xml)
        return NULL;
    dc_package *pkg = S_open_flat(xml, lim, err);
    if (pkg) {
        pkg->flat_data = data;
        pkg->flat_len = len;
    }
    return pkg;
}

/* The second pass: the XML again, with the reader's hooks inside the one
 * part asked for (depths counted from its root) and every other part
 * skipped unbuilt. */
typedef struct {
    const dc_xml_stream_hooks *inner;
    const char *part;
    int found;                /* the part's pkg:part has started */
} S_flat_second;

static int S_flat_again(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    S_flat_second *f = ctx;
    if (depth == 1)
        return DC_XML_BUILD;
    if (depth == 2) {
        if (f->found || !dc_xml_is(elem, DC_XNS_PKG, "part"))
            return DC_XML_SKIP;
        const char *name = dc_xml_attr(elem, DC_XNS_PKG, "name");
        if (!name)
            name = dc_xml_attr(elem, DC_XNS_NONE, "name");
        char *norm = name ? S_normalise(name) : NULL;
        f->found = norm && !strcasecmp(norm, f->part);
        free(norm);
        return f->found ? DC_XML_BUILD : DC_XML_SKIP;
    }
    if (depth == 3)
        return dc_xml_is(elem, DC_XNS_PKG, "xmlData") ? DC_XML_BUILD : DC_XML_SKIP;
    return f->inner->container(f->inner->ctx, elem, depth - 3, in_container);
}

static int S_flat_again_block(void *ctx, xmlNode *block)
{
    S_flat_second *f = ctx;
    return f->inner->block(f->inner->ctx, block);
}

static xmlNode *S_flat_stream(dc_package *pkg, S_part *p, const dc_xml_stream_hooks *hooks,
                              dc_error *err)
{
    S_flat_second f = {hooks, p->name, 0};
    dc_xml_stream_hooks again = {S_flat_again, S_flat_again_block, &f};
    dc_xml_stream *s = dc_xml_stream_new("the document", &again);
    dc_xml_stream_feed(s, pkg->flat_data, pkg->flat_len);
    xmlDocPtr xml = dc_xml_stream_end(s, err);
    if (!xml)
        return NULL;
    xmlFreeDoc(xml);   /* what it kept is in the first pass's tree too */
    return p->flat_root;
}

/* ------------------------------------------------------------------------
 * Streaming
 * ------------------------------------------------------------------------ */

static void S_to_stream(void *ctx, const char *data, size_t len)
{
    dc_xml_stream_feed(ctx, data, len);
}

xmlNode *dc_package_xml_stream(dc_package *pkg, const char *part,
                               const dc_xml_stream_hooks *hooks, dc_error *err)
{
    S_part *p = S_find(pkg, part);
    if (!p)
        return NULL;
    xmlNode *root = NULL;
    if (pkg->flat && p->body_left && pkg->flat_data)
        return S_flat_stream(pkg, p, hooks, err);
    if (pkg->flat || p->parsed) {
        root = pkg->flat ? p->flat_root : p->xml ? xmlDocGetRootElement(p->xml) : NULL;
        return root && !dc_xml_walk_blocks(root, hooks) ? root : NULL;
    }
    p->parsed = 1;
    dc_xml_stream *s = dc_xml_stream_new(p->name, hooks);
    dc_error zerr = {0};
    dc_status st = S_zip_stream(pkg, p, S_to_stream, s, &zerr);
    p->xml = dc_xml_stream_end(s, err);
    if (st != DC_OK) {
        /* the entry itself is damaged: that is the news, not the XML it cut short */
        xmlFreeDoc(p->xml);
        p->xml = NULL;
        if (!err->code || err->code == DC_ERR_XML)
            *err = zerr;
    }
    return p->xml ? xmlDocGetRootElement(p->xml) : NULL;
}

/* ------------------------------------------------------------------------
 * Common
 * ------------------------------------------------------------------------ */

void dc_package_free(dc_package *pkg)
{
    if (!pkg)
        return;
    for (size_t i = 0; i < pkg->nparts; i++) {
        free(pkg->parts[i].name);
        xmlFreeDoc(pkg->parts[i].xml);
    }
    free(pkg->parts);
    for (size_t i = 0; i < pkg->nrels; i++) {
        free(pkg->rels[i].source);
        for (size_t k = 0; k < pkg->rels[i].count; k++) {
            free((char *)pkg->rels[i].rels[k].id);
            free((char *)pkg->rels[i].rels[k].type);
            free((char *)pkg->rels[i].rels[k].target);
        }
        free(pkg->rels[i].rels);
    }
    free(pkg->rels);
    if (pkg->zip)
        unzClose(pkg->zip);
    xmlFreeDoc(pkg->flat);
    free(pkg);
}

int dc_package_has(dc_package *pkg, const char *part)
{
    return S_find(pkg, part) != NULL;
}

xmlNode *dc_package_xml(dc_package *pkg, const char *part, dc_error *err)
{
    return dc_package_xml_pruned(pkg, part, NULL, err);
}

xmlNode *dc_package_xml_pruned(dc_package *pkg, const char *part, const char *const *skip,
                               dc_error *err)
{
    S_part *p = S_find(pkg, part);
    if (!p)
        return NULL;
    if (pkg->flat)
        return p->flat_root;
    if (!p->parsed) {
        p->parsed = 1;
        size_t len;
        char *bytes = S_zip_read(pkg, p, &len, err);
        if (!bytes)
            return NULL;
        p->xml = skip ? dc_xml_parse_pruned(bytes, len, p->name, skip, err)
                      : dc_xml_parse(bytes, len, p->name, err);
        free(bytes);
    }
    return p->xml ? xmlDocGetRootElement(p->xml) : NULL;
}

/* The name of the .rels part for a source part. */
static char *S_rels_name(const char *source)
{
    dc_buf b = DC_BUF_INIT;
    const char *slash = strrchr(source, '/');
    if (!*source) {
        dc_buf_puts(&b, "_rels/.rels");
    } else if (slash) {
        dc_buf_put(&b, source, (size_t)(slash - source) + 1);
        dc_buf_puts(&b, "_rels/");
        dc_buf_puts(&b, slash + 1);
        dc_buf_puts(&b, ".rels");
    } else {
        dc_buf_puts(&b, "_rels/");
        dc_buf_puts(&b, source);
        dc_buf_puts(&b, ".rels");
    }
    return dc_buf_detach(&b, NULL);
}

/* Resolves a relationship target against its source part. */
static char *S_resolve(const char *source, const char *target)
{
    if (target[0] == '/')
        return S_normalise(target);
    dc_buf b = DC_BUF_INIT;
    const char *slash = strrchr(source, '/');
    if (slash)
        dc_buf_put(&b, source, (size_t)(slash - source) + 1);
    dc_buf_puts(&b, target);
    char *r = S_normalise(dc_buf_cstr(&b));
    dc_buf_free(&b);
    return r;
}

size_t dc_package_rels(dc_package *pkg, const char *part, const dc_rel **out, dc_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < pkg->nrels; i++)
        if (strcasecmp(pkg->rels[i].source, part) == 0) {
            *out = pkg->rels[i].rels;
            return pkg->rels[i].count;
        }
    pkg->rels = dc_xrealloc(pkg->rels, (pkg->nrels + 1) * sizeof *pkg->rels);
    S_rels *r = &pkg->rels[pkg->nrels++];
    r->source = dc_xstrdup(part);
    r->rels = NULL;
    r->count = 0;
    char *name = S_rels_name(part);
    xmlNode *root = dc_package_xml(pkg, name, err);
    free(name);
    if (!root)
        return 0;
    for (xmlNode *e = dc_xml_first_elem(root); e; e = dc_xml_next_elem(e)) {
        if (strcmp((const char *)e->name, "Relationship") != 0)
            continue;
        const char *id = dc_xml_attr(e, DC_XNS_NONE, "Id");
        const char *type = dc_xml_attr(e, DC_XNS_NONE, "Type");
        const char *target = dc_xml_attr(e, DC_XNS_NONE, "Target");
        const char *mode = dc_xml_attr(e, DC_XNS_NONE, "TargetMode");
        if (!id || !type || !target)
            continue;
        int external = mode && strcasecmp(mode, "External") == 0;
        char *resolved = external ? dc_xstrdup(target) : S_resolve(part, target);
        if (!resolved)
            continue;
        r->rels = dc_xrealloc(r->rels, (r->count + 1) * sizeof *r->rels);
        dc_rel *rel = &r->rels[r->count++];
        rel->id = dc_xstrdup(id);
        rel->type = dc_xstrdup(type);
        rel->target = resolved;
        rel->external = external;
    }
    *out = r->rels;
    return r->count;
}

const char *dc_package_rel_target(dc_package *pkg, const char *part, const char *type_tail,
                                  dc_error *err)
{
    const dc_rel *rels;
    size_t n = dc_package_rels(pkg, part, &rels, err);
    size_t tl = strlen(type_tail);
    for (size_t i = 0; i < n; i++) {
        const char *t = rels[i].type;
        size_t l = strlen(t);
        if (!rels[i].external && l > tl && t[l - tl - 1] == '/' &&
            strcmp(t + l - tl, type_tail) == 0)
            return rels[i].target;
    }
    return NULL;
}

const dc_rel *dc_package_rel_by_id(dc_package *pkg, const char *part, const char *id,
                                   dc_error *err)
{
    const dc_rel *rels;
    size_t n = dc_package_rels(pkg, part, &rels, err);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rels[i].id, id) == 0)
            return &rels[i];
    return NULL;
}

static xmlNode *S_ctypes(dc_package *pkg, dc_error *err)
{
    if (!pkg->ctypes_loaded) {
        pkg->ctypes_loaded = 1;
        pkg->ctypes = dc_package_xml(pkg, "[Content_Types].xml", err);
    }
    return pkg->ctypes;
}

const char *dc_package_content_type(dc_package *pkg, const char *part, dc_error *err)
{
    S_part *p = S_find(pkg, part);
    if (p && p->ctype)
        return p->ctype;
    xmlNode *ct = S_ctypes(pkg, err);
    if (!ct)
        return NULL;
    const char *ext = strrchr(part, '.');
    const char *by_ext = NULL;
    for (xmlNode *e = dc_xml_first_elem(ct); e; e = dc_xml_next_elem(e)) {
        if (strcmp((const char *)e->name, "Override") == 0) {
            const char *name = dc_xml_attr(e, DC_XNS_NONE, "PartName");
            if (name) {
                char *norm = S_normalise(name);
                int hit = norm && strcasecmp(norm, part) == 0;
                free(norm);
                if (hit)
                    return dc_xml_attr(e, DC_XNS_NONE, "ContentType");
            }
        } else if (strcmp((const char *)e->name, "Default") == 0 && ext) {
            const char *e_ext = dc_xml_attr(e, DC_XNS_NONE, "Extension");
            if (e_ext && strcasecmp(e_ext, ext + 1) == 0)
                by_ext = dc_xml_attr(e, DC_XNS_NONE, "ContentType");
        }
    }
    return by_ext;
}

size_t dc_package_part_count(const dc_package *pkg)
{
    return pkg->nparts;
}

const char *dc_package_part_name(const dc_package *pkg, size_t i)
{
    return i < pkg->nparts ? pkg->parts[i].name : NULL;
}

const char *dc_package_find_by_type(dc_package *pkg, const char *ctype, dc_error *err)
{
    for (size_t i = 0; i < pkg->nparts; i++) {
        const char *t = dc_package_content_type(pkg, pkg->parts[i].name, err);
        if (t && strcmp(t, ctype) == 0)
            return pkg->parts[i].name;
    }
    return NULL;
}
