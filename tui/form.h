/*
 * form.h - a column of labelled one-line fields, edited in place.
 *
 * The form owns the text of its fields and edits them by whole
 * characters (editline.h); the screen that owns the form decides what a
 * field means, checks it when the focus leaves it, and saves.  Marks are
 * text, never colour alone: '!' before a field that failed its check,
 * '*' before one changed since it was loaded.
 */
#ifndef HRMIS_FORM_H
#define HRMIS_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "editline.h"

struct form_field {
	char *label;  /* owned */
	char *loaded; /* value when loaded, to mark changes; owned */
	struct editline line;
	bool read_only;
	bool invalid;
};

struct form {
	struct form_field *fields;
	int count;
	int focus;
	int top; /* first field shown when the form is taller than its space */
	int label_width;
};

/* Sets up `count` empty fields; release with form_free(). */
void form_init(struct form *form, int count);
void form_free(struct form *form);

/* Gives field i its label, value (both copied) and byte limit (0 = none). */
void form_set_field(struct form *form, int i, const char *label, const char *value,
                    size_t max_bytes);

/* Replaces field i's value; `as_loaded` also makes it the unchanged value. */
void form_set_value(struct form *form, int i, const char *value, bool as_loaded);

/* Text of field i (owned by the form, valid until it changes). */
const char *form_value(const struct form *form, int i);

/* True when field i, or any field, differs from what was loaded. */
bool form_field_changed(const struct form *form, int i);
bool form_changed(const struct form *form);

/* Moves the focus to field i (skipping nothing; the caller checks first). */
void form_focus(struct form *form, int i);

/* Index of the next / previous editable field from the focus, or -1. */
int form_next(const struct form *form);
int form_prev(const struct form *form);

/*
 * Applies an editing key to the focused field (editline_key: a character,
 * Backspace, Delete, Left, Right, Home/Ctrl-A, End/Ctrl-E, Ctrl-U, Ctrl-K,
 * Ctrl-W, Ctrl-Left, Ctrl-Right).  Returns true when the key was used;
 * other keys (Ctrl-L, Ctrl-Q, F-keys, ...) are left to the screen.
 */
bool form_edit_key(struct form *form, int key);

/* Draws the form in the rectangle and puts the cursor in the focused field. */
void form_draw(struct form *form, int row, int col, int rows, int cols);

#endif
