/*
 * test_editkeys.c - the editing keys of a field (tui/editline.c, through
 * form_edit_key as the screens call it): Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-A
 * and Home, Ctrl-E and End, Ctrl-Left and Ctrl-Right, by whole characters;
 * the keys a field does not take stay the screen's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "editline.h"
#include "form.h"
#include "keymap.h"

enum {
	CTRL_A = 1,
	CTRL_E = 5,
	CTRL_K = 11,
	CTRL_L = 12,
	CTRL_N = 14,
	CTRL_Q = 17,
	CTRL_U = 21,
	CTRL_W = 23,
};

#define JOSE_COMBINING "Jose\xcc\x81"                         /* e + U+0301 */
#define KIM            "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80" /* 김민준 */
#define IVAN           "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"     /* Иван */

/* A form of one field holding value, the cursor at its end. */
static void one_field(struct form *form, const char *label, const char *value)
{
	form_init(form, 1);
	form_set_field(form, 0, label, value, 0);
}

/* Presses key in the field; it must be taken. */
static void press(struct form *form, int key)
{
	assert_true(form_edit_key(form, key));
}

/* Moves the cursor to byte offset `at` with Ctrl-A and Right. */
static void cursor_to(struct form *form, size_t at)
{
	press(form, CTRL_A);
	while (form->fields[0].line.cursor < at)
		press(form, KEY_CODE_RIGHT);
	assert_int_equal(form->fields[0].line.cursor, at);
}

/* A date field is cleared with one key. */
static void test_ctrl_u_clears_a_date(void **state)
{
	struct form form;

	(void)state;
	one_field(&form, "Birth date", "31.02.1990");
	press(&form, CTRL_U);
	assert_string_equal(form_value(&form, 0), "");
	assert_int_equal(form.fields[0].line.cursor, 0);
	assert_true(form_field_changed(&form, 0));
	/* Nothing left before the cursor: still the field's key. */
	press(&form, CTRL_U);
	assert_string_equal(form_value(&form, 0), "");
	form_free(&form);
}

static void test_ctrl_u_and_ctrl_k_from_the_middle(void **state)
{
	struct form form;

	(void)state;
	one_field(&form, "Given name", "Anna Maria");
	cursor_to(&form, 5);
	press(&form, CTRL_U);
	assert_string_equal(form_value(&form, 0), "Maria");
	assert_int_equal(form.fields[0].line.cursor, 0);
	press(&form, KEY_CODE_RIGHT);
	press(&form, KEY_CODE_RIGHT);
	press(&form, CTRL_K);
	assert_string_equal(form_value(&form, 0), "Ma");
	assert_int_equal(form.fields[0].line.cursor, 2);
	press(&form, CTRL_K);
	assert_string_equal(form_value(&form, 0), "Ma");
	form_free(&form);
}

static void test_ctrl_w_deletes_the_word_before(void **state)
{
	struct form form;

	(void)state;
	one_field(&form, "Address", "12 Abai Avenue  ");
	press(&form, CTRL_W); /* the blanks after the word go with it */
	assert_string_equal(form_value(&form, 0), "12 Abai ");
	press(&form, CTRL_W);
	assert_string_equal(form_value(&form, 0), "12 ");
	press(&form, CTRL_W);
	assert_string_equal(form_value(&form, 0), "");
	press(&form, CTRL_W);
	assert_string_equal(form_value(&form, 0), "");
	form_free(&form);

	/* A word runs to a blank, as in a shell: a double surname goes whole;
	 * from the middle of a word, only its part before the cursor. */
	one_field(&form, "Surname", "Ivanova-Petrova Anna");
	cursor_to(&form, 15);
	press(&form, CTRL_W);
	assert_string_equal(form_value(&form, 0), " Anna");
	assert_int_equal(form.fields[0].line.cursor, 0);
	form_free(&form);

	one_field(&form, "Surname", "Petrova");
	cursor_to(&form, 3);
	press(&form, CTRL_W);
	assert_string_equal(form_value(&form, 0), "rova");
	form_free(&form);
}

static void test_start_and_end(void **state)
{
	struct form form;

	(void)state;
	one_field(&form, "Surname", "Smith");
	press(&form, CTRL_A);
	assert_int_equal(form.fields[0].line.cursor, 0);
	press(&form, 'X');
	assert_string_equal(form_value(&form, 0), "XSmith");
	press(&form, CTRL_E);
	assert_int_equal(form.fields[0].line.cursor, 6);
	press(&form, KEY_CODE_HOME);
	assert_int_equal(form.fields[0].line.cursor, 0);
	press(&form, KEY_CODE_END);
	assert_int_equal(form.fields[0].line.cursor, 6);
	form_free(&form);
}

