/*
 * migrate.h - schema migrations: the SQL files of db/ (embedded in the
 * program, or read from a directory), applied in name order, each in its
 * own transaction together with its row in public.schema_migration.
 */
#ifndef HRMIS_MIGRATE_H
#define HRMIS_MIGRATE_H

#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "status.h"

struct migration {
	char *name; /* base name, e.g. "002_schema.sql" */
	char *text;
};

struct migration_set {
	struct migration *items; /* sorted by name */
	size_t count;
};

/* Returns a copy of the migrations compiled into the program; free with
 * migration_set_free().  Never fails (allocation failure aborts). */
struct migration_set *migration_set_embedded(void);

/*
 * Reads every "*.sql" file of `dir`, sorted by name, into *set (free with
 * migration_set_free()).  Returns STATUS_OK, or STATUS_IO with *detail set
 * to a message the caller frees.
 */
enum status migration_set_from_dir(const char *dir, struct migration_set **set, char **detail);

/* Frees the set and sets *set to NULL. */
void migration_set_free(struct migration_set **set);

/*
 * Applies the pending migrations of `set`, writing one "applied NAME" line
 * per migration to `out`.  Refuses to apply anything (STATUS_MIGRATION_CHANGED)
 * when an applied migration's text differs from the one in `set`.  Holds an
 * advisory lock so concurrent runs do not interleave.  On failure *failed
 * names the migration concerned (points into `set`, or NULL) and *detail
 * holds the technical detail (caller frees; NULL on success).
 */
enum status migrate_apply(struct db *db, const struct migration_set *set, FILE *out,
                          const char **failed, char **detail);

/*
 * Writes one line per migration ("applied AT NAME", "pending NAME",
 * "CHANGED NAME", "unknown NAME" for rows without a file) to `out`.
 * Returns STATUS_OK, STATUS_MIGRATION_CHANGED when any applied migration
 * was changed, or the database failure.
 */
enum status migrate_status(struct db *db, const struct migration_set *set, FILE *out);

#endif
