/* test_print.c - printing orders: text files replaced whole with mode 0600,
 * PDFs with embedded fonts, wrapped lines, page breaks where the layout
 * puts them, '?' for what the font cannot draw, clear errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print.h"

/*
 * The layout in numbers: A4 is 841.89 pt high, 20 mm margins leave 728.5 pt;
 * a body row takes 15 pt, so a page holds 48 rows.  A one-line title takes
 * 19 pt and a blank row 15 pt, which leaves 46 rows on page 1.  At 11 pt the
 * width between the margins is 43808 glyph units of DejaVu Sans, where 'a'
 * is 613 and a space 318.
 */
enum { ROWS_PER_PAGE = 48, ROWS_UNDER_TITLE = 46 };

struct fixture {
	char dir[32];
	char path[64];
};

static int setup(void **state)
{
	struct fixture *fixture = calloc(1, sizeof *fixture);

	strcpy(fixture->dir, "/tmp/hrmis-print-XXXXXX");
	if (mkdtemp(fixture->dir) == NULL) {
		free(fixture);
		return -1;
	}
	snprintf(fixture->path, sizeof fixture->path, "%s/order.pdf", fixture->dir);
	*state = fixture;
	return 0;
}

/* Removes the directory with whatever is in it (one level of subdirectories). */
static void remove_tree(const char *dir)
{
	DIR *listing = opendir(dir);
	struct dirent *entry;
	char path[512];

	while (listing != NULL && (entry = readdir(listing)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
		chmod(path, 0700);
		if (unlink(path) != 0)
			remove_tree(path);
	}
	if (listing != NULL)
		closedir(listing);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *fixture = *state;

	unsetenv("HRMIS_PDF_FONT_DIR");
	remove_tree(fixture->dir);
	free(fixture);
	return 0;
}

static int count_entries(const char *dir)
{
	DIR *listing = opendir(dir);
	struct dirent *entry;
	int count = 0;

	assert_non_null(listing);
	while ((entry = readdir(listing)) != NULL)
		count += strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
	closedir(listing);
	return count;
}

/* Returns the file's bytes with a NUL after them (the caller frees), or NULL. */
static char *read_all(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	char *bytes;
	long length;

	*size = 0;
	if (file == NULL)
		return NULL;
	fseek(file, 0, SEEK_END);
	length = ftell(file);
	rewind(file);
	bytes = malloc((size_t)length + 1);
	*size = fread(bytes, 1, (size_t)length, file);
	bytes[*size] = '\0';
	fclose(file);
	return bytes;
}

static int count_bytes(const char *haystack, size_t size, const char *needle)
{
	size_t length = strlen(needle);
	int count = 0;

	for (size_t i = 0; i + length <= size; i++)
		count += memcmp(haystack + i, needle, length) == 0;
	return count;
}

static int mode_of(const char *path)
{
	struct stat info;

	assert_int_equal(stat(path, &info), 0);
	return (int)(info.st_mode & 07777);
}

/* Checks that `path` is a whole PDF and returns its number of pages. */
static int pdf_pages(const char *path)
{
	size_t size;
	char *pdf = read_all(path, &size);
	int pages;

	assert_non_null(pdf);
	assert_true(size > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	while (size > 0 && (pdf[size - 1] == '\n' || pdf[size - 1] == '\r'))
		size--;
	assert_true(size > 5);
	assert_memory_equal(pdf + size - 5, "%%EOF", 5);
	/* Both DejaVu faces travel in the file: body and footer, and the title. */
	assert_true(count_bytes(pdf, size, "/FontFile2") >= 1);
	pages = count_bytes(pdf, size, "/Type /Page") - count_bytes(pdf, size, "/Type /Pages");
	free(pdf);
	return pages;
}

/* `count` copies of `line`, each ending in '\n', then `last` (may be ""). */
static char *lines(int count, const char *line, const char *last)
{
	size_t length = strlen(line);
	char *text = malloc((length + 1) * (size_t)count + strlen(last) + 1), *at = text;

	for (int i = 0; i < count; i++) {
		memcpy(at, line, length);
		at += length;
		*at++ = '\n';
	}
	strcpy(at, last);
	return text;
}

static void test_text_file_written_whole(void **state)
{
	struct fixture *fixture = *state;
	const char *text = "ТОО «Сапа»\nПриказ № 17-к\nәғқңөұүһі ӘҒҚҢӨҰҮҺІ\nno newline at the end";
	char path[64], err[256] = "";
	size_t size;
	char *written;
	FILE *old;

	snprintf(path, sizeof path, "%s/order.txt", fixture->dir);
	assert_int_equal(print_text_file(path, text, err, sizeof err), 0);
	written = read_all(path, &size);
	assert_non_null(written);
	assert_int_equal(size, strlen(text));
	assert_string_equal(written, text);
	free(written);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(count_entries(fixture->dir), 1);

	/* A file already there, readable by all, is replaced and becomes private. */
	old = fopen(path, "w");
	fputs("an older and longer text that must not survive in any part", old);
	fclose(old);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(print_text_file(path, "short", NULL, 0), 0);
	written = read_all(path, &size);
	assert_string_equal(written, "short");
	free(written);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(count_entries(fixture->dir), 1);
}

static void test_text_file_cannot_write(void **state)
{
	struct fixture *fixture = *state;
	char path[128], plain[64], locked[64], err[256];
	FILE *file;

	snprintf(path, sizeof path, "%s/missing/order.txt", fixture->dir);
	assert_int_equal(print_text_file(path, "text", err, sizeof err), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "No such file or directory"));

	/* A regular file where the directory should be: fails even for root. */
	snprintf(plain, sizeof plain, "%s/plain", fixture->dir);
	file = fopen(plain, "w");
	fclose(file);
	snprintf(path, sizeof path, "%s/order.txt", plain);
	assert_int_equal(print_text_file(path, "text", err, sizeof err), -1);
	assert_non_null(strstr(err, path));
	assert_int_equal(print_text_file(path, "text", NULL, 0), -1);

	/* A directory without write permission (root may write anyway). */
	snprintf(locked, sizeof locked, "%s/locked", fixture->dir);
	assert_int_equal(mkdir(locked, 0500), 0);
	snprintf(path, sizeof path, "%s/order.txt", locked);
	if (geteuid() != 0) {
		assert_int_equal(print_text_file(path, "text", err, sizeof err), -1);
		assert_non_null(strstr(err, path));
		assert_non_null(strstr(err, "Permission denied"));
		assert_int_equal(count_entries(locked), 0);
	}
	/* A directory by that name: the temporary file is made, then removed. */
	snprintf(path, sizeof path, "%s/taken", fixture->dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(print_text_file(path, "text", err, sizeof err), -1);
	assert_non_null(strstr(err, path));
	/* No partial file and no temporary file anywhere. */
	assert_int_equal(count_entries(fixture->dir), 3);
}

static void test_pdf_of_latin_and_cyrillic(void **state)
{
	struct fixture *fixture = *state;
	const char *text = "ТОО «Сапа», Алматы\n\nПРИКАЗ\n"
	                   "Принять Әлиева Ғалым Қайратұлы на должность инженера.\n"
	                   "Ұлттық үлгі: ң ө һ і ү.  Hire John Smith as engineer.\n";
	char err[256] = "";

	assert_int_equal(print_pdf(fixture->path, "Приказ № 17-к", text, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(pdf_pages(fixture->path), 1);
	assert_int_equal(mode_of(fixture->path), 0600);
	assert_int_equal(count_entries(fixture->dir), 1);
	/* Replacing it works the same; no title and no text give one page too. */
	assert_int_equal(print_pdf(fixture->path, NULL, "", err, sizeof err), 0);
	assert_int_equal(pdf_pages(fixture->path), 1);
	assert_int_equal(count_entries(fixture->dir), 1);
}

static int pages_for(struct fixture *fixture, const char *title, char *text)
{
	char err[256];

	assert_int_equal(print_pdf(fixture->path, title, text, err, sizeof err), 0);
	free(text);
	return pdf_pages(fixture->path);
}

static void test_pdf_breaks_pages_where_the_layout_says(void **state)
{
	struct fixture *fixture = *state;
	const char *line = "Пункт приказа: сотрудник переводится в отдел кадров.";

	/* 200 lines: 46 under the title, then 48 a page: 46 + 3 * 48 = 190, so 5 pages. */
	assert_int_equal(pages_for(fixture, "Приказ", lines(200, line, "")), 5);
	assert_int_equal(pages_for(fixture, "Приказ", lines(ROWS_UNDER_TITLE, line, "")), 1);
	assert_int_equal(pages_for(fixture, "Приказ", lines(ROWS_UNDER_TITLE + 1, line, "")), 2);
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE, line, "")), 1);
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE + 1, line, "")), 2);
	/* Empty lines take a row each; a final newline adds none. */
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE, "", "")), 1);
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE, "", "x")), 2);
	assert_int_equal(count_entries(fixture->dir), 1);
}

