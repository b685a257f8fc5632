/*
 * Per-thread error state.  Messages are formatted once into a thread-local
 * buffer so that reporting an error never allocates (it may be reporting an
 * allocation failure).
 */
#include "cgrad/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char message[512];
static _Thread_local cg_status last_status;
static cg_error_hook hook;
static void *hook_user;

cg_status cg_set_error(cg_status status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    last_status = status;
    if (hook) hook(status, message, hook_user);
    return status;
}

const char *cg_last_error(void) { return message; }
cg_status cg_last_status(void) { return last_status; }

void cg_clear_error(void) {
    message[0] = '\0';
    last_status = CG_OK;
}

void cg_set_error_hook(cg_error_hook h, void *user) {
    hook = h;
    hook_user = user;
}

const char *cg_status_name(cg_status s) {
    switch (s) {
    case CG_OK: return "ok";
    case CG_ERR_NULL: return "null argument";
    case CG_ERR_SHAPE: return "shape mismatch";
    case CG_ERR_DTYPE: return "dtype mismatch";
    case CG_ERR_NOMEM: return "out of memory";
    case CG_ERR_SPEC: return "bad specification";
    case CG_ERR_ARG: return "invalid argument";
    }
    return "unknown status";
}
