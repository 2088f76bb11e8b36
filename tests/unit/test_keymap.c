/* test_keymap.c - action and key names, the compiled-in key maps, overrides. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "embed.h"
#include "keymap.h"

static void test_action_names_round_trip(void **state)
{
	(void)state;
	for (int a = 1; a < ACTION_COUNT; a++) {
		assert_int_equal(action_from_name(action_name((enum action)a)), a);
		assert_true(strlen(action_label((enum action)a)) > 0);
		assert_true(strlen(action_help((enum action)a)) > 0);
	}
	assert_int_equal(action_from_name("no_such_action"), ACTION_NONE);
	assert_string_equal(action_name(ACTION_COUNT), "");
}

static void test_key_names(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(key_parse("F1"), KEY_CODE_F(1));
	assert_int_equal(key_parse("f12"), KEY_CODE_F(12));
	assert_int_equal(key_parse("F13"), -1);
	assert_int_equal(key_parse("F0"), -1);
	assert_int_equal(key_parse("C-l"), 12);
	assert_int_equal(key_parse("Enter"), KEY_CODE_ENTER);
	assert_int_equal(key_parse("pgdn"), KEY_CODE_PAGE_DOWN);
	assert_int_equal(key_parse("/"), '/');
	assert_int_equal(key_parse("Space"), ' ');
	assert_int_equal(key_parse("ж"), 0x436);
	assert_int_equal(key_parse("ab"), -1);
	assert_int_equal(key_parse(""), -1);
	assert_int_equal(key_parse("C-1"), -1);
	/* Every name formats back to itself. */
	const char *names[] = { "F1", "F10", "Enter", "BTab", "PgUp", "C-q", ":", "Esc" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		key_format(key_parse(names[i]), buf, sizeof buf);
		assert_string_equal(buf, names[i]);
	}
}

static void test_defaults_follow_design(void **state)
{
	struct keymap *keymap = keymap_new_defaults();

	(void)state;
	/* The function keys the design promises on every screen. */
	assert_int_equal(keymap_lookup(keymap, "home", KEY_CODE_F(1)), ACTION_HELP);
	assert_int_equal(keymap_lookup(keymap, "help", KEY_CODE_F(3)), ACTION_BACK);
	assert_int_equal(keymap_lookup(keymap, "form", KEY_CODE_F(2)), ACTION_SAVE);
	assert_int_equal(keymap_lookup(keymap, "form", KEY_CODE_F(4)), ACTION_LOOKUP);
	assert_int_equal(keymap_lookup(keymap, "order_form", KEY_CODE_F(6)), ACTION_COPY_PREVIOUS);
	assert_int_equal(keymap_lookup(keymap, "global", KEY_CODE_F(5)), ACTION_REFRESH);
	assert_int_equal(keymap_lookup(keymap, "global", KEY_CODE_F(10)), ACTION_MENU);
	assert_int_equal(keymap_lookup(keymap, "global", KEY_CODE_F(12)), ACTION_CANCEL);
	assert_int_equal(keymap_lookup(keymap, "global", ':'), ACTION_JUMP);
	/* A context binding wins over the global one for the same key. */
	assert_int_equal(keymap_lookup(keymap, "home", KEY_CODE_F(3)), ACTION_QUIT);
	assert_int_equal(keymap_lookup(keymap, "global", KEY_CODE_F(3)), ACTION_BACK);
	/* Unknown contexts fall back to global. */
	assert_int_equal(keymap_lookup(keymap, "nowhere", KEY_CODE_F(1)), ACTION_HELP);
	assert_int_equal(keymap_lookup(keymap, "home", 'x'), ACTION_NONE);
	assert_true(keymap_has_context(keymap, "global"));
	assert_false(keymap_has_context(keymap, "nowhere"));
	keymap_free(&keymap);
	assert_null(keymap);
}

static void test_every_default_file_parses(void **state)
{
	(void)state;
	for (const struct embedded_file *f = embedded_keymaps; f->name != NULL; f++) {
		struct keymap *keymap = keymap_new_defaults();
		char err[256] = "";

		assert_true(keymap_load_text(keymap, "check", f->text, f->name, err, sizeof err));
		keymap_free(&keymap);
	}
}

static void test_parse_errors_name_the_line(void **state)
{
	struct keymap *keymap = keymap_new_defaults();
	char err[256];

	(void)state;
	assert_false(keymap_load_text(keymap, "home", "# c\nhelp F1\nfly F2\n", "x.keys", err,
	                              sizeof err));
	assert_string_equal(err, "x.keys:3: unknown action \"fly\"");
	assert_false(keymap_load_text(keymap, "home", "help F99\n", "y.keys", err, sizeof err));
	assert_string_equal(err, "y.keys:1: unknown key \"F99\"");
	assert_false(keymap_load_text(keymap, "home", "\n\nhelp\n", "z.keys", err, sizeof err));
	assert_string_equal(err, "z.keys:3: action \"help\" has no key");
	keymap_free(&keymap);
}

