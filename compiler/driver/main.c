/* Placeholder entry point while the pipeline is being built. */
#include <stdio.h>
#include <string.h>
#include "base/base.h"

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--version") == 0) {
            printf("cgrad %s\n", CGRAD_VERSION);
            return 0;
        }
    diag_plain_error("the translator is not implemented yet");
    arena_free_all();
    return 1;
}
