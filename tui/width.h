/*
 * width.h - display width of UTF-8 text, pure functions (no terminal).
 *
 * Widths come from wcwidth(): Hangul and other wide characters take two
 * columns, combining marks none.  Text is never cut inside a character or
 * between a character and its combining marks.  Needs a UTF-8 LC_CTYPE.
 */
#ifndef HRMIS_WIDTH_H
#define HRMIS_WIDTH_H

#include <stddef.h>

/* Columns `text` takes; invalid or non-printable characters count as one
 * column each (they are shown as '?'). */
int text_width(const char *text);

/*
 * Length in bytes of the longest prefix of `text` that fits in `columns`
 * without splitting a character or detaching its combining marks; the
 * columns it takes go to *used (may be NULL).
 */
size_t text_fit(const char *text, int columns, int *used);

/*
 * Copies `text` into buf (size bytes) cut to `columns`; when cut, the last
 * column shows '~' so the clerk sees that something is hidden.  Returns
 * the columns written.
 */
int text_truncate(const char *text, int columns, char *buf, size_t size);

/*
 * Breaks text into lines of at most `columns`: returns the byte length of
 * the first line (breaking after the last blank that fits, or inside a
 * word longer than the line) and sets *next to the offset where the
 * following line starts (blanks at the break skipped).  0 at the end.
 */
size_t text_wrap(const char *text, int columns, size_t *next);

/* Byte length of the grapheme (base character plus combining marks) that
 * starts at text, 0 at the end of the string. */
size_t grapheme_next(const char *text);

/* Byte offset where the grapheme ending at offset `end` begins (0 if none). */
size_t grapheme_prev(const char *text, size_t end);

#endif
