/*
 * test_validate.c - personal ID numbers of every scheme (the shared cases
 * of tests/validation_cases.h, which the db tests hold the database to),
 * and each field validator with its edge cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../validation_cases.h"
#include "validate.h"

static struct date ymd(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* Fails with the case's text when `ok` differs from `expected` or the reason differs. */
static void expect(const char *what, const char *text, bool ok, const char *reason,
                   const char *expected)
{
	if (ok != (expected == NULL) || (!ok && strcmp(reason, expected) != 0))
		fail_msg("%s \"%s\": expected %s, got %s", what, text,
		         expected ? expected : "valid", ok ? "valid" : reason);
}

static void test_id_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < CASES(id_cases); i++) {
		const struct id_case *c = &id_cases[i];
		struct date birth;
		char gender, iso[DATE_TEXT_SIZE], *normal;
		const char *why = "";
		bool ok = personal_id_check(c->scheme, c->text, &birth, &gender, &why);

		expect(personal_id_scheme_name(c->scheme), c->text, ok, why, c->reason);
		normal = personal_id_normalise(c->scheme, c->text);
		assert_string_equal(normal, c->normalised);
		free(normal);
		if (ok && c->birth != NULL) {
			assert_string_equal(date_to_iso(birth, iso, sizeof iso), c->birth);
			assert_int_equal(gender, c->gender);
		} else {
			assert_int_equal(birth.year, 0);
			assert_int_equal(gender, '\0');
		}
	}
}

/*
 * The published IIN rule has two blind spots, so a changed digit passes
 * when the 11th digit changed (its first weight, 11, is 0 mod 11:
 * 900101300126 -> 900101300106) or when the changed number's first sum is
 * 10 mod 11 and the second weights happen to give the same check digit
 * (900101300126 -> 900131300126).
 */
static bool iin_blind_spot(enum personal_id_scheme scheme, const char *id, size_t changed)
{
	int sum = 0;

	for (int i = 0; i < 11; i++)
		sum += (id[i] - '0') * (i + 1);
	return scheme == PERSONAL_ID_KZ_IIN && (changed == 10 || sum % 11 == 10);
}

/*
 * Changing any one digit of a valid PINFL is caught by its check digit, and
 * of a valid IIN too outside the rule's blind spots.
 */
static void test_every_single_digit_error_is_caught(void **state)
{
	static const struct {
		enum personal_id_scheme scheme;
		const char *valid;
	} numbers[] = { { PERSONAL_ID_KZ_IIN, "900101300126" },
		        { PERSONAL_ID_KZ_IIN, "851231401238" },
		        { PERSONAL_ID_UZ_PINFL, "31501901234566" },
		        { PERSONAL_ID_UZ_PINFL, "60102031112223" } };

	(void)state;
	for (size_t n = 0; n < sizeof numbers / sizeof numbers[0]; n++) {
		char copy[16];

		assert_true(
		        personal_id_check(numbers[n].scheme, numbers[n].valid, NULL, NULL, NULL));
		for (size_t i = 0; numbers[n].valid[i] != '\0'; i++) {
			for (char d = '0'; d <= '9'; d++) {
				if (d == numbers[n].valid[i])
					continue;
				strcpy(copy, numbers[n].valid);
				copy[i] = d;
				if (personal_id_check(numbers[n].scheme, copy, NULL, NULL, NULL) &&
				    !iin_blind_spot(numbers[n].scheme, copy, i))
					fail_msg("%s accepted", copy);
			}
		}
	}
}

static void test_scheme_names(void **state)
{
	enum personal_id_scheme scheme;

	(void)state;
	for (int i = PERSONAL_ID_NONE; i <= PERSONAL_ID_KR_RRN; i++) {
		assert_true(personal_id_scheme_from_name(
		        personal_id_scheme_name((enum personal_id_scheme)i), &scheme));
		assert_int_equal(scheme, i);
	}
	assert_string_equal(personal_id_scheme_name(PERSONAL_ID_UZ_PINFL), "uz_pinfl");
	assert_false(personal_id_scheme_from_name("ru_snils", &scheme));
	assert_string_equal(personal_id_label(PERSONAL_ID_KZ_IIN), "IIN");
	assert_false(personal_id_check(PERSONAL_ID_KZ_IIN, " ", NULL, NULL, NULL));
	assert_false(personal_id_check(PERSONAL_ID_NONE, "", NULL, NULL, NULL));
}

