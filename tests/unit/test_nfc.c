/* test_nfc.c - NFC composition of Latin, Hangul and Cyrillic; invalid UTF-8 refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>

#include "nfc.h"

/* Asserts that nfc(input) is `expected`; `normalized` says whether input already was. */
static void assert_nfc(const char *input, const char *expected, bool normalized)
{
	char *got = nfc(input);

	assert_non_null(got);
	assert_string_equal(got, expected);
	free(got);
	assert_int_equal(nfc_is_normalized(input), normalized);
	assert_true(nfc_is_normalized(expected));
}

static void test_latin_combining_acute(void **state)
{
	(void)state;
	assert_nfc("Jose\xcc\x81", "Jos\xc3\xa9", false); /* e + U+0301 -> U+00E9 */
	assert_nfc("e\xcc\x81", "\xc3\xa9", false);
}

static void test_hangul_jamo_compose(void **state)
{
	(void)state;
	/* U+1100 U+1161 U+11A8 (conjoining jamo) -> U+AC01 각 */
	assert_nfc("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "\xea\xb0\x81", false);
	/* A leading consonant and vowel alone -> U+AC00 가 */
	assert_nfc("\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80", false);
}

static void test_cyrillic_short_i(void **state)
{
	(void)state;
	/* и (U+0438) + combining breve U+0306 -> й (U+0439), inside a word. */
	assert_nfc("\xd0\x90\xd0\xb8\xcc\x86\xd0\xb3\xd1\x83\xd0\xbb\xd1\x8c",
	           "\xd0\x90\xd0\xb9\xd0\xb3\xd1\x83\xd0\xbb\xd1\x8c", false); /* Айгуль */
}

static void test_already_normal_text_unchanged(void **state)
{
	(void)state;
	assert_nfc("Aigerim", "Aigerim", true);
	assert_nfc("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", true);
	assert_nfc("\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80", "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80",
	           true); /* 김민준 */
	assert_nfc("", "", true);
}

static void test_reordering_of_marks(void **state)
{
	(void)state;
	/* a + dot below + dot above is canonical: ạ then U+0307 (ordering by class). */
	assert_nfc("a\xcc\x87\xcc\xa3", "\xe1\xba\xa1\xcc\x87", false);
}

static void test_invalid_utf8_refused(void **state)
{
	static const char *const invalid[] = {
		"a\xff"
		"b",                /* never a UTF-8 byte */
		"\xc3",             /* truncated sequence */
		"\xc0\xaf",         /* overlong '/' */
		"\xed\xa0\x80",     /* UTF-16 surrogate */
		"\xf4\x90\x80\x80", /* beyond U+10FFFF */
	};

	(void)state;
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		errno = 0;
		assert_null(nfc(invalid[i]));
		assert_int_equal(errno, EILSEQ);
		assert_false(nfc_is_normalized(invalid[i]));
	}
	assert_null(nfc(NULL));
	assert_false(nfc_is_normalized(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latin_combining_acute),
		cmocka_unit_test(test_hangul_jamo_compose),
		cmocka_unit_test(test_cyrillic_short_i),
		cmocka_unit_test(test_already_normal_text_unchanged),
		cmocka_unit_test(test_reordering_of_marks),
		cmocka_unit_test(test_invalid_utf8_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
