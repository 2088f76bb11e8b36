/*
 * structure_screens.h - the structure screens (the tree, staffing,
 * reorganisation) and what they pass each other when one opens another.
 * The module's one public header.
 */
#ifndef HRMIS_STRUCTURE_SCREENS_H
#define HRMIS_STRUCTURE_SCREENS_H

#include "date.h"

struct screen_ops;

/* Opens structure_screen (org_id 0: the organisations' tree) or
 * staffing_screen (an organisation); the screen frees it. */
struct structure_request {
	long org_id;
	char org_code[40];
	char org_name[200];
	struct date as_of;
	/* staffing_screen: the department it opens on (0: the whole
	 * organisation) and its "CODE  Name". */
	long department_id;
	char department[240];
};

/* Opens reorg_screen for one department; the screen frees it. */
struct reorg_request {
	long department_id;
	char *label; /* "CODE  Name" */
	struct date as_of;
	/* The organisation's departments, to name a new parent or a target. */
	char **codes;
	long *ids;
	int ncodes;
};

extern const struct screen_ops structure_screen;
extern const struct screen_ops staffing_screen;
extern const struct screen_ops reorg_screen;

#endif
