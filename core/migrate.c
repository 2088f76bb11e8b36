/* migrate.c - apply db/ migrations once each, in order, checksummed, then
 * the function files that are new or changed. */
#include "migrate.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Key of the transaction-level advisory lock every step of a run takes. */
#define MIGRATE_LOCK "SELECT pg_advisory_xact_lock(7262874601)"

/* What a migration waits for a lock on a table in use: a session holding
 * one (a clerk's transaction left open) makes the run fail and say so,
 * instead of every session of every organisation queueing behind it. */
#define MIGRATE_LOCK_TIMEOUT "SET LOCAL lock_timeout = '5s'"

static const char *const bootstrap_sql = "BEGIN;\n" MIGRATE_LOCK ";\n"
                                         "CREATE TABLE IF NOT EXISTS public.schema_migration (\n"
                                         "  name text PRIMARY KEY,\n"
                                         "  checksum text NOT NULL,\n"
                                         "  applied_at timestamptz NOT NULL DEFAULT now());\n"
                                         "REVOKE ALL ON public.schema_migration FROM PUBLIC;\n"
                                         "CREATE TABLE IF NOT EXISTS public.schema_function (\n"
                                         "  path text PRIMARY KEY,\n"
                                         "  checksum text NOT NULL,\n"
                                         "  applied_at timestamptz NOT NULL DEFAULT now());\n"
                                         "REVOKE ALL ON public.schema_function FROM PUBLIC;\n"
                                         "COMMIT;";

#define CHECKSUM "encode(sha256(convert_to($2, 'UTF8')), 'hex')"

/* Where a kind of file is recorded, and whether a changed one runs again. */
struct ledger {
	const char *table;
	const char *lookup_sql; /* one row when applied: checksum, checksum of $2, applied_at */
	const char *record_sql; /* records $1 with the checksum of $2 */
	const char *names_sql;  /* every recorded name, in order */
	bool reapply;           /* a changed file is applied again (else refused) */
};

static const struct ledger migrations = {
	"public.schema_migration",
	"SELECT checksum, " CHECKSUM ", applied_at FROM public.schema_migration WHERE name = $1",
	"INSERT INTO public.schema_migration (name, checksum, applied_at) "
	"VALUES ($1, " CHECKSUM ", now())",
	"SELECT name FROM public.schema_migration ORDER BY name",
	false,
};

static const struct ledger functions = {
	"public.schema_function",
	"SELECT checksum, " CHECKSUM ", applied_at FROM public.schema_function WHERE path = $1",
	"INSERT INTO public.schema_function AS f (path, checksum, applied_at) "
	"VALUES ($1, " CHECKSUM ", now()) ON CONFLICT (path) DO UPDATE "
	"SET checksum = excluded.checksum, applied_at = excluded.applied_at",
	"SELECT path FROM public.schema_function ORDER BY path",
	true,
};

static const char changed_detail[] =
        "its checksum differs from the one recorded when it was applied";

enum applied_state { STATE_PENDING, STATE_APPLIED, STATE_CHANGED, STATE_ERROR };

/* Looks up one file; on STATE_APPLIED/CHANGED copies applied_at to `at`. */
static enum applied_state applied_state(struct db *db, const struct ledger *ledger,
                                        const struct migration *m, char *at, size_t at_size)
{
	const char *params[] = { m->name, m->text };
	PGresult *res = db_exec(db, ledger->lookup_sql, 2, params);
	enum applied_state state;

	if (res == NULL)
		return STATE_ERROR;
	if (PQntuples(res) == 0) {
		state = STATE_PENDING;
	} else {
		state = strcmp(db_value(res, 0, 0), db_value(res, 0, 1)) == 0 ? STATE_APPLIED
		                                                              : STATE_CHANGED;
		if (at != NULL)
			snprintf(at, at_size, "%s", db_value(res, 0, 2));
	}
	db_result_free(&res);
	return state;
}

/* Ends the failed transaction; returns the failure's status and copies its
 * detail to *detail (the rollback itself would overwrite both). */
static enum status rollback(struct db *db, char **detail)
{
	enum status status = db_status(db);

