/* xalloc.h - allocation that aborts cleanly instead of returning NULL. */
#ifndef HRMIS_XALLOC_H
#define HRMIS_XALLOC_H

#include <stddef.h>

/* Each returns memory the caller frees with free(); on exhaustion the
 * program restores the terminal (through the registered hook) and exits 70. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *text);

/* printf into a new string the caller frees. */
char *xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Called before exiting on exhaustion; the terminal layer registers its restore. */
void xalloc_set_failure_hook(void (*hook)(void));

#endif
