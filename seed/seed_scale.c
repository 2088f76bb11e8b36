/*
 * seed_scale.c - benchmark-scale data for a whole civil service: the command
 * that generates it from one seed and loads it.  Ids are chosen in memory,
 * so every foreign key is known before loading; the load streams COPY in one
 * transaction without per-row triggers, then checks the foreign keys and
 * the validation rules in bulk and moves the identity sequences past the
 * ids.
 *
 * The parts: seed_random (streams), seed_date (days), seed_words (names and
 * lists), seed_model (the service in memory, its shape described there),
 * seed_tables and seed_sections (rows of each table), seed_copy (COPY text).
 */
#include "seed_scale.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin_account.h"
#include "seed_copy.h"
#include "seed_model.h"
#include "seed_tables.h"
#include "xalloc.h"

static const char *const existing_sql =
        "SELECT (SELECT count(*) FROM hr.org), (SELECT count(*) FROM hr.person), "
        "(SELECT string_agg(code, ', ' ORDER BY id) FROM (SELECT id, code FROM hr.org "
        "ORDER BY id LIMIT 4) o), EXISTS (SELECT 1 FROM hr.org WHERE code = 'M001')";

/* Identity sequences continue after the ids chosen here. */
static const char *const sequences_sql =
        "DO $$ DECLARE t text; m bigint; BEGIN "
        "FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND a.attidentity <> '' "
        "  WHERE n.nspname = 'hr' AND c.relkind = 'r' LOOP "
        "  EXECUTE format('SELECT max(id) FROM hr.%I', t) INTO m; "
        "  IF m IS NOT NULL THEN "
        "    PERFORM setval(pg_get_serial_sequence(format('hr.%I', t), 'id'), m); END IF; "
        "END LOOP; END $$";

/* Every foreign key of schema hr, checked in one set-based pass per key
 * (the load skipped the per-row checks). */
static const char *const foreign_keys_sql =
        "DO $$ DECLARE k record; bad bigint; BEGIN "
        "FOR k IN SELECT con.conname, con.conrelid::regclass AS child, "
        "    con.confrelid::regclass AS parent, "
        "    (SELECT string_agg(format('c.%I = p.%I', a.attname, b.attname), ' AND ') "
        "       FROM unnest(con.conkey, con.confkey) u (ck, fk) "
        "       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.ck "
        "       JOIN pg_attribute b ON b.attrelid = con.confrelid AND b.attnum = u.fk) AS cond, "
        "    (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') "
        "       FROM unnest(con.conkey) u (ck) "
        "       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.ck) AS present "
        "  FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
        "  WHERE con.contype = 'f' AND n.nspname = 'hr' ORDER BY 1 LOOP "
        "  EXECUTE format('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS "
        "    (SELECT 1 FROM %s p WHERE %s)', k.child, k.present, k.parent, k.cond) INTO bad; "
        "  IF bad > 0 THEN RAISE EXCEPTION '% rows of % break foreign key %', "
        "    bad, k.child, k.conname; END IF; "
        "END LOOP; END $$";

/* What 008's triggers would have checked row by row: ages at hire 16-80,
 * valid IINs agreeing with birth date and gender; and, more strictly than
 * 010's, no position with more rates assigned over all time than it has.
 * A failure here is a bug in this file. */
static const char *const sanity_sql =
        "SELECT (SELECT count(*) FROM (SELECT position_id, sum(rate) AS total "
        "          FROM hr.assignment GROUP BY position_id) a JOIN hr.position p "
        "          ON p.id = a.position_id WHERE a.total > p.rates) "
        "     + (SELECT count(*) FROM hr.employment e JOIN hr.person p "
        "          ON p.org_id = e.org_id AND p.id = e.person_id "
        "         WHERE e.hire_date < p.birth_date + interval '16 years' "
        "            OR e.hire_date >= p.birth_date + interval '81 years') "
        "     + (SELECT count(*) FROM hr.person p, hr.personal_id_parse('kz_iin', p.personal_id) v "
        "         WHERE v.problem IS NOT NULL OR v.birth <> p.birth_date "
        "            OR v.gender <> p.gender)";

static const char *const scheme_sql = "UPDATE hr.service_setting SET id_scheme = 'kz_iin'";

/* A typical organisation (closest to 100 people) and the largest ministry. */
static const char *const typical_org_sql =
        "SELECT o.code, o.name, count(*) FROM hr.org o JOIN hr.person p ON p.org_id = o.id "
        " WHERE o.kind = 'organisation' GROUP BY o.id ORDER BY abs(count(*) - 100), o.id LIMIT 1";
static const char *const biggest_ministry_sql =
        "SELECT o.code, o.name, count(*) FROM hr.org o JOIN hr.org_closure c ON c.ancestor = o.id "
        " WHERE o.kind = 'ministry' GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1";
