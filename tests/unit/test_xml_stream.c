/*
 * test_xml_stream.c - dc_xml_stream, the block-by-block parse the readers
 * use for a document's body: containers hand their children over one at a
 * time, skipped subtrees are not built, text around freed elements stays
 * whole, the parse can be fed in any pieces and gives what a walk over the
 * whole tree gives, and the safety rules of dc_xml_parse hold.
 */
#include "helpers.h"

#include "converters/read/xml.h"

typedef struct {
    const char *container;      /* local name of the container elements */
    const char *skip;           /* local name of elements to skip, or NULL */
    const char *stop_at;        /* stop at the block whose text is this, or NULL */
    dc_buf seen;                /* "name:text;" for each block */
    int containers;
} S_probe;

static int S_container(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    S_probe *p = ctx;
    (void)depth;
    (void)in_container;
    const char *n = (const char *)elem->name;
    if (p->skip && !strcmp(n, p->skip))
        return DC_XML_SKIP;
    if (!strcmp(n, p->container)) {
        p->containers++;
        return DC_XML_CONTAINER;
    }
    return DC_XML_BUILD;
}

static int S_block(void *ctx, xmlNode *block)
{
    S_probe *p = ctx;
    dc_buf text = DC_BUF_INIT;
    dc_xml_text(block, &text);
    dc_buf_printf(&p->seen, "%s:%s;", (const char *)block->name, dc_buf_cstr(&text));
    int stop = p->stop_at && !strcmp(dc_buf_cstr(&text), p->stop_at);
    dc_buf_free(&text);
    return stop;
}

/* Streams xml in pieces of `piece` bytes; returns the kept tree's text. */
static char *S_stream(const char *xml, size_t piece, S_probe *p, dc_error *err)
{
    dc_xml_stream_hooks hooks = {S_container, S_block, p};
    dc_xml_stream *s = dc_xml_stream_new("test.xml", &hooks);
    size_t len = strlen(xml);
    for (size_t at = 0; at < len; at += piece)
        dc_xml_stream_feed(s, xml + at, len - at < piece ? len - at : piece);
    xmlDocPtr kept = dc_xml_stream_end(s, err);
    if (!kept)
        return NULL;
    dc_buf text = DC_BUF_INIT;
    dc_xml_text(xmlDocGetRootElement(kept), &text);
    xmlFreeDoc(kept);
    return dc_buf_detach(&text, NULL);
}

static const char S_doc[] =
    "<?xml version=\"1.0\"?>\n"
    "<r>head <a>A</a> mid <body> lost <p>one</p> lost <sect> <p>two</p> <t><p>in</p></t> "
    "</sect> <p>three</p> </body> tail</r>";

static void test_containers_hand_over_blocks(void **state)
{
    (void)state;
    size_t pieces[] = {1, 3, 7, 4096};
    for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
        S_probe p = {"body", NULL, NULL, DC_BUF_INIT, 0};
        dc_error err = {0};
        /* sect is not a container here: a block with its subtree */
        char *kept = S_stream(S_doc, pieces[i], &p, &err);
        assert_non_null(kept);
        assert_string_equal(dc_buf_cstr(&p.seen), "p:one;sect: two in ;p:three;");
        /* the blocks are gone from the kept tree, the text around them is whole */
        assert_string_equal(kept, "head A mid  tail");
        free(kept);
        dc_buf_free(&p.seen);
    }
}

/* Containers inside containers (Word 2003's wx:sect in w:body): a child of
 * a container may be one itself; a tree walked with the same hooks gives the
 * same blocks in the same order. */
static int S_two_containers(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    S_probe *p = ctx;
    const char *n = (const char *)elem->name;
    if ((depth == 2 && !strcmp(n, "body")) || (in_container && !strcmp(n, "sect"))) {
        p->containers++;
        return DC_XML_CONTAINER;
    }
    return DC_XML_BUILD;
}

