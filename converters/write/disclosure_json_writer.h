/*
 * disclosure_json_writer.h - the typed disclosure model and its findings as
 * JSON (`inspect --disclosure`, `convert --json`, `check --json`); the keys are
 * documented in docs/json.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_DISCLOSURE_JSON_WRITER_H
#define DC_DISCLOSURE_JSON_WRITER_H

#include "converters/write/json.h"
#include "model/disclosure.h"

/** Appends the disclosure as pretty JSON; `name` fills the "document" key
 *  (the input's base name without extension), NULL to leave it out. */
void dc_json_write_disclosure(const dc_disclosure *d, const char *name, dc_buf *out);

/** Appends only the findings as a JSON array. */
void dc_json_write_findings(const dc_disclosure *d, dc_buf *out);

/** Writes the findings as an array value (member `key`, or NULL inside an
 *  array) into an emitter in progress: [{"severity", "code", "place",
 *  "message", "source": {"block", "table", "row", "col"}}]. */
void dc_json_findings(dc_json *j, const char *key, const dc_disclosure *d);

/** Writes the members of one `check --json` entry into an object in progress:
 *  "file", "department", "year", "errors", "warnings", "notes", "findings". */
void dc_json_check_members(dc_json *j, const char *file, const dc_disclosure *d);

#endif
