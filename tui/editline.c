/* editline.c - grapheme-aware one-line edit buffer. */
#include "editline.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "keymap.h"
#include "width.h"
#include "xalloc.h"

/* Control keys of the line editor, as readline and shells have them. */
enum {
	KEY_CTRL_A = 1,
	KEY_CTRL_E = 5,
	KEY_CTRL_K = 11,
	KEY_CTRL_U = 21,
	KEY_CTRL_W = 23,
};

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

/* The first character of the grapheme at `at` (0 when it is not valid). */
static wchar_t grapheme_base(const struct editline *line, size_t at)
{
	wchar_t wc = 0;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	if (mbrtowc(&wc, line->text + at, line->len - at, &st) > (size_t)MB_LEN_MAX)
		return 0;
	return wc;
}

static bool in_word(const struct editline *line, size_t at)
{
	return iswalnum((wint_t)grapheme_base(line, at));
}

static bool is_blank(const struct editline *line, size_t at)
{
	return iswspace((wint_t)grapheme_base(line, at));
}

/* Going back from `at` over whole graphemes while `inside` gives `value`:
 * the offset where that run starts (`at` itself if the run is empty). */
static size_t back_over(const struct editline *line, size_t at,
                        bool (*inside)(const struct editline *, size_t), bool value)
{
	while (at > 0) {
		size_t prev = grapheme_prev(line->text, at);

		if (inside(line, prev) != value)
			break;
		at = prev;
	}
	return at;
}

void editline_word_left(struct editline *line)
{
	line->cursor =
	        back_over(line, back_over(line, line->cursor, in_word, false), in_word, true);
}

void editline_word_right(struct editline *line)
{
	while (line->cursor < line->len && !in_word(line, line->cursor))
		line->cursor += grapheme_next(line->text + line->cursor);
	while (line->cursor < line->len && in_word(line, line->cursor))
		line->cursor += grapheme_next(line->text + line->cursor);
}

bool editline_kill_to_start(struct editline *line)
{
	if (line->cursor == 0)
		return false;
	cut(line, 0, line->cursor);
	return true;
}

bool editline_kill_to_end(struct editline *line)
{
	if (line->cursor == line->len)
		return false;
	cut(line, line->cursor, line->len);
	return true;
}

bool editline_kill_word_before(struct editline *line)
{
	size_t from =
	        back_over(line, back_over(line, line->cursor, is_blank, true), is_blank, false);

	if (from == line->cursor)
		return false;
	cut(line, from, line->cursor);
	return true;
}

/* EDITLINE_CHANGED when `changed`, else EDITLINE_USED. */
static enum editline_result edited(bool changed)
{
	return changed ? EDITLINE_CHANGED : EDITLINE_USED;
}

enum editline_result editline_key(struct editline *line, int key)
{
	switch (key) {
	case KEY_CODE_BACKSPACE:
		return edited(editline_backspace(line));
	case KEY_CODE_DELETE:
		return edited(editline_delete(line));
	case KEY_CTRL_U:
		return edited(editline_kill_to_start(line));
	case KEY_CTRL_K:
		return edited(editline_kill_to_end(line));
	case KEY_CTRL_W:
		return edited(editline_kill_word_before(line));
	case KEY_CODE_LEFT:
		editline_left(line);
		return EDITLINE_USED;
	case KEY_CODE_RIGHT:
		editline_right(line);
		return EDITLINE_USED;
	case KEY_CODE_HOME:
	case KEY_CTRL_A:
		editline_home(line);
		return EDITLINE_USED;
	case KEY_CODE_END:
	case KEY_CTRL_E:
		editline_end(line);
		return EDITLINE_USED;
	case KEY_CODE_WORD_LEFT:
		editline_word_left(line);
		return EDITLINE_USED;
	case KEY_CODE_WORD_RIGHT:
		editline_word_right(line);
		return EDITLINE_USED;
	default:
		if (key >= 32 && key < KEY_CODE_BASE && key != 127)
			return edited(editline_insert(line, (unsigned)key));
		return EDITLINE_PASS;
	}
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
