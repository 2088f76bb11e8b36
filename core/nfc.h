/*
 * nfc.h - Unicode Normalization Form C for text that is stored or compared.
 *
 * The same name can reach us typed as "й" (U+0439) or as "и" plus a
 * combining breve, as a precomposed Hangul syllable or as conjoining jamo;
 * searching and the duplicate check only work when both are stored alike.
 * Text is normalised to NFC before it is sent to the database.
 *
 * Invalid UTF-8 is refused, not repaired: a replacement character would
 * silently change a person's name, so the caller must show an error instead.
 */
#ifndef HRMIS_NFC_H
#define HRMIS_NFC_H

#include <stdbool.h>

/*
 * Returns a new NUL-terminated NFC copy of `utf8`; the caller frees it with
 * free().  Returns NULL with errno EILSEQ when `utf8` is NULL or not valid
 * UTF-8 (overlong forms and surrogates included), and NULL with errno ENOMEM
 * in the unlikely case that libunistring cannot allocate its scratch space;
 * the result buffer itself comes from xmalloc() and aborts cleanly.
 */
char *nfc(const char *utf8);

/* Returns true when `utf8` is valid UTF-8 already in NFC (false for NULL). */
bool nfc_is_normalized(const char *utf8);

#endif