	*detail = xstrdup(db_detail(db));
	db_command(db, "ROLLBACK", 0, NULL);
	return status;
}

/*
 * Applies one file unless it is applied as it stands (another run may have
 * done it meanwhile); *ran says what it found: STATE_PENDING or
 * STATE_CHANGED when it ran the file, STATE_APPLIED when not.
 */
static enum status apply_one(struct db *db, const struct ledger *ledger, const struct migration *m,
                             enum applied_state *ran, char **detail)
{
	const char *params[] = { m->name, m->text };
	enum applied_state state;
	enum status status;

	*ran = STATE_APPLIED;
	if ((status = db_command(db, "BEGIN", 0, NULL)) != STATUS_OK) {
		*detail = xstrdup(db_detail(db));
		return status;
	}
	if (db_command(db, MIGRATE_LOCK, 0, NULL) != STATUS_OK ||
	    db_command(db, MIGRATE_LOCK_TIMEOUT, 0, NULL) != STATUS_OK)
		goto fail;
	state = applied_state(db, ledger, m, NULL, 0);
	if (state == STATE_ERROR)
		goto fail;
	if (state == STATE_CHANGED && !ledger->reapply) {
		db_command(db, "ROLLBACK", 0, NULL);
		*detail = xstrdup(changed_detail);
		return STATUS_MIGRATION_CHANGED;
	}
	if (state != STATE_APPLIED) {
		if (db_script(db, m->text) != STATUS_OK ||
		    db_command(db, ledger->record_sql, 2, params) != STATUS_OK)
			goto fail;
	}
	if ((status = db_command(db, "COMMIT", 0, NULL)) != STATUS_OK) {
		*detail = xstrdup(db_detail(db));
		return status;
	}
	*ran = state;
	return STATUS_OK;
fail:
	return rollback(db, detail);
}

/* Applies every file of `list` that needs it, in order, reporting each to `out`. */
static enum status apply_list(struct db *db, const struct ledger *ledger,
                              const struct migration_list *list, FILE *out, const char **failed,
                              char **detail)
{
	for (size_t i = 0; i < list->count; i++) {
		enum applied_state ran;
		enum status status = apply_one(db, ledger, &list->items[i], &ran, detail);

		if (status != STATUS_OK) {
			*failed = list->items[i].name;
			return status;
		}
		if (ran == STATE_PENDING)
			fprintf(out, "applied %s\n", list->items[i].name);
		else if (ran == STATE_CHANGED)
			fprintf(out, "re-applied %s (changed)\n", list->items[i].name);
	}
	return STATUS_OK;
}

/*
 * Applies the function files that are new or changed in one transaction:
 * a dispatcher and the functions it calls change together, so no session
 * ever calls one the other has not caught up with.  Reports each to `out`
 * once all are in.
 */
static enum status apply_functions(struct db *db, const struct migration_list *list, FILE *out,
                                   const char **failed, char **detail)
{
	enum applied_state *ran = xcalloc(list->count + 1, sizeof *ran);
	enum status status;

	if ((status = db_command(db, "BEGIN", 0, NULL)) != STATUS_OK) {
		*detail = xstrdup(db_detail(db));
		free(ran);
		return status;
	}
	if (db_command(db, MIGRATE_LOCK, 0, NULL) != STATUS_OK ||
	    db_command(db, MIGRATE_LOCK_TIMEOUT, 0, NULL) != STATUS_OK)
		goto fail;
	for (size_t i = 0; i < list->count; i++) {
		const struct migration *m = &list->items[i];
		const char *params[] = { m->name, m->text };

		ran[i] = applied_state(db, &functions, m, NULL, 0);
		if (ran[i] == STATE_ERROR) {
			*failed = m->name;
			goto fail;
		}
		if (ran[i] != STATE_APPLIED && (db_script(db, m->text) != STATUS_OK ||
		                                db_command(db, functions.record_sql, 2, params) !=
		                                        STATUS_OK)) {
			*failed = m->name;
			goto fail;
		}
	}
	if ((status = db_command(db, "COMMIT", 0, NULL)) != STATUS_OK) {
		*detail = xstrdup(db_detail(db));
		free(ran);
		return status;
	}
	for (size_t i = 0; i < list->count; i++)
		if (ran[i] == STATE_PENDING)
			fprintf(out, "applied %s\n", list->items[i].name);
		else if (ran[i] == STATE_CHANGED)
			fprintf(out, "re-applied %s (changed)\n", list->items[i].name);
	free(ran);
	return STATUS_OK;
fail:
	free(ran);
	return rollback(db, detail);
}

