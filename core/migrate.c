/* migrate.c - apply db/ migrations once each, in order, checksummed. */
#include "migrate.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "xalloc.h"

/* Key of the transaction-level advisory lock every migration run takes. */
#define MIGRATE_LOCK "SELECT pg_advisory_xact_lock(7262874601)"

static const char *const bootstrap_sql = "BEGIN;\n" MIGRATE_LOCK ";\n"
                                         "CREATE TABLE IF NOT EXISTS public.schema_migration (\n"
                                         "  name text PRIMARY KEY,\n"
                                         "  checksum text NOT NULL,\n"
                                         "  applied_at timestamptz NOT NULL DEFAULT now());\n"
                                         "REVOKE ALL ON public.schema_migration FROM PUBLIC;\n"
                                         "COMMIT;";

/* One row when applied: stored checksum, checksum of $2, applied_at. */
static const char *const applied_sql =
        "SELECT checksum, encode(sha256(convert_to($2, 'UTF8')), 'hex'), applied_at "
        "FROM public.schema_migration WHERE name = $1";

static const char *const record_sql =
        "INSERT INTO public.schema_migration (name, checksum, applied_at) "
        "VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'), now())";

static void add(struct migration_set *set, const char *name, char *text)
{
	set->items = xrealloc(set->items, (set->count + 1) * sizeof *set->items);
	set->items[set->count].name = xstrdup(name);
	set->items[set->count].text = text;
	set->count++;
}

struct migration_set *migration_set_embedded(void)
{
	struct migration_set *set = xcalloc(1, sizeof *set);

	for (const struct embedded_file *f = embedded_migrations; f->name != NULL; f++)
		add(set, f->name, xstrdup(f->text));
	return set;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct migration *)a)->name, ((const struct migration *)b)->name);
}

/* Reads a whole file into a new string; NULL on failure (errno set). */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap * 2 + 4096;
			text = xrealloc(text, cap + 1);
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	text[len] = '\0';
	return text;
}

enum status migration_set_from_dir(const char *dir, struct migration_set **set, char **detail)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	struct migration_set *result;

	*set = NULL;
	if (d == NULL) {
		*detail = xasprintf("cannot open directory %s: %s", dir, strerror(errno));
		return STATUS_IO;
	}
	result = xcalloc(1, sizeof *result);
	while ((entry = readdir(d)) != NULL) {
		size_t len = strlen(entry->d_name);
		char *path, *text;

		if (len < 5 || strcmp(entry->d_name + len - 4, ".sql") != 0 ||
		    entry->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, entry->d_name);
		text = read_file(path);
		if (text == NULL) {
			*detail = xasprintf("cannot read %s: %s", path, strerror(errno));
			free(path);
			closedir(d);
			migration_set_free(&result);
			return STATUS_IO;
		}
		free(path);
		add(result, entry->d_name, text);
	}
	closedir(d);
	if (result->count > 0)
		qsort(result->items, result->count, sizeof *result->items, by_name);
	*set = result;
	return STATUS_OK;
}

void migration_set_free(struct migration_set **set)
{
	if (set == NULL || *set == NULL)
		return;
	for (size_t i = 0; i < (*set)->count; i++) {
		free((*set)->items[i].name);
		free((*set)->items[i].text);
	}
	free((*set)->items);
	free(*set);
	*set = NULL;
}

enum applied_state { STATE_PENDING, STATE_APPLIED, STATE_CHANGED, STATE_ERROR };

