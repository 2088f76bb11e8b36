/* width.c - display width and grapheme boundaries of UTF-8 text. */
#include "width.h"

#include <string.h>
#include <wchar.h>

/* Decodes one character at s; returns its byte length (1 for invalid bytes,
 * with *wc = -1) and 0 at the end of the string. */
static size_t decode(const char *s, wchar_t *wc)
{
	mbstate_t st;
	size_t n;

	if (*s == '\0')
		return 0;
	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s, strlen(s), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = (wchar_t)-1;
		return 1;
	}
	return n;
}

static int char_width(wchar_t wc)
{
	int w;

	if (wc == (wchar_t)-1)
		return 1;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* A character that attaches to the one before it. */
static int is_mark(wchar_t wc)
{
	return wc != (wchar_t)-1 && wc != 0 && wcwidth(wc) == 0;
}

size_t grapheme_next(const char *text)
{
	wchar_t wc;
	size_t len = decode(text, &wc), n;

	if (len == 0)
		return 0;
	while ((n = decode(text + len, &wc)) > 0 && is_mark(wc))
		len += n;
	return len;
}

size_t grapheme_prev(const char *text, size_t end)
{
	size_t at = 0, last = 0;

	while (at < end) {
		size_t n = grapheme_next(text + at);
		if (n == 0)
			break;
		last = at;
		at += n;
	}
	return last;
}

int text_width(const char *text)
{
	int width = 0;
	wchar_t wc;
	size_t n;

	while ((n = decode(text, &wc)) > 0) {
		width += char_width(wc);
		text += n;
	}
	return width;
}

size_t text_fit(const char *text, int columns, int *used)
{
	size_t at = 0;
	int width = 0;

	for (;;) {
		size_t g = grapheme_next(text + at);
		wchar_t wc;
		int w;

		if (g == 0)
			break;
		decode(text + at, &wc);
		w = char_width(wc);
		if (width + w > columns)
			break;
		width += w;
		at += g;
	}
	if (used != NULL)
		*used = width;
	return at;
}

int text_truncate(const char *text, int columns, char *buf, size_t size)
{
	int used;
	size_t len;

	if (size == 0)
		return 0;
	if (columns <= 0) {
		buf[0] = '\0';
		return 0;
	}
	len = text_fit(text, columns, &used);
	if (text[len] != '\0') {
		/* Cut: leave one column for the marker. */
		len = text_fit(text, columns - 1, &used);
		if (len + 2 > size)
			len = text_fit(text, 0, &used);
		memcpy(buf, text, len);
		buf[len] = '~';
		buf[len + 1] = '\0';
		return used + 1;
	}
	if (len + 1 > size)
		len = 0, used = 0;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return used;
}

size_t text_wrap(const char *text, int columns, size_t *next)
{
	size_t fit = text_fit(text, columns, NULL), cut = fit, skip;

	if (text[fit] != '\0' && text[fit] != ' ') {
		/* Break after the last blank inside the part that fits. */
		for (size_t i = fit; i > 0; i--) {
			if (text[i - 1] == ' ') {
				cut = i - 1;
				break;
			}
		}
	}
	if (cut == 0 && fit > 0 && text[0] != ' ')
		cut = fit;
	skip = cut;
	while (text[skip] == ' ' || text[skip] == '\n')
		skip++;
	if (next != NULL)
		*next = skip;
	return cut;
}