static void test_id_agrees_with_person(void **state)
{
	struct date born = ymd(1990, 1, 1), other = ymd(1990, 1, 2);
	char reason[VALIDATE_REASON_SIZE];
	const char *why;

	(void)state;
	assert_true(personal_id_agrees(PERSONAL_ID_KZ_IIN, "900101300126", &born, 'M', &why));
	assert_true(personal_id_agrees(PERSONAL_ID_KZ_IIN, "900101300126", NULL, '\0', &why));
	assert_false(personal_id_agrees(PERSONAL_ID_KZ_IIN, "900101300126", &other, 'M', &why));
	assert_string_equal(why, "Birth date differs from the one in the ID number");
	assert_false(personal_id_agrees(PERSONAL_ID_KZ_IIN, "900101300126", &born, 'F', &why));
	assert_string_equal(why, "Gender differs from the one in the ID number");
	assert_false(personal_id_agrees(PERSONAL_ID_KZ_IIN, "900101300127", &born, 'M', &why));
	assert_string_equal(why, "IIN check digit does not match");
	/* "none" encodes nothing, so it agrees with anything. */
	assert_true(personal_id_agrees(PERSONAL_ID_NONE, "X1", &other, 'F', &why));
	/* The field validator: empty passes, the rest as above. */
	assert_true(
	        validate_personal_id(PERSONAL_ID_KZ_IIN, "", &born, 'M', reason, sizeof reason));
	assert_true(validate_personal_id(PERSONAL_ID_KZ_IIN, "  ", NULL, 0, reason, sizeof reason));
	assert_true(validate_personal_id(PERSONAL_ID_KR_RRN, "900101-1234567", &born, 'M', reason,
	                                 sizeof reason));
	assert_false(validate_personal_id(PERSONAL_ID_KR_RRN, "900101-2234567", &born, 'M', reason,
	                                  sizeof reason));
	assert_string_equal(reason, "Gender differs from the one in the ID number");
	assert_false(validate_personal_id(PERSONAL_ID_UZ_PINFL, "31501901234567", NULL, 0, reason,
	                                  sizeof reason));
	assert_string_equal(reason, "PINFL check digit does not match");
}

static void test_text_cases(void **state)
{
	char reason[VALIDATE_REASON_SIZE];

	(void)state;
	for (size_t i = 0; i < CASES(name_cases); i++)
		expect("name", name_cases[i].text,
		       validate_name(name_cases[i].text, true, reason, sizeof reason), reason,
		       name_cases[i].reason);
	for (size_t i = 0; i < CASES(email_cases); i++)
		expect("e-mail", email_cases[i].text,
		       validate_email(email_cases[i].text, reason, sizeof reason), reason,
		       email_cases[i].reason);
	for (size_t i = 0; i < CASES(phone_cases); i++)
		expect("phone", phone_cases[i].text,
		       validate_phone(phone_cases[i].text, reason, sizeof reason), reason,
		       phone_cases[i].reason);
	/* An optional name may be empty; a required one may not. */
	assert_true(validate_name("", false, reason, sizeof reason));
	assert_false(validate_name("", true, reason, sizeof reason));
	assert_false(validate_name("Iv\xff"
	                           "an",
	                           false, reason, sizeof reason));
	assert_string_equal(reason, "Not valid UTF-8 text");
	assert_true(validate_name("Jose\xcc\x81", true, NULL, 0)); /* combining accent */
}

static void test_utf8_and_text(void **state)
{
	char reason[VALIDATE_REASON_SIZE];
	const char *p;

	(void)state;
	p = "\xd0\x96";
	assert_int_equal(validate_utf8_next(&p), 0x416);
	p = "\xf0\x9f\x98\x80";
	assert_int_equal(validate_utf8_next(&p), 0x1F600);
	p = "\xc0\xaf"; /* overlong '/' */
	assert_int_equal(validate_utf8_next(&p), -1);
	p = "\xed\xa0\x80"; /* a surrogate */
	assert_int_equal(validate_utf8_next(&p), -1);
	p = "\xe2\x82"; /* cut short */
	assert_int_equal(validate_utf8_next(&p), -1);
	assert_true(validate_text("", 10, reason, sizeof reason));
	assert_true(validate_text("\xd0\x96\xd0\x96\xd0\x96", 3, reason, sizeof reason));
	assert_false(validate_text("\xd0\x96\xd0\x96\xd0\x96\xd0\x96", 3, reason, sizeof reason));
	assert_string_equal(reason, "At most 3 characters (has 4)");
	assert_false(validate_text("a\rb", 10, reason, sizeof reason));
	assert_string_equal(reason, "Control characters are not allowed");
	assert_true(validate_required("x", reason, sizeof reason));
	assert_false(validate_required("   ", reason, sizeof reason));
	assert_string_equal(reason, "This field is required");
	assert_false(validate_required("", NULL, 0));
}

