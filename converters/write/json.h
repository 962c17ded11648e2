/*
 * json.h - a small streaming JSON emitter shared by the JSON writers.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_JSON_H
#define DC_JSON_H

#include "model/util.h"

typedef struct {
    dc_buf *out;
    int pretty;
    int depth;
    unsigned char *first;   /* per depth: nothing written yet at this level */
    int cap;
} dc_json;

/** Starts writing into out; pretty = indent with one space per level. */
void dc_json_init(dc_json *j, dc_buf *out, int pretty);
/** Frees the emitter's own memory (not out). */
void dc_json_done(dc_json *j);

/* Each value call takes the member name `key` inside an object, NULL inside
 * an array or at the top. */
void dc_json_begin_object(dc_json *j, const char *key);
void dc_json_end_object(dc_json *j);
void dc_json_begin_array(dc_json *j, const char *key);
void dc_json_end_array(dc_json *j);
/** A string (UTF-8, escaped as JSON requires; invalid bytes become U+FFFD);
 *  NULL writes null. */
void dc_json_string(dc_json *j, const char *key, const char *s);
void dc_json_stringn(dc_json *j, const char *key, const char *s, size_t len);
void dc_json_int(dc_json *j, const char *key, long long v);
/** A number in the shortest form that reads back as the same double. */
void dc_json_double(dc_json *j, const char *key, double v);
/** A number written from its decimal text as is ("229.85576"); the text must
 *  be a valid JSON number. */
void dc_json_raw_number(dc_json *j, const char *key, const char *text);
void dc_json_bool(dc_json *j, const char *key, int v);
void dc_json_null(dc_json *j, const char *key);

/** Appends s escaped as a JSON string body (no quotes). */
void dc_json_escape(dc_buf *out, const char *s, size_t len);

#endif
