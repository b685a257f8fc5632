/*
 * front.h — the front end's public face: parse one C file with libclang and
 * return cgrad's IR for it.  Nothing of libclang crosses this boundary.
 */
#ifndef CGRAD_FRONT_FRONT_H
#define CGRAD_FRONT_FRONT_H

#include "ir/ir.h"

/* Parses path with the given clang flags.  Returns NULL after reporting
 * errors (clang's own, in clang's format).  The module holds every function
 * of the main file lowered to IR, every other function's declaration, and
 * every `#pragma cgrad` line parsed into a Request or Custom. */
Module *front_parse(const char *path, int nflags, const char **flags);

#endif