static void test_dates(void **state)
{
	struct date today = ymd(2024, 6, 15), d = { 0, 0, 0 };
	char reason[VALIDATE_REASON_SIZE];

	(void)state;
	assert_true(validate_date("15.06.2024", DATE_FORMAT_DMY, ymd(1900, 1, 1), false, today, &d,
	                          reason, sizeof reason));
	assert_int_equal(d.day, 15);
	assert_false(validate_date("16.06.2024", DATE_FORMAT_DMY, ymd(1900, 1, 1), false, today, &d,
	                           reason, sizeof reason));
	assert_string_equal(reason, "The date must not be in the future");
	assert_true(validate_date("16.06.2024", DATE_FORMAT_DMY, ymd(1900, 1, 1), true, today, &d,
	                          reason, sizeof reason));
	assert_false(validate_date("31.02.1990", DATE_FORMAT_DMY, ymd(1900, 1, 1), false, today, &d,
	                           reason, sizeof reason));
	assert_string_equal(reason, "Not a real date: 31.02.1990");
	assert_false(validate_date("1990-02-31", DATE_FORMAT_ISO, ymd(1900, 1, 1), false, today, &d,
	                           reason, sizeof reason));
	assert_string_equal(reason, "Not a real date: 1990-02-31");
	assert_false(validate_date("31.12.1899", DATE_FORMAT_DMY, ymd(1900, 1, 1), false, today, &d,
	                           reason, sizeof reason));
	assert_string_equal(reason, "The date must not be before 01.01.1900");
	assert_false(validate_date("1899-12-31", DATE_FORMAT_ISO, ymd(1900, 1, 1), false, today, &d,
	                           reason, sizeof reason));
	assert_string_equal(reason, "The date must not be before 1900-01-01");
	assert_false(validate_date("12/31/1990", DATE_FORMAT_DMY, ymd(1900, 1, 1), false, today, &d,
	                           reason, sizeof reason));
	assert_string_equal(reason, "Type the date as DD.MM.YYYY");
	/* Birth dates: after 01.01.1900 (as hr.person's CHECK), not in the future. */
	assert_false(validate_birth_date("01.01.1900", DATE_FORMAT_DMY, today, &d, reason,
	                                 sizeof reason));
	assert_true(validate_birth_date("02.01.1900", DATE_FORMAT_DMY, today, &d, reason,
	                                sizeof reason));
	assert_true(validate_birth_date("15.06.2024", DATE_FORMAT_DMY, today, &d, reason,
	                                sizeof reason));
	assert_false(validate_birth_date("16.06.2024", DATE_FORMAT_DMY, today, &d, reason,
	                                 sizeof reason));
	/* Hire dates: 01.01.1940 to a year ahead. */
	assert_true(validate_hire_date("01.01.1940", DATE_FORMAT_DMY, today, &d, reason,
	                               sizeof reason));
	assert_false(validate_hire_date("31.12.1939", DATE_FORMAT_DMY, today, &d, reason,
	                                sizeof reason));
	assert_true(validate_hire_date("15.06.2025", DATE_FORMAT_DMY, today, &d, reason,
	                               sizeof reason));
	assert_false(validate_hire_date("16.06.2025", DATE_FORMAT_DMY, today, &d, reason,
	                                sizeof reason));
	assert_string_equal(reason, "A hire date must not be after 15.06.2025 (a year ahead)");
	/* From 29 February a year ahead is 28 February, as in PostgreSQL. */
	assert_true(validate_hire_date("2025-02-28", DATE_FORMAT_ISO, ymd(2024, 2, 29), &d, reason,
	                               sizeof reason));
	assert_false(validate_hire_date("2025-03-01", DATE_FORMAT_ISO, ymd(2024, 2, 29), &d, reason,
	                                sizeof reason));
}

