/* date_prompt.c - the "as of" date a clerk types into a screen. */
#include "date_prompt.h"

#include "app.h"
#include "keymap.h"

void date_prompt_init(struct date_prompt *prompt)
{
	prompt->open = false;
	editline_init(&prompt->line, 10);
}

void date_prompt_free(struct date_prompt *prompt)
{
	editline_free(&prompt->line);
}

void date_prompt_open(struct app *app, struct date_prompt *prompt, struct date current)
{
	struct field_context ctx;
	char text[DATE_TEXT_SIZE];

	app_field_context(app, &ctx);
	editline_set(&prompt->line, date_format(current, ctx.date_format, text, sizeof text));
	prompt->open = true;
	app_message(app, "Type the date and press Enter; Esc keeps the old one.");
}

enum date_prompt_result date_prompt_key(struct app *app, struct date_prompt *prompt, int key,
                                        struct date *date)
{
	struct field_context ctx;
	const char *reason = NULL;

	if (key == KEY_CODE_ENTER) {
		app_field_context(app, &ctx);
		if (!date_parse(prompt->line.text, ctx.date_format, date, &reason)) {
			app_message(app, reason);
			return DATE_PROMPT_TYPING;
		}
		prompt->open = false;
		app_clear_message(app);
		return DATE_PROMPT_CHOSEN;
	}
	if (key == KEY_CODE_ESC || key == KEY_CODE_F(3)) {
		prompt->open = false;
		app_clear_message(app);
		return DATE_PROMPT_CANCELLED;
	}
	/* The field's editing keys: Ctrl-U clears the day in one key. */
	editline_key(&prompt->line, key);
	return DATE_PROMPT_TYPING;
}