static void test_pdf_wraps_long_lines(void **state)
{
	struct fixture *fixture = *state;
	char words[200] = "", word[101];

	/* 60 'a' with spaces: 55542 units, more than one row and less than two. */
	for (int i = 0; i < 60; i++)
		strcat(words, i ? " a" : "a");
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE - 2, "x", words)), 1);
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE - 1, "x", words)), 2);
	/* 100 'a' and no space at all: 61300 units, broken inside the word. */
	memset(word, 'a', 100);
	word[100] = '\0';
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE - 2, "x", word)), 1);
	assert_int_equal(pages_for(fixture, NULL, lines(ROWS_PER_PAGE - 1, "x", word)), 2);
}

static void test_pdf_very_long_word(void **state)
{
	struct fixture *fixture = *state;
	size_t count = 20000;
	char *text = malloc(2 * count + 1);

	/* Two-byte letters only: every break must fall between characters. */
	for (size_t i = 0; i < count; i++)
		memcpy(text + 2 * i, i % 2 ? "ә" : "ж", 2);
	text[2 * count] = '\0';
	assert_true(pages_for(fixture, "ЖӘЖӘ", text) > 1);
}

static void test_pdf_characters_without_glyphs(void **state)
{
	struct fixture *fixture = *state;
	char err[256] = "";

	/* Hangul, an emoji, invalid UTF-8, control characters, a CRLF. */
	assert_int_equal(print_pdf(fixture->path, "한국어 제목",
	                           "한국어 텍스트 and Кириллица\r\n😀 \xff\xfe \xe2\x82 \x01\tend\n",
	                           err, sizeof err),
	                 0);
	assert_int_equal(pdf_pages(fixture->path), 1);
}

