/*
 * date_prompt.h - asking for an "as of" date in a screen's own line: the
 * field starts with the date in force, Enter checks it, Esc/F3 keeps the
 * old one.  Used by every screen that can show the past.
 */
#ifndef HRMIS_DATE_PROMPT_H
#define HRMIS_DATE_PROMPT_H

#include <stdbool.h>

#include "date.h"
#include "editline.h"

struct app;

struct date_prompt {
	bool open;
	struct editline line;
};

enum date_prompt_result {
	DATE_PROMPT_TYPING,    /* still open */
	DATE_PROMPT_CHOSEN,    /* closed with a valid date in *date */
	DATE_PROMPT_CANCELLED, /* closed, nothing changes */
};

void date_prompt_init(struct date_prompt *prompt);
void date_prompt_free(struct date_prompt *prompt);

/* Opens the prompt with `current` in the configured format. */
void date_prompt_open(struct app *app, struct date_prompt *prompt, struct date current);

/* Applies a key; a date that does not parse keeps the prompt open with the
 * reason on the message line. */
enum date_prompt_result date_prompt_key(struct app *app, struct date_prompt *prompt, int key,
                                        struct date *date);

#endif
