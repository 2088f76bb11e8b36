/* keymap.c - action names, key names and per-context bindings. */
#include "keymap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "embed.h"
#include "xalloc.h"

enum { MAX_CONTEXTS = 32, CONTEXT_NAME = 32 };

static const struct {
	const char *name, *label, *help;
} actions[] = {
	{ "", "", "" },
#define ACTION(sym, name, label, help) { name, label, help },
#include "actions.def"
#undef ACTION
};

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{ "Enter", KEY_CODE_ENTER },
	{ "Tab", KEY_CODE_TAB },
	{ "BTab", KEY_CODE_BTAB },
	{ "Esc", KEY_CODE_ESC },
	{ "Up", KEY_CODE_UP },
	{ "Down", KEY_CODE_DOWN },
	{ "Left", KEY_CODE_LEFT },
	{ "Right", KEY_CODE_RIGHT },
	{ "PgUp", KEY_CODE_PAGE_UP },
	{ "PgDn", KEY_CODE_PAGE_DOWN },
	{ "Home", KEY_CODE_HOME },
	{ "End", KEY_CODE_END },
	{ "Backspace", KEY_CODE_BACKSPACE },
	{ "Delete", KEY_CODE_DELETE },
	{ "Insert", KEY_CODE_INSERT },
	{ "C-Left", KEY_CODE_WORD_LEFT },
	{ "C-Right", KEY_CODE_WORD_RIGHT },
	{ "Space", ' ' },
};

struct binding {
	int context;
	int key;
	enum action action;
};

struct keymap {
	char contexts[MAX_CONTEXTS][CONTEXT_NAME];
	int parent[MAX_CONTEXTS]; /* the context it inherits from, -1: global only */
	int ncontexts;
	struct binding *bindings;
	size_t count, capacity;
	/* (context, action) pairs already replaced by an override */
	unsigned char overridden[MAX_CONTEXTS][ACTION_COUNT];
};

const char *action_name(enum action action)
{
	return (unsigned)action < ACTION_COUNT ? actions[action].name : "";
}

const char *action_label(enum action action)
{
	return (unsigned)action < ACTION_COUNT ? actions[action].label : "";
}

const char *action_help(enum action action)
{
	return (unsigned)action < ACTION_COUNT ? actions[action].help : "";
}

enum action action_from_name(const char *name)
{
	for (int i = 1; i < ACTION_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return (enum action)i;
	return ACTION_NONE;
}

int key_parse(const char *name)
{
	wchar_t wc;
	size_t len = strlen(name);

	if (len == 0)
		return -1;
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3 &&
	    isdigit((unsigned char)name[1]) && (len == 2 || isdigit((unsigned char)name[2]))) {
		int n = atoi(name + 1);
		return n >= 1 && n <= 12 ? KEY_CODE_F(n) : -1;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcasecmp(name, named_keys[i].name) == 0)
			return named_keys[i].key;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    isalpha((unsigned char)name[2]))
		return tolower((unsigned char)name[2]) - 'a' + 1;
	/* One printable character, possibly multibyte. */
	mbstate_t st = { 0 };
	size_t used = mbrtowc(&wc, name, len, &st);
	if (used == len && wc > 32 && wc != 127)
		return (int)wc;
	return -1;
}

void key_format(int key, char *buf, size_t size)
{
	if (size == 0)
		return;
	if (key > KEY_CODE_F0 && key <= KEY_CODE_F(12)) {
		snprintf(buf, size, "F%d", key - KEY_CODE_F0);
		return;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
		if (named_keys[i].key == key) {
			snprintf(buf, size, "%s", named_keys[i].name);
			return;
		}
	}
	if (key >= 1 && key <= 26) {
		snprintf(buf, size, "C-%c", 'a' + key - 1);
		return;
	}
	if (key > 32 && key < KEY_CODE_BASE) {
		char mb[8] = "";
		mbstate_t st = { 0 };
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1) {
			mb[n] = '\0';
			snprintf(buf, size, "%s", mb);
			return;
		}
	}
	snprintf(buf, size, "?");
}

static int context_index(const struct keymap *keymap, const char *name)
{
	for (int i = 0; i < keymap->ncontexts; i++)
		if (strcmp(keymap->contexts[i], name) == 0)
			return i;
	return -1;
}

static int context_add(struct keymap *keymap, const char *name)
{
	int i = context_index(keymap, name);

	if (i >= 0 || keymap->ncontexts == MAX_CONTEXTS || strlen(name) >= CONTEXT_NAME)
		return i;
	snprintf(keymap->contexts[keymap->ncontexts], CONTEXT_NAME, "%s", name);
	keymap->parent[keymap->ncontexts] = -1;
	return keymap->ncontexts++;
}

