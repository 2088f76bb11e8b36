/* draw.c - writing text with attributes into curses' screen model. */
#define NCURSES_WIDECHAR 1
#include "tui.h"

#include <curses.h>
#include <string.h>

#include "tui_internal.h"
#include "width.h"

enum { LINE_BYTES = 4096 };

static attr_t attrs[TUI_LEGEND_LABEL + 1];
static int cursor_row = -1, cursor_col = -1;
static unsigned long frames;

void tui_theme_init(bool monochrome)
{
	/* Meaning is carried by the attribute; colour only repeats it. */
	attrs[TUI_NORMAL] = A_NORMAL;
	attrs[TUI_TITLE] = A_REVERSE | A_BOLD;
	attrs[TUI_HEADING] = A_BOLD | A_UNDERLINE;
	attrs[TUI_LABEL] = A_NORMAL;
	attrs[TUI_VALUE] = A_BOLD;
	attrs[TUI_INPUT] = A_UNDERLINE;
	attrs[TUI_SELECTED] = A_REVERSE;
	attrs[TUI_DIM] = A_DIM;
	attrs[TUI_MESSAGE] = A_NORMAL;
	attrs[TUI_ERROR] = A_BOLD;
	attrs[TUI_LEGEND_KEY] = A_BOLD;
	attrs[TUI_LEGEND_LABEL] = A_REVERSE;
	if (monochrome || !has_colors() || start_color() != OK)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_CYAN, -1);
	attrs[TUI_TITLE] = A_BOLD | COLOR_PAIR(1);
	attrs[TUI_ERROR] = A_BOLD | COLOR_PAIR(2);
	attrs[TUI_HEADING] = A_BOLD | A_UNDERLINE | COLOR_PAIR(3);
}

void tui_erase(void)
{
	werase(stdscr);
	cursor_row = cursor_col = -1;
}

int tui_put(int row, int col, int width, enum tui_attr attr, bool pad, const char *text)
{
	char buf[LINE_BYTES];
	int used;

	if (row < 0 || row >= LINES || col < 0 || col >= COLS || width <= 0)
		return 0;
	if (text == NULL)
		text = "";
	if (col + width > COLS)
		width = COLS - col;
	used = text_truncate(text, width, buf, sizeof buf);
	attrset(attrs[attr]);
	mvaddstr(row, col, buf);
	if (pad && used < width) {
		move(row, col + used);
		for (int i = used; i < width; i++)
			addch(' ');
	}
	attrset(A_NORMAL);
	return used;
}

void tui_fill(int row, int col, int width, enum tui_attr attr)
{
	tui_put(row, col, width, attr, true, "");
}

void tui_box(int row, int col, int rows, int cols)
{
	if (rows < 2 || cols < 2 || row < 0 || col < 0 || row + rows > LINES || col + cols > COLS)
		return;
	for (int r = row + 1; r < row + rows - 1; r++)
		tui_fill(r, col + 1, cols - 2, TUI_NORMAL);
	mvhline(row, col + 1, ACS_HLINE, cols - 2);
	mvhline(row + rows - 1, col + 1, ACS_HLINE, cols - 2);
	mvvline(row + 1, col, ACS_VLINE, rows - 2);
	mvvline(row + 1, col + cols - 1, ACS_VLINE, rows - 2);
	mvaddch(row, col, ACS_ULCORNER);
	mvaddch(row, col + cols - 1, ACS_URCORNER);
	mvaddch(row + rows - 1, col, ACS_LLCORNER);
	mvaddch(row + rows - 1, col + cols - 1, ACS_LRCORNER);
}

void tui_cursor(int row, int col)
{
	cursor_row = row;
	cursor_col = col;
}

void tui_flush(void)
{
	if (cursor_row >= 0 && cursor_row < LINES && cursor_col >= 0 && cursor_col < COLS) {
		curs_set(1);
		move(cursor_row, cursor_col);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	frames++;
}

void tui_force_repaint(void)
{
	clearok(curscr, TRUE);
}

unsigned long tui_frames(void)
{
	return frames;
}
