/*
 * xml.c - safe libxml2 parsing and DOM helpers.
 *
 * SPDX-License-Identifier: MIT
 */
#include "xml.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

/* ------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------ */

typedef struct {
    int dtd_seen;
    int have_error;       /* the first error, which names the real problem */
    int oom;              /* libxml2 ran out of memory: not the document's fault */
    int line;
    int code;
    char msg[200];
    /* dc_xml_parse_pruned: WordprocessingML elements whose subtrees are not
     * built, the depth inside one (0: building), libxml2's own builders */
    const char *const *skip;
    int skipping;
    xmlSAXHandler tree;
    struct dc_xml_stream *stream;   /* dc_xml_stream: the streaming state */
} S_guard;

/* Namespace matches are remembered by the href's address (S_ns_match); a
 * tree freed and another built may reuse an address for another href, so
 * what is remembered holds for one epoch, which every parse and every freed
 * block ends. */
static __thread unsigned S_ns_epoch;

/* Structured error hook: keeps the first error (libxml2's lastError is the
 * last one, often a consequence such as "Premature end of data"). */
static void S_first_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    S_guard *g = ctxt ? ctxt->_private : NULL;
    if (g && e && e->code == XML_ERR_NO_MEMORY)
        g->oom = 1;
    if (!g || g->have_error || !e || e->level < XML_ERR_ERROR)
        return;
    g->have_error = 1;
    g->line = e->line;
    g->code = e->code;
    snprintf(g->msg, sizeof g->msg, "%s", e->message ? e->message : "not well-formed");
    size_t n = strlen(g->msg);
    while (n && (g->msg[n - 1] == '\n' || g->msg[n - 1] == ' '))
        g->msg[--n] = '\0';
}

/* SAX hook for <!DOCTYPE ...>: Word-XML never has one, and refusing it here
 * stops external entities and entity expansion bombs before they are read. */
static void S_refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                         const xmlChar *sys_id)
{
    (void)name;
    (void)ext_id;
    (void)sys_id;
    xmlParserCtxtPtr ctxt = ctx;
    S_guard *g = ctxt->_private;
    if (g)
        g->dtd_seen = 1;
    xmlStopParser(ctxt);
}

static void S_refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                            const xmlChar *sys, xmlChar *content)
{
    (void)name; (void)type; (void)pub; (void)sys; (void)content;
    S_refuse_dtd(ctx, NULL, NULL, NULL);
}

/* libxml2 prints some errors (those of a failed allocation) through its
 * generic handler whatever the parser's options: they are ours to say. */
static void S_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* ---- pruning: subtrees the caller never reads are not built ---------------------- */

static S_guard *S_g(void *ctx)
{
    return ((xmlParserCtxtPtr)ctx)->_private;
}

static void S_prune_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    S_guard *g = S_g(ctx);
    if (g->skipping) {
        g->skipping++;
        return;
    }
    if (uri && (!strcmp((const char *)uri, DC_NS_W) || !strcmp((const char *)uri, DC_NS_W_STRICT)))
        for (const char *const *k = g->skip; *k; k++)
            if (!strcmp((const char *)localname, *k)) {
                g->skipping = 1;
                return;
            }
    g->tree.startElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
                           nb_attributes, nb_defaulted, attributes);
}

static void S_prune_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri)
{
    S_guard *g = S_g(ctx);
    if (g->skipping)
        g->skipping--;
    else
        g->tree.endElementNs(ctx, localname, prefix, uri);
}

static void S_prune_chars(void *ctx, const xmlChar *ch, int len)
{
    S_guard *g = S_g(ctx);
    if (!g->skipping)
        g->tree.characters(ctx, ch, len);
}

static void S_prune_ws(void *ctx, const xmlChar *ch, int len)
{
    S_guard *g = S_g(ctx);
    if (!g->skipping)
        g->tree.ignorableWhitespace(ctx, ch, len);
}

static void S_prune_cdata(void *ctx, const xmlChar *ch, int len)
{
    S_guard *g = S_g(ctx);
    if (!g->skipping)
        g->tree.cdataBlock(ctx, ch, len);
}

static void S_prune_comment(void *ctx, const xmlChar *value)
{
    S_guard *g = S_g(ctx);
    if (!g->skipping)
        g->tree.comment(ctx, value);
}