static void test_pdf_question_marks_for_what_cannot_be_drawn(void **state)
{
	struct fixture *fixture = *state;
	char err[256] = "", other[96];
	size_t size, other_size;
	char *replaced, *written;

	/* The same file, byte for byte, as the text with the '?' already in. */
	assert_int_equal(
	        print_pdf(fixture->path, "Приказ 한국", "한국어 😀 \xff.\x01\tИ", err, sizeof err),
	        0);
	written = read_all(fixture->path, &size);
	snprintf(other, sizeof other, "%s/other.pdf", fixture->dir);
	assert_int_equal(print_pdf(other, "Приказ ??", "??? ? ?.? И", err, sizeof err), 0);
	replaced = read_all(other, &other_size);
	assert_int_equal(size, other_size);
	assert_memory_equal(written, replaced, size);
	free(written);
	free(replaced);
}

/* Writes a PDF with `text` as title and body; returns its fonts' /Length1
 * values (the size of each embedded font program) as text. */
static void embedded_font_sizes(struct fixture *fixture, const char *text, char *sizes, size_t room)
{
	char err[256] = "", *pdf;
	size_t size, used = 0;

	assert_int_equal(print_pdf(fixture->path, text, text, err, sizeof err), 0);
	pdf = read_all(fixture->path, &size);
	assert_non_null(pdf);
	sizes[0] = '\0';
	/* The file holds NUL bytes: search all of it, not up to the first. */
	for (size_t i = 0; i + 9 < size; i++)
		if (memcmp(pdf + i, "/Length1 ", 9) == 0)
			used += (size_t)snprintf(sizes + used, room - used, "%ld ",
			                         strtol(pdf + i + 9, NULL, 10));
	free(pdf);
	assert_true(used > 0);
}

static void test_pdf_embeds_parts_of_composite_glyphs(void **state)
{
	struct fixture *fixture = *state;
	char first[64], second[64];

	/* In DejaVu Sans Bold ё is е plus a diaeresis and е is built on Latin e.
	 * Seen first, ё must still bring all of them into the file, so the fonts
	 * embedded are the same as when е comes before ё. */
	embedded_font_sizes(fixture, "ёлка", first, sizeof first);
	embedded_font_sizes(fixture, "елка ёлка", second, sizeof second);
	assert_string_equal(first, second);
}

static void test_pdf_font_missing(void **state)
{
	struct fixture *fixture = *state;
	char err[256] = "";

	setenv("HRMIS_PDF_FONT_DIR", "/nonexistent", 1);
	assert_int_equal(print_pdf(fixture->path, "Приказ", "текст", err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent/DejaVuSans.ttf"));
	assert_non_null(strstr(err, "fonts-dejavu-core"));
	assert_int_equal(count_entries(fixture->dir), 0);
}

static void test_pdf_font_refused(void **state)
{
	struct fixture *fixture = *state;
	const char *names[] = { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" };
	char fonts[64], path[128], err[256] = "";

	/* Files by the right names that are not fonts: libharu refuses them. */
	snprintf(fonts, sizeof fonts, "%s/fonts", fixture->dir);
	assert_int_equal(mkdir(fonts, 0700), 0);
	for (int i = 0; i < 2; i++) {
		FILE *file;

		snprintf(path, sizeof path, "%s/%s", fonts, names[i]);
		file = fopen(path, "w");
		fputs("not a TrueType font\n", file);
		fclose(file);
	}
	setenv("HRMIS_PDF_FONT_DIR", fonts, 1);
	assert_int_equal(print_pdf(fixture->path, "Приказ", "текст", err, sizeof err), -1);
	snprintf(path, sizeof path, "%s/DejaVuSans.ttf", fonts);
	assert_non_null(strstr(err, path));
	assert_int_equal(count_entries(fixture->dir), 1);
}

static void test_pdf_cannot_write(void **state)
{
	struct fixture *fixture = *state;
	char path[128], err[256] = "";

	snprintf(path, sizeof path, "%s/missing/order.pdf", fixture->dir);
	assert_int_equal(print_pdf(path, "Приказ", "текст", err, sizeof err), -1);
	assert_non_null(strstr(err, path));
	assert_int_equal(count_entries(fixture->dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text_file_written_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_file_cannot_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_of_latin_and_cyrillic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_breaks_pages_where_the_layout_says, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_pdf_wraps_long_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_very_long_word, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_characters_without_glyphs, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_pdf_question_marks_for_what_cannot_be_drawn,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_embeds_parts_of_composite_glyphs, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_pdf_font_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_font_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_cannot_write, setup, teardown),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	unsetenv("HRMIS_PDF_FONT_DIR");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
