/*
 * batch_json.h - a small JSON reader for batch reports (report.json, the
 * report.jsonl journal): parses into a tree allocated in a caller's arena,
 * and writes a tree back through the JSON emitter.  Numbers keep their text,
 * so parse-then-write gives back exactly what the emitter wrote.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_BATCH_JSON_H
#define DC_BATCH_JSON_H

#include <stddef.h>

#include "converters/write/json.h"
#include "model/util.h"

typedef enum {
    DC_JSON_VALUE_NULL = 0,
    DC_JSON_VALUE_FALSE,
    DC_JSON_VALUE_TRUE,
    DC_JSON_VALUE_NUMBER,
    DC_JSON_VALUE_STRING,
    DC_JSON_VALUE_ARRAY,
    DC_JSON_VALUE_OBJECT
} dc_json_value_type;

typedef struct dc_json_value dc_json_value;
struct dc_json_value {
    dc_json_value_type type;
    const char *key;          /**< member name inside an object, else NULL */
    const char *str;          /**< string value (UTF-8) or number text */
    dc_json_value *first, *last;      /**< children of an array or object */
    dc_json_value *next;              /**< next sibling */
    size_t count;             /**< number of children */
};

/** Parses one JSON value filling the whole of text[0..len) (white space
 *  around it allowed).  Nesting is limited to 64 levels.  Returns the tree,
 *  allocated in `arena`, or NULL with err set (DC_ERR_FORMAT, "line N: ..."). */
dc_json_value *dc_json_value_parse(dc_arena *arena, const char *text, size_t len, dc_error *err);

/** The member `key` of an object, or NULL (also when obj is not an object). */
dc_json_value *dc_json_value_get(const dc_json_value *obj, const char *key);
/** The member's string, or NULL when absent or not a string. */
const char *dc_json_value_string(const dc_json_value *obj, const char *key);
/** The member's number; def when absent or not a number. */
double dc_json_value_number(const dc_json_value *obj, const char *key, double def);
/** The member's number as an integer; def when absent or not a number. */
long long dc_json_value_int(const dc_json_value *obj, const char *key, long long def);

/** Replaces (or appends) member `key` of obj with a string (NULL = null);
 *  the string is copied into the arena. */
void dc_json_value_set_string(dc_arena *arena, dc_json_value *obj, const char *key, const char *s);

/** Writes v through the emitter as the member `key` (NULL in arrays). */
void dc_json_value_write(const dc_json_value *v, dc_json *j, const char *key);

#endif
