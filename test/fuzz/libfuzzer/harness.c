/*
 * harness.c — libFuzzer entry for cgrad's front end and pipeline.
 *
 * Each input is written to a temporary .c file and translated in-process
 * by cgrad_main (compiler/driver/driver.h), exactly as `cgrad in.c -o out.c`
 * would; the inputs that reach the transforms are C files with a
 * `#pragma cgrad differentiate` line (seed the fuzzer with the .c files of test/).
 * Diagnostics go to /dev/null unless CGRAD_FUZZ_VERBOSE is set.  A crash,
 * a sanitizer report, a hang (-timeout) or an exit() from the translator
 * is a bug.  Built by build.sh; see test/fuzz/README.md.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cgrad_main(int argc, char **argv);

static char in_path[256], out_path[256];
static int quiet = -1, saved_out = -1, saved_err = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(in_path, sizeof in_path, "%s/cgrad-libfuzzer-%ld.c", tmp, (long)getpid());
    snprintf(out_path, sizeof out_path, "%s/cgrad-libfuzzer-%ld.out.c", tmp, (long)getpid());
    if (!getenv("CGRAD_FUZZ_VERBOSE")) {
        quiet = open("/dev/null", O_WRONLY);
        saved_out = dup(1);
        saved_err = dup(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FILE *f = fopen(in_path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    char *argv[] = {"cgrad", in_path, "-o", out_path, NULL};
    if (quiet >= 0) fflush(stdout), fflush(stderr), dup2(quiet, 1), dup2(quiet, 2);
    cgrad_main(4, argv);
    if (quiet >= 0) fflush(stdout), fflush(stderr), dup2(saved_out, 1), dup2(saved_err, 2);
    unlink(out_path);
    return 0;
}