static void S_prune_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    S_guard *g = S_g(ctx);
    if (!g->skipping)
        g->tree.processingInstruction(ctx, target, data);
}

static void S_prune_ref(void *ctx, const xmlChar *name)
{
    S_guard *g = S_g(ctx);
    if (!g->skipping)
        g->tree.reference(ctx, name);
}

/* Interposes the pruning callbacks before libxml2's tree builders. */
static void S_prune_setup(xmlParserCtxtPtr ctxt, S_guard *g)
{
    xmlSAXHandler *h = ctxt->sax;
    g->tree = *h;
    if (!h->startElementNs || !h->endElementNs || !h->characters || !h->ignorableWhitespace ||
        !h->cdataBlock || !h->comment || !h->processingInstruction || !h->reference) {
        g->skip = NULL;   /* not the SAX2 tree builder: build everything */
        return;
    }
    h->startElementNs = S_prune_start;
    h->endElementNs = S_prune_end;
    h->characters = S_prune_chars;
    h->ignorableWhitespace = S_prune_ws;
    h->cdataBlock = S_prune_cdata;
    h->comment = S_prune_comment;
    h->processingInstruction = S_prune_pi;
    h->reference = S_prune_ref;
}

#define S_OPTS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES | \
                XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Our hooks on a new parser; with tree 0 nothing is built (only the checks). */
static void S_setup(xmlParserCtxtPtr ctxt, S_guard *guard, int tree)
{
    xmlSetGenericErrorFunc(NULL, S_silent);
    ctxt->_private = guard;
    ctxt->sax->internalSubset = S_refuse_dtd;
    ctxt->sax->externalSubset = S_refuse_dtd;
    ctxt->sax->entityDecl = S_refuse_entity;
    ctxt->sax->serror = S_first_error;
    if (!tree) {
        xmlSAXHandler *h = ctxt->sax;
        h->startDocument = NULL;
        h->endDocument = NULL;
        h->startElementNs = NULL;
        h->endElementNs = NULL;
        h->startElement = NULL;
        h->endElement = NULL;
        h->characters = NULL;
        h->ignorableWhitespace = NULL;
        h->cdataBlock = NULL;
        h->comment = NULL;
        h->processingInstruction = NULL;
        h->reference = NULL;
    }
}

/* The verdict on a finished parse: 1, or 0 with err set (the first error). */
static int S_verdict(xmlParserCtxtPtr ctxt, S_guard *guard, const char *what, int failed,
                     dc_error *err)
{
    if (guard->dtd_seen) {
        dc_error_set(err, DC_ERR_LIMIT,
                     "%s has a document type declaration (DTD), which Word-XML never has; "
                     "refused for safety", what);
        return 0;
    }
    if (guard->oom || ctxt->errNo == XML_ERR_NO_MEMORY) {
        /* a memory limit (batch --memory, ulimit -v), not a malformed part */
        dc_error_set(err, DC_ERR_NOMEM, "out of memory while parsing %s", what);
        return 0;
    }
    if (!failed && ctxt->wellFormed)
        return 1;
    if (failed && !guard->have_error && !ctxt->errNo && !ctxt->lastError.code) {
        /* libxml2 names an error for every malformed input; failing without
         * one, it could not allocate its first buffers */
        dc_error_set(err, DC_ERR_NOMEM, "cannot parse %s: libxml2 failed without naming an "
                     "error (out of memory?)", what);
        return 0;
    }
    if (!guard->have_error) {
        const xmlError *e = &ctxt->lastError;
        S_first_error(ctxt, (xmlErrorPtr)e);
    }
    const char *msg = guard->msg[0] ? guard->msg : "not well-formed";
    if (guard->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "depth"))
        dc_error_set(err, DC_ERR_LIMIT,
                     "XML in %s is nested too deeply (more than 256 levels, line %d)", what,
                     guard->line);
    else if (guard->line > 0)
        dc_error_set(err, DC_ERR_XML, "malformed XML in %s at line %d: %s", what, guard->line,
                     msg);
    else
        dc_error_set(err, DC_ERR_XML, "malformed XML in %s: %s", what, msg);
    return 0;
}

/* dc_xml_parse, or with tree 0 only its checks: no tree is built, *ok says
 * whether the XML passed. */
