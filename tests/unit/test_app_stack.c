/*
 * test_app_stack.c - the stack of screens without a terminal: what a
 * handler or callback returns applies to its own screen wherever it is on
 * the stack (closed only after it returned, opened just above it), never
 * to the one on top; a screen already closing opens nothing; a push onto a
 * full stack is refused with a message and frees the argument open() would
 * have owned.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "keymap.h"
#include "xalloc.h"

static int opened, closed, dropped;

static void *fake_open(struct app *app, void *arg)
{
	(void)app;
	opened++;
	free(arg);
	return xcalloc(1, 16);
}

static void fake_close(struct app *app, void *state)
{
	(void)app;
	closed++;
	free(state);
}

static void fake_drop(void *arg)
{
	dropped++;
	free(arg);
}

static const struct screen_ops fake_screen = {
	.name = "fake",
	.title = "Fake",
	.open = fake_open,
	.drop = fake_drop,
	.close = fake_close,
};

static struct app *new_app(struct keymap **keymap)
{
	*keymap = keymap_new_defaults();
	opened = closed = dropped = 0;
	return app_new(NULL, *keymap);
}

static void test_full_stack_frees_the_argument(void **state)
{
	struct keymap *keymap;
	struct app *app = new_app(&keymap);

	(void)state;
	for (int i = 0; i < MAX_DEPTH; i++)
		app_push_with(app, &fake_screen, xcalloc(1, 32));
	assert_int_equal(opened, MAX_DEPTH);
	app_push_with(app, &fake_screen, xcalloc(1, 32));
	assert_int_equal(opened, MAX_DEPTH);
	assert_int_equal(dropped, 1);
	assert_non_null(strstr(app_current_message(app), "Too many screens are open"));
	app_free(&app);
	assert_int_equal(closed, MAX_DEPTH);
	keymap_free(&keymap);
}

static void test_close_waits_for_the_handler(void **state)
{
	struct keymap *keymap;
	struct app *app = new_app(&keymap);
	void *middle, *top;

	(void)state;
	for (int i = 0; i < 3; i++)
		app_push_with(app, &fake_screen, NULL);
	middle = app->stack[1].state;
	top = app->stack[2].state;
	/* Returned by a callback of the middle screen: nothing closes yet. */
	app_react(app, middle, -1, react_close());
	assert_int_equal(closed, 0);
	assert_ptr_equal(app->stack[1].state, middle);
	/* The app settles after the callback: the middle one goes, the top stays. */
	app_settle(app);
	assert_int_equal(closed, 1);
	assert_int_equal(app->depth, 2);
	assert_ptr_equal(app->stack[1].state, top);
	app_free(&app);
	keymap_free(&keymap);
}

static void test_open_goes_above_the_owner(void **state)
{
	struct keymap *keymap;
	struct app *app = new_app(&keymap);
	void *bottom, *top;

	(void)state;
	app_push_with(app, &fake_screen, NULL);
	app_push_with(app, &fake_screen, NULL);
	bottom = app->stack[0].state;
	top = app->stack[1].state;
	/* An answer for the bottom screen opens its next screen above it,
	 * under the one the clerk is looking at. */
	app_react(app, bottom, -1, react_open(&fake_screen, xcalloc(1, 8)));
	assert_int_equal(app->depth, 3);
	assert_ptr_equal(app->stack[0].state, bottom);
	assert_ptr_equal(app->stack[2].state, top);
	assert_int_equal(opened, 3);
	app_free(&app);
	keymap_free(&keymap);
}

static void test_replace_takes_the_owners_place(void **state)
{
	struct keymap *keymap;
	struct app *app = new_app(&keymap);
	void *form, *help;

	(void)state;
	app_push_with(app, &fake_screen, NULL);
	app_push_with(app, &fake_screen, NULL); /* a form */
	app_push_with(app, &fake_screen, NULL); /* help opened over it */
	form = app->stack[1].state;
	help = app->stack[2].state;
	app_react(app, form, -1, react_replace(&fake_screen, NULL));
	app_settle(app);
	assert_int_equal(app->depth, 3);
	assert_int_equal(closed, 1);
	assert_ptr_not_equal(app->stack[1].state, form);
	assert_ptr_equal(app->stack[2].state, help);
	app_free(&app);
	keymap_free(&keymap);
}

static void test_a_closing_screen_opens_nothing(void **state)
{
	struct keymap *keymap;
	struct app *app = new_app(&keymap);
	void *form;

	(void)state;
	app_push_with(app, &fake_screen, NULL);
	app_push_with(app, &fake_screen, NULL);
	form = app->stack[1].state;
	app_react(app, form, -1, react_close());
	/* A second reaction of the same screen before it is gone. */
	app_react(app, form, -1, react_open(&fake_screen, xcalloc(1, 8)));
	assert_int_equal(opened, 2);
	assert_int_equal(dropped, 1);
	app_settle(app);
	assert_int_equal(app->depth, 1);
	/* A callback whose screen is gone: nothing happens to the others. */
	app_react(app, form, -1, react_close());
	app_settle(app);
	assert_int_equal(app->depth, 1);
	app_free(&app);
	keymap_free(&keymap);
}

static void test_a_handler_reacts_by_index(void **state)
{
	struct keymap *keymap;
	struct app *app = new_app(&keymap);

	(void)state;
	/* A screen without state (help, home) is found by its frame. */
	app_push_with(app, &fake_screen, NULL);
	app_push_with(app, &fake_screen, NULL);
	app_react(app, NULL, 1, react_done());
	assert_int_equal(app->depth, 2);
	app_react(app, NULL, 1, react_close());
	app_settle(app);
	assert_int_equal(app->depth, 1);
	app_free(&app);
	keymap_free(&keymap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_stack_frees_the_argument),
		cmocka_unit_test(test_close_waits_for_the_handler),
		cmocka_unit_test(test_open_goes_above_the_owner),
		cmocka_unit_test(test_replace_takes_the_owners_place),
		cmocka_unit_test(test_a_closing_screen_opens_nothing),
		cmocka_unit_test(test_a_handler_reacts_by_index),
	};

	return cmocka_run_group_tests_name("the stack of screens", tests, NULL, NULL);
}
