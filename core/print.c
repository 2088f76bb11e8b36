/* print.c - orders written as text files and as A4 PDFs drawn with libharu. */
#include "print.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* A4 portrait in points, 20 mm margins.  Leading is the distance from one
 * baseline to the next; a row takes its leading from the top down. */
static const float page_width = 595.276f, page_height = 841.89f, margin = 56.693f;
static const float body_size = 11.0f, body_leading = 15.0f;
static const float title_size = 14.0f, title_leading = 19.0f;
static const float footer_size = 9.0f, footer_baseline = 28.35f; /* 10 mm up */

/* A font at one size, and how rows set in it are placed. */
struct face {
	HPDF_Font font;
	HPDF_FontDef glyphs;
	float size, leading;
	bool centred;
};

/* One row of a page: a piece of the printable text, not NUL-terminated. */
struct row {
	const struct face *face;
	const char *text;
	size_t length;
	int page; /* from 1 */
	float baseline;
};

struct layout {
	struct row *rows;
	size_t count, capacity, longest;
	int pages;
	float top; /* where the next row starts on the current page */
};

/* The first error libharu reports through its handler. */
struct pdf_error {
	HPDF_STATUS code;
};

static int fail(char *err, size_t errlen, const char *format, ...)
        __attribute__((format(printf, 3, 4)));

/* Puts the sentence in err, when there is one; returns -1 for the caller to return. */
static int fail(char *err, size_t errlen, const char *format, ...)
{
	if (err != NULL && errlen > 0) {
		va_list ap;

		va_start(ap, format);
		vsnprintf(err, errlen, format, ap);
		va_end(ap);
	}
	return -1;
}

static bool write_all(int fd, const char *bytes, size_t size)
{
	while (size > 0) {
		ssize_t done = write(fd, bytes, size);

		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0) {
			if (done == 0)
				errno = EIO;
			return false;
		}
		bytes += done;
		size -= (size_t)done;
	}
	return true;
}

/* Makes the rename durable.  The file itself is already synced, so a
 * directory that cannot be opened or synced loses nothing and is not an error. */
static void sync_directory(const char *path, int dir_length)
{
	char *dir = dir_length > 0 ? xasprintf("%.*s", dir_length, path) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * Replaces `path` with `size` bytes: a hidden temporary file next to it,
 * mode 0600, written, synced and renamed over it.  Returns 0, or -1 with
 * the reason in err and the temporary file removed.
 */
static int write_atomically(const char *path, const void *bytes, size_t size, char *err,
                            size_t errlen)
{
	const char *slash = strrchr(path, '/');
	int dir_length = slash != NULL ? (int)(slash - path + 1) : 0, fd, saved;
	char *temp = xasprintf("%.*s.%s.XXXXXX", dir_length, path, path + dir_length);

	fd = mkstemp(temp);
	if (fd < 0) {
		saved = errno;
		free(temp);
		return fail(err, errlen, "Cannot write %s: %s", path, strerror(saved));
	}
	if (fchmod(fd, 0600) != 0 || !write_all(fd, bytes, size) || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto failed;
	}
	if (close(fd) != 0 || rename(temp, path) != 0) {
		saved = errno;
		goto failed;
	}
	sync_directory(path, dir_length);
	free(temp);
	return 0;
failed:
	unlink(temp);
	free(temp);
	return fail(err, errlen, "Cannot write %s: %s", path, strerror(saved));
}

int print_text_file(const char *path, const char *text, char *err, size_t errlen)
{
	return write_atomically(path, text, strlen(text), err, errlen);
}

/*
 * Decodes the character at `text`, `length` bytes before the end.  Returns its
 * code point with its byte count in *size, or -1 with *size 1 for a byte
 * that does not start valid UTF-8 (stray, overlong, surrogate, cut short).
 */
static long utf8_next(const char *text, size_t length, size_t *size)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t need = s[0] < 0x80                    ? 1
	              : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
	              : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
	              : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
	                                             : 0;
	long code;

	*size = 1;
	if (need == 1)
		return s[0];
	if (need == 0 || need > length)
		return -1;
	code = s[0] & (0x7F >> need);
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		code = code << 6 | (s[i] & 0x3F);
	}
	if ((need == 3 && code < 0x800) || (need == 4 && (code < 0x10000 || code > 0x10FFFF)) ||
	    (code >= 0xD800 && code <= 0xDFFF))
		return -1;
	*size = need;
	return code;
}