static xmlDocPtr S_parse(const char *data, size_t len, const char *what, int tree,
                         const char *const *skip, int *ok, dc_error *err)
{
    *ok = 0;
    if (len > INT_MAX) {
        dc_error_set(err, DC_ERR_LIMIT, "%s is too large to parse (%zu bytes)", what, len);
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        dc_error_set(err, DC_ERR_NOMEM, "out of memory: cannot create an XML parser");
        return NULL;
    }
    S_ns_epoch++;
    S_guard guard = {0};
    S_setup(ctxt, &guard, tree);
    if (tree && skip) {
        guard.skip = skip;
        S_prune_setup(ctxt, &guard);
    }
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, S_OPTS);
    if (!S_verdict(ctxt, &guard, what, tree && !doc, err)) {
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (tree && !xmlDocGetRootElement(doc)) {
        dc_error_set(err, DC_ERR_XML, "malformed XML in %s: no root element", what);
        xmlFreeDoc(doc);
        doc = NULL;
    } else {
        *ok = 1;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

struct dc_xml_checker {
    xmlParserCtxtPtr ctxt;
    S_guard guard;
    char *what;
};

dc_xml_checker *dc_xml_checker_new(const char *what)
{
    dc_xml_checker *c = dc_xcalloc(1, sizeof *c);
    c->what = dc_xstrdup(what);
    c->ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
    if (c->ctxt) {
        S_setup(c->ctxt, &c->guard, 0);
        xmlCtxtUseOptions(c->ctxt, S_OPTS);
    }
    return c;
}

/* While the parse can still succeed: no DTD, well-formed so far, memory
 * enough, and no hook has stopped it. */
static int S_going(xmlParserCtxtPtr ctxt, const S_guard *g);

/* Feeds a push parser in pieces libxml2's int lengths can hold. */
static void S_feed(xmlParserCtxtPtr ctxt, const S_guard *g, const char *data, size_t len)
{
    while (len && S_going(ctxt, g)) {
        int n = len > (1u << 20) ? 1 << 20 : (int)len;
        xmlParseChunk(ctxt, data, n, 0);
        data += n;
        len -= (size_t)n;
    }
}

void dc_xml_checker_feed(dc_xml_checker *c, const char *data, size_t len)
{
    S_feed(c->ctxt, &c->guard, data, len);
}

dc_status dc_xml_checker_end(dc_xml_checker *c, dc_error *err)
{
    dc_status st = DC_OK;
    if (!c->ctxt) {
        st = dc_error_set(err, DC_ERR_NOMEM, "out of memory: cannot create an XML parser");
    } else {
        if (S_going(c->ctxt, &c->guard))
            xmlParseChunk(c->ctxt, NULL, 0, 1);
        if (!S_verdict(c->ctxt, &c->guard, c->what, 0, err))
            st = err->code ? err->code : DC_ERR_XML;
        xmlFreeDoc(c->ctxt->myDoc);
        xmlFreeParserCtxt(c->ctxt);
    }
    free(c->what);
    free(c);
    return st;
}

/* ---- streaming: one block's tree at a time ------------------------------------------ */

struct dc_xml_stream {
    xmlParserCtxtPtr ctxt;
    S_guard guard;
    char *what;
    dc_xml_stream_hooks hooks;
    int depth;        /* of the element open now (the root is 1) */
    int outer, inner; /* depths of the outermost and innermost open container; 0: none */
    int skip;         /* depth of the element whose subtree is skipped; 0: none */
    int stopped;      /* a hook stopped the parse */
};

static dc_xml_stream *S_stream(void *ctx)
{
    return S_g(ctx)->stream;
}

static void S_stream_stop(dc_xml_stream *s)
{
    s->stopped = 1;
    xmlStopParser(s->ctxt);
}

/* Frees a finished element of the tree being built.  libxml2's tree builder
 * appends text to the last child in place when that is a text node, using
 * lengths it remembers from the text it added last (ctxt->nodelen): with the
 * element gone, a text node before it may be the last child again, so those
 * lengths are forgotten and the next text is joined the careful way. */
static void S_stream_free(dc_xml_stream *s, xmlNode *node)
{
    xmlUnlinkNode(node);
    xmlFreeNode(node);
    s->ctxt->nodelen = 0;
    s->ctxt->nodemem = 0;
    S_ns_epoch++;   /* its namespace declarations are gone */
}

static void S_stream_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                           const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                           int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    dc_xml_stream *s = S_stream(ctx);
    if (s->stopped)
        return;
    s->depth++;
    if (s->skip)
        return;   /* inside a skipped subtree: nothing is built */
    s->guard.tree.startElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
                                 nb_attributes, nb_defaulted, attributes);
    int in_container = s->inner && s->inner == s->depth - 1;
    if (s->inner && !in_container)
        return;   /* inside a block: built as usual */
    const xmlNode *elem = s->ctxt->node;
    if (s->ctxt->disableSAX || !elem || elem->type != XML_ELEMENT_NODE)
        return;   /* not built (out of memory, which stops the parse): the verdict says so */
    int c = s->hooks.container(s->hooks.ctx, elem, s->depth, in_container);
    if (c == DC_XML_STOP) {
        S_stream_stop(s);
    } else if (c == DC_XML_SKIP) {
        s->skip = s->depth;
    } else if (c == DC_XML_CONTAINER) {
        if (!s->outer)
            s->outer = s->depth;
        s->inner = s->depth;
    }
}

