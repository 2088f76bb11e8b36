/*
 * editline.h - a one-line text buffer edited by whole characters.
 *
 * Pure data structure (no terminal): insert at the cursor, delete the
 * grapheme before or under it (a Hangul syllable, a letter with its
 * combining marks), move by graphemes, and render a window of it that
 * fits a field's width.
 */
#ifndef HRMIS_EDITLINE_H
#define HRMIS_EDITLINE_H

#include <stdbool.h>
#include <stddef.h>

struct editline {
	char *text;       /* UTF-8, NUL-terminated, owned */
	size_t len;       /* bytes */
	size_t cursor;    /* byte offset, always on a grapheme boundary */
	size_t max_bytes; /* 0 = unlimited */
};

/* Initialises an empty line; release with editline_free(). */
void editline_init(struct editline *line, size_t max_bytes);
void editline_free(struct editline *line);

/* Replaces the contents; cursor goes to the end. */
void editline_set(struct editline *line, const char *text);

/* Inserts one character (a Unicode code point) at the cursor; a combining
 * mark joins the character before it.  Returns false if it does not fit. */
bool editline_insert(struct editline *line, unsigned int codepoint);

/* Deletes the grapheme before the cursor (Backspace) / under it (Delete).
 * Return false when there is nothing to delete. */
bool editline_backspace(struct editline *line);
bool editline_delete(struct editline *line);

void editline_left(struct editline *line);
void editline_right(struct editline *line);
void editline_home(struct editline *line);
void editline_end(struct editline *line);

/* Columns from the start of the text to the cursor. */
int editline_cursor_column(const struct editline *line);

#endif
