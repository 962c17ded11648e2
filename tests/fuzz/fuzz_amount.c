/*
 * fuzz_amount.c - the number parser: whole values (dc_value_parse), numbers
 * found in normalised text (dc_norm, dc_number_next), units and formatting.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/amount.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const char *s = (const char *)data;
    dc_number num;
    if (dc_value_parse(s, size, &num)) {
        if (num.decimals < 0 || strlen(num.text) >= sizeof num.text)
            __builtin_trap();
        char buf[64];
        if (isfinite(num.value))
            dc_number_format(num.value, buf, sizeof buf);
        dc_money_to_wan(num.value, num.unit);
    }
    dc_norm nt;
    dc_norm_init(&nt);
    dc_norm_append(&nt, s, size, 0, DC_NORM_SPACE | DC_NORM_QUOTES);
    size_t pos = 0, n = nt.text.len;
    const char *t = dc_buf_cstr(&nt.text);
    while (pos < n && dc_number_next(t, n, pos, &num)) {
        if (num.end <= pos || num.end > n || num.begin > num.num_end || num.num_end > num.end)
            __builtin_trap();   /* must advance and stay inside the text */
        if (nt.map[num.begin] > size || nt.map[num.end] > size)
            __builtin_trap();   /* maps back inside the source */
        pos = num.end;
    }
    dc_norm_free(&nt);
    return 0;
}
