/*
 * test_ooxml_reader.c - focused tests of the .docx reader, one per feature.
 */
#include "helpers.h"

static void test_plain_paragraphs(void **state)
{
    (void)state;
    dc_doc *doc = th_docx("<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
                          "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>第二段</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
                          "<w:t>粗体</w:t></w:r></w:p>",
                          NULL, NULL, NULL);
    char *text = th_text(doc);
    assert_string_equal(text, "一、总体情况\n第二段粗体\n");
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 3);
    assert_non_null(p);
    assert_int_equal(p->first_child->type, DC_NODE_RUN);
    assert_false(p->first_child->as.run.bold);
    assert_true(p->last_child->as.run.bold);
    dc_error err = {0};
    assert_int_equal(dc_doc_check(doc, &err), 0);
    free(text);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_paragraphs),
    };
    return cmocka_run_group_tests_name("ooxml_reader", tests, NULL, NULL);
}
