/*
 * uuid.h - random (version 4) UUIDs as request ids.
 *
 * A form that creates a row (a new person, say) draws its id once, when it
 * opens, and sends the same id with every retry of the save: if the first
 * attempt reached the server but the answer was lost, the retry finds that
 * row instead of creating a second person.
 */
#ifndef HRMIS_UUID_H
#define HRMIS_UUID_H

#include <stdbool.h>

enum { UUID_TEXT_SIZE = 37 }; /* 36 characters and the NUL */

/*
 * Writes a new version 4 UUID, 8-4-4-4-12 lower-case hex, into `out`, from
 * the kernel's random source (getrandom(), or /dev/urandom where that system
 * call is missing).  Returns false, with `out` empty, only when neither
 * source gives 16 bytes; an id from a weaker source could repeat.
 */
bool uuid_v4(char out[UUID_TEXT_SIZE]);

/*
 * Writes the UUID text of `bytes` into `out` after setting the version
 * nibble to 4 and the variant bits to 10 (RFC 9562); `bytes` is unchanged.
 */
void uuid_format(const unsigned char bytes[16], char out[UUID_TEXT_SIZE]);

#endif