/* Looks up one migration; on STATE_APPLIED/CHANGED copies applied_at to `at`. */
static enum applied_state applied_state(struct db *db, const struct migration *m, char *at,
                                        size_t at_size)
{
	const char *params[] = { m->name, m->text };
	PGresult *res = db_exec(db, applied_sql, 2, params);
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

/* Applies one migration unless another run did meanwhile; sets *applied. */
static enum status apply_one(struct db *db, const struct migration *m, bool *applied, char **detail)
{
	const char *params[] = { m->name, m->text };
	enum applied_state state;
	enum status status;

	*applied = false;
	if ((status = db_command(db, "BEGIN", 0, NULL)) != STATUS_OK) {
		*detail = xstrdup(db_detail(db));
		return status;
	}
	if (db_command(db, MIGRATE_LOCK, 0, NULL) != STATUS_OK)
		goto fail;
	state = applied_state(db, m, NULL, 0);
	if (state == STATE_ERROR)
		goto fail;
	if (state == STATE_CHANGED) {
		db_command(db, "ROLLBACK", 0, NULL);
		*detail = xstrdup("its checksum differs from the one recorded when it was applied");
		return STATUS_MIGRATION_CHANGED;
	}
	if (state == STATE_PENDING) {
		if (db_script(db, m->text) != STATUS_OK ||
		    db_command(db, record_sql, 2, params) != STATUS_OK)
			goto fail;
		*applied = true;
	}
	if ((status = db_command(db, "COMMIT", 0, NULL)) != STATUS_OK) {
		*applied = false;
		*detail = xstrdup(db_detail(db));
	}
	return status;
fail:
	return rollback(db, detail);
}

enum status migrate_apply(struct db *db, const struct migration_set *set, FILE *out,
                          const char **failed, char **detail)
{
	enum status status;
	bool applied;

	*failed = NULL;
	*detail = NULL;
	if (db_script(db, bootstrap_sql) != STATUS_OK)
		return rollback(db, detail);
	/* Check every applied migration before changing anything. */
	for (size_t i = 0; i < set->count; i++) {
		enum applied_state state = applied_state(db, &set->items[i], NULL, 0);

		if (state == STATE_ERROR || state == STATE_CHANGED) {
			*failed = set->items[i].name;
			*detail =
			        xstrdup(state == STATE_ERROR ? db_detail(db)
			                                     : "its checksum differs from the one "
			                                       "recorded when it was applied");
			return state == STATE_ERROR ? db_status(db) : STATUS_MIGRATION_CHANGED;
		}
	}
	for (size_t i = 0; i < set->count; i++) {
		status = apply_one(db, &set->items[i], &applied, detail);
		if (status != STATUS_OK) {
			*failed = set->items[i].name;
			return status;
		}
		if (applied)
			fprintf(out, "applied %s\n", set->items[i].name);
	}
	return STATUS_OK;
}

/* Prints applied migrations that have no file in `set`. */
static enum status print_unknown(struct db *db, const struct migration_set *set, FILE *out)
{
	PGresult *res =
	        db_exec(db, "SELECT name FROM public.schema_migration ORDER BY name", 0, NULL);

	if (res == NULL)
		return db_status(db);
	for (int row = 0; row < PQntuples(res); row++) {
		const char *name = db_value(res, row, 0);
		bool known = false;

		for (size_t i = 0; i < set->count && !known; i++)
			known = strcmp(set->items[i].name, name) == 0;
		if (!known)
			fprintf(out, "unknown  %s (applied, no such file)\n", name);
	}
	db_result_free(&res);
	return STATUS_OK;
}

enum status migrate_status(struct db *db, const struct migration_set *set, FILE *out)
{
	PGresult *res =
	        db_exec(db, "SELECT to_regclass('public.schema_migration') IS NOT NULL", 0, NULL);
	bool have_table, changed = false;
	char at[64];

	if (res == NULL)
		return db_status(db);
	have_table = strcmp(db_value(res, 0, 0), "t") == 0;
	db_result_free(&res);
	for (size_t i = 0; i < set->count; i++) {
		enum applied_state state = STATE_PENDING;

		if (have_table &&
		    (state = applied_state(db, &set->items[i], at, sizeof at)) == STATE_ERROR)
			return db_status(db);
		if (state == STATE_PENDING)
			fprintf(out, "pending  %s\n", set->items[i].name);
		else if (state == STATE_APPLIED)
			fprintf(out, "applied  %s  %s\n", set->items[i].name, at);
		else
			fprintf(out, "CHANGED  %s  (applied %s; the file differs now)\n",
			        set->items[i].name, at);
		changed = changed || state == STATE_CHANGED;
	}
	if (have_table) {
		enum status status = print_unknown(db, set, out);

		if (status != STATUS_OK)
			return status;
	}
	return changed ? STATUS_MIGRATION_CHANGED : STATUS_OK;
}
