/*
 * staffing.h - the state of the staffing screen and what its two files
 * share: staffing.c (the screen: the two lists, drawing, keys) and
 * staffing_batch.c (staging, withdrawing, previewing and applying changes).
 */
#ifndef HRMIS_STAFFING_H
#define HRMIS_STAFFING_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "app.h"
#include "date_prompt.h"
#include "editline.h"
#include "form.h"
#include "listing.h"
#include "structure.h"
#include "structure_screens.h"
#include "uuid.h"

enum mode { MODE_TABLE, MODE_RATES, MODE_ADD, MODE_PREVIEW };

enum { ADD_DEPARTMENT, ADD_TITLE, ADD_GRADE, ADD_CATEGORY, ADD_RATES, ADD_FIELDS };

struct staffing_state {
	struct structure_request request;
	struct date as_of;
	bool vacancies_only;
	bool whole;      /* opened on a department, showing the whole organisation (F4) */
	long generation; /* of the newest load: the cookie its answer carries */
	PGresult *rows; /* staffing table or vacancies */
	PGresult *preview;
	struct listing list;
	enum mode mode;
	char batch[UUID_TEXT_SIZE];
	int staged;       /* steps staged in the batch */
	bool leave_armed; /* F3 pressed once with steps staged */
	/* The steps staged, and those sent and not yet answered (in order). */
	struct step {
		long id;
		enum structure_change_kind kind;
		long position;
	} * steps, pending[16];
	int nsteps, steps_size, npending;
	struct date_prompt as_of_prompt; /* F7: the table as of a day */
	struct editline line;            /* new rates, or the effective day */
	struct form add;                 /* a new position */
};

/* staffing.c */
/* Reads the list shown (the table or the vacancies) again. */
void staffing_load(struct app *app, struct staffing_state *st);

/* staffing_batch.c */
/* Index of the staged step of `kind` for `position`, or -1. */
int staffing_staged_step(const struct staffing_state *st, enum structure_change_kind kind,
                         long position);
/* Asks the server to take step i back out of the batch. */
void staffing_withdraw(struct app *app, struct staffing_state *st, int i);
/* Stages a step ('' for each of position ... rates it does not set). */
void staffing_stage(struct app *app, struct staffing_state *st, enum structure_change_kind kind,
                    const char *position, const char *department, const char *title,
                    const char *grade, const char *category, const char *rates);
/* Stages the new position typed into the add form. */
void staffing_stage_new_position(struct app *app, struct staffing_state *st);
/* The preview of the batch from the effective day typed. */
void staffing_preview(struct app *app, struct staffing_state *st);
/* Applies the previewed batch from the effective day typed. */
void staffing_apply(struct app *app, struct staffing_state *st);

#endif
