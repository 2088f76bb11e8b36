/* test_field.c - file fields: checks by kind, shown and stored forms, value
 * lists; attachments: limits, names, media types, bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attachment.h"
#include "field.h"
#include "section.h"

static struct field_context context(void)
{
	struct field_context ctx = {
		DATE_FORMAT_DMY, PERSONAL_ID_KZ_IIN, { 2026, 11, 23 }, { 0, 0, 0 }, '\0'
	};
	return ctx;
}

static const struct field_def *personal(const char *column)
{
	const struct section_def *def = section_get(SECTION_PERSONAL);

	return &def->fields[section_field_index(def, column)];
}

static void test_checks_by_kind(void **state)
{
	struct field_context ctx = context();
	char reason[160];

	(void)state;
	assert_true(field_check(personal("last_name"), "Петров", &ctx, reason, sizeof reason));
	assert_false(field_check(personal("last_name"), "", &ctx, reason, sizeof reason));
	assert_false(field_check(personal("last_name"), "R2D2", &ctx, reason, sizeof reason));
	assert_true(field_check(personal("middle_name"), "", &ctx, reason, sizeof reason));
	assert_true(field_check(personal("birth_date"), "29.02.1988", &ctx, reason, sizeof reason));
	assert_false(
	        field_check(personal("birth_date"), "29.02.1989", &ctx, reason, sizeof reason));
	assert_non_null(strstr(reason, "Not a real date"));
	assert_false(
	        field_check(personal("birth_date"), "01.01.2030", &ctx, reason, sizeof reason));
	assert_true(field_check(personal("gender"), "F", &ctx, reason, sizeof reason));
	assert_false(field_check(personal("gender"), "X", &ctx, reason, sizeof reason));
	assert_non_null(strstr(reason, "F4"));
	assert_false(field_check(personal("email"), "a b@c.d", &ctx, reason, sizeof reason));
	assert_true(field_check(personal("personal_id"), "", &ctx, reason, sizeof reason));
	assert_false(
	        field_check(personal("personal_id"), "123456789012", &ctx, reason, sizeof reason));
	/* Blanks around a value are not part of it. */
	assert_true(field_check(personal("last_name"), "  Kim  ", &ctx, reason, sizeof reason));
	/* A year of completion is not one still to come (it would be kept and
	 * shown nowhere in the file as of today). */
	{
		const struct section_def *education = section_get(SECTION_EDUCATION);
		const struct field_def *year =
		        &education->fields[section_field_index(education, "year_completed")];
		char expected[80];

		snprintf(expected, sizeof expected, "The year cannot be later than this year (%d)",
		         ctx.today.year);
		assert_true(field_check(year, "2020", &ctx, reason, sizeof reason));
		assert_false(field_check(year, "2035", &ctx, reason, sizeof reason));
		assert_string_equal(reason, expected);
	}
}

static void test_shown_and_stored(void **state)
{
	struct field_context ctx = context();
	char *text;

	(void)state;
	text = field_display(personal("birth_date"), "1964-04-29", &ctx);
	assert_string_equal(text, "29.04.1964");
	free(text);
	text = field_stored(personal("birth_date"), " 29.4.1964 ", &ctx);
	assert_string_equal(text, "1964-04-29");
	free(text);
	ctx.date_format = DATE_FORMAT_ISO;
	text = field_display(personal("birth_date"), "1964-04-29", &ctx);
	assert_string_equal(text, "1964-04-29");
	free(text);
	/* Text is stored trimmed and NFC: e + combining acute becomes é. */
	text = field_stored(personal("last_name"), " Jose\xcc\x81 ", &ctx);
	assert_string_equal(text, "Jos\xc3\xa9");
	free(text);
	text = field_stored(personal("personal_id"), "900101 300 123", &ctx);
	assert_string_equal(text, "900101300123");
	free(text);
	text = field_stored(personal("phone"), "", &ctx);
	assert_string_equal(text, "");
	free(text);
}

static void test_value_lists(void **state)
{
	const struct field_def *gender = personal("gender");
	const struct section_def *prior = section_get(SECTION_PRIOR);
	const struct field_def *counts =
	        &prior->fields[section_field_index(prior, "counts_for_service")];

	(void)state;
	assert_string_equal(field_choices(gender)[0], "F");
	assert_string_equal(field_next_choice(gender, "F"), "M");
	assert_string_equal(field_next_choice(gender, "M"), "F");
	assert_string_equal(field_next_choice(gender, ""), "F");
	assert_string_equal(field_choices(counts)[0], "yes");
	assert_null(field_choices(personal("last_name")));
}

static void test_every_section_is_consistent(void **state)
{
	(void)state;
	for (int i = 0; i < SECTION_COUNT; i++) {
		const struct section_def *def = section_get(i);

		assert_int_equal(def->id, i);
		assert_non_null(def->select_sql);
		assert_true(def->nfields > 0);
		/* Read-only sections have no way to write; others can be updated. */
		if (def->read_only)
			assert_null(def->update_sql);
		else
			assert_non_null(def->update_sql);
		for (int f = 0; f < def->nfields; f++) {
			assert_true(def->fields[f].max_chars > 0);
			if (def->fields[f].kind == FIELD_CHOICE)
				assert_non_null(def->fields[f].choices);
		}
	}
}

static void test_attachment(void **state)
{
	char path[] = "/tmp/hrmis-attach-XXXXXX", reason[160];
	struct attachment file;
	FILE *f;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("AB\n", f);
	fclose(f);
	assert_true(attachment_read(path, &file, reason, sizeof reason));
	assert_int_equal(file.size, 3);
	assert_memory_equal(file.bytes, "AB\n", 3);
	assert_int_equal(file.size, 3);
	assert_string_equal(file.file_name, path + 5);
	attachment_free(&file);
	/* Over 5 MiB is refused before anything is sent. */
	assert_int_equal(truncate(path, ATTACHMENT_MAX_BYTES + 1), 0);
	assert_false(attachment_read(path, &file, reason, sizeof reason));
	assert_string_equal(reason, "The file is larger than 5 MiB");
	assert_int_equal(truncate(path, 0), 0);
	assert_false(attachment_read(path, &file, reason, sizeof reason));
	unlink(path);
	assert_false(attachment_read(path, &file, reason, sizeof reason));
	assert_non_null(strstr(reason, "Cannot read"));
	assert_false(attachment_read("/tmp", &file, reason, sizeof reason));
	assert_string_equal(attachment_media_type("scan.PDF"), "application/pdf");
	assert_string_equal(attachment_media_type("photo.jpeg"), "image/jpeg");
	assert_string_equal(attachment_media_type("README"), "application/octet-stream");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checks_by_kind),
		cmocka_unit_test(test_shown_and_stored),
		cmocka_unit_test(test_value_lists),
		cmocka_unit_test(test_every_section_is_consistent),
		cmocka_unit_test(test_attachment),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
