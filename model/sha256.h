/*
 * sha256.h - SHA-256 (FIPS 180-4), streaming, for input fingerprints in
 * batch reports and --resume.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_SHA256_H
#define DC_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;           /**< message length so far */
    unsigned char block[64];
    size_t fill;              /**< bytes waiting in block */
} dc_sha256;

void dc_sha256_init(dc_sha256 *s);
void dc_sha256_update(dc_sha256 *s, const void *data, size_t len);
/** Finishes: writes the 32-byte digest.  The state must be re-initialised
 *  before another use. */
void dc_sha256_final(dc_sha256 *s, unsigned char digest[32]);
/** One-shot: the digest of data as 64 lowercase hex digits and a NUL. */
void dc_sha256_hex(const void *data, size_t len, char hex[65]);
/** The digest as 64 lowercase hex digits and a NUL. */
void dc_sha256_to_hex(const unsigned char digest[32], char hex[65]);

#endif
