/*
 * test_screens.c - the screens against the compiled-in key maps: every
 * context belongs to a screen, every action bound in a screen's contexts is
 * one that screen (or the app) handles, and the legend offers only those.
 * A binding that does nothing (a key help lists that no code answers) fails
 * here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "keymap.h"
#include "screen.h"

enum { MAX_NAMES = 64 };

static bool listed(const enum action *list, enum action action)
{
	for (int i = 0; list != NULL && list[i] != ACTION_NONE; i++)
		if (list[i] == action)
			return true;
	return false;
}

/* The screen (or the app itself) answers the action. */
static bool answered(const struct screen_ops *ops, enum action action)
{
	return listed(ops->actions, action) || listed(app_global_actions, action);
}

static bool screen_has_context(const struct screen_ops *ops, const char *context)
{
	if (strcmp(ops->name, context) == 0)
		return true;
	for (int i = 0; ops->contexts != NULL && ops->contexts[i] != NULL; i++)
		if (strcmp(ops->contexts[i], context) == 0)
			return true;
	return false;
}

static void test_screens_declare_their_actions(void **state)
{
	(void)state;
	for (int s = 0; screen_registry[s] != NULL; s++) {
		const struct screen_ops *ops = screen_registry[s];

		if (ops->handle_action != NULL && ops->actions == NULL) {
			print_error("screen %s handles actions but declares none\n", ops->name);
			fail();
		}
	}
}

static void test_every_context_belongs_to_a_screen(void **state)
{
	struct keymap *keymap = keymap_new_defaults();
	const char *names[MAX_NAMES];
	size_t n = keymap_contexts(keymap, names, MAX_NAMES);
	int orphans = 0;

	(void)state;
	assert_true(n > 5);
	for (size_t c = 0; c < n; c++) {
		bool owned = strcmp(names[c], "global") == 0;

		for (int s = 0; !owned && screen_registry[s] != NULL; s++)
			owned = screen_has_context(screen_registry[s], names[c]);
		if (!owned) {
			print_error("key map context %s belongs to no screen\n", names[c]);
			orphans++;
		}
	}
	assert_int_equal(orphans, 0);
	keymap_free(&keymap);
}

static void test_every_binding_is_answered(void **state)
{
	struct keymap *keymap = keymap_new_defaults();
	int dead = 0;

	(void)state;
	for (int s = 0; screen_registry[s] != NULL; s++) {
		const struct screen_ops *ops = screen_registry[s];
		const char *contexts[8] = { ops->name };
		int ncontexts = 1;

		for (int i = 0; ops->contexts != NULL && ops->contexts[i] != NULL && ncontexts < 8;
		     i++)
			contexts[ncontexts++] = ops->contexts[i];
		for (int c = 0; c < ncontexts; c++) {
			enum action bound[ACTION_COUNT];
			size_t n = keymap_actions_in(keymap, contexts[c], bound, ACTION_COUNT);

			for (size_t i = 0; i < n; i++)
				if (!answered(ops, bound[i])) {
					print_error("context %s binds \"%s\", which screen %s does not "
					            "handle\n",
					            contexts[c], action_name(bound[i]), ops->name);
					dead++;
				}
		}
		for (int i = 0; ops->legend != NULL && ops->legend[i] != ACTION_NONE; i++)
			if (!answered(ops, ops->legend[i])) {
				print_error("screen %s offers \"%s\" in its legend without handling it\n",
				            ops->name, action_name(ops->legend[i]));
				dead++;
			}
	}
	assert_int_equal(dead, 0);
	keymap_free(&keymap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_screens_declare_their_actions),
		cmocka_unit_test(test_every_context_belongs_to_a_screen),
		cmocka_unit_test(test_every_binding_is_answered),
	};

	return cmocka_run_group_tests_name("screens and key maps", tests, NULL, NULL);
}
