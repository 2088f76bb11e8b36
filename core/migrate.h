/*
 * migrate.h - the schema: the numbered migrations of db/ (db/NNN_*.sql:
 * tables, types, policies, data; applied once each, in name order, never
 * changed afterwards) and the function files of db/functions/ (function
 * bodies, re-appliable: applied after every migration, again whenever their
 * text changes).  Each migration runs in its own transaction together with
 * its row in public.schema_migration; the function files of a run go in
 * together in one transaction with their rows in public.schema_function
 * (a dispatcher never meets a kind function it has not caught up with);
 * all under one advisory lock, so concurrent runs do not interleave.
 */
#ifndef HRMIS_MIGRATE_H
#define HRMIS_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "status.h"

struct migration {
	/* A migration's base name ("002_schema.sql"), or a function file's
	 * path under db/ ("functions/orders/hire.sql"). */
	char *name;
	char *text;
};

struct migration_list {
	struct migration *items; /* sorted by name (strcmp) */
	size_t count;
};

struct migration_set {
	struct migration_list migrations; /* db/NNN_*.sql */
	struct migration_list functions;  /* db/functions/ and its subfolders, *.sql */
};

/* Returns a copy of the migrations and function files compiled into the
 * program; free with migration_set_free().  Never fails (allocation
 * failure aborts). */
struct migration_set *migration_set_embedded(void);

/*
 * Reads every "*.sql" file of `dir` as a migration and every "*.sql" file
 * below `dir`/functions (any depth; the folder may be missing) as a function
 * file, each list sorted by name, into *set (free with migration_set_free()).
 * Returns STATUS_OK, or STATUS_IO with *detail set to a message the caller
 * frees.
 */
enum status migration_set_from_dir(const char *dir, struct migration_set **set, char **detail);

/* Frees the set and sets *set to NULL. */
void migration_set_free(struct migration_set **set);

/* True when `name` (a struct migration's) is a function file's path. */
bool migration_is_function_file(const char *name);

/*
 * Applies the pending migrations of `set`, then every function file that is
 * new or whose text changed since it was applied, writing one line per file
 * to `out` ("applied NAME", "re-applied NAME (changed)").  Refuses to apply
 * anything (STATUS_MIGRATION_CHANGED) when an applied migration's text
 * differs from the one in `set`.  On failure *failed names the file
 * concerned (points into `set`, or NULL) and *detail holds the technical
 * detail (caller frees; NULL on success).
 */
enum status migrate_apply(struct db *db, const struct migration_set *set, FILE *out,
                          const char **failed, char **detail);

/*
 * Writes one line per migration ("applied  NAME  AT", "pending  NAME",
 * "CHANGED  NAME ..." for an applied migration edited since), then one per
 * function file ("applied  NAME  AT", "pending  NAME", "changed  NAME ..."
 * for one the next migrate re-applies), and "unknown  NAME ..." for rows
 * without a file, to `out`.  Returns STATUS_OK, STATUS_MIGRATION_CHANGED
 * when any applied migration was changed (a changed function file is no
 * error), or the database failure.
 */
enum status migrate_status(struct db *db, const struct migration_set *set, FILE *out);

#endif