static void test_override_replaces_and_moves_the_legend(void **state)
{
	struct keymap *keymap = keymap_new_defaults();
	char err[256];

	(void)state;
	assert_true(keymap_override(keymap, "global", "help", "F9", err, sizeof err));
	assert_int_equal(keymap_lookup(keymap, "home", KEY_CODE_F(9)), ACTION_HELP);
	assert_int_equal(keymap_lookup(keymap, "home", KEY_CODE_F(1)), ACTION_NONE);
	assert_int_equal(keymap_key_for(keymap, "home", ACTION_HELP), KEY_CODE_F(9));
	/* A second key for the same action adds to the first override. */
	assert_true(keymap_override(keymap, "global", "help", "?", err, sizeof err));
	assert_int_equal(keymap_lookup(keymap, "home", '?'), ACTION_HELP);
	assert_int_equal(keymap_lookup(keymap, "home", KEY_CODE_F(9)), ACTION_HELP);
	/* Taking a key from another action unbinds it there. */
	assert_true(keymap_override(keymap, "global", "menu", "F5", err, sizeof err));
	assert_int_equal(keymap_lookup(keymap, "home", KEY_CODE_F(5)), ACTION_MENU);
	assert_int_equal(keymap_key_for(keymap, "home", ACTION_REFRESH), -1);
	/* Bad names are refused with the reason. */
	assert_false(keymap_override(keymap, "global", "fly", "F2", err, sizeof err));
	assert_string_equal(err, "unknown action \"fly\"");
	assert_false(keymap_override(keymap, "global", "help", "Hyper-x", err, sizeof err));
	assert_string_equal(err, "unknown key \"Hyper-x\"");
	assert_false(keymap_override(keymap, "nowhere", "help", "F2", err, sizeof err));
	keymap_free(&keymap);
}

static void test_key_for_prefers_function_keys(void **state)
{
	struct keymap *keymap = keymap_new_defaults();
	int keys[4];

	(void)state;
	/* help context binds back to F3 and Esc: the legend shows F3. */
	assert_int_equal(keymap_key_for(keymap, "help", ACTION_BACK), KEY_CODE_F(3));
	assert_int_equal(keymap_keys_of(keymap, "help", ACTION_BACK, keys, 4), 2);
	assert_int_equal(keymap_key_for(keymap, "home", ACTION_SAVE), -1);
	keymap_free(&keymap);
}

static void test_parent_contexts(void **state)
{
	struct keymap *keymap = keymap_new_defaults();
	char err[256];
	int keys[4];

	(void)state;
	assert_true(keymap_load_text(keymap, "base", "save F2\nback F3 Esc\nlookup F4\n", "base",
	                             err, sizeof err));
	assert_true(keymap_load_text(keymap, "child", "parent base\nsave F5\n", "child", err,
	                             sizeof err));
	/* Its own binding of an action hides the parent's keys for it ... */
	assert_int_equal(keymap_lookup(keymap, "child", KEY_CODE_F(5)), ACTION_SAVE);
	assert_int_equal(keymap_lookup(keymap, "child", KEY_CODE_F(2)), ACTION_NONE);
	assert_int_equal(keymap_key_for(keymap, "child", ACTION_SAVE), KEY_CODE_F(5));
	/* ... the rest is the parent's, then global's. */
	assert_int_equal(keymap_lookup(keymap, "child", KEY_CODE_ESC), ACTION_BACK);
	assert_int_equal(keymap_keys_of(keymap, "child", ACTION_BACK, keys, 4), 2);
	assert_int_equal(keymap_lookup(keymap, "child", KEY_CODE_F(1)), ACTION_HELP);
	/* An override in the parent reaches every child. */
	assert_true(keymap_override(keymap, "base", "lookup", "F6", err, sizeof err));
	assert_int_equal(keymap_lookup(keymap, "child", KEY_CODE_F(6)), ACTION_LOOKUP);
	assert_int_equal(keymap_lookup(keymap, "child", KEY_CODE_F(4)), ACTION_NONE);
	/* No cycle, one name. */
	assert_false(keymap_load_text(keymap, "base", "parent child\n", "base", err, sizeof err));
	assert_non_null(strstr(err, "cannot be its own parent"));
	assert_false(keymap_load_text(keymap, "other", "parent\n", "other", err, sizeof err));
	assert_non_null(strstr(err, "parent needs one context name"));
	/* The forms of the program share the form keys. */
	assert_int_equal(keymap_lookup(keymap, "entry", KEY_CODE_F(2)), ACTION_SAVE);
	assert_int_equal(keymap_lookup(keymap, "order_form", KEY_CODE_ENTER), ACTION_SELECT);
	assert_int_equal(keymap_lookup(keymap, "order_form", KEY_CODE_F(3)), ACTION_BACK);
	assert_int_equal(keymap_lookup(keymap, "reorg", KEY_CODE_DOWN), ACTION_NEXT_FIELD);
	keymap_free(&keymap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_names_round_trip),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_defaults_follow_design),
		cmocka_unit_test(test_every_default_file_parses),
		cmocka_unit_test(test_parse_errors_name_the_line),
		cmocka_unit_test(test_override_replaces_and_moves_the_legend),
		cmocka_unit_test(test_key_for_prefers_function_keys),
		cmocka_unit_test(test_parent_contexts),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
