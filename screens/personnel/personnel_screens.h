/*
 * personnel_screens.h - the personnel file's screens (register, file, entry
 * form, conflict, history) and what they, the home screen and the order
 * screens pass each other when one opens another.  The module's one public
 * header.
 */
#ifndef HRMIS_PERSONNEL_SCREENS_H
#define HRMIS_PERSONNEL_SCREENS_H

#include <stdbool.h>

#include "date.h"
#include "section.h"
#include "uuid.h"

struct screen_ops;

/* Opens profile_screen (app_push_with takes ownership: the screen frees it). */
struct profile_request {
	long person_id;
	struct date as_of;
};

/* Opens entry_screen for one record of a section, or a new person. */
struct entry_request {
	enum section_id section;
	long person_id; /* 0 when creating a person */
	long record_id; /* 0 for a new record */
	int version;    /* of the record as loaded */
	char **values;  /* stored values per field, or NULL: empty form */
	bool create_person;
	bool from_draft;                 /* values are as typed, not stored values */
	char request_id[UUID_TEXT_SIZE]; /* a new person's identity across retries */
	char *title;                     /* shown in the title line; owned */
};

/* A request for the new-person form, with a fresh request id; malloc'd. */
struct entry_request *entry_request_new_person(void);

/* A request to edit (record_id > 0) or add (0) an entry of `section`;
 * `values` (section->nfields stored values) are copied; may be NULL. */
struct entry_request *entry_request_for(enum section_id section, long person_id, long record_id,
                                        int version, const char *const *values, const char *title);

void entry_request_free(struct entry_request **request);

/*
 * Rebuilds the request a draft was saved from (the draft's form, record
 * and JSON payload), so the form opens with what was typed; NULL when
 * the draft cannot be read.  malloc'd.
 */
struct entry_request *entry_request_from_draft(const char *form, const char *record,
                                               const char *payload);

/* Opens conflict_screen: the record changed on the server meanwhile. */
struct conflict_request {
	const struct section_def *section;
	char **mine;   /* typed values, display form; owned */
	char **theirs; /* values saved by someone else, display form; owned */
	bool *both;    /* changed by both, differently: the fields to choose; owned */
	int their_version;
	void *entry; /* the entry screen's state, for the decision */
	void (*decide)(void *entry, bool keep_mine, int their_version, char **theirs);
};

/* Opens history_screen for one record. */
struct history_request {
	const char *table; /* as hr.record_history() names it */
	long record_id;
	char *title; /* owned */
};

extern const struct screen_ops register_screen;
extern const struct screen_ops profile_screen;
extern const struct screen_ops entry_screen;
extern const struct screen_ops conflict_screen;
extern const struct screen_ops history_screen;

#endif
