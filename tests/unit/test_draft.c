/* test_draft.c - the draft JSON codec: round trips, PostgreSQL's output, strict rejection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "draft.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_encode_escapes(void **state)
{
	const char *names[] = { "note", "path" };
	const char *values[] = { "say \"hi\"\n\x01\x1f\tend", "C:\\hr" };
	char *json = draft_encode(names, values, 2);

	(void)state;
	assert_string_equal(json, "{\"note\":\"say \\\"hi\\\"\\u000a\\u0001\\u001f\\u0009end\","
	                          "\"path\":\"C:\\\\hr\"}");
	free(json);
	json = draft_encode(NULL, NULL, 0);
	assert_string_equal(json, "{}");
	free(json);
}

static void test_round_trip(void **state)
{
	const char *names[] = { "surname", "name",  "hangul",
		                "note",    "empty", "\xd0\xbf\xd0\xbe\xd0\xbb\xd0\xb5" };
	const char *values[] = {
		"O'Brien \"Jr.\" \\ slash",
		"\xd0\x90\xd0\xb9\xd0\xb3\xd1\x83\xd0\xbb\xd1\x8c", /* Айгуль */
		"\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80",             /* 김민준 */
		"line 1\nline 2\r\n\ttab \x07 bell \x1b esc \x7f del",
		"",
		"value of a Cyrillic name",
	};
	struct draft_field *fields;
	size_t count;
	char *json = draft_encode(names, values, COUNT(names));

	(void)state;
	assert_non_null(json);
	assert_true(draft_decode(json, &fields, &count));
	assert_int_equal(count, COUNT(names));
	for (size_t i = 0; i < count; i++) {
		assert_string_equal(fields[i].name, names[i]);
		assert_string_equal(fields[i].value, values[i]);
	}
	draft_fields_free(&fields, count);
	assert_null(fields);
	free(json);
}

static void test_postgresql_output(void **state)
{
	/* What SELECT payload::text prints: a space after ':' and ',', short keys first. */
	const char *json =
	        "{\"sex\": \"F\", \"name\": \"\xd0\x90\xd0\xb9\xd0\xb3\xd1\x83\xd0\xbb\xd1\x8c\", "
	        "\"note\": \"a\\nb\\t\\\"c\\\"\\u0001\", \"birth\": \"1990-05-17\"}";
	struct draft_field *fields;
	size_t count;

	(void)state;
	assert_true(draft_decode(json, &fields, &count));
	assert_int_equal(count, 4);
	assert_string_equal(fields[0].name, "sex");
	assert_string_equal(fields[0].value, "F");
	assert_string_equal(fields[1].value, "\xd0\x90\xd0\xb9\xd0\xb3\xd1\x83\xd0\xbb\xd1\x8c");
	assert_string_equal(fields[2].value, "a\nb\t\"c\"\x01");
	assert_string_equal(fields[3].name, "birth");
	draft_fields_free(&fields, count);
	/* Any JSON whitespace, and the empty object. */
	assert_true(draft_decode(" \r\n{\t\"a\"\n:\r\"x\" ,\n\"b\":\"y\"\n}\n", &fields, &count));
	assert_int_equal(count, 2);
	assert_string_equal(fields[1].value, "y");
	draft_fields_free(&fields, count);
	assert_true(draft_decode("{ }", &fields, &count));
	assert_int_equal(count, 0);
	assert_null(fields);
}

static void test_escapes(void **state)
{
	struct draft_field *fields;
	size_t count;

	(void)state;
	assert_true(draft_decode("{\"\\u0041\": \"\\u00e9\\u00E9 \\u0439 \\uac01 \\ud83d\\ude00 "
	                         "\\/ \\b\\f\\r\\n\\t \\\\ \\\"\"}",
	                         &fields, &count));
	assert_int_equal(count, 1);
	assert_string_equal(fields[0].name, "A");
	assert_string_equal(fields[0].value,
	                    "\xc3\xa9\xc3\xa9 \xd0\xb9 \xea\xb0\x81 \xf0\x9f\x98\x80 "
	                    "/ \b\f\r\n\t \\ \"");
	draft_fields_free(&fields, count);
}

static void test_malformed_rejected(void **state)
{
	static const char *const malformed[] = {
		"",
		"{",
		"{\"a\"",
		"{\"a\":",
		"{\"a\":\"x",
		"{\"a\":\"x\"",
		"{\"a\":\"x\",}",
		"{\"a\":\"x\" \"b\":\"y\"}",
		"{\"a\":\"x\",\"b\":1}", /* number after a good field */
		"{\"a\":{\"b\":\"c\"}}", /* nested object */
		"{\"a\":[\"x\"]}",
		"{\"a\":1}",
		"{\"a\":null}",
		"{\"a\":true}",
		"{\"a\":\"x\"} x", /* trailing garbage */
		"{\"a\":\"x\"}}",
		"[]",
		"\"a\"",
		"{'a':'x'}",
		"{a:\"x\"}",
		"{\"a\":\"x\",\"a\":\"y\"}",  /* repeated name */
		"{\"a\":\"x\ny\"}",           /* raw control character */
		"{\"a\":\"\\x\"}",            /* unknown escape */
		"{\"a\":\"\\u12\"}",          /* short \u */
		"{\"a\":\"\\u0000\"}",        /* NUL cannot be in a C string */
		"{\"a\":\"\\ud800\"}",        /* lone high surrogate */
		"{\"a\":\"\\ud800\\u0041\"}", /* high surrogate without its low half */
		"{\"a\":\"\\udc00\"}",        /* lone low surrogate */
		"{\"a\":\"\xff\"}",           /* invalid UTF-8 */
		"{\"a\":\"\xc3\"}",
		"{\"a\":\"x\"}\xff",
	};

	(void)state;
	for (size_t i = 0; i < COUNT(malformed); i++) {
		struct draft_field *fields = (struct draft_field *)&fields; /* not NULL */
		size_t count = 99;

		if (draft_decode(malformed[i], &fields, &count) || fields != NULL || count != 0)
			fail_msg("malformed draft %zu accepted: %s", i, malformed[i]);
	}
}

static void test_encode_refuses_bad_input(void **state)
{
	const char *names[] = { "a", "b" };
	const char *invalid[] = { "x", "\xff" };
	const char *missing[] = { "x", NULL };
	const char *twice[] = { "a", "a" };
	const char *values[] = { "x", "y" };

	(void)state;
	assert_null(draft_encode(names, invalid, 2));
	assert_null(draft_encode(names, missing, 2));
	assert_null(draft_encode(twice, values, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_escapes),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_postgresql_output),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_malformed_rejected),
		cmocka_unit_test(test_encode_refuses_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