/*
 * Returns a copy of `text` holding only what `glyphs` can draw, which the
 * caller frees: '?' for invalid UTF-8, control characters and characters the
 * font has no glyph for (libharu would draw an empty box, or a space beyond
 * U+FFFF), a space for a tab; carriage returns go, so CRLF text prints too.
 */
static char *printable_copy(HPDF_FontDef glyphs, const char *text)
{
	size_t length = strlen(text), size, used = 0;
	char *out = xmalloc(length + 1);

	for (size_t i = 0; i < length; i += size) {
		long code = utf8_next(text + i, length - i, &size);

		if (code == '\n' || (code >= 0x20 && code != 0x7F && code <= 0xFFFF &&
		                     HPDF_TTFontDef_GetGlyphid(glyphs, (HPDF_UINT16)code) != 0)) {
			memcpy(out + used, text + i, size);
			used += size;
		} else if (code != '\r') {
			out[used++] = code == '\t' ? ' ' : '?';
		}
	}
	out[used] = '\0';
	return out;
}

/*
 * Returns how many bytes of the printable `text` fit in the width between
 * the margins: up to the last space that fits, or, for a word wider than
 * that, up to the last whole character that fits (always at least one).
 * Sets *next past the spaces at the break, where the following row starts.
 */
static size_t wrap_row(const struct face *face, const char *text, size_t length, size_t *next)
{
	const float limit = (page_width - 2 * margin) * 1000 / face->size; /* glyph units */
	size_t i = 0, size, space = 0, end;
	bool seen_word = false;
	float width = 0;

	while (i < length) {
		long code = utf8_next(text + i, length - i, &size);
		float advance = (float)HPDF_Font_GetUnicodeWidth(face->font, (HPDF_UNICODE)code);

		if (i > 0 && width + advance > limit)
			break;
		if (code != ' ')
			seen_word = true;
		else if (seen_word)
			space = i;
		width += advance;
		i += size;
	}
	end = i == length || text[i] == ' ' || space == 0 ? i : space;
	for (*next = end; *next < length && text[*next] == ' ';)
		++*next;
	return end;
}

/* Places one row below the last, on a new page when it would reach the margin. */
static void layout_add(struct layout *layout, const struct face *face, const char *text,
                       size_t length)
{
	if (layout->top - face->leading < margin) {
		layout->pages++;
		layout->top = page_height - margin;
	}
	if (layout->count == layout->capacity) {
		layout->capacity = layout->capacity ? 2 * layout->capacity : 64;
		layout->rows = xrealloc(layout->rows, layout->capacity * sizeof *layout->rows);
	}
	layout->rows[layout->count++] =
	        (struct row){ face, text, length, layout->pages, layout->top - face->size };
	layout->top -= face->leading;
	if (length > layout->longest)
		layout->longest = length;
}

/* Lays out every line of `text` in `face`, wrapped; a final '\n' adds no row. */
static void layout_lines(struct layout *layout, const struct face *face, const char *text)
{
	while (*text != '\0') {
		size_t length = strcspn(text, "\n"), done = 0, next;

		do {
			size_t used = wrap_row(face, text + done, length - done, &next);

			layout_add(layout, face, text + done, used);
			done += next;
		} while (done < length);
		text += length;
		if (*text == '\n')
			text++;
	}
}

static void draw_text(HPDF_Page page, const struct face *face, float baseline, const char *text)
{
	float x = margin;

	HPDF_Page_SetFontAndSize(page, face->font, face->size);
	if (face->centred)
		x = (page_width - HPDF_Page_TextWidth(page, text)) / 2;
	HPDF_Page_TextOut(page, x, baseline, text);
}