static void test_walk_gives_what_the_stream_gives(void **state)
{
    (void)state;
    dc_error err = {0};
    S_probe streamed = {"", NULL, NULL, DC_BUF_INIT, 0}, walked = streamed;
    walked.seen = (dc_buf)DC_BUF_INIT;
    dc_xml_stream_hooks hooks = {S_two_containers, S_block, &streamed};
    dc_xml_stream *s = dc_xml_stream_new("test.xml", &hooks);
    dc_xml_stream_feed(s, S_doc, strlen(S_doc));
    xmlDocPtr kept = dc_xml_stream_end(s, &err);
    assert_non_null(kept);
    xmlFreeDoc(kept);
    assert_string_equal(dc_buf_cstr(&streamed.seen), "p:one;p:two;t:in;p:three;");
    assert_int_equal(streamed.containers, 2);

    xmlDocPtr tree = dc_xml_parse(S_doc, strlen(S_doc), "test.xml", &err);
    assert_non_null(tree);
    dc_xml_stream_hooks whole = {S_two_containers, S_block, &walked};
    assert_int_equal(dc_xml_walk_blocks(xmlDocGetRootElement(tree), &whole), 0);
    assert_string_equal(dc_buf_cstr(&walked.seen), dc_buf_cstr(&streamed.seen));
    xmlFreeDoc(tree);
    dc_buf_free(&streamed.seen);
    dc_buf_free(&walked.seen);
}

/* A skipped element is parsed (and must be well-formed) but not built; the
 * text on either side of it joins into one text node safely (libxml2's
 * tree builder once wrote past a text node here). */
static void test_skip(void **state)
{
    (void)state;
    S_probe p = {"body", "a", NULL, DC_BUF_INIT, 0};
    dc_error err = {0};
    char *kept = S_stream(S_doc, 5, &p, &err);
    assert_non_null(kept);
    assert_string_equal(kept, "head  mid  tail");
    free(kept);
    dc_buf_free(&p.seen);

    const char *bad = "<r>x<a><b></a></r>";
    S_probe q = {"body", "a", NULL, DC_BUF_INIT, 0};
    assert_null(S_stream(bad, 4096, &q, &err));
    assert_int_equal(err.code, DC_ERR_XML);
    dc_buf_free(&q.seen);
}

static void test_stop_and_errors(void **state)
{
    (void)state;
    /* a block hook that stops: NULL, and the error is the hook's to set */
    S_probe p = {"body", NULL, "one", DC_BUF_INIT, 0};
    dc_error err = {0};
    assert_null(S_stream(S_doc, 4096, &p, &err));
    assert_int_equal(err.code, DC_OK);
    assert_string_equal(dc_buf_cstr(&p.seen), "p:one;");
    dc_buf_free(&p.seen);

    /* malformed XML inside a block: named with its line */
    S_probe q = {"body", NULL, NULL, DC_BUF_INIT, 0};
    assert_null(S_stream("<r>\n<body>\n<p>one</p>\n<p>two</q></body></r>", 3, &q, &err));
    assert_int_equal(err.code, DC_ERR_XML);
    assert_non_null(strstr(err.msg, "test.xml"));
    assert_non_null(strstr(err.msg, "line 4"));
    dc_buf_free(&q.seen);

    /* a DTD is refused before any entity is expanded */
    S_probe d = {"body", NULL, NULL, DC_BUF_INIT, 0};
    dc_error_clear(&err);
    assert_null(S_stream("<!DOCTYPE r [<!ENTITY e \"eeee\">]><r><body><p>&e;</p></body></r>",
                         4096, &d, &err));
    assert_int_equal(err.code, DC_ERR_LIMIT);
    assert_string_equal(dc_buf_cstr(&d.seen), "");
    dc_buf_free(&d.seen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_containers_hand_over_blocks),
        cmocka_unit_test(test_walk_gives_what_the_stream_gives),
        cmocka_unit_test(test_skip),
        cmocka_unit_test(test_stop_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