static void unbind(struct keymap *keymap, int context, int key, enum action action)
{
	size_t out = 0;

	for (size_t i = 0; i < keymap->count; i++) {
		struct binding *b = &keymap->bindings[i];
		bool drop =
		        b->context == context && ((key >= 0 && b->key == key) ||
		                                  (action != ACTION_NONE && b->action == action));
		if (!drop)
			keymap->bindings[out++] = *b;
	}
	keymap->count = out;
}

static void bind(struct keymap *keymap, int context, int key, enum action action)
{
	unbind(keymap, context, key, ACTION_NONE);
	if (keymap->count == keymap->capacity) {
		keymap->capacity = keymap->capacity ? keymap->capacity * 2 : 64;
		keymap->bindings =
		        xrealloc(keymap->bindings, keymap->capacity * sizeof *keymap->bindings);
	}
	keymap->bindings[keymap->count++] = (struct binding){ context, key, action };
}

struct keymap *keymap_new_defaults(void)
{
	struct keymap *keymap = xcalloc(1, sizeof *keymap);
	char err[256];

	for (const struct embedded_file *f = embedded_keymaps; f->name != NULL; f++) {
		char context[CONTEXT_NAME];
		const char *dot = strrchr(f->name, '.');
		size_t len = dot ? (size_t)(dot - f->name) : strlen(f->name);

		if (len >= sizeof context)
			continue;
		memcpy(context, f->name, len);
		context[len] = '\0';
		/* The compiled-in files are checked by the tests; an error here is a build bug. */
		if (!keymap_load_text(keymap, context, f->text, f->name, err, sizeof err)) {
			fprintf(stderr, "hrmis: %s\n", err);
			abort();
		}
	}
	return keymap;
}

void keymap_free(struct keymap **keymap)
{
	if (keymap == NULL || *keymap == NULL)
		return;
	free((*keymap)->bindings);
	free(*keymap);
	*keymap = NULL;
}

