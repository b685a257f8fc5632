/*
 * driver.h — the translator as a function, so that programs other than the
 * cgrad executable (the libFuzzer harness) can run it in-process.
 */
#ifndef CGRAD_DRIVER_DRIVER_H
#define CGRAD_DRIVER_DRIVER_H

/* Runs cgrad with this command line; returns its exit status.  All memory
 * and state is released before it returns, so it may be called again. */
int cgrad_main(int argc, char **argv);

#endif
