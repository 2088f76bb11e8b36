/*
 * editline.h - a one-line text buffer edited by whole characters.
 *
 * Pure data structure (no terminal): insert at the cursor, delete the
 * grapheme before or under it (a Hangul syllable, a letter with its
 * combining marks), move by graphemes or words, delete to either end or
 * the word before the cursor, and apply the editing keys of a field
 * (editline_key).
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

/* Moves to the start of the word before the cursor / to the end of the
 * word after it; a word is a run of letters and digits. */
void editline_word_left(struct editline *line);
void editline_word_right(struct editline *line);

/* Deletes from the start to the cursor (Ctrl-U) / from the cursor to the
 * end (Ctrl-K) / the word before the cursor back to a blank, with the
 * blanks after it (Ctrl-W, as in a shell).  Return false when nothing
 * was deleted. */
bool editline_kill_to_start(struct editline *line);
bool editline_kill_to_end(struct editline *line);
bool editline_kill_word_before(struct editline *line);

enum editline_result {
	EDITLINE_PASS,    /* not an editing key: the caller's to handle */
	EDITLINE_USED,    /* an editing key; the text is as it was */
	EDITLINE_CHANGED, /* an editing key that changed the text */
};

/*
 * Applies one key (keymap.h) to the line: a printable character is
 * inserted; Backspace, Delete, Left, Right, Home and End as usual;
 * Ctrl-A start, Ctrl-E end, Ctrl-U and Ctrl-K delete to the start and to
 * the end, Ctrl-W the word before the cursor, Ctrl-Left and Ctrl-Right
 * (KEY_CODE_WORD_*) move by words.  Every other key passes.
 */
enum editline_result editline_key(struct editline *line, int key);

/* Columns from the start of the text to the cursor. */
int editline_cursor_column(const struct editline *line);

#endif
