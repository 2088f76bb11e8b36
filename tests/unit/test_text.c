/* test_text.c - display width, cutting, wrapping, grapheme editing, legend layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "editline.h"
#include "legend.h"
#include "width.h"

/* "José" with a combining acute accent (e + U+0301), Hangul, Cyrillic. */
#define JOSE_COMBINING "Jose\xcc\x81"
#define KIM            "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80" /* 김민준 */
#define IVAN           "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"     /* Иван */

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Aigerim"), 7);
	assert_int_equal(text_width(IVAN), 4);
	assert_int_equal(text_width(KIM), 6);
	assert_int_equal(text_width(JOSE_COMBINING), 4);
	/* An invalid byte takes one column (shown as a replacement). */
	assert_int_equal(text_width("a\xff"
	                            "b"),
	                 3);
}

static void test_fit_never_splits(void **state)
{
	int used;

	(void)state;
	/* A Hangul syllable is two columns: 5 columns hold two of them. */
	assert_int_equal(text_fit(KIM, 5, &used), 6);
	assert_int_equal(used, 4);
	/* The accent stays with its letter. */
	assert_int_equal(text_fit(JOSE_COMBINING, 4, &used), strlen(JOSE_COMBINING));
	assert_int_equal(text_fit(JOSE_COMBINING, 3, &used), 3);
	assert_int_equal(text_fit(IVAN, 2, &used), 4);
}

static void test_truncate_marks_the_cut(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(text_truncate("Ministry of Environment", 10, buf, sizeof buf), 10);
	assert_string_equal(buf, "Ministry ~");
	assert_int_equal(text_truncate("MOE", 10, buf, sizeof buf), 3);
	assert_string_equal(buf, "MOE");
	/* 김민준 in 5 columns: one syllable and the marker (a second would need 2+1). */
	assert_int_equal(text_truncate(KIM, 5, buf, sizeof buf), 5);
	assert_string_equal(buf, "\xea\xb9\x80\xeb\xaf\xbc~");
	assert_int_equal(text_truncate("x", 0, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
}

static void test_wrap(void **state)
{
	const char *text = "The database server cannot be reached.";
	size_t next, len;

	(void)state;
	len = text_wrap(text, 20, &next);
	assert_int_equal(len, strlen("The database server"));
	assert_int_equal(next, len + 1);
	len = text_wrap(text + next, 20, &next);
	assert_int_equal(len, strlen("cannot be reached."));
	/* A word longer than the line is cut inside. */
	len = text_wrap("abcdefghij", 4, &next);
	assert_int_equal(len, 4);
	assert_int_equal(next, 4);
	assert_int_equal(text_wrap("", 10, &next), 0);
}

static void test_grapheme_boundaries(void **state)
{
	(void)state;
	assert_int_equal(grapheme_next(JOSE_COMBINING + 3), 3); /* e + U+0301 */
	assert_int_equal(grapheme_prev(JOSE_COMBINING, strlen(JOSE_COMBINING)), 3);
	assert_int_equal(grapheme_next(KIM), 3);
	assert_int_equal(grapheme_next(""), 0);
}

static void test_editline_deletes_whole_characters(void **state)
{
	struct editline line;

	(void)state;
	editline_init(&line, 0);
	editline_set(&line, JOSE_COMBINING);
	assert_true(editline_backspace(&line));
	assert_string_equal(line.text, "Jos"); /* the accent went with its e */
	editline_set(&line, KIM);
	assert_int_equal(editline_cursor_column(&line), 6);
	editline_left(&line);
	assert_int_equal(editline_cursor_column(&line), 4);
	assert_true(editline_backspace(&line));
	assert_string_equal(line.text, "\xea\xb9\x80\xec\xa4\x80"); /* 김준 */
	editline_home(&line);
	assert_false(editline_backspace(&line));
	assert_true(editline_delete(&line));
	assert_string_equal(line.text, "\xec\xa4\x80");
	/* Typing: a combining mark joins the letter before it. */
	editline_set(&line, "");
	assert_true(editline_insert(&line, 'e'));
	assert_true(editline_insert(&line, 0x301));
	assert_int_equal(editline_cursor_column(&line), 1);
	editline_left(&line);
	assert_int_equal(line.cursor, 0);
	editline_end(&line);
	assert_int_equal(line.cursor, 3);
	/* Control characters are not text. */
	assert_false(editline_insert(&line, 7));
	editline_free(&line);
}

static void test_editline_limit(void **state)
{
	struct editline line;

	(void)state;
	editline_init(&line, 4);
	assert_true(editline_insert(&line, 0x436)); /* ж, 2 bytes */
	assert_true(editline_insert(&line, 0x436));
	assert_false(editline_insert(&line, 'x')); /* would be 5 bytes */
	assert_string_equal(line.text, "\xd0\xb6\xd0\xb6");
	editline_free(&line);
}

static void test_legend_layout(void **state)
{
	struct legend_item items[] = {
		{ "F1", "Help", 0 },
		{ "F3", "Quit", 0 },
		{ "F5", "Reload", 0 },
		{ "F10", "Menu", 0 },
	};

	(void)state;
	assert_int_equal(legend_layout(items, 4, 80), 4);
	assert_int_equal(items[0].column, 0);
	assert_int_equal(items[1].column, 8); /* "F1 Help" + one blank */
	assert_int_equal(items[2].column, 16);
	assert_int_equal(items[3].column, 26);
	/* Only what fits whole is placed. */
	assert_int_equal(legend_layout(items, 4, 20), 2);
	assert_int_equal(items[2].column, -1);
	assert_int_equal(items[3].column, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_truncate_marks_the_cut),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_grapheme_boundaries),
		cmocka_unit_test(test_editline_deletes_whole_characters),
		cmocka_unit_test(test_editline_limit),
		cmocka_unit_test(test_legend_layout),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