static void S_stream_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                         const xmlChar *uri)
{
    dc_xml_stream *s = S_stream(ctx);
    if (s->stopped)
        return;
    if (s->skip && s->depth > s->skip) {
        s->depth--;
        return;
    }
    xmlNode *node = s->ctxt->node;
    s->guard.tree.endElementNs(ctx, localname, prefix, uri);
    if (s->skip) {   /* the skipped element itself: built bare, now gone */
        s->skip = 0;
        if (node && node->type == XML_ELEMENT_NODE)
            S_stream_free(s, node);
    } else if (s->inner && s->depth == s->inner + 1 && node && node->type == XML_ELEMENT_NODE) {
        if (s->hooks.block(s->hooks.ctx, node))
            S_stream_stop(s);
        S_stream_free(s, node);
    } else if (s->inner && s->depth == s->inner) {
        s->inner = s->inner > s->outer ? s->inner - 1 : 0;
        if (!s->inner)
            s->outer = 0;
    }
    s->depth--;
}

/* Text, comments and the like directly inside a container are no block's. */
static int S_stream_drop(void *ctx)
{
    dc_xml_stream *s = S_stream(ctx);
    return s->stopped || s->skip || (s->inner && s->depth == s->inner);
}

static void S_stream_chars(void *ctx, const xmlChar *ch, int len)
{
    if (!S_stream_drop(ctx))
        S_g(ctx)->tree.characters(ctx, ch, len);
}

static void S_stream_ws(void *ctx, const xmlChar *ch, int len)
{
    if (!S_stream_drop(ctx))
        S_g(ctx)->tree.ignorableWhitespace(ctx, ch, len);
}

static void S_stream_cdata(void *ctx, const xmlChar *ch, int len)
{
    if (!S_stream_drop(ctx))
        S_g(ctx)->tree.cdataBlock(ctx, ch, len);
}

static void S_stream_comment(void *ctx, const xmlChar *value)
{
    if (!S_stream_drop(ctx))
        S_g(ctx)->tree.comment(ctx, value);
}

static void S_stream_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    if (!S_stream_drop(ctx))
        S_g(ctx)->tree.processingInstruction(ctx, target, data);
}

static void S_stream_ref(void *ctx, const xmlChar *name)
{
    if (!S_stream_drop(ctx))
        S_g(ctx)->tree.reference(ctx, name);
}

dc_xml_stream *dc_xml_stream_new(const char *what, const dc_xml_stream_hooks *hooks)
{
    dc_xml_stream *s = dc_xcalloc(1, sizeof *s);
    s->what = dc_xstrdup(what);
    s->hooks = *hooks;
    S_ns_epoch++;
    s->ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
    if (!s->ctxt)
        return s;
    S_setup(s->ctxt, &s->guard, 1);
    xmlCtxtUseOptions(s->ctxt, S_OPTS);
    s->guard.stream = s;
    xmlSAXHandler *h = s->ctxt->sax;
    s->guard.tree = *h;
    /* (XML_PARSE_NOCDATA has taken cdataBlock away: CDATA comes as characters) */
    if (!h->startElementNs || !h->endElementNs || !h->characters || !h->ignorableWhitespace ||
        !h->comment || !h->processingInstruction || !h->reference) {
        xmlFreeParserCtxt(s->ctxt);   /* not libxml2's SAX2 tree builder */
        s->ctxt = NULL;
        return s;
    }
    h->startElementNs = S_stream_start;
    h->endElementNs = S_stream_end;
    h->characters = S_stream_chars;
    h->ignorableWhitespace = S_stream_ws;
    if (h->cdataBlock)
        h->cdataBlock = S_stream_cdata;
    h->comment = S_stream_comment;
    h->processingInstruction = S_stream_pi;
    h->reference = S_stream_ref;
    return s;
}

