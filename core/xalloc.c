/* xalloc.c - checked allocation. */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void (*failure_hook)(void);

void xalloc_set_failure_hook(void (*hook)(void))
{
	failure_hook = hook;
}

static void out_of_memory(void)
{
	static const char text[] = "hrmis: out of memory\n";

	if (failure_hook != NULL)
		failure_hook();
	(void)!write(STDERR_FILENO, text, sizeof text - 1);
	_exit(70);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

char *xstrdup(const char *text)
{
	size_t len = strlen(text) + 1;

	return memcpy(xmalloc(len), text, len);
}

char *xasprintf(const char *format, ...)
{
	va_list ap;
	int len;
	char *out, probe[1];

	if (format == NULL)
		return xstrdup("");
	va_start(ap, format);
	len = vsnprintf(probe, sizeof probe, format, ap);
	va_end(ap);
	if (len < 0)
		out_of_memory();
	out = xmalloc((size_t)len + 1);
	va_start(ap, format);
	vsnprintf(out, (size_t)len + 1, format, ap);
	va_end(ap);
	return out;
}