static void test_age_at_hire(void **state)
{
	char reason[VALIDATE_REASON_SIZE];
	struct date born = ymd(2000, 5, 10), leap = ymd(2008, 2, 29);

	(void)state;
	/* Exactly 16 and exactly 80 pass; a day less or a day more does not. */
	assert_false(validate_age(born, ymd(2016, 5, 9), "at hire", reason, sizeof reason));
	assert_string_equal(reason, "Age at hire must be 16 to 80 (is 15)");
	assert_true(validate_age(born, ymd(2016, 5, 10), "at hire", reason, sizeof reason));
	assert_true(validate_age(born, ymd(2081, 5, 9), "at hire", reason, sizeof reason));
	assert_false(validate_age(born, ymd(2081, 5, 10), "at hire", reason, sizeof reason));
	assert_string_equal(reason, "Age at hire must be 16 to 80 (is 81)");
	assert_false(validate_age(born, ymd(2014, 5, 10), "today", reason, sizeof reason));
	assert_string_equal(reason, "Age today must be 16 to 80 (is 14)");
	/* Born on 29 February 2008: 16 on 29 February 2024. */
	assert_false(validate_age(leap, ymd(2024, 2, 28), "at hire", reason, sizeof reason));
	assert_true(validate_age(leap, ymd(2024, 2, 29), "at hire", reason, sizeof reason));
	assert_true(validate_age(leap, ymd(2025, 2, 28), "at hire", reason, sizeof reason));
	assert_false(
	        validate_age(ymd(2009, 2, 28), ymd(2025, 2, 27), "at hire", reason, sizeof reason));
}

static void test_numbers(void **state)
{
	char reason[VALIDATE_REASON_SIZE];
	long value = -1;
	int year = 0;

	(void)state;
	assert_true(validate_year("1940", &year, reason, sizeof reason));
	assert_int_equal(year, 1940);
	assert_true(validate_year("2100", &year, reason, sizeof reason));
	assert_false(validate_year("1939", &year, reason, sizeof reason));
	assert_string_equal(reason, "The year must be 1940 to 2100");
	assert_false(validate_year("2101", &year, reason, sizeof reason));
	assert_false(validate_year("99", &year, reason, sizeof reason));
	assert_string_equal(reason, "Type the year as four digits");
	assert_false(validate_year("19a0", NULL, reason, sizeof reason));

	assert_true(validate_hours("12.5", &value, reason, sizeof reason));
	assert_int_equal(value, 125);
	assert_true(validate_hours("12,5", &value, reason, sizeof reason));
	assert_int_equal(value, 125);
	assert_true(validate_hours("5000", &value, reason, sizeof reason));
	assert_int_equal(value, 50000);
	assert_true(validate_hours("0.1", &value, reason, sizeof reason));
	assert_false(validate_hours("5000.1", &value, reason, sizeof reason));
	assert_string_equal(reason, "Hours must be more than 0 and at most 5000");
	assert_false(validate_hours("0", &value, reason, sizeof reason));
	assert_false(validate_hours("0.0", &value, reason, sizeof reason));
	assert_false(validate_hours("-3", &value, reason, sizeof reason));
	assert_string_equal(reason, "Type the hours as a number, e.g. 36 or 12.5");
	assert_false(validate_hours("1.25", &value, reason, sizeof reason));
	assert_false(validate_hours("12.", &value, reason, sizeof reason));
	assert_false(validate_hours(".5", &value, reason, sizeof reason));
	assert_false(validate_hours("1e3", &value, reason, sizeof reason));
	assert_false(validate_hours("", &value, reason, sizeof reason));
	assert_false(validate_hours("99999999999", &value, reason, sizeof reason));

	assert_true(validate_rate("0.5", 200, &value, reason, sizeof reason));
	assert_int_equal(value, 50);
	assert_true(validate_rate("2", 200, &value, reason, sizeof reason));
	assert_int_equal(value, 200);
	assert_true(validate_rate("0,25", 200, &value, reason, sizeof reason));
	assert_int_equal(value, 25);
	assert_false(validate_rate("2.01", 200, &value, reason, sizeof reason));
	assert_string_equal(reason, "The rate must be more than 0 and at most 2.00");
	assert_false(validate_rate("0", 200, &value, reason, sizeof reason));
	assert_false(validate_rate("0.125", 200, &value, reason, sizeof reason));
	assert_string_equal(reason, "Type the rate as a number, e.g. 1 or 0.5");
	assert_true(validate_rate("12.5", 999999, NULL, reason, sizeof reason));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_cases),
		cmocka_unit_test(test_every_single_digit_error_is_caught),
		cmocka_unit_test(test_scheme_names),
		cmocka_unit_test(test_id_agrees_with_person),
		cmocka_unit_test(test_text_cases),
		cmocka_unit_test(test_utf8_and_text),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_age_at_hire),
		cmocka_unit_test(test_numbers),
	};

	return cmocka_run_group_tests_name("field validators and personal ID numbers", tests, NULL,
	                                   NULL);
}
