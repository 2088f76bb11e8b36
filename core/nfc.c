/* nfc.c - NFC through libunistring's u8_normalize(). */
#include "nfc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "xalloc.h"

static bool is_ascii(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++)
		if ((unsigned char)text[i] >= 0x80)
			return false;
	return true;
}

char *nfc(const char *utf8)
{
	const uint8_t *input = (const uint8_t *)utf8;
	size_t length, capacity, produced;
	uint8_t *buffer, *result;
	char *copy;

	if (utf8 == NULL || u8_check(input, length = strlen(utf8)) != NULL) {
		errno = EILSEQ;
		return NULL;
	}
	if (is_ascii(utf8, length)) /* ASCII is always in NFC */
		return xstrdup(utf8);
	/* NFC grows UTF-8 text at most threefold; one more byte for the NUL. */
	capacity = 3 * length;
	buffer = xmalloc(capacity + 1);
	produced = capacity;
	result = u8_normalize(UNINORM_NFC, input, length, buffer, &produced);
	if (result == NULL) {
		free(buffer);
		return NULL; /* errno is ENOMEM */
	}
	if (result != buffer) { /* the library allocated after all */
		free(buffer);
		copy = xmalloc(produced + 1);
		memcpy(copy, result, produced);
		free(result);
	} else {
		copy = (char *)buffer;
	}
	copy[produced] = '\0';
	return copy;
}

bool nfc_is_normalized(const char *utf8)
{
	char *normal = nfc(utf8);
	bool same = normal != NULL && strcmp(normal, utf8) == 0;

	free(normal);
	return same;
}
