/* editline.c - grapheme-aware one-line edit buffer. */
#include "editline.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "width.h"
#include "xalloc.h"

void editline_init(struct editline *line, size_t max_bytes)
{
	line->text = xcalloc(1, 1);
	line->len = 0;
	line->cursor = 0;
	line->max_bytes = max_bytes;
}

void editline_free(struct editline *line)
{
	free(line->text);
	line->text = NULL;
	line->len = line->cursor = 0;
}

void editline_set(struct editline *line, const char *text)
{
	free(line->text);
	line->text = xstrdup(text);
	line->len = strlen(text);
	line->cursor = line->len;
}

bool editline_insert(struct editline *line, unsigned int codepoint)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)codepoint, &st);
	if (n == (size_t)-1 || codepoint < 32 || codepoint == 127)
		return false;
	if (line->max_bytes != 0 && line->len + n > line->max_bytes)
		return false;
	line->text = xrealloc(line->text, line->len + n + 1);
	memmove(line->text + line->cursor + n, line->text + line->cursor,
	        line->len - line->cursor + 1);
	memcpy(line->text + line->cursor, mb, n);
	line->len += n;
	line->cursor += n;
	return true;
}

static void cut(struct editline *line, size_t from, size_t to)
{
	memmove(line->text + from, line->text + to, line->len - to + 1);
	line->len -= to - from;
	line->cursor = from;
}

bool editline_backspace(struct editline *line)
{
	if (line->cursor == 0)
		return false;
	cut(line, grapheme_prev(line->text, line->cursor), line->cursor);
	return true;
}

bool editline_delete(struct editline *line)
{
	size_t n = grapheme_next(line->text + line->cursor);

	if (n == 0)
		return false;
	cut(line, line->cursor, line->cursor + n);
	return true;
}

void editline_left(struct editline *line)
{
	line->cursor = grapheme_prev(line->text, line->cursor);
}

void editline_right(struct editline *line)
{
	line->cursor += grapheme_next(line->text + line->cursor);
}

void editline_home(struct editline *line)
{
	line->cursor = 0;
}

void editline_end(struct editline *line)
{
	line->cursor = line->len;
}

int editline_cursor_column(const struct editline *line)
{
	char *prefix = xmalloc(line->cursor + 1);
	int width;

	memcpy(prefix, line->text, line->cursor);
	prefix[line->cursor] = '\0';
	width = text_width(prefix);
	free(prefix);
	return width;
}