enum status migrate_apply(struct db *db, const struct migration_set *set, FILE *out,
                          const char **failed, char **detail)
{
	const struct migration_list *list = &set->migrations;
	enum status status;

	*failed = NULL;
	*detail = NULL;
	if (db_script(db, bootstrap_sql) != STATUS_OK)
		return rollback(db, detail);
	/* Check every applied migration before changing anything. */
	for (size_t i = 0; i < list->count; i++) {
		enum applied_state state = applied_state(db, &migrations, &list->items[i], NULL, 0);

		if (state == STATE_ERROR || state == STATE_CHANGED) {
			*failed = list->items[i].name;
			*detail = xstrdup(state == STATE_ERROR ? db_detail(db) : changed_detail);
			return state == STATE_ERROR ? db_status(db) : STATUS_MIGRATION_CHANGED;
		}
	}
	status = apply_list(db, &migrations, list, out, failed, detail);
	if (status != STATUS_OK)
		return status;
	/* The function files replace what the migrations defined: after them. */
	return apply_functions(db, &set->functions, out, failed, detail);
}

/* Prints recorded files that have no file in `list`. */
static enum status print_unknown(struct db *db, const struct ledger *ledger,
                                 const struct migration_list *list, FILE *out)
{
	PGresult *res = db_exec(db, ledger->names_sql, 0, NULL);

	if (res == NULL)
		return db_status(db);
	for (int row = 0; row < PQntuples(res); row++) {
		const char *name = db_value(res, row, 0);
		bool known = false;

		for (size_t i = 0; i < list->count && !known; i++)
			known = strcmp(list->items[i].name, name) == 0;
		if (!known)
			fprintf(out, "unknown  %s (applied, no such file)\n", name);
	}
	db_result_free(&res);
	return STATUS_OK;
}

/* Prints the state of every file of `list`; sets *changed when one changed. */
static enum status print_list(struct db *db, const struct ledger *ledger,
                              const struct migration_list *list, FILE *out, bool *changed)
{
	const char *params[] = { ledger->table };
	PGresult *res = db_exec(db, "SELECT to_regclass($1) IS NOT NULL", 1, params);
	bool have_table;
	char at[64];

	if (res == NULL)
		return db_status(db);
	have_table = strcmp(db_value(res, 0, 0), "t") == 0;
	db_result_free(&res);
	for (size_t i = 0; i < list->count; i++) {
		const char *name = list->items[i].name;
		enum applied_state state = STATE_PENDING;

		if (have_table && (state = applied_state(db, ledger, &list->items[i], at,
		                                         sizeof at)) == STATE_ERROR)
			return db_status(db);
		if (state == STATE_PENDING)
			fprintf(out, "pending  %s\n", name);
		else if (state == STATE_APPLIED)
			fprintf(out, "applied  %s  %s\n", name, at);
		else if (ledger->reapply)
			fprintf(out,
			        "changed  %s  (applied %s; the next migrate applies it again)\n",
			        name, at);
		else
			fprintf(out, "CHANGED  %s  (applied %s; the file differs now)\n", name, at);
		*changed = *changed || state == STATE_CHANGED;
	}
	return have_table ? print_unknown(db, ledger, list, out) : STATUS_OK;
}

enum status migrate_status(struct db *db, const struct migration_set *set, FILE *out)
{
	bool changed = false, function_changed = false;
	enum status status = print_list(db, &migrations, &set->migrations, out, &changed);

	if (status == STATUS_OK)
		status = print_list(db, &functions, &set->functions, out, &function_changed);
	if (status != STATUS_OK)
		return status;
	return changed ? STATUS_MIGRATION_CHANGED : STATUS_OK;
}
