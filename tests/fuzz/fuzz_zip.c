/*
 * fuzz_zip.c - the zip package reader alone: open, list, follow relationships
 * and parse every part, within the limits.
 */
#include <stddef.h>
#include <stdint.h>

#include "converters/read/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_part = 8u << 20;
    dc_error err = {0};
    dc_package *pkg = dc_package_open_zip(data, size, &lim, &err);
    if (!pkg)
        return 0;
    const dc_rel *rels;
    dc_package_rels(pkg, "", &rels, &err);
    for (size_t i = 0; i < dc_package_part_count(pkg); i++) {
        const char *name = dc_package_part_name(pkg, i);
        dc_error e = {0};
        dc_package_content_type(pkg, name, &e);
        dc_package_xml(pkg, name, &e);
        dc_package_rels(pkg, name, &rels, &e);
    }
    dc_package_free(pkg);
    return 0;
}