static int S_going(xmlParserCtxtPtr ctxt, const S_guard *g)
{
    return ctxt && !g->dtd_seen && ctxt->wellFormed && !g->oom &&
           !(g->stream && g->stream->stopped);
}

void dc_xml_stream_feed(dc_xml_stream *s, const char *data, size_t len)
{
    S_feed(s->ctxt, &s->guard, data, len);
}

xmlDocPtr dc_xml_stream_end(dc_xml_stream *s, dc_error *err)
{
    xmlDocPtr doc = NULL;
    if (!s->ctxt) {
        dc_error_set(err, DC_ERR_NOMEM, "out of memory: cannot create an XML parser");
    } else {
        if (S_going(s->ctxt, &s->guard))
            xmlParseChunk(s->ctxt, NULL, 0, 1);
        doc = s->ctxt->myDoc;
        s->ctxt->myDoc = NULL;
        if (s->stopped || !S_verdict(s->ctxt, &s->guard, s->what, 0, err)) {
            xmlFreeDoc(doc);
            doc = NULL;
        } else if (!xmlDocGetRootElement(doc)) {
            dc_error_set(err, DC_ERR_XML, "malformed XML in %s: no root element", s->what);
            xmlFreeDoc(doc);
            doc = NULL;
        }
        xmlFreeParserCtxt(s->ctxt);
    }
    S_ns_epoch++;
    free(s->what);
    free(s);
    return doc;
}

/* Element elem at depth, its container verdict c already given. */
static int S_walk_in(const xmlNode *elem, int depth, int c, const dc_xml_stream_hooks *hooks)
{
    for (xmlNode *k = dc_xml_first_elem(elem); k; k = dc_xml_next_elem(k)) {
        int kc = hooks->container(hooks->ctx, k, depth + 1, c == DC_XML_CONTAINER);
        if (kc == DC_XML_STOP)
            return 1;
        if (kc == DC_XML_SKIP)
            continue;
        if (c == DC_XML_CONTAINER && kc != DC_XML_CONTAINER) {
            if (hooks->block(hooks->ctx, k))
                return 1;
        } else if (S_walk_in(k, depth + 1, kc, hooks)) {
            return 1;
        }
    }
    return 0;
}

int dc_xml_walk_blocks(const xmlNode *root, const dc_xml_stream_hooks *hooks)
{
    if (!root)
        return 0;
    int c = hooks->container(hooks->ctx, root, 1, 0);
    return c == DC_XML_STOP || (c != DC_XML_SKIP && S_walk_in(root, 1, c, hooks));
}

xmlDocPtr dc_xml_parse(const char *data, size_t len, const char *what, dc_error *err)
{
    int ok;
    return S_parse(data, len, what, 1, NULL, &ok, err);
}

xmlDocPtr dc_xml_parse_pruned(const char *data, size_t len, const char *what,
                              const char *const *skip, dc_error *err)
{
    int ok;
    return S_parse(data, len, what, 1, skip, &ok, err);
}

dc_status dc_xml_check(const char *data, size_t len, const char *what, dc_error *err)
{
    int ok;
    xmlFreeDoc(S_parse(data, len, what, 0, NULL, &ok, err));   /* NULL: no tree was built */
    return ok ? DC_OK : err->code ? err->code : DC_ERR_XML;
}

/* ------------------------------------------------------------------------
 * DOM helpers
 * ------------------------------------------------------------------------ */