/* Adds the pages with their rows and footers; libharu's handler records failures. */
static void draw_pages(HPDF_Doc pdf, const struct layout *layout, const struct face *footer)
{
	char *scratch = xmalloc(layout->longest + 1), number[48];
	size_t r = 0;

	for (int page_number = 1; page_number <= layout->pages; page_number++) {
		HPDF_Page page = HPDF_AddPage(pdf);

		if (page == NULL)
			break;
		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		HPDF_Page_BeginText(page);
		for (; r < layout->count && layout->rows[r].page == page_number; r++) {
			const struct row *row = &layout->rows[r];

			memcpy(scratch, row->text, row->length);
			scratch[row->length] = '\0';
			if (row->length > 0)
				draw_text(page, row->face, row->baseline, scratch);
		}
		snprintf(number, sizeof number, "Page %d of %d", page_number, layout->pages);
		draw_text(page, footer, footer_baseline, number);
		HPDF_Page_EndText(page);
	}
	free(scratch);
}

/* Reads `size` bytes at the current position; false at the end of the file. */
static bool read_bytes(FILE *file, unsigned char *bytes, size_t size)
{
	return fread(bytes, 1, size, file) == size;
}

/* Pushes the components of glyph `gid` onto the stack when it is a composite
 * glyph (numberOfContours -1 in the glyf table) and marks them used. */
static void push_components(FILE *file, HPDF_TTFontDefAttr attr, unsigned gid, bool *seen,
                            unsigned *stack, size_t *depth)
{
	unsigned long unit = attr->header.index_to_loc_format == 0 ? 2 : 1;
	unsigned long start = attr->glyph_tbl.offsets[gid] * unit;
	unsigned flags = 0x20; /* MORE_COMPONENTS */
	unsigned char bytes[4];

	if (attr->glyph_tbl.offsets[gid + 1] * unit <= start ||
	    fseek(file, (long)(attr->glyph_tbl.base_offset + start), SEEK_SET) != 0 ||
	    !read_bytes(file, bytes, 2) || bytes[0] != 0xFF || bytes[1] != 0xFF ||
	    fseek(file, 8, SEEK_CUR) != 0)
		return;
	while ((flags & 0x20) && read_bytes(file, bytes, 4)) {
		unsigned component = (unsigned)bytes[2] << 8 | bytes[3];
		long skip;

		flags = (unsigned)bytes[0] << 8 | bytes[1];
		/* Skip the two arguments (words or bytes) and the scale, if any. */
		skip = flags & 0x01 ? 4 : 2;
		if (flags & 0x08)
			skip += 2;
		else if (flags & 0x40)
			skip += 4;
		else if (flags & 0x80)
			skip += 8;
		if (fseek(file, skip, SEEK_CUR) != 0)
			return;
		if (component < attr->num_glyphs && !seen[component]) {
			seen[component] = true;
			attr->glyph_tbl.flgs[component] = 1;
			stack[(*depth)++] = component;
		}
	}
}

/*
 * libharu embeds only the glyphs it marked as used, and follows a composite
 * glyph one level down, the first time it is measured: in DejaVu Sans Bold
 * ё is е plus a diaeresis and е is built on Latin e, so "ёлка" would print
 * without its е.  This marks the components of every marked glyph at every
 * depth, reading the glyf table of the font file.  It uses libharu's font
 * definition (hpdf_fontdef.h, installed with the library).  Returns false if
 * the file cannot be opened.
 */
static bool mark_components(HPDF_FontDef glyphs, const char *file_name)
{
	HPDF_TTFontDefAttr attr = glyphs->attr;
	FILE *file;
	unsigned *stack;
	size_t depth = 0;
	bool *seen;

	if (attr->glyph_tbl.flgs == NULL || attr->glyph_tbl.offsets == NULL)
		return true;
	file = fopen(file_name, "rb");
	if (file == NULL)
		return false;
	seen = xcalloc(attr->num_glyphs, sizeof *seen);
	stack = xmalloc(attr->num_glyphs * sizeof *stack);
	for (unsigned gid = 0; gid < attr->num_glyphs; gid++)
		if (attr->glyph_tbl.flgs[gid]) {
			seen[gid] = true;
			stack[depth++] = gid;
		}
	while (depth > 0)
		push_components(file, attr, stack[--depth], seen, stack, &depth);
	fclose(file);
	free(stack);
	free(seen);
	return true;
}

static void pdf_error_record(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct pdf_error *error = data;

	(void)detail;
	if (error->code == HPDF_OK)
		error->code = code;
}

/* Embeds the TrueType font `file` into `pdf` for UTF-8 text.  Returns false
 * with the reason in err when libharu cannot read or embed it. */
