/*
 * bench.c - in-process timings of the pipeline stages on one input, without
 * process start-up: `bench STAGE FILE [RUNS]` prints the median, minimum and
 * maximum milliseconds of RUNS repetitions (default 21).
 *
 * Stages: read (file -> document model), text, json (model -> text/JSON),
 * recognize (model -> disclosure and findings: dc_recognize + dc_validate),
 * xlsx (document model and disclosure -> workbook file, recognition untimed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "converters/write/json_writer.h"
#include "converters/read/reader.h"
#include "converters/write/text_writer.h"
#include "converters/write/xlsx_writer.h"
#include "model/recognize.h"
#include "model/validate.h"

static double S_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int S_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench read|text|json|recognize|xlsx FILE [RUNS]\n");
        return 2;
    }
    const char *stage = argv[1], *path = argv[2];
    int runs = argc > 3 ? atoi(argv[3]) : 21;
    if (runs < 1)
        runs = 1;
    xmlInitParser();
    double *t = calloc((size_t)runs, sizeof *t);
    dc_error err = {0};
    for (int i = 0; i < runs; i++) {
        double t0 = S_now_ms();
        dc_doc *doc = dc_read_file(path, NULL, &err);
        if (!doc) {
            fprintf(stderr, "%s: %s\n", path, err.msg);
            return 3;
        }
        double t1 = S_now_ms();
        if (!strcmp(stage, "read")) {
            t[i] = t1 - t0;
        } else if (!strcmp(stage, "xlsx")) {
            dc_disclosure *d = dc_recognize(doc);
            dc_validate(d);
            char out[] = "/tmp/dc-bench-XXXXXX";
            int fd = mkstemp(out);
            if (fd < 0)
                return 4;
            close(fd);
            dc_xlsx_options opt = {1609459200, 1};
            double t2 = S_now_ms();
            if (dc_xlsx_write(doc, d, out, &opt, &err) != DC_OK) {
                fprintf(stderr, "%s: %s\n", path, err.msg);
                return 4;
            }
            t[i] = S_now_ms() - t2;
            unlink(out);
            dc_disclosure_free(d);
        } else {
            dc_buf b = DC_BUF_INIT;
            if (!strcmp(stage, "text")) {
                dc_text_write(doc, &b);
            } else if (!strcmp(stage, "recognize")) {
                dc_disclosure *d = dc_recognize(doc);
                dc_validate(d);
                dc_disclosure_free(d);
            } else {
                dc_json_write_doc(doc, &b);
            }
            t[i] = S_now_ms() - t1;
            dc_buf_free(&b);
        }
        dc_doc_free(doc);
    }
    qsort(t, (size_t)runs, sizeof *t, S_cmp);
    printf("%s %s: median %.3f ms (min %.3f, max %.3f, %d runs)\n", stage, path, t[runs / 2],
           t[0], t[runs - 1], runs);
    free(t);
    xmlCleanupParser();
    return 0;
}
