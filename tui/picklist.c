/* picklist.c - the value list opened with F4. */
#include "picklist.h"

#include <stdio.h>
#include <string.h>

#include "keymap.h"
#include "tui.h"
#include "width.h"

enum { MAX_SHOWN = 12 };

void picklist_open(struct picklist *list, const char *const *items, int count, int selected)
{
	list->items = items;
	list->count = count;
	list->selected = selected >= 0 && selected < count ? selected : 0;
	list->open = count > 0;
}

/* Case-insensitive first letter match for ASCII; other keys match exactly. */
static bool starts_with(const char *item, int key)
{
	int first = (unsigned char)item[0];

	if (key < 128 && first < 128 && first >= 'A' && first <= 'Z')
		first += 'a' - 'A';
	if (key >= 'A' && key <= 'Z')
		key += 'a' - 'A';
	return first == key;
}

enum picklist_result picklist_key(struct picklist *list, int key)
{
	if (key == KEY_CODE_UP || key == KEY_CODE_BTAB) {
		list->selected = (list->selected + list->count - 1) % list->count;
	} else if (key == KEY_CODE_DOWN || key == KEY_CODE_TAB) {
		list->selected = (list->selected + 1) % list->count;
	} else if (key == KEY_CODE_HOME || key == KEY_CODE_PAGE_UP) {
		list->selected = 0;
	} else if (key == KEY_CODE_END || key == KEY_CODE_PAGE_DOWN) {
		list->selected = list->count - 1;
	} else if (key == KEY_CODE_ENTER) {
		list->open = false;
		return PICKLIST_CHOSEN;
	} else if (key == KEY_CODE_ESC || key == KEY_CODE_F(3) || key == KEY_CODE_F(4)) {
		list->open = false;
		return PICKLIST_CLOSED;
	} else if (key > 32 && key < KEY_CODE_BASE) {
		for (int step = 1; step <= list->count; step++) {
			int i = (list->selected + step) % list->count;

			if (starts_with(list->items[i], key)) {
				list->selected = i;
				break;
			}
		}
	}
	return PICKLIST_MOVED;
}

void picklist_draw(const struct picklist *list, int row, int col)
{
	int width = 12, shown = list->count < MAX_SHOWN ? list->count : MAX_SHOWN, top;

	for (int i = 0; i < list->count; i++)
		if (text_width(list->items[i]) + 4 > width)
			width = text_width(list->items[i]) + 4;
	if (width > tui_cols() - 2)
		width = tui_cols() - 2;
	if (row + shown + 2 > tui_rows() - 2)
		row = tui_rows() - 2 - shown - 2;
	if (col + width > tui_cols())
		col = tui_cols() - width;
	top = list->selected >= shown ? list->selected - shown + 1 : 0;
	tui_box(row, col, shown + 2, width);
	for (int i = 0; i < shown; i++) {
		char line[256];
		bool here = top + i == list->selected;

		snprintf(line, sizeof line, "%s %s", here ? ">" : " ", list->items[top + i]);
		tui_put(row + 1 + i, col + 1, width - 2, here ? TUI_SELECTED : TUI_NORMAL, true,
		        line);
	}
	tui_cursor(row + 1 + list->selected - top, col + 1);
}
