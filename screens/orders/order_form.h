/*
 * order_form.h - the state of the order form and what its three files
 * share: order_form.c (the screen: loading, drawing, keys), order_save.c
 * (checking and saving a line, editing saved ones) and order_line.c
 * (finding what a line's fields hold, keeping the typed line).
 */
#ifndef HRMIS_ORDER_FORM_H
#define HRMIS_ORDER_FORM_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "app.h"
#include "editline.h"
#include "form.h"
#include "listing.h"
#include "order.h"
#include "order_screens.h"
#include "picklist.h"
#include "uuid.h"

enum area { AREA_LINE, AREA_LINES, AREA_BASIS };

struct order_form_state {
	const struct order_kind *kind;
	long order_id;
	char request[UUID_TEXT_SIZE];
	char version[16];
	char *basis_loaded;
	struct editline basis;
	struct form line;
	/* Employee, position, penalty: the id chosen and the text shown for
	 * it (typing over the text drops the choice). */
	long ids[ORDER_MAX_FIELDS];
	char *chosen[ORDER_MAX_FIELDS];
	int line_no; /* the line being edited; 0 for a new one */
	PGresult *lines;
	struct listing list;
	enum area area;
	struct picklist pick;
	int pick_field; /* the field the list is for */
	char **pick_items;
	long *pick_ids;
	int pick_count;
	char *pending_draft;   /* a kept line to restore once the form is set up */
	char *receiving_label; /* a released file being taken on, as the list showed it */
	bool enter_pending;    /* Enter waits for a lookup */
	bool busy;             /* a save is on its way */
};

/* order_form.c */
struct field_context order_form_context_of(struct app *app);
const struct order_field *order_form_field_at(const struct order_form_state *st, int i);
/* The field holds an id chosen from a list (employee, position, penalty, organisation). */
bool order_form_is_choice(const struct order_form_state *st, int i);
/* Sets a chosen id and the text shown for it. */
void order_form_choose(struct order_form_state *st, int i, long id, const char *text);
void order_form_clear_pick(struct order_form_state *st);
/* A new, empty line (the form keeps the order). */
void order_form_reset_line(struct order_form_state *st);
/* A hire line starts with the next free personnel number. */
void order_form_suggest_number(struct app *app, struct order_form_state *st);
/* Reads the order's lines again. */
void order_form_load_lines(struct app *app, struct order_form_state *st);

/* order_save.c */
/* Enter on a checked field: save a complete line, else the next field. */
void order_form_advance(struct app *app, struct order_form_state *st);
bool order_form_line_touched(const struct order_form_state *st);
/* F2: the line being keyed (complete) or the basis. */
void order_form_save(struct app *app, struct order_form_state *st);
/* Enter (or Tab when `move_only`) on the focused field of the line. */
void order_form_leave_field(struct app *app, struct order_form_state *st, bool move_only);
/* F6: the values of the last line for the next employee. */
void order_form_copy_previous(struct app *app, struct order_form_state *st);
/* Enter on a line of the list: change it in the form. */
void order_form_edit_line(struct app *app, struct order_form_state *st);
/* Delete on a line of the list: remove it from the draft. */
void order_form_delete_line(struct app *app, struct order_form_state *st);

/* order_line.c */
/* Asks for what field i may hold, narrowed by what is typed (Enter) or all of it (F4). */
void order_line_find(struct app *app, struct order_form_state *st, int i);
/* Takes a choice from a list; a released file (negative id) is taken on first. */
void order_line_take(struct app *app, struct order_form_state *st, int field, long id,
                     const char *label);
/* The list of a choice field's values (F4). */
void order_line_choices(struct order_form_state *st, int i);
/* The line being typed kept on the server (now: waiting, at hang-up), or dropped. */
void order_line_draft_keep(struct app *app, struct order_form_state *st, bool now);
void order_line_draft_drop(struct app *app, struct order_form_state *st);
/* A kept line: the order and request it belongs to, then, once the form
 * is set up, its fields. */
void order_line_restore(struct app *app, struct order_form_state *st,
                        struct order_form_request *request);
void order_line_restore_fields(struct order_form_state *st, const char *payload);

#endif
