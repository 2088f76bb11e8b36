/*
 * fuzz_support.h - what the libFuzzer harnesses share: the input as a C
 * string (the parsers under test read NUL-terminated text).
 */
#ifndef HRMIS_TESTS_FUZZ_SUPPORT_H
#define HRMIS_TESTS_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input with a NUL after it (malloc'd; abort when out of memory). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

#endif
