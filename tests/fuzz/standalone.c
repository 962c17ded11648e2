/*
 * standalone.c - runs a fuzz harness over files given on the command line
 * (no libFuzzer needed): how `make test` replays the kept regression inputs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "converters/read/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        dc_error err = {0};
        unsigned char *data = dc_read_all(argv[i], (size_t)64 << 20, &len, &err);
        if (!data) {
            fprintf(stderr, "%s: %s\n", argv[i], err.msg);
            return 1;
        }
        LLVMFuzzerTestOneInput(data, len);
        free(data);
        n++;
    }
    printf("replayed %d inputs\n", n);
    return 0;
}
