/* chrome.c - title line, message line, F-key legend and the too-small notice. */
#include "chrome.h"

#include <stdio.h>
#include <string.h>

#include "legend.h"
#include "tui.h"
#include "width.h"

enum { MAX_LEGEND = 16, DETAIL_ROWS = 6 };

bool chrome_fits(void)
{
	return tui_cols() >= CHROME_MIN_COLS && tui_rows() >= CHROME_MIN_ROWS;
}

static void draw_too_small(void)
{
	char line[128];
	int row = tui_rows() / 2 - 1;

	snprintf(line, sizeof line, "Terminal too small: %dx%d.", tui_cols(), tui_rows());
	tui_put(row < 0 ? 0 : row, 0, tui_cols(), TUI_ERROR, false, line);
	snprintf(line, sizeof line, "Please enlarge it to at least %dx%d.", CHROME_MIN_COLS,
	         CHROME_MIN_ROWS);
	tui_put(row + 1, 0, tui_cols(), TUI_NORMAL, false, line);
	tui_put(row + 2, 0, tui_cols(), TUI_NORMAL, false, "Nothing is lost meanwhile.");
}

static void draw_title(const struct chrome_view *view)
{
	char left[256], right[256];
	int cols = tui_cols(), right_width;

	snprintf(left, sizeof left, " hrmis | %s", view->title);
	if (view->login != NULL)
		snprintf(right, sizeof right, "%s @ %s ", view->login,
		         view->org_code ? view->org_code : "");
	else
		right[0] = '\0';
	right_width = text_width(right);
	tui_fill(0, 0, cols, TUI_TITLE);
	tui_put(0, 0, cols - right_width - 1, TUI_TITLE, false, left);
	tui_put(0, cols - right_width, right_width, TUI_TITLE, false, right);
}

/* Draws `text` wrapped into the rows [first, last]; returns rows used. */
static int draw_wrapped(int first, int last, int col, int width, enum tui_attr attr,
                        const char *text)
{
	int row = first;

	while (*text != '\0' && row <= last) {
		size_t next, len = text_wrap(text, width, &next);
		char line[1024];

		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, text, len);
		line[len] = '\0';
		tui_put(row++, col, width, attr, true, line);
		if (next == 0)
			break;
		text += next;
	}
	return row - first;
}

static void draw_message(const struct chrome_view *view)
{
	int row = tui_rows() - 2, cols = tui_cols();

	if (view->prompt != NULL) {
		tui_put(row, 0, cols, TUI_INPUT, true, view->prompt);
		tui_cursor(row, view->prompt_cursor < cols ? view->prompt_cursor : cols - 1);
		return;
	}
	if (view->message == NULL || view->message[0] == '\0')
		return;
	tui_put(row, 0, cols, view->message_is_error ? TUI_ERROR : TUI_MESSAGE, false,
	        view->message);
	if (view->detail != NULL) {
		/* The message in full when the line cuts it, and the technical
		 * detail, boxed over the bottom of the body. */
		int top = row - DETAIL_ROWS - 1, next = top + 1;

		tui_put(top, 0, cols, TUI_HEADING, true,
		        view->message_cut ? "The message in full and its detail (F8 hides it)"
		                          : "Technical detail (F8 hides it)");
		for (int r = top + 1; r < row; r++)
			tui_fill(r, 0, cols, TUI_NORMAL);
		if (view->message_cut)
			next = top + 1 +
			       draw_wrapped(top + 1, row - 1, 1, cols - 2, TUI_MESSAGE, view->message) + 1;
		if (next < row && view->detail[0] != '\0')
			draw_wrapped(next, row - 1, 1, cols - 2, TUI_NORMAL, view->detail);
	}
}

static void draw_legend(const struct chrome_view *view)
{
	struct legend_item items[MAX_LEGEND];
	char keys[MAX_LEGEND][16];
	size_t count = 0;
	int row = tui_rows() - 1;

	for (size_t i = 0; view->legend && view->legend[i] != ACTION_NONE && count < MAX_LEGEND;
	     i++) {
		int key = keymap_key_for(view->keymap, view->context, view->legend[i]);

		if (key < 0)
			continue; /* unbound by the configuration: nothing to show */
		if (view->legend[i] == ACTION_DETAILS && !view->detail_available)
			continue;
		key_format(key, keys[count], sizeof keys[count]);
		items[count].key = keys[count];
		items[count].label = action_label(view->legend[i]);
		count++;
	}
	legend_layout(items, count, tui_cols());
	for (size_t i = 0; i < count; i++) {
		int col = items[i].column;

		if (col < 0)
			continue;
		col += tui_put(row, col, tui_cols() - col, TUI_LEGEND_KEY, false, items[i].key);
		col += tui_put(row, col, 1, TUI_NORMAL, false, " ");
		tui_put(row, col, tui_cols() - col, TUI_LEGEND_LABEL, false, items[i].label);
	}
}

int chrome_draw_wrapped(int row, int last_row, int col, int width, enum tui_attr attr,
                        const char *text)
{
	return draw_wrapped(row, last_row, col, width, attr, text);
}

void chrome_draw_message(const struct chrome_view *view)
{
	if (chrome_fits())
		draw_message(view);
}

bool chrome_draw(const struct chrome_view *view, struct rect *body)
{
	if (!chrome_fits()) {
		draw_too_small();
		tui_cursor(-1, -1);
		return false;
	}
	draw_title(view);
	draw_legend(view);
	body->row = 1;
	body->col = 0;
	body->rows = tui_rows() - 3;
	body->cols = tui_cols();
	return true;
}
