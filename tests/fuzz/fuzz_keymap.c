/* fuzz_keymap.c - key map text and single overrides on any bytes: the
 * first line splits "context\n" from the text; bindings load or are
 * refused with "origin:line: message", and lookups stay in bounds. */
#include "fuzz_support.h"
#include "keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *body = strchr(text, '\n'), err[256];
	struct keymap *keymap = keymap_new_defaults();
	const char *context = text;

	if (body != NULL)
		*body++ = '\0';
	else
		body = text;
	if (!keymap_load_text(keymap, context, body, "fuzz", err, sizeof err) && err[0] == '\0')
		abort();
	/* The same text as "ACTION KEY" overrides, one per line. */
	for (char *line = body, *next; line != NULL; line = next) {
		char *space;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		space = strchr(line, ' ');
		if (space != NULL) {
			*space = '\0';
			(void)keymap_override(keymap, context, line, space + 1, err, sizeof err);
		}
		(void)key_parse(line);
	}
	for (int key = 0; key < 600; key += 7)
		(void)keymap_lookup(keymap, context, key);
	keymap_free(&keymap);
	free(text);
	return 0;
}