bool keymap_load_text(struct keymap *keymap, const char *context, const char *text,
                      const char *origin, char *err, size_t size)
{
	int ctx = context_add(keymap, context);
	int lineno = 0;
	const char *line = text;

	if (ctx < 0) {
		snprintf(err, size, "%s: too many key map contexts", origin);
		return false;
	}
	while (*line != '\0') {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char buf[256], *save = NULL, *word;
		enum action action;
		int nkeys = 0;

		lineno++;
		if (len >= sizeof buf) {
			snprintf(err, size, "%s:%d: line too long", origin, lineno);
			return false;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = end ? end + 1 : line + len;
		if (strchr(buf, '#') != NULL)
			*strchr(buf, '#') = '\0';
		word = strtok_r(buf, " \t\r", &save);
		if (word == NULL)
			continue;
		/* "parent NAME": what this context does not bind, NAME's bindings give. */
		if (strcmp(word, "parent") == 0) {
			const char *name = strtok_r(NULL, " \t\r", &save);
			int parent = name ? context_add(keymap, name) : -1;

			for (int c = parent; c >= 0; c = keymap->parent[c])
				if (c == ctx) {
					snprintf(err, size, "%s:%d: \"%s\" cannot be its own parent", origin,
					         lineno, context);
					return false;
				}
			if (parent < 0 || strcmp(name, "global") == 0 ||
			    strtok_r(NULL, " \t\r", &save) != NULL) {
				snprintf(err, size, "%s:%d: parent needs one context name", origin,
				         lineno);
				return false;
			}
			keymap->parent[ctx] = parent;
			continue;
		}
		action = action_from_name(word);
		if (action == ACTION_NONE) {
			snprintf(err, size, "%s:%d: unknown action \"%s\"", origin, lineno, word);
			return false;
		}
		while ((word = strtok_r(NULL, " \t\r", &save)) != NULL) {
			int key = key_parse(word);
			if (key < 0) {
				snprintf(err, size, "%s:%d: unknown key \"%s\"", origin, lineno,
				         word);
				return false;
			}
			bind(keymap, ctx, key, action);
			nkeys++;
		}
		if (nkeys == 0) {
			snprintf(err, size, "%s:%d: action \"%s\" has no key", origin, lineno,
			         action_name(action));
			return false;
		}
	}
	return true;
}

bool keymap_override(struct keymap *keymap, const char *context, const char *action_text,
                     const char *key_text, char *err, size_t size)
{
	enum action action = action_from_name(action_text);
	int key = key_parse(key_text);
	int ctx = context_index(keymap, context);

	if (ctx < 0) {
		snprintf(err, size, "unknown key map context \"%s\"", context);
		return false;
	}
	if (action == ACTION_NONE) {
		snprintf(err, size, "unknown action \"%s\"", action_text);
		return false;
	}
	if (key < 0) {
		snprintf(err, size, "unknown key \"%s\"", key_text);
		return false;
	}
	if (!keymap->overridden[ctx][action]) {
		unbind(keymap, ctx, -1, action);
		keymap->overridden[ctx][action] = 1;
	}
	bind(keymap, ctx, key, action);
	return true;
}

/* The contexts a lookup in `context` reads, nearest first: the context, its
 * parents, then "global"; returns how many (at most MAX_CHAIN). */
enum { MAX_CHAIN = 8 };
static int chain(const struct keymap *keymap, const char *context, int *order)
{
	int n = 0, global = context_index(keymap, "global");

	for (int c = context_index(keymap, context); c >= 0 && c != global && n < MAX_CHAIN - 1;
	     c = keymap->parent[c])
		order[n++] = c;
	if (global >= 0)
		order[n++] = global;
	return n;
}

/* A context nearer than order[level] (not "global") binds `action`: it has
 * its own keys for it, which hide the parent's. */
static bool bound_nearer(const struct keymap *keymap, const int *order, int level,
                         enum action action)
{
	for (int c = 0; c < level; c++)
		for (size_t i = 0; i < keymap->count; i++)
			if (keymap->bindings[i].context == order[c] &&
			    keymap->bindings[i].action == action)
				return true;
	return false;
}

enum action keymap_lookup(const struct keymap *keymap, const char *context, int key)
{
	int order[MAX_CHAIN], n = chain(keymap, context, order);
	int global = context_index(keymap, "global");

	for (int pass = 0; pass < n; pass++) {
		for (size_t i = 0; i < keymap->count; i++)
			if (keymap->bindings[i].context == order[pass] &&
			    keymap->bindings[i].key == key &&
			    (order[pass] == global ||
			     !bound_nearer(keymap, order, pass, keymap->bindings[i].action)))
				return keymap->bindings[i].action;
	}
	return ACTION_NONE;
}

int keymap_key_for(const struct keymap *keymap, const char *context, enum action action)
{
	int order[MAX_CHAIN], n = chain(keymap, context, order);

	for (int pass = 0; pass < n; pass++) {
		int found = -1;

		for (size_t i = 0; i < keymap->count; i++) {
			const struct binding *b = &keymap->bindings[i];
			if (b->context != order[pass] || b->action != action)
				continue;
			if (b->key > KEY_CODE_F0 && b->key <= KEY_CODE_F(12))
				return b->key;
			if (found < 0)
				found = b->key;
		}
		/* A context binding of the action hides the global one. */
		if (found >= 0)
			return found;
	}
	return -1;
}

size_t keymap_keys_of(const struct keymap *keymap, const char *context, enum action action,
                      int *keys, size_t max)
{
	int order[MAX_CHAIN], depth = chain(keymap, context, order);
	size_t n = 0;

	/* The nearest context that binds the action gives its keys; "global"
	 * only when it is the context asked for. */
	for (int c = 0; c < depth && n == 0; c++) {
		if (c > 0 && strcmp(keymap->contexts[order[c]], "global") == 0)
			break;
		for (size_t i = 0; i < keymap->count && n < max; i++)
			if (keymap->bindings[i].context == order[c] &&
			    keymap->bindings[i].action == action)
				keys[n++] = keymap->bindings[i].key;
	}
	return n;
}

size_t keymap_actions_in(const struct keymap *keymap, const char *context, enum action *out,
                         size_t max)
{
	int order[MAX_CHAIN], depth = chain(keymap, context, order);
	size_t n = 0;

	for (size_t i = 0; i < keymap->count; i++) {
		bool seen = false, here = false;

		for (int c = 0; c < depth && !here; c++)
			here = keymap->bindings[i].context == order[c] &&
			       strcmp(keymap->contexts[order[c]], "global") != 0;
		if (!here)
			continue;
		for (size_t k = 0; k < n && !seen; k++)
			seen = out[k] == keymap->bindings[i].action;
		if (!seen && n < max)
			out[n++] = keymap->bindings[i].action;
	}
	return n;
}

bool keymap_has_context(const struct keymap *keymap, const char *context)
{
	return context_index(keymap, context) >= 0;
}

size_t keymap_contexts(const struct keymap *keymap, const char **names, size_t max)
{
	size_t n = 0;

	for (int i = 0; i < keymap->ncontexts && n < max; i++)
		names[n++] = keymap->contexts[i];
	return n;
}