static int S_href_is(const xmlChar *href, dc_xns ns)
{
    const char *h = (const char *)href;
    switch (ns) {
    case DC_XNS_ANY:
        return 1;
    case DC_XNS_NONE:
        return h == NULL;
    case DC_XNS_W:
        return h && (strcmp(h, DC_NS_W) == 0 || strcmp(h, DC_NS_W_STRICT) == 0);
    case DC_XNS_R:
        return h && (strcmp(h, DC_NS_R) == 0 || strcmp(h, DC_NS_R_STRICT) == 0);
    case DC_XNS_MC:
        return h && strcmp(h, DC_NS_MC) == 0;
    case DC_XNS_W2003:
        return h && strcmp(h, DC_NS_W2003) == 0;
    case DC_XNS_WX2003:
        return h && strcmp(h, DC_NS_WX2003) == 0;
    case DC_XNS_AML:
        return h && strcmp(h, DC_NS_AML) == 0;
    case DC_XNS_PKG:
        return h && strcmp(h, DC_NS_PKG) == 0;
    case DC_XNS_RELS:
        return h && (strcmp(h, DC_NS_RELS) == 0 ||
                     strcmp(h, "http://purl.oclc.org/ooxml/package/relationships") == 0);
    }
    return 0;
}

/* Namespace hrefs repeat the same few pointers within one document; remember
 * the last answer for each class to skip most string compares. */
static int S_ns_match(const xmlNs *ns, dc_xns cls)
{
    static __thread const xmlChar *hit[DC_XNS_NONE + 1];
    static __thread unsigned hit_epoch[DC_XNS_NONE + 1];
    const xmlChar *href = ns ? ns->href : NULL;
    if (cls == DC_XNS_ANY)
        return 1;
    if (href && hit[cls] == href && hit_epoch[cls] == S_ns_epoch)
        return 1;
    if (S_href_is(href, cls)) {
        if (href) {
            hit[cls] = href;
            hit_epoch[cls] = S_ns_epoch;
        }
        return 1;
    }
    return 0;
}

int dc_xml_ns_is(const xmlNode *node, dc_xns ns)
{
    return node && S_ns_match(node->ns, ns);
}

int dc_xml_is(const xmlNode *node, dc_xns ns, const char *local)
{
    return node && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, local) == 0 && S_ns_match(node->ns, ns);
}

xmlNode *dc_xml_first_elem(const xmlNode *node)
{
    for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNode *dc_xml_next_elem(const xmlNode *node)
{
    for (xmlNode *c = node ? node->next : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNode *dc_xml_child(const xmlNode *node, dc_xns ns, const char *local)
{
    for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (dc_xml_is(c, ns, local))
            return c;
    return NULL;
}

const char *dc_xml_attr(const xmlNode *node, dc_xns ns, const char *local)
{
    if (!node || node->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, local) != 0 || !S_ns_match(a->ns, ns))
            continue;
        const xmlNode *t = a->children;
        if (!t)
            return "";
        if (t->type == XML_TEXT_NODE && !t->next)
            return t->content ? (const char *)t->content : "";
        return "";  /* entity references are never substituted */
    }
    return NULL;
}

const char *dc_xml_child_val(const xmlNode *node, dc_xns ns, const char *local)
{
    const xmlNode *c = dc_xml_child(node, ns, local);
    return c ? dc_xml_attr(c, ns == DC_XNS_ANY ? DC_XNS_ANY : ns, "val") : NULL;
}

int dc_xml_int(const char *s, int dflt)
{
    if (!s || !*s)
        return dflt;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v))
        return dflt;
    /* Units like "12pt" or "50%" are accepted by reading the leading number. */
    if (v > INT_MAX / 2)
        return INT_MAX / 2;
    if (v < INT_MIN / 2)
        return INT_MIN / 2;
    return (int)lround(v);
}

int dc_xml_onoff(const char *s, int dflt)
{
    if (!s)
        return dflt;
    if (!strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "off") || !strcmp(s, "none"))
        return 0;
    return 1;
}

void dc_xml_text(const xmlNode *node, dc_buf *out)
{
    if (!node)
        return;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content)
            dc_buf_puts(out, (const char *)node->content);
        return;
    }
    /* Iterative walk: text can sit deep in a hostile file. */
    const xmlNode *n = node->children;
    while (n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            dc_buf_puts(out, (const char *)n->content);
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != node && !n->next)
            n = n->parent;
        if (n == node)
            break;
        n = n->next;
    }
}