static void test_word_moves(void **state)
{
	struct form form;
	struct editline *line;

	(void)state;
	one_field(&form, "Name", "Anna-Maria  Smith");
	line = &form.fields[0].line;
	press(&form, KEY_CODE_WORD_LEFT);
	assert_int_equal(line->cursor, 12);
	press(&form, KEY_CODE_WORD_LEFT);
	assert_int_equal(line->cursor, 5);
	press(&form, KEY_CODE_WORD_LEFT);
	assert_int_equal(line->cursor, 0);
	press(&form, KEY_CODE_WORD_LEFT);
	assert_int_equal(line->cursor, 0);
	press(&form, KEY_CODE_WORD_RIGHT);
	assert_int_equal(line->cursor, 4);
	press(&form, KEY_CODE_WORD_RIGHT);
	assert_int_equal(line->cursor, 10);
	press(&form, KEY_CODE_WORD_RIGHT);
	assert_int_equal(line->cursor, 17);
	press(&form, KEY_CODE_WORD_RIGHT);
	assert_int_equal(line->cursor, 17);
	/* A date: its numbers are words. */
	form_set_value(&form, 0, "01.02.1990", false);
	press(&form, KEY_CODE_WORD_LEFT);
	assert_int_equal(line->cursor, 6);
	press(&form, KEY_CODE_WORD_LEFT);
	assert_int_equal(line->cursor, 3);
	form_free(&form);
}

/* Cyrillic, Hangul and combining marks: words and cuts by whole characters. */
static void test_whole_characters(void **state)
{
	struct form form;
	struct editline *line;

	(void)state;
	one_field(&form, "Name", IVAN " " JOSE_COMBINING " " KIM);
	line = &form.fields[0].line;
	press(&form, KEY_CODE_WORD_LEFT);
	assert_string_equal(line->text + line->cursor, KIM);
	press(&form, KEY_CODE_WORD_LEFT);
	assert_string_equal(line->text + line->cursor, JOSE_COMBINING " " KIM);
	press(&form, KEY_CODE_WORD_RIGHT);
	assert_string_equal(line->text + line->cursor, " " KIM);
	press(&form, CTRL_W);
	assert_string_equal(form_value(&form, 0), IVAN " "
	                                               " " KIM);
	press(&form, CTRL_E);
	press(&form, KEY_CODE_LEFT);
	press(&form, CTRL_K);
	assert_string_equal(form_value(&form, 0), IVAN "  "
	                                               "\xea\xb9\x80\xeb\xaf\xbc");
	press(&form, CTRL_U);
	assert_string_equal(form_value(&form, 0), "");
	form_free(&form);
}

/* Keys that are the screen's or the program's stay theirs; a read-only
 * field takes nothing. */
static void test_other_keys_pass(void **state)
{
	static const int passing[] = { CTRL_L,         CTRL_Q,        CTRL_N,
		                       KEY_CODE_ENTER, KEY_CODE_TAB,  KEY_CODE_BTAB,
		                       KEY_CODE_ESC,   KEY_CODE_F(1), KEY_CODE_F(3),
		                       KEY_CODE_UP,    KEY_CODE_DOWN, KEY_CODE_PAGE_UP,
		                       KEY_CODE_INSERT };
	struct form form;

	(void)state;
	one_field(&form, "Surname", "Smith");
	for (size_t i = 0; i < sizeof passing / sizeof passing[0]; i++)
		assert_false(form_edit_key(&form, passing[i]));
	assert_string_equal(form_value(&form, 0), "Smith");
	form.fields[0].read_only = true;
	assert_false(form_edit_key(&form, CTRL_U));
	assert_false(form_edit_key(&form, 'x'));
	assert_string_equal(form_value(&form, 0), "Smith");
	form_free(&form);
}

/* editline_key tells a change from a move, for fields outside forms. */
static void test_editline_key_results(void **state)
{
	struct editline line;

	(void)state;
	editline_init(&line, 3);
	assert_int_equal(editline_key(&line, 'a'), EDITLINE_CHANGED);
	assert_int_equal(editline_key(&line, KEY_CODE_LEFT), EDITLINE_USED);
	assert_int_equal(editline_key(&line, CTRL_U), EDITLINE_USED);
	assert_int_equal(editline_key(&line, CTRL_K), EDITLINE_CHANGED);
	assert_string_equal(line.text, "");
	assert_int_equal(editline_key(&line, CTRL_W), EDITLINE_USED);
	editline_set(&line, "abc");
	assert_int_equal(editline_key(&line, 'd'), EDITLINE_USED); /* full */
	assert_int_equal(editline_key(&line, KEY_CODE_F(5)), EDITLINE_PASS);
	assert_int_equal(editline_key(&line, 7), EDITLINE_PASS);
	assert_int_equal(editline_key(&line, 127), EDITLINE_PASS);
	editline_free(&line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctrl_u_clears_a_date),
		cmocka_unit_test(test_ctrl_u_and_ctrl_k_from_the_middle),
		cmocka_unit_test(test_ctrl_w_deletes_the_word_before),
		cmocka_unit_test(test_start_and_end),
		cmocka_unit_test(test_word_moves),
		cmocka_unit_test(test_whole_characters),
		cmocka_unit_test(test_other_keys_pass),
		cmocka_unit_test(test_editline_key_results),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
