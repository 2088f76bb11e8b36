/*
 * keymap.h - which key triggers which action, per context.
 *
 * Actions are names from actions.def.  Default bindings are data files in
 * keymaps/ (one per context, compiled in); the configuration overrides
 * them.  Keys are plain integers: a Unicode code point for a character
 * (control characters included, so C-l is 12) or KEY_CODE_BASE + n for
 * special keys.  No terminal library is involved here.
 */
#ifndef HRMIS_KEYMAP_H
#define HRMIS_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

enum action {
	ACTION_NONE = 0,
#define ACTION(sym, name, label, help) ACTION_##sym,
#include "actions.def"
#undef ACTION
	ACTION_COUNT
};

enum {
	KEY_CODE_BASE = 0x200000,
	KEY_CODE_F0 = KEY_CODE_BASE, /* F1..F12 = KEY_CODE_F0 + n */
	KEY_CODE_ENTER = KEY_CODE_BASE + 64,
	KEY_CODE_TAB,
	KEY_CODE_BTAB,
	KEY_CODE_ESC,
	KEY_CODE_UP,
	KEY_CODE_DOWN,
	KEY_CODE_LEFT,
	KEY_CODE_RIGHT,
	KEY_CODE_PAGE_UP,
	KEY_CODE_PAGE_DOWN,
	KEY_CODE_HOME,
	KEY_CODE_END,
	KEY_CODE_BACKSPACE,
	KEY_CODE_DELETE,
	KEY_CODE_INSERT,
	KEY_CODE_WORD_LEFT,  /* Ctrl-Left (or Alt-Left): the previous word in a field */
	KEY_CODE_WORD_RIGHT, /* Ctrl-Right (or Alt-Right): the next word in a field */
	KEY_CODE_RESIZE,
	KEY_CODE_LAST
};

#define KEY_CODE_F(n) (KEY_CODE_F0 + (n))

/* Name ("help"), legend label ("Help") and help text of an action;
 * static strings, "" for ACTION_NONE or out of range. */
const char *action_name(enum action action);
const char *action_label(enum action action);
const char *action_help(enum action action);

/* Action named `name`, or ACTION_NONE. */
enum action action_from_name(const char *name);

/* Parses a key name: "F1".."F12", "Enter", "Tab", "BTab", "Esc", "Up",
 * "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End", "Backspace",
 * "Delete", "Insert", "C-Left", "C-Right", "Space", "C-a".."C-z", or one
 * printable character.
 * Returns the key, or -1 if the name is not valid. */
int key_parse(const char *name);

/* Writes the canonical name of `key` into buf (always NUL-terminated). */
void key_format(int key, char *buf, size_t size);

struct keymap;

/* Returns a key map holding the compiled-in defaults; free with keymap_free. */
struct keymap *keymap_new_defaults(void);
void keymap_free(struct keymap **keymap);

/*
 * Parses one key map file text for `context` and adds its bindings.
 * Format: one binding per line, "ACTION KEY [KEY...]"; '#' starts a comment;
 * a line "parent NAME" makes the context inherit NAME's bindings (a lookup
 * reads the context, its parents, then "global"; an action the context
 * binds itself hides the parents' keys for it).
 * On error returns false with "origin:line: message" in err (size bytes).
 */
bool keymap_load_text(struct keymap *keymap, const char *context, const char *text,
                      const char *origin, char *err, size_t size);

/*
 * Binds `key_text` to `action_text` in `context`, replacing the action's
 * earlier bindings in that context (the first override of an action
 * replaces, later ones for the same action add) and any other action bound
 * to that key there.  On error returns false with a message in err.
 */
bool keymap_override(struct keymap *keymap, const char *context, const char *action_text,
                     const char *key_text, char *err, size_t size);

/* Action for `key` in `context`, its parents, then "global"; ACTION_NONE if unbound. */
enum action keymap_lookup(const struct keymap *keymap, const char *context, int key);

/* First key bound to `action` in `context` (then "global"), preferring
 * function keys; -1 if none. */
int keymap_key_for(const struct keymap *keymap, const char *context, enum action action);

/* Keys bound to `action` in exactly `context`, at most max; returns count. */
size_t keymap_keys_of(const struct keymap *keymap, const char *context, enum action action,
                      int *keys, size_t max);

/* True if `context` is known (has a compiled-in key map file). */
bool keymap_has_context(const struct keymap *keymap, const char *context);

/* The distinct actions bound in `context` itself (not global), at most
 * `max` of them into out; returns how many. */
size_t keymap_actions_in(const struct keymap *keymap, const char *context, enum action *out,
                         size_t max);

/* Names of contexts with bindings, in load order; returns count. */
size_t keymap_contexts(const struct keymap *keymap, const char **names, size_t max);

#endif
