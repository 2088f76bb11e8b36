/*
 * test_app_stack.c - the stack of screens without a terminal: a screen
 * closes itself only after its handler returned, wherever it is on the
 * stack; a push onto a full stack is refused with a message and frees the
 * argument open() would have owned.
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
	void *middle;

	(void)state;
	for (int i = 0; i < 3; i++)
		app_push_with(app, &fake_screen, NULL);
	middle = app->stack[1].state;
	/* Asked from a callback of the middle screen: nothing closes yet. */
	app_close(app, middle);
	assert_int_equal(closed, 0);
	assert_ptr_equal(app->stack[1].state, middle);
	/* The app settles after the callback: the middle one goes, the top stays. */
	app_settle(app);
	assert_int_equal(closed, 1);
	assert_int_equal(app->depth, 2);
	assert_ptr_not_equal(app->stack[1].state, middle);
	app_free(&app);
	keymap_free(&keymap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_stack_frees_the_argument),
		cmocka_unit_test(test_close_waits_for_the_handler),
	};

	return cmocka_run_group_tests_name("the stack of screens", tests, NULL, NULL);
}