static bool face_load(HPDF_Doc pdf, const struct pdf_error *error, const char *file,
                      struct face *face, char *err, size_t errlen)
{
	const char *name = HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE);

	if (name != NULL) {
		face->font = HPDF_GetFont(pdf, name, "UTF-8");
		face->glyphs = HPDF_Doc_FindFontDef(pdf, name);
	}
	if (name == NULL || face->font == NULL || face->glyphs == NULL) {
		fail(err, errlen, "Cannot use the font %s: the PDF library reports error 0x%04X",
		     file, (unsigned)error->code);
		return false;
	}
	return true;
}

/* Makes the whole document in memory, then writes it; one cleanup path. */
static int render(const char *path, const char *const fonts[2], const char *title, const char *text,
                  char *err, size_t errlen)
{
	struct pdf_error error = { HPDF_OK };
	struct face body = { NULL, NULL, body_size, body_leading, false };
	struct face heading = { NULL, NULL, title_size, title_leading, true };
	struct face footer = { NULL, NULL, footer_size, footer_size, true };
	struct layout layout = { NULL, 0, 0, 0, 1, page_height - margin };
	char *printable_title = NULL, *printable_text = NULL, *bytes = NULL;
	HPDF_Doc pdf = HPDF_New(pdf_error_record, &error);
	HPDF_UINT32 size = 0, got = 0;
	int result = -1;

	if (pdf == NULL)
		return fail(err, errlen, "Cannot make the PDF for %s: out of memory", path);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if (!face_load(pdf, &error, fonts[0], &body, err, errlen) ||
	    !face_load(pdf, &error, fonts[1], &heading, err, errlen))
		goto done;
	footer.font = body.font;
	if (title != NULL && title[0] != '\0') {
		printable_title = printable_copy(heading.glyphs, title);
		layout_lines(&layout, &heading, printable_title);
		layout.top -= body_leading;
	}
	printable_text = printable_copy(body.glyphs, text);
	layout_lines(&layout, &body, printable_text);
	draw_pages(pdf, &layout, &footer);
	for (int i = 0; i < 2; i++)
		if (!mark_components(i == 0 ? body.glyphs : heading.glyphs, fonts[i])) {
			fail(err, errlen, "Cannot read the font %s: %s", fonts[i], strerror(errno));
			goto done;
		}
	if (error.code == HPDF_OK && HPDF_SaveToStream(pdf) == HPDF_OK) {
		got = size = HPDF_GetStreamSize(pdf);
		bytes = xmalloc(size);
		HPDF_ReadFromStream(pdf, (HPDF_BYTE *)bytes, &got);
	}
	if (error.code != HPDF_OK || got != size || size == 0) {
		fail(err, errlen,
		     "Cannot make the PDF for %s: the PDF library reports error 0x%04X", path,
		     (unsigned)error.code);
		goto done;
	}
	HPDF_Free(pdf);
	pdf = NULL;
	result = write_atomically(path, bytes, size, err, errlen);
done:
	if (pdf != NULL)
		HPDF_Free(pdf);
	free(bytes);
	free(layout.rows);
	free(printable_text);
	free(printable_title);
	return result;
}

int print_pdf(const char *path, const char *title, const char *text, char *err, size_t errlen)
{
	const char *dir = getenv("HRMIS_PDF_FONT_DIR");
	char *fonts[2];
	int result = 0;

	if (dir == NULL || dir[0] == '\0')
		dir = PRINT_FONT_DIR;
	fonts[0] = xasprintf("%s/DejaVuSans.ttf", dir);
	fonts[1] = xasprintf("%s/DejaVuSans-Bold.ttf", dir);
	for (int i = 0; i < 2 && result == 0; i++) {
		if (access(fonts[i], R_OK) == 0)
			continue;
		if (errno == ENOENT || errno == ENOTDIR)
			result = fail(
			        err, errlen,
			        "The font %s is missing: install the package fonts-dejavu-core, "
			        "or set HRMIS_PDF_FONT_DIR to a directory that has it",
			        fonts[i]);
		else
			result = fail(err, errlen, "Cannot read the font %s: %s", fonts[i],
			              strerror(errno));
	}
	if (result == 0)
		result = render(path, (const char *const *)fonts, title, text, err, errlen);
	free(fonts[0]);
	free(fonts[1]);
	return result;
}
