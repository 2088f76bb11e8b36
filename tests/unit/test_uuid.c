/* test_uuid.c - version 4 UUID text: format, version and variant bits, no repeats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "uuid.h"

enum { MANY = 1000 };

/* Asserts 8-4-4-4-12 lower-case hex, version nibble 4 and variant 8, 9, a or b. */
static void assert_uuid_v4(const char *text)
{
	assert_int_equal(strlen(text), 36);
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(text[i], '-');
		else if (strchr("0123456789abcdef", text[i]) == NULL)
			fail_msg("not lower-case hex at %d: %s", i, text);
	}
	assert_int_equal(text[14], '4');
	assert_non_null(strchr("89ab", text[19]));
}

static void test_format_sets_version_and_variant(void **state)
{
	unsigned char zeros[16] = { 0 }, ones[16], counting[16];
	char text[UUID_TEXT_SIZE];

	(void)state;
	memset(ones, 0xff, sizeof ones);
	for (int i = 0; i < 16; i++)
		counting[i] = (unsigned char)(i * 17);
	uuid_format(zeros, text);
	assert_string_equal(text, "00000000-0000-4000-8000-000000000000");
	uuid_format(ones, text);
	assert_string_equal(text, "ffffffff-ffff-4fff-bfff-ffffffffffff");
	uuid_format(counting, text);
	assert_string_equal(text, "00112233-4455-4677-8899-aabbccddeeff");
	assert_int_equal(counting[6], 0x66); /* the input is left alone */
}

static int compare_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_random_ids_are_valid_and_distinct(void **state)
{
	char(*ids)[UUID_TEXT_SIZE] = calloc(MANY, sizeof *ids);

	(void)state;
	assert_non_null(ids);
	for (int i = 0; i < MANY; i++) {
		assert_true(uuid_v4(ids[i]));
		assert_uuid_v4(ids[i]);
	}
	qsort(ids, MANY, sizeof *ids, compare_text);
	for (int i = 1; i < MANY; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fail_msg("repeated id %s", ids[i]);
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_sets_version_and_variant),
		cmocka_unit_test(test_random_ids_are_valid_and_distinct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