static const char *const people_under_sql =
        "SELECT count(*) FROM hr.person p JOIN hr.org_closure c ON c.descendant = p.org_id "
        " JOIN hr.org o ON o.id = c.ancestor WHERE o.code = $1";
static const char *const account_sql =
        "SELECT o.code FROM hr.account a JOIN hr.org o ON o.id = a.org_id WHERE a.role_name = $1";

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void phase(FILE *progress, double since, const char *what, long rows)
{
	if (progress == NULL)
		return;
	if (rows >= 0)
		fprintf(progress, "seed: %-18s %9ld rows %7.1f s\n", what, rows, now_s() - since);
	else
		fprintf(progress, "seed: %-28s %7.1f s\n", what, now_s() - since);
	fflush(progress);
}

/* Runs `sql` on the COPY connection; false (with *detail) when it fails. */
static bool raw_command(PGconn *conn, const char *sql, char **detail)
{
	PGresult *res = PQexec(conn, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		*detail = xasprintf("%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

/* Streams one table; false (with *detail) when the server refused it. */
static bool copy_table(PGconn *conn, const struct seed_service *s, const struct seed_table *t,
                       long *rows, char **detail)
{
	struct seed_copy c;
	PGresult *res = PQexec(conn, t->copy_sql);
	bool ok;

	if (PQresultStatus(res) != PGRES_COPY_IN) {
		*detail = xasprintf("%s: %s", t->copy_sql, PQresultErrorMessage(res));
		PQclear(res);
		return false;
	}
	PQclear(res);
	seed_copy_start(&c, conn);
	seed_tables_emit(t, s, &c);
	ok = seed_copy_finish(&c);
	PQputCopyEnd(conn, ok ? NULL : "the client could not send the data");
	res = PQgetResult(conn);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		*detail = xasprintf("COPY hr.%s: %s", t->name, PQresultErrorMessage(res));
	PQclear(res);
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
	*rows = c.rows;
	return ok;
}

/* The load itself: one transaction on its own connection. */
static bool load(const char *conninfo, const struct seed_service *s, FILE *progress, char **detail)
{
	const char *keys[] = { "dbname", "fallback_application_name", NULL };
	const char *values[] = { conninfo, "hrmis-admin seed", NULL };
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	bool ok = PQstatus(conn) == CONNECTION_OK;

	if (!ok)
		*detail = xasprintf("cannot open the COPY connection: %s", PQerrorMessage(conn));
	/* Replica mode: no per-row triggers (audit, closure, foreign keys) during the load. */
	ok = ok && raw_command(conn, "BEGIN", detail) &&
	     raw_command(conn, "SET LOCAL session_replication_role = replica", detail);
	for (size_t i = 0; ok && i < seed_tables_count; i++) {
		double t0 = now_s();
		long rows = 0;

		ok = copy_table(conn, s, &seed_tables[i], &rows, detail);
		if (ok)
			phase(progress, t0, seed_tables[i].name, rows);
	}
	if (ok) {
		double t0 = now_s();
		ok = raw_command(conn, "COMMIT", detail);
		phase(progress, t0, "commit", -1);
	}
	PQfinish(conn);
	return ok;
}

/* Creates `name` (kind at the org) unless it exists; prints where it is. */
static enum status bench_login(struct db *db, FILE *out, const char *name, const char *kind,
                               const char *code, const char *org_name, const char *people)
{
	const char *params[] = { name };
	PGresult *res = db_exec(db, account_sql, 1, params);
	enum status status = STATUS_OK;

	if (res == NULL)
		return db_status(db);
	if (PQntuples(res) == 0)
		status = admin_account_add(db, name, code, kind);
	else if (strcmp(db_value(res, 0, 0), code) != 0)
		fprintf(out, "note: %s already exists at %s\n", name, db_value(res, 0, 0));
	db_result_free(&res);
	if (status == STATUS_OK)
		fprintf(out, "login %-15s %-8s of %s (%s): %s people\n", name, kind, code, org_name,
		        people);
	return status;
}

static enum status make_logins(struct db *db, FILE *out)
{
	PGresult *org = db_exec(db, typical_org_sql, 0, NULL), *ministry = NULL, *count = NULL;
	enum status status = STATUS_OK;

	if (org == NULL || (ministry = db_exec(db, biggest_ministry_sql, 0, NULL)) == NULL) {
		db_result_free(&org);
		return db_status(db);
	}
	const char *params[] = { db_value(ministry, 0, 0) };
	if ((count = db_exec(db, people_under_sql, 1, params)) == NULL)
		status = db_status(db);
	if (status == STATUS_OK)
		status = bench_login(db, out, "bench_clerk", "clerk", db_value(org, 0, 0),
		                     db_value(org, 0, 1), db_value(org, 0, 2));
	if (status == STATUS_OK)
		status = bench_login(db, out, "bench_head", "head", db_value(org, 0, 0),
		                     db_value(org, 0, 1), db_value(org, 0, 2));
	if (status == STATUS_OK) {
		char *people = xasprintf("%s organisations, %s", db_value(ministry, 0, 2),
		                         db_value(count, 0, 0));
		status = bench_login(db, out, "bench_ministry", "ministry",
		                     db_value(ministry, 0, 0), db_value(ministry, 0, 1), people);
		free(people);
	}
	db_result_free(&org);
	db_result_free(&ministry);
	db_result_free(&count);
	return status;
}

/* Everything after the load; safe to repeat. */
static enum status finish(struct db *db, FILE *out, FILE *progress, char **detail)
{
	double t0 = now_s();
	PGresult *res;
	enum status status;

	if ((status = db_command(db, scheme_sql, 0, NULL)) != STATUS_OK ||
	    (status = db_command(db, sequences_sql, 0, NULL)) != STATUS_OK)
		return status;
	phase(progress, t0, "id scheme, sequences", -1);
	t0 = now_s();
	if ((status = db_command(db, foreign_keys_sql, 0, NULL)) != STATUS_OK)
		return status;
	if ((res = db_exec(db, sanity_sql, 0, NULL)) == NULL)
		return db_status(db);
	if (strcmp(db_value(res, 0, 0), "0") != 0) {
		*detail = xasprintf("%s rows break the rules of 008_validation.sql (age at hire, "
		                    "IIN) or 010_structure.sql (rates)",
		                    db_value(res, 0, 0));
		db_result_free(&res);
		return STATUS_DB_INVALID;
	}
	db_result_free(&res);
	phase(progress, t0, "foreign keys, IINs checked", -1);
	t0 = now_s();
	/* What autovacuum would soon do after the inserts: statistics, and the
	 * visibility map that index-only scans need. */
	if ((status = db_command(db, "VACUUM (ANALYZE)", 0, NULL)) != STATUS_OK)
		return status;
	phase(progress, t0, "vacuum, analyze", -1);
	return make_logins(db, out);
}

enum status seed_scale(struct db *db, const char *conninfo, const struct seed_scale_options *opt,
                       FILE *out, FILE *progress, bool *already_loaded, char **detail)
{
	struct seed_service s = { .seed = opt->seed,
		                  .n_orgs = opt->orgs,
		                  .n_people = opt->employees };
	double start = now_s(), t0;
	PGresult *res;
	enum status status;

	*already_loaded = false;
	*detail = NULL;
	if (opt->orgs < 3 || opt->orgs > 100000 || opt->employees < opt->orgs ||
	    opt->employees > 20000000) {
		*detail = xasprintf("--orgs must be 3-100000 and --employees at least --orgs "
		                    "(at most 20000000)");
		return STATUS_USAGE;
	}
	s.n_ministries = opt->orgs / 20 > 0 ? opt->orgs / 20 : 1;
	if ((res = db_exec(db, existing_sql, 0, NULL)) == NULL)
		return db_status(db);
	long orgs = atol(db_value(res, 0, 0)), people = atol(db_value(res, 0, 1));
	if (orgs > 0) {
		bool same = orgs == opt->orgs && people == opt->employees &&
		            strcmp(db_value(res, 0, 3), "t") == 0;
		if (!same)
			*detail = xasprintf(
			        "the database already holds %ld organisations (%s ...) and "
			        "%ld people; seed --orgs needs an empty migrated database and "
			        "does not mix with other data, such as seed --demo",
			        orgs, db_value(res, 0, 2), people);
		db_result_free(&res);
		if (!same)
			return STATUS_DB_DUPLICATE;
		*already_loaded = true;
		return finish(db, out, progress, detail);
	}
	db_result_free(&res);

	t0 = now_s();
	seed_model_build(&s);
	if (progress != NULL)
		fprintf(progress,
		        "seed: generated %d organisations, %d departments, %d positions, %ld "
		        "people (seed %llu)\n",
		        s.n_orgs, s.n_depts, s.n_positions, s.n_people, (unsigned long long)s.seed);
	phase(progress, t0, "generate", -1);
	if (!load(conninfo, &s, progress, detail)) {
		seed_model_free(&s);
		return STATUS_DB_ERROR;
	}
	seed_model_free(&s);
	status = finish(db, out, progress, detail);
	if (progress != NULL && status == STATUS_OK)
		fprintf(progress, "seed: done in %.1f s\n", now_s() - start);
	return status;
}
