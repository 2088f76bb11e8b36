/* form.c - labelled fields edited in place, scrolled to keep the focus in view. */
#include "form.h"

#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "tui.h"
#include "width.h"
#include "xalloc.h"

enum { MARK_COLUMNS = 2 };

void form_init(struct form *form, int count)
{
	memset(form, 0, sizeof *form);
	form->fields = xcalloc((size_t)count, sizeof *form->fields);
	form->count = count;
	for (int i = 0; i < count; i++) {
		editline_init(&form->fields[i].line, 0);
		form->fields[i].label = xstrdup("");
		form->fields[i].loaded = xstrdup("");
	}
}

void form_free(struct form *form)
{
	for (int i = 0; i < form->count; i++) {
		free(form->fields[i].label);
		free(form->fields[i].loaded);
		editline_free(&form->fields[i].line);
	}
	free(form->fields);
	memset(form, 0, sizeof *form);
}

void form_set_field(struct form *form, int i, const char *label, const char *value,
                    size_t max_bytes)
{
	struct form_field *field = &form->fields[i];
	int width = text_width(label);

	free(field->label);
	field->label = xstrdup(label);
	field->line.max_bytes = max_bytes;
	form_set_value(form, i, value, true);
	if (width > form->label_width)
		form->label_width = width;
}

void form_set_value(struct form *form, int i, const char *value, bool as_loaded)
{
	struct form_field *field = &form->fields[i];

	editline_set(&field->line, value);
	if (as_loaded) {
		free(field->loaded);
		field->loaded = xstrdup(value);
	}
	field->invalid = false;
}

const char *form_value(const struct form *form, int i)
{
	return form->fields[i].line.text;
}

bool form_field_changed(const struct form *form, int i)
{
	return strcmp(form->fields[i].line.text, form->fields[i].loaded) != 0;
}

bool form_changed(const struct form *form)
{
	for (int i = 0; i < form->count; i++)
		if (form_field_changed(form, i))
			return true;
	return false;
}

void form_focus(struct form *form, int i)
{
	if (i >= 0 && i < form->count)
		form->focus = i;
}

int form_next(const struct form *form)
{
	for (int i = form->focus + 1; i < form->count; i++)
		if (!form->fields[i].read_only)
			return i;
	return -1;
}

int form_prev(const struct form *form)
{
	for (int i = form->focus - 1; i >= 0; i--)
		if (!form->fields[i].read_only)
			return i;
	return -1;
}

bool form_edit_key(struct form *form, int key)
{
	if (form->count == 0 || form->fields[form->focus].read_only)
		return false;
	return editline_key(&form->fields[form->focus].line, key) != EDITLINE_PASS;
}

/*
 * Byte offset from which the field's text is shown so that the cursor
 * stays inside `width` columns; whole characters only.
 */
static size_t scroll_start(const struct editline *line, int width)
{
	size_t start = 0;

	while (start < line->cursor) {
		char *part = xmalloc(line->cursor - start + 1);
		int cols;

		memcpy(part, line->text + start, line->cursor - start);
		part[line->cursor - start] = '\0';
		cols = text_width(part);
		free(part);
		if (cols < width)
			break;
		start += grapheme_next(line->text + start);
	}
	return start;
}

void form_draw(struct form *form, int row, int col, int rows, int cols)
{
	int input_col = col + MARK_COLUMNS + form->label_width + 2;
	int input_width = cols - (input_col - col) - 1;

	if (form->focus < form->top)
		form->top = form->focus;
	if (form->focus >= form->top + rows)
		form->top = form->focus - rows + 1;
	for (int i = form->top; i < form->count && i - form->top < rows; i++) {
		const struct form_field *field = &form->fields[i];
		int r = row + (i - form->top);
		const char *mark = field->invalid ? "!" : form_field_changed(form, i) ? "*" : " ";
		size_t start;

		tui_put(r, col, MARK_COLUMNS, field->invalid ? TUI_ERROR : TUI_NORMAL, true, mark);
		tui_put(r, col + MARK_COLUMNS, form->label_width + 2, TUI_LABEL, true,
		        field->label);
		if (field->read_only) {
			tui_put(r, input_col, input_width, TUI_VALUE, false, field->line.text);
			continue;
		}
		start = i == form->focus ? scroll_start(&field->line, input_width) : 0;
		tui_put(r, input_col, input_width, TUI_INPUT, true, field->line.text + start);
		if (i == form->focus) {
			char *part = xmalloc(field->line.cursor - start + 1);

			memcpy(part, field->line.text + start, field->line.cursor - start);
			part[field->line.cursor - start] = '\0';
			tui_cursor(r, input_col + text_width(part));
			free(part);
		}
	}
}
