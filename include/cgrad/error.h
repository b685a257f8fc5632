/*
 * cgrad/error.h — status codes shared by every libcgrad function.
 *
 * The library never exits or aborts.  A failing call returns a cg_status other
 * than CG_OK and leaves a message naming the operation and the offending
 * shapes or arguments, readable with cg_last_error() on the same thread.
 */
#ifndef CGRAD_ERROR_H
#define CGRAD_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cg_status {
    CG_OK = 0,
    CG_ERR_NULL,      /* a required pointer argument was NULL */
    CG_ERR_SHAPE,     /* shapes do not match or cannot broadcast */
    CG_ERR_DTYPE,     /* dtypes do not match or are not supported */
    CG_ERR_NOMEM,     /* an allocation failed */
    CG_ERR_SPEC,      /* a malformed einsum or axis specification */
    CG_ERR_ARG        /* any other invalid argument */
} cg_status;

typedef void (*cg_error_hook)(cg_status status, const char *message, void *user);

/* Records an error for this thread, calls the hook if one is set, returns status. */
cg_status cg_set_error(cg_status status, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
const char *cg_last_error(void);     /* "" when no error has been recorded */
cg_status cg_last_status(void);
void cg_clear_error(void);
void cg_set_error_hook(cg_error_hook hook, void *user);
const char *cg_status_name(cg_status status);

#ifdef __cplusplus
}
#endif
#endif
